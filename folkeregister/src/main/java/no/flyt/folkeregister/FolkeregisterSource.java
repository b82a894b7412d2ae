package no.flyt.folkeregister;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import no.flyt.folkeregister.baseline.BaselineImport;
import no.flyt.folkeregister.client.FolkeregisterClient;
import no.flyt.folkeregister.client.TokenSource;
import no.flyt.folkeregister.connect.ConnectWorker;
import no.flyt.folkeregister.fake.FakeFolkeregister;
import no.flyt.folkeregister.fake.FeedFiles;
import no.flyt.folkeregister.feed.Pseudonyms;

/**
 * flyt fed from a Folkeregister feed on this machine, the way {@code flyt run --source folkeregister} and the tests do
 * it: the register's extract published as the baseline, then a Kafka Connect worker (distributed mode, exactly-once
 * source support) running the Folkeregister source connector against the feed.
 */
public final class FolkeregisterSource implements AutoCloseable {

    /** The connector's name on the worker. */
    public static final String CONNECTOR = "folkeregister-source";

    /** Where to write and how; {@code connectGroup} also names the worker's config, offset and status topics. */
    public record Settings(String bootstrapServers, String schemaRegistryUrl, String registerEventsTopic, String baselineTopic,
                           String deadLetterTopic, String connectGroup, String pseudonymSecret, int restPort, Path workDir) {
    }

    private final ConnectWorker worker;

    private FolkeregisterSource(ConnectWorker worker) {
        this.worker = worker;
    }

    /**
     * Publishes the extract of {@code files} as the baseline (with the side input the fake serves) and starts the
     * worker and the connector reading the fake's feed from sequence number 1.
     */
    public static FolkeregisterSource start(FakeFolkeregister fake, FeedFiles files, Settings s) throws IOException, InterruptedException {
        Properties producer = new Properties();
        producer.put("bootstrap.servers", s.bootstrapServers());
        producer.put("schema.registry.url", s.schemaRegistryUrl());
        HttpClient http = HttpClient.newHttpClient();
        FolkeregisterClient attributes = new FolkeregisterClient(http, URI.create(fake.apiUrl()), URI.create(fake.attributesUrl()),
            TokenSource.clientCredentials(http, URI.create(fake.tokenUrl()), FakeFolkeregister.CLIENT_ID, FakeFolkeregister.CLIENT_SECRET,
                null), Duration.ofMinutes(1), Duration.ofSeconds(5), d -> {
                    Thread.sleep(d.toMillis());
                    return true;
                });
        BaselineImport.run(files.extract(), new Pseudonyms(s.pseudonymSecret()), attributes, producer, s.baselineTopic());
        return startWorker(fake, s);
    }

    /** Starts (again) the worker and the connector, without the baseline: a restarted worker goes on from its offset. */
    public static FolkeregisterSource startWorker(FakeFolkeregister fake, Settings s) {
        ConnectWorker worker = ConnectWorker.start(ConnectWorker.workerProperties(s.bootstrapServers(), s.connectGroup(), (short) 1,
            s.restPort()), s.workDir());
        try {
            worker.putConnector(CONNECTOR, connectorConfig(fake, s));
            return new FolkeregisterSource(worker);
        } catch (RuntimeException e) {
            worker.close();
            throw e;
        }
    }

    /** The connector's configuration for the fake feed (client credentials, the side input of attributes). */
    public static Map<String, String> connectorConfig(FakeFolkeregister fake, Settings s) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("connector.class", "no.flyt.folkeregister.connect.FolkeregisterSourceConnector");
        c.put("tasks.max", "1");
        c.put("exactly.once.support", "required");
        c.put("folkeregister.url", fake.apiUrl());
        c.put("token.url", fake.tokenUrl());
        c.put("token.grant", "client-credentials");
        c.put("client.id", FakeFolkeregister.CLIENT_ID);
        c.put("client.secret", FakeFolkeregister.CLIENT_SECRET);
        c.put("attributes.url", fake.attributesUrl());
        c.put("start.sequence", "1");
        c.put("pseudonym.secret", s.pseudonymSecret());
        c.put("topic", s.registerEventsTopic());
        c.put("dead.letter.topic", s.deadLetterTopic());
        c.put("schema.registry.url", s.schemaRegistryUrl());
        c.put("poll.interval.ms", "500");
        return c;
    }

    public ConnectWorker worker() {
        return worker;
    }

    @Override
    public void close() {
        worker.close();
    }
}
