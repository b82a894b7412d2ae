package no.flyt.streams.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import no.flyt.serde.AvroSerdeConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/**
 * Builds the Kafka Streams configuration: a properties file (optional), then environment variables
 * ({@link EnvironmentConfig}), then explicit command-line values, on top of flyt's defaults.
 */
public final class StreamsSettings {

    public static final String DEFAULT_APPLICATION_ID = "flyt-streams";
    /** The streams app's producer batch size (the benchmark's passthrough uses the same, to compare like with like). */
    public static final int PRODUCER_BATCH_BYTES = 256 * 1024;

    private StreamsSettings() {
    }

    /**
     * @param bootstrapServers  Kafka bootstrap servers
     * @param schemaRegistryUrl Confluent-compatible Schema Registry URL
     * @param stateDir          where RocksDB state lives
     * @param topics            the topic registry (for the dead-letter topic)
     * @param overrides         anything else (file, environment, CLI), applied last
     */
    public static Properties streamsConfig(String bootstrapServers, String schemaRegistryUrl, Path stateDir,
                                           FlytTopics topics, Properties overrides) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, DEFAULT_APPLICATION_ID);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // Measured here: a 1 s commit interval gives exactly-once a better throughput than the 100 ms default.
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 64L * 1024 * 1024);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // The counts do not depend on the order of arrival, but the dead-letter topic does: a death read before its
        // person's baseline record is dead-lettered (and counted later). With 0 (not -1) a task fetches data known to
        // be on the broker before it takes a later record of the other input, so in a replay the baseline (dated at
        // its extract) comes first and a death is held only when recorded before anything else of its person.
        // Throughput: no measurable change (docs/BENCHMARKS.md).
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, 0L);
        // One bounded block cache and write buffer budget for all RocksDB stores instead of one per store and task.
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedMemoryRocksDBConfig.class.getName());
        // Records that cannot be deserialized go to the dead-letter topic (KIP-1034) and processing continues.
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class.getName());
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topics.deadLetters().name());
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 20);
        // A month record of a large region is tens of KB: a batch of the 16 KiB default held a few of them, and the
        // costs per batch (a compression buffer each, produce requests, the broker's work) were paid over and over.
        // 256 KiB halves what the broker and the producers' I/O threads spend on the app's writes (docs/BENCHMARKS.md,
        // eighth round). No record waits for a batch to fill: linger.ms still sends it after 20 ms.
        props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), PRODUCER_BATCH_BYTES);
        props.putAll(overrides);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl);
        return props;
    }

    /** Loads a properties file, or empty properties when {@code file} is null. */
    public static Properties load(Path file) {
        Properties props = new Properties();
        if (file != null) {
            try (InputStream in = Files.newInputStream(file)) {
                props.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read properties file " + file, e);
            }
        }
        return props;
    }

    /** The serde configuration: every {@code schema.registry.*}, {@code basic.auth.*} and serde key from the streams config. */
    public static Map<String, Object> serdeConfig(Properties streamsConfig) {
        Map<String, Object> serde = new java.util.HashMap<>();
        streamsConfig.forEach((k, v) -> {
            String key = k.toString();
            if (key.startsWith("schema.registry.") || key.startsWith("basic.auth.") || key.equals(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS)
                || key.equals(AvroSerdeConfig.USE_LATEST_VERSION) || key.endsWith(".subject.name.strategy")) {
                serde.put(key, v);
            }
        });
        return serde;
    }
}
