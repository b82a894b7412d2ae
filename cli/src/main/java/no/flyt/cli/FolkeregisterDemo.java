package no.flyt.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import no.flyt.folkeregister.FolkeregisterSource;
import no.flyt.folkeregister.fake.FakeFolkeregister;
import no.flyt.folkeregister.fake.FeedFiles;
import no.flyt.folkeregister.fake.FeedWriter;
import no.flyt.streams.config.FlytTopics;

/**
 * {@code flyt run --source folkeregister}: the event set served as the Folkeregister's feed by the fake, the extract
 * published as the baseline, and the feed read into flyt's topics by the source connector on a Kafka Connect worker.
 * The fake and the worker keep running until closed, so events appended later would be read too.
 */
final class FolkeregisterDemo implements AutoCloseable {

    /** The worker's group (and the prefix of its internal topics). */
    static final String CONNECT_GROUP = "flyt-connect";

    private FakeFolkeregister fake;
    private FolkeregisterSource source;

    void read(ConnectionOptions connection, Path eventSet, Path home, int connectPort, PrintWriter out, PrintWriter progress)
        throws IOException, InterruptedException {
        FeedFiles files = FeedFiles.of(eventSet);
        if (!Files.exists(files.feed())) {
            files = new FeedFiles(eventSet.resolve(FeedFiles.SUBDIRECTORY));
            out.println("Writing " + eventSet + " in the Folkeregister feed's shape into " + files.directory() + " ...");
            out.flush();
            FeedWriter.write(eventSet, files.directory());
        }
        fake = FakeFolkeregister.start(files, 0);
        FlytTopics topics = connection.topics();
        FolkeregisterSource.Settings settings = new FolkeregisterSource.Settings(connection.bootstrapServers, connection.schemaRegistryUrl,
            topics.registerEvents().name(), topics.baselinePersons().name(), connection.topicPrefix + "flyt.folkeregister.dead-letters.v1",
            connection.topicPrefix + CONNECT_GROUP, pseudonymSecret(home), connectPort, home.resolve("connect"));
        out.println("Fake Folkeregister      " + fake.apiUrl() + "/v1/hendelser/feed?seq=1 (" + String.format(Locale.ROOT, "%,d", fake.lastSequence())
            + " feed entries; token " + fake.tokenUrl() + ")");
        out.println("Publishing the register's extract as the baseline, then starting the Kafka Connect worker ...");
        out.flush();
        source = FolkeregisterSource.start(fake, files, settings);
        out.println("Kafka Connect           " + source.worker().restUrl() + "connectors/" + FolkeregisterSource.CONNECTOR + "/status (log "
            + source.worker().logFile() + ")");
        out.flush();
        ProgressLine line = new ProgressLine(progress);
        long last = fake.lastSequence();
        fake.awaitReadToEnd(Duration.ofHours(2), n -> line.show(String.format(Locale.ROOT, "feed %s %3.0f%% sequence number %,d of %,d",
            ProgressLine.bar((double) n / last), 100.0 * n / last, n, last), false));
        line.show(String.format(Locale.ROOT, "feed read to its end: %,d entries", last), true);
        out.println("Feed read; waiting for the streams app to absorb it ...");
    }

    /**
     * The secret of the person pseudonyms, kept with the data: the same person must get the same id on every run over
     * the same topics. {@code FLYT_PSEUDONYM_SECRET} wins when set.
     */
    static String pseudonymSecret(Path home) throws IOException {
        String fromEnvironment = System.getenv("FLYT_PSEUDONYM_SECRET");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        Path file = home.resolve("folkeregister-pseudonym.secret");
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(key);
        Files.createDirectories(home);
        Files.writeString(file, secret, StandardCharsets.UTF_8);
        return secret;
    }

    @Override
    public void close() throws IOException {
        if (source != null) {
            source.close();
        }
        if (fake != null) {
            fake.close();
        }
    }
}
