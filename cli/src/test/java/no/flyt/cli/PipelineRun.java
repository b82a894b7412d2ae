package no.flyt.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import no.flyt.aggregates.RegionFlows;
import no.flyt.embedded.Ports;
import no.flyt.producers.replay.ReplayOptions;
import no.flyt.streams.FlytStreamsApp;
import no.flyt.streams.config.CatchUp;
import no.flyt.streams.config.FlytTopics;
import no.flyt.streams.config.TopicSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass of the whole pipeline against a given Kafka cluster and schema registry, the way {@code flyt run} does
 * it: flyt's topics (under a prefix of its own) with the reference data, the streams app with its query API under an
 * application id of its own, a replay of an event set, and a wait until the app has absorbed all of it. Several runs
 * share one cluster without seeing each other.
 */
final class PipelineRun implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PipelineRun.class);
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(5);

    private final ConnectionOptions connection;
    private final FlytTopics topics;
    private final String applicationId;
    private final FlytStreamsApp app;
    private final FlowsApi api;
    private EventSetReplayer.Summary replay;

    private PipelineRun(ConnectionOptions connection, String applicationId, FlytStreamsApp app) {
        this.connection = connection;
        this.topics = connection.topics();
        this.applicationId = applicationId;
        this.app = app;
        this.api = new FlowsApi(app.api().port());
    }

    /**
     * Creates fresh topics, publishes the reference data, starts the streams app, replays {@code eventSet} with
     * {@code options} and returns once the app has absorbed every event.
     */
    static PipelineRun start(String bootstrapServers, String schemaRegistryUrl, Path eventSet, Path stateDir, ReplayOptions options)
        throws Exception {
        return start(bootstrapServers, schemaRegistryUrl, eventSet, stateDir, options, null);
    }

    /** As {@link #start(String, String, Path, Path, ReplayOptions)}, with Kafka Streams properties from {@code configFile}. */
    static PipelineRun start(String bootstrapServers, String schemaRegistryUrl, Path eventSet, Path stateDir, ReplayOptions options,
                             Path configFile) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        ConnectionOptions connection = connection(bootstrapServers, schemaRegistryUrl, "e2e-" + suffix + ".", configFile);
        SetupCommand.setUp(connection, (short) 1);

        String applicationId = "flyt-e2e-" + suffix;
        PipelineRun run = new PipelineRun(connection, applicationId, startApp(connection, applicationId, stateDir));
        try {
            run.replayAndAwaitCatchUp(eventSet, options);
            return run;
        } catch (Exception | Error e) {
            run.close();
            throw e;
        }
    }

    /**
     * Creates fresh topics, publishes the reference data and starts the streams app, replaying nothing: for runs whose
     * input comes another way (the Folkeregister connector), followed by {@link #awaitCatchUp()}.
     */
    static PipelineRun startWithoutReplay(String bootstrapServers, String schemaRegistryUrl, Path stateDir) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        ConnectionOptions connection = connection(bootstrapServers, schemaRegistryUrl, "e2e-" + suffix + ".", null);
        SetupCommand.setUp(connection, (short) 1);
        String applicationId = "flyt-e2e-" + suffix;
        return new PipelineRun(connection, applicationId, startApp(connection, applicationId, stateDir));
    }

    ConnectionOptions connection() {
        return connection;
    }

    /**
     * Stops this run's streams app (cleanly: it commits) and starts it again, same application id and topics, on
     * {@code stateDir} and with the properties of {@code configFile} (null: none). Returns at once: what the new
     * instance restores and forwards is for the caller to wait for.
     */
    PipelineRun restart(Path stateDir, Path configFile) {
        app.close();
        ConnectionOptions again = connection(connection.bootstrapServers, connection.schemaRegistryUrl, connection.topicPrefix, configFile);
        return new PipelineRun(again, applicationId, startApp(again, applicationId, stateDir));
    }

    private static ConnectionOptions connection(String bootstrapServers, String schemaRegistryUrl, String topicPrefix, Path configFile) {
        ConnectionOptions connection = new ConnectionOptions();
        connection.bootstrapServers = bootstrapServers;
        connection.schemaRegistryUrl = schemaRegistryUrl;
        connection.topicPrefix = topicPrefix;
        connection.partitions = 4;
        connection.configFile = configFile;
        return connection;
    }

    /** Starts a streams app the way {@code flyt streams} does, with its query API on a free port of 127.0.0.1. */
    static FlytStreamsApp startApp(ConnectionOptions connection, String applicationId, Path stateDir) {
        StreamsCommand.StreamsOptions streamsOptions = new StreamsCommand.StreamsOptions();
        streamsOptions.applicationId = applicationId;
        streamsOptions.stateDir = stateDir;
        streamsOptions.apiHost = "127.0.0.1";
        streamsOptions.apiPort = Ports.freePort();
        return streamsOptions.start(connection);
    }

    private void replayAndAwaitCatchUp(Path eventSet, ReplayOptions options) throws Exception {
        long start = System.nanoTime();
        replay = EventSetReplayer.replay(connection, eventSet, options, new PrintWriter(Writer.nullWriter()));
        awaitCatchUp();
        log.info("{}: replayed {} events ({} duplicates injected) and caught up in {} ms", applicationId,
            replay.events().sent(), replay.events().duplicates(), (System.nanoTime() - start) / 1_000_000);
    }

    /** Returns once the streams app has committed offsets at the end of its input topics and is running. */
    void awaitCatchUp() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, connection.bootstrapServers))) {
            CatchUp.await(admin, applicationId, topics.streamsInputTopics(), CATCH_UP_TIMEOUT, app::ensureAlive);
        }
        app.awaitRunning(Duration.ofMinutes(1));
    }

    FlytTopics topics() {
        return topics;
    }

    String applicationId() {
        return applicationId;
    }

    /** The connection options of this run as command-line arguments, for running flyt's commands against it. */
    List<String> connectionArguments() {
        return List.of("--bootstrap-servers", connection.bootstrapServers, "--schema-registry-url", connection.schemaRegistryUrl,
            "--topic-prefix", connection.topicPrefix, "--application-id", applicationId);
    }

    /** How many committed records {@code topic} holds. */
    int recordCount(TopicSpec<?, ?> topic) {
        return readAll(topic).size();
    }

    FlowsApi api() {
        return api;
    }

    EventSetReplayer.Summary replay() {
        return replay;
    }

    /** Every record of the dead-letter topic (committed ones only: the streams app writes it in transactions). */
    List<ConsumerRecord<String, byte[]>> deadLetters() {
        return readAll(topics.deadLetters());
    }

    /** The latest value of every key of the compacted region-flows output topic. */
    Map<String, RegionFlows> regionFlows() {
        return latest(topics.regionFlows());
    }

    /** The latest value of every key of the compacted region-statistics output topic. */
    Map<String, no.flyt.aggregates.RegionStatistics> regionStatistics() {
        return latest(topics.regionStatistics());
    }

    /** The latest value of every key of the yearly region-statistics topic. */
    Map<String, no.flyt.aggregates.YearlyRegionStatistics> yearlyRegionStatistics() {
        return latest(topics.yearlyRegionStatistics());
    }

    private <K, V> Map<K, V> latest(TopicSpec<K, V> topic) {
        Map<K, V> latest = new HashMap<>();
        for (ConsumerRecord<K, V> record : readAll(topic)) {
            latest.put(record.key(), record.value());
        }
        return latest;
    }

    private <K, V> List<ConsumerRecord<K, V>> readAll(TopicSpec<K, V> topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, connection.bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Deserializer<K> keys = topic.keySerde().deserializer();
        Deserializer<V> values = topic.valueSerde().deserializer();
        List<ConsumerRecord<K, V>> records = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(config, keys, values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic.name() + " to its end " + ends);
                }
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }

    @Override
    public void close() {
        app.close();
    }
}
