package no.flyt.embedded;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft Kafka broker (combined broker and controller) running as a child JVM on
 * 127.0.0.1, started from the Kafka jars in the local Maven repository.
 *
 * <p>Its data directory holds {@code server.properties}, the log file {@code broker.log} and the Kafka log
 * directory {@code kafka-logs}. Data and cluster id survive restarts unless the settings ask for a fresh start.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    static final String LOG_DIR_NAME = "kafka-logs";
    static final String LOG_FILE_NAME = "broker.log";
    static final String CONFIG_FILE_NAME = "server.properties";
    static final String FORMAT_LOG_FILE_NAME = "storage-format.log";

    private static final int NODE_ID = 1;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(200);
    private static final String PROBE_TOPIC = "flyt-readiness-probe";

    private final BrokerSettings settings;
    private final ChildProcess process;
    private final DirectoryLock lock;

    private EmbeddedKafkaBroker(BrokerSettings settings, ChildProcess process, DirectoryLock lock) {
        this.settings = settings;
        this.process = process;
        this.lock = lock;
    }

    /**
     * Formats the storage if it is new (or {@code fresh} is set), launches the broker and waits until it
     * answers metadata requests and its controller accepts a topic creation (validate-only).
     *
     * @throws EmbeddedStackException if a port is taken, the jars are missing or the broker does not start
     */
    public static EmbeddedKafkaBroker start(BrokerSettings settings) {
        settings.requirePortsFree();
        List<Path> classpath = BuildArtifacts.brokerClasspath();
        Path dataDir = settings.dataDir().toAbsolutePath();
        DirectoryLock lock = DirectoryLock.acquire(dataDir, "Kafka broker");
        try {
            return launch(settings, dataDir, classpath, lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static EmbeddedKafkaBroker launch(BrokerSettings settings, Path dataDir, List<Path> classpath, DirectoryLock lock) {
        long startNanos = System.nanoTime();
        String classpathArg = classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        Path config = prepareStorage(settings, dataDir, classpathArg);
        List<String> args = List.of(
                "-Xmx" + settings.maxHeap(),
                "-Djava.awt.headless=true",
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd HH:mm:ss.SSS",
                "-cp", classpathArg,
                "kafka.Kafka", config.toString());
        ChildProcess process = ChildProcess.start("Kafka broker", args, dataDir, dataDir.resolve(LOG_FILE_NAME), STOP_GRACE);
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(settings, process, lock);
        try {
            broker.awaitReady();
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        log.info("Kafka broker ready on {} after {} ms (pid {}, data {}, log {})", broker.bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), process.pid(), dataDir, process.logFile());
        return broker;
    }

    /** Writes server.properties and formats the log directory unless it holds a formatted one to keep. */
    private static Path prepareStorage(BrokerSettings settings, Path dataDir, String classpath) {
        Path logDir = dataDir.resolve(LOG_DIR_NAME);
        try {
            if (settings.fresh()) {
                Directories.deleteRecursively(logDir);
            }
            Files.createDirectories(logDir);
            Path config = writeServerProperties(settings, dataDir, logDir);
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                formatStorage(classpath, config, dataDir);
            }
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare the Kafka broker's data directory " + dataDir, e);
        }
    }

    /** The value for {@code bootstrap.servers}: {@code 127.0.0.1:PORT}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + settings.port();
    }

    public BrokerSettings settings() {
        return settings;
    }

    /** The broker's stdout and stderr (its SLF4J log). */
    public Path logFile() {
        return process.logFile();
    }

    /** The broker process, e.g. to check that it is gone after {@link #close()}. */
    public ProcessHandle process() {
        return process.handle();
    }

    /** Stops the broker: SIGTERM for an orderly shutdown, then a kill if it takes longer than 30 s. */
    @Override
    public void close() {
        try {
            process.close();
        } finally {
            lock.close();
        }
    }

    static Path writeServerProperties(BrokerSettings settings, Path dataDir, Path logDir) throws IOException {
        String broker = "127.0.0.1:" + settings.port();
        String controller = "127.0.0.1:" + settings.controllerPort();
        Properties props = new Properties();
        props.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", String.valueOf(NODE_ID)),
                // A static quorum keeps no endpoints in the metadata log, so the ports may change between runs.
                Map.entry("controller.quorum.voters", NODE_ID + "@" + controller),
                Map.entry("listeners", "PLAINTEXT://" + broker + ",CONTROLLER://" + controller),
                Map.entry("advertised.listeners", "PLAINTEXT://" + broker + ",CONTROLLER://" + controller),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT"),
                Map.entry("log.dirs", logDir.toString()),
                // One node: internal topics cannot have more than one replica.
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0")));
        Path config = dataDir.resolve(CONFIG_FILE_NAME);
        try (Writer out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            props.store(out, "Written by flyt on every start of the embedded Kafka broker");
        }
        return config;
    }

    private static void formatStorage(String classpath, Path config, Path dataDir) {
        String clusterId = Uuid.randomUuid().toString();
        Path formatLog = dataDir.resolve(FORMAT_LOG_FILE_NAME);
        List<String> args = List.of("-Xmx256m", "-cp", classpath,
                "kafka.tools.StorageTool", "format", "--cluster-id", clusterId, "--config", config.toString());
        try (ChildProcess format = ChildProcess.start("Kafka storage format", args, dataDir, formatLog, Duration.ofSeconds(5))) {
            if (!format.awaitExit(FORMAT_TIMEOUT)) {
                throw new EmbeddedStackException("Formatting the Kafka storage in " + dataDir + " did not finish within "
                        + FORMAT_TIMEOUT.toSeconds() + " s; see " + formatLog);
            }
            if (format.exitValue() != 0) {
                throw new EmbeddedStackException("Formatting the Kafka storage in " + dataDir + " failed (exit code "
                        + format.exitValue() + "); see " + formatLog + ":" + System.lineSeparator() + LogTail.explain(formatLog));
            }
        }
        log.info("Formatted new Kafka storage in {} with cluster id {}", dataDir, clusterId);
    }

    private void awaitReady() {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "flyt-embedded-readiness");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) PROBE_TIMEOUT.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) PROBE_TIMEOUT.toMillis());
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Exception lastFailure = null;
        Admin admin = null;
        try {
            while (true) {
                if (!process.isAlive()) {
                    throw new EmbeddedStackException("The Kafka broker exited during start (exit code " + process.exitValue()
                            + "); see its log " + logFile() + ":" + System.lineSeparator() + LogTail.explain(logFile()));
                }
                try {
                    // An admin client would log a warning for every refused connection until the broker listens.
                    if (admin == null && acceptsConnections()) {
                        admin = Admin.create(config);
                    }
                    if (admin != null && answersMetadataAndCreateTopics(admin)) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    lastFailure = e;
                }
                if (System.nanoTime() > deadline) {
                    throw new EmbeddedStackException("The Kafka broker on " + bootstrapServers() + " did not become ready within "
                            + START_TIMEOUT.toSeconds() + " s; see its log " + logFile(), lastFailure);
                }
                Thread.sleep(PROBE_INTERVAL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedStackException("Interrupted while waiting for the Kafka broker to start", e);
        } finally {
            if (admin != null) {
                admin.close(Duration.ofSeconds(1));
            }
        }
    }

    private boolean acceptsConnections() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(Ports.LOOPBACK, settings.port()), (int) PROBE_TIMEOUT.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean answersMetadataAndCreateTopics(Admin admin)
            throws InterruptedException, ExecutionException, TimeoutException {
        long timeoutMs = PROBE_TIMEOUT.toMillis();
        // Only registered, unfenced brokers are in the metadata.
        Collection<Node> nodes = admin.describeCluster().nodes().get(timeoutMs, TimeUnit.MILLISECONDS);
        if (nodes.isEmpty()) {
            return false;
        }
        try {
            admin.createTopics(List.of(new NewTopic(PROBE_TOPIC, 1, (short) 1)), new CreateTopicsOptions().validateOnly(true))
                    .all().get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "EmbeddedKafkaBroker[" + bootstrapServers() + ", " + process + "]";
    }
}
