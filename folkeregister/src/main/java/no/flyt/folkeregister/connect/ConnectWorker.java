package no.flyt.folkeregister.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import no.flyt.embedded.ChildProcess;
import no.flyt.embedded.Ports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka Connect worker in distributed mode, run by Kafka's own {@code ConnectDistributed} in a JVM of its own (a
 * child of this one, stopped with it), with the Folkeregister connector on its classpath. Distributed, because
 * exactly-once source support (KIP-618) exists for distributed workers only; one worker is a cluster of one. A JVM
 * of its own, because Connect's REST server runs on Jetty 12 and flyt's query API on Javalin's Jetty 11.
 *
 * <p>The worker stores connector configurations, offsets and status in three topics named after {@code groupId};
 * a worker started again with the same group id and topics goes on where the previous one committed.
 */
public final class ConnectWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConnectWorker.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final ChildProcess process;
    private final URI rest;
    private final HttpClient http = HttpClient.newHttpClient();

    private ConnectWorker(ChildProcess process, URI rest) {
        this.process = process;
        this.rest = rest;
    }

    /**
     * The worker's settings for flyt: string keys, values passed through as bytes (the connector writes them with
     * flyt's serde), exactly-once source support, internal topics of replication factor {@code replication}.
     */
    public static Properties workerProperties(String bootstrapServers, String groupId, short replication, int restPort) {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", bootstrapServers);
        p.setProperty("group.id", groupId);
        p.setProperty("config.storage.topic", groupId + ".configs");
        p.setProperty("offset.storage.topic", groupId + ".offsets");
        p.setProperty("status.storage.topic", groupId + ".status");
        p.setProperty("config.storage.replication.factor", String.valueOf(replication));
        p.setProperty("offset.storage.replication.factor", String.valueOf(replication));
        p.setProperty("status.storage.replication.factor", String.valueOf(replication));
        p.setProperty("offset.storage.partitions", "5");
        p.setProperty("status.storage.partitions", "1");
        p.setProperty("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        p.setProperty("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        p.setProperty("header.converter", "org.apache.kafka.connect.storage.SimpleHeaderConverter");
        p.setProperty("exactly.once.source.support", "enabled");
        p.setProperty("listeners", "http://127.0.0.1:" + restPort);
        p.setProperty("rest.advertised.host.name", "127.0.0.1");
        p.setProperty("rest.advertised.port", String.valueOf(restPort));
        // a worker that comes back gets its task at once, not after the default five minutes
        p.setProperty("scheduled.rebalance.max.delay.ms", "0");
        p.setProperty("plugin.discovery", "service_load");
        p.setProperty("offset.flush.interval.ms", "1000");
        return p;
    }

    /** Starts a worker with {@code properties} (see {@link #workerProperties}) and waits until its REST API answers. */
    public static ConnectWorker start(Properties properties, Path workDir) {
        String listener = properties.getProperty("listeners");
        int port = Integer.parseInt(listener.substring(listener.lastIndexOf(':') + 1));
        Ports.requireFree(port, "Kafka Connect REST API");
        try {
            Files.createDirectories(workDir);
            Path config = workDir.resolve("connect-distributed.properties");
            try (Writer out = Files.newBufferedWriter(config)) {
                properties.store(out, "Kafka Connect worker for the Folkeregister source connector");
            }
            List<String> args = new ArrayList<>(List.of("-Xmx768m", "-Djava.awt.headless=true",
                "-Dorg.slf4j.simpleLogger.showDateTime=true", "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd HH:mm:ss.SSS",
                "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.clients=warn",
                "-cp", classpath(), "org.apache.kafka.connect.cli.ConnectDistributed", config.toString()));
            ChildProcess process = ChildProcess.start("Kafka Connect worker", args, workDir, workDir.resolve("connect.log"), STOP_GRACE);
            ConnectWorker worker = new ConnectWorker(process, URI.create("http://127.0.0.1:" + port + "/"));
            try {
                worker.awaitReady();
            } catch (RuntimeException e) {
                worker.close();
                throw e;
            }
            return worker;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the Kafka Connect worker in " + workDir, e);
        }
    }

    /** Kafka Connect's runtime and the connector: this module's runtime classpath (written by the build) and its classes. */
    static String classpath() throws IOException {
        List<String> entries = new ArrayList<>();
        entries.add(resource("connector.location").trim());
        Arrays.stream(resource("worker.classpath").split(File.pathSeparator)).map(String::trim).filter(s -> !s.isEmpty())
            .forEach(entries::add);
        List<String> missing = entries.stream().filter(e -> !Files.exists(Path.of(e))).collect(Collectors.toList());
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the Kafka Connect worker's classpath is incomplete (missing " + missing.get(0)
                + (missing.size() > 1 ? " and " + (missing.size() - 1) + " more" : "") + "): build flyt in its source tree (./mvnw package -DskipTests)");
        }
        return String.join(File.pathSeparator, entries);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ConnectWorker.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource no/flyt/folkeregister/connect/" + name + " is missing: it is written by the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Kafka Connect worker exited at start; see " + process.logFile());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(rest.resolve("connectors")).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    log.info("Kafka Connect worker ready at {} (pid {}, log {})", rest, process.pid(), process.logFile());
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the Kafka Connect worker", e);
            }
            sleep(250);
        }
        throw new IllegalStateException("the Kafka Connect worker did not answer within " + START_TIMEOUT.toSeconds() + " s; see " + process.logFile());
    }

    /** Creates or updates a connector (PUT /connectors/{name}/config) and waits until it and its task run. */
    public void putConnector(String name, Map<String, String> config) {
        send("PUT", "connectors/" + name + "/config", JSON.valueToTree(config).toString(), 200, 201);
        awaitRunning(name, START_TIMEOUT);
    }

    /** Waits until the connector and all its tasks are RUNNING; fails at once when one has FAILED. */
    public void awaitRunning(String name, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            JsonNode status = status(name);
            if (status != null) {
                last = status.toString();
                if (status.toString().contains("\"FAILED\"")) {
                    throw new IllegalStateException("connector " + name + " failed: " + last);
                }
                JsonNode tasks = status.path("tasks");
                boolean running = "RUNNING".equals(status.path("connector").path("state").asText()) && tasks.size() > 0;
                for (JsonNode task : tasks) {
                    running &= "RUNNING".equals(task.path("state").asText());
                }
                if (running) {
                    return;
                }
            }
            sleep(250);
        }
        throw new IllegalStateException("connector " + name + " not running after " + timeout.toSeconds() + " s: " + last);
    }

    /** GET /connectors/{name}/status, or null when the worker does not know the connector (yet). */
    public JsonNode status(String name) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(rest.resolve("connectors/" + name + "/status"))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public void deleteConnector(String name) {
        send("DELETE", "connectors/" + name, null, 200, 204, 404);
    }

    private String send(String method, String path, String body, int... ok) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(rest.resolve(path)).timeout(Duration.ofSeconds(90))
                .header("Content-Type", "application/json");
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            for (int status : ok) {
                if (r.statusCode() == status) {
                    return r.body();
                }
            }
            throw new IllegalStateException(method + " " + rest.resolve(path) + " answered " + r.statusCode() + ": " + r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + rest.resolve(path) + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI restUrl() {
        return rest;
    }

    public Path logFile() {
        return process.logFile();
    }

    /** The worker process, e.g. to kill it outright in a test of what a crash leaves. */
    public ProcessHandle process() {
        return process.handle();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Stops the worker (SIGTERM: it stops its tasks and commits what they have sent). */
    @Override
    public void close() {
        process.close();
    }
}
