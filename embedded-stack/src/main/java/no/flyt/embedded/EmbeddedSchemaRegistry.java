package no.flyt.embedded;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apicurio Registry running as a child JVM on 127.0.0.1, serving the Confluent Schema Registry API under
 * {@code /apis/ccompat/v7} with BACKWARD compatibility. Schemas are kept in an H2 database in the work dir, so
 * they survive a restart with the same work dir (as the broker's topics do).
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);

    static final String LOG_FILE_NAME = "registry.log";
    static final String CONFLUENT_API_PATH = "/apis/ccompat/v7";
    static final String APICURIO_API_PATH = "/apis/registry/v2";
    static final String COMPATIBILITY = "BACKWARD";
    /** Directory under the work dir holding the registry's database; delete it for a fresh registry. */
    public static final String STORAGE_DIR = "storage";

    private static final String SCHEMA_REGISTRY_JSON = "application/vnd.schemaregistry.v1+json";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(200);

    private final RegistrySettings settings;
    private final ChildProcess process;
    private final DirectoryLock lock;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(REQUEST_TIMEOUT)
            .build();

    private EmbeddedSchemaRegistry(RegistrySettings settings, ChildProcess process, DirectoryLock lock) {
        this.settings = settings;
        this.process = process;
        this.lock = lock;
    }

    /**
     * Unpacks the registry on first use, launches it, waits until the Confluent-compatible API answers and
     * sets the global compatibility level to BACKWARD.
     *
     * @throws EmbeddedStackException if the port is taken, the zip is missing or the registry does not start
     */
    public static EmbeddedSchemaRegistry start(RegistrySettings settings) {
        settings.requirePortFree();
        Path runnerJar = RegistryDistribution.runnerJar(BuildArtifacts.registryZip());
        Path workDir = settings.workDir().toAbsolutePath();
        DirectoryLock lock = DirectoryLock.acquire(workDir, "schema registry");
        try {
            return launch(settings, workDir, runnerJar, lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static EmbeddedSchemaRegistry launch(RegistrySettings settings, Path workDir, Path runnerJar, DirectoryLock lock) {
        long startNanos = System.nanoTime();
        List<String> args = List.of(
                "-Xmx512m",
                // A small, lightly used service: start fast and use few threads.
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + settings.port(),
                // Vert.x's file cache would otherwise go to /tmp/vertx-cache, shared with every other user.
                "-Dquarkus.vertx.cache-directory=" + workDir.resolve("vertx-cache"),
                // Schemas live in an H2 file in the work dir, not in memory: topics kept across restarts carry
                // schema ids that must still resolve to the same schemas.
                "-DREGISTRY_DATASOURCE_URL=jdbc:h2:file:" + workDir.resolve(STORAGE_DIR).resolve("registry"),
                "-jar", runnerJar.toString());
        ChildProcess process = ChildProcess.start("schema registry", args, workDir, workDir.resolve(LOG_FILE_NAME), STOP_GRACE);
        EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(settings, process, lock);
        try {
            registry.awaitReady();
            registry.setGlobalCompatibility(COMPATIBILITY);
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
        log.info("Schema registry ready on {} after {} ms (pid {}, log {})", registry.confluentUrl(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), process.pid(), process.logFile());
        return registry;
    }

    /** The Confluent-compatible API, the value for {@code schema.registry.url}. */
    public String confluentUrl() {
        return baseUrl() + CONFLUENT_API_PATH;
    }

    /** Apicurio's own v2 REST API, for Apicurio's serdes ({@code apicurio.registry.url}). */
    public String apicurioApiUrl() {
        return baseUrl() + APICURIO_API_PATH;
    }

    public RegistrySettings settings() {
        return settings;
    }

    /** The registry's stdout and stderr. */
    public Path logFile() {
        return process.logFile();
    }

    /** The registry process, e.g. to check that it is gone after {@link #close()}. */
    public ProcessHandle process() {
        return process.handle();
    }

    /** Stops the registry: SIGTERM, then a kill if it takes longer than 20 s. Its schemas stay in the work dir. */
    @Override
    public void close() {
        try {
            process.close();
        } finally {
            lock.close();
        }
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + settings.port();
    }

    private void awaitReady() {
        HttpRequest probe = HttpRequest.newBuilder(URI.create(confluentUrl() + "/subjects"))
                .timeout(REQUEST_TIMEOUT)
                .GET()
                .build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String lastFailure = "no answer";
        try {
            while (true) {
                if (!process.isAlive()) {
                    throw new EmbeddedStackException("The schema registry exited during start (exit code " + process.exitValue()
                            + "); see its log " + logFile() + ":" + System.lineSeparator() + LogTail.explain(logFile()));
                }
                try {
                    HttpResponse<String> response = http.send(probe, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200) {
                        return;
                    }
                    lastFailure = "HTTP " + response.statusCode() + " " + response.body();
                } catch (IOException e) {
                    lastFailure = e.toString();
                }
                if (System.nanoTime() > deadline) {
                    throw new EmbeddedStackException("The schema registry did not answer on " + probe.uri() + " within "
                            + START_TIMEOUT.toSeconds() + " s (last: " + lastFailure + "); see its log " + logFile());
                }
                Thread.sleep(PROBE_INTERVAL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedStackException("Interrupted while waiting for the schema registry to start", e);
        }
    }

    private void setGlobalCompatibility(String level) {
        // Apicurio's default is NONE; Confluent's is BACKWARD, which the pipeline's schema evolution relies on.
        HttpRequest request = HttpRequest.newBuilder(URI.create(confluentUrl() + "/config"))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", SCHEMA_REGISTRY_JSON)
                .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"" + level + "\"}"))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 || !response.body().contains(level)) {
                throw new EmbeddedStackException("The schema registry refused compatibility " + level + ": HTTP "
                        + response.statusCode() + " " + response.body() + "; see its log " + logFile());
            }
        } catch (IOException e) {
            throw new EmbeddedStackException("Could not set the schema registry's compatibility to " + level
                    + "; see its log " + logFile(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedStackException("Interrupted while configuring the schema registry", e);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedSchemaRegistry[" + confluentUrl() + ", " + process + "]";
    }
}
