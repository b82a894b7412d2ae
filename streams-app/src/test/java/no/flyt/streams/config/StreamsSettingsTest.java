package no.flyt.streams.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import no.flyt.serde.AvroSerdeConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsSettingsTest {

    private static final FlytTopics TOPICS = FlytTopics.create("", Map.of("schema.registry.url", "http://localhost:8081"), 1);

    private static Properties config(Properties overrides) {
        return StreamsSettings.streamsConfig("kafka:9092", "http://registry:8081", Path.of("/var/lib/flyt"), TOPICS, overrides);
    }

    @Test
    void fillsFlytsDefaults() {
        Properties config = config(new Properties());

        assertThat(config.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(config.get(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo(StreamsSettings.DEFAULT_APPLICATION_ID);
        assertThat(config.get(StreamsConfig.STATE_DIR_CONFIG)).isEqualTo(Path.of("/var/lib/flyt").toString());
        assertThat(config.get(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG))).isEqualTo(256 * 1024);
        assertThat(config.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG)).isEqualTo(TOPICS.deadLetters().name());
        // Kafka Streams takes the result as it is, and hands the producer settings to its producers
        StreamsConfig parsed = new StreamsConfig(config);
        assertThat(parsed.getInt(StreamsConfig.NUM_STREAM_THREADS_CONFIG)).isEqualTo(2);
        assertThat(parsed.getProducerConfigs("client").get(ProducerConfig.BATCH_SIZE_CONFIG)).isEqualTo(256 * 1024);
        assertThat(parsed.getProducerConfigs("client").get(ProducerConfig.COMPRESSION_TYPE_CONFIG)).isEqualTo("lz4");
    }

    @Test
    void overridesWinOverDefaultsButNotOverTheConnection() {
        Properties overrides = new Properties();
        overrides.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "500");
        overrides.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), "65536");
        overrides.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "elsewhere:9092");

        Properties config = config(overrides);

        assertThat(config.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo("500");
        assertThat(config.get(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG))).isEqualTo("65536");
        assertThat(config.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)).isEqualTo("kafka:9092");
        assertThat(config.get(AvroSerdeConfig.SCHEMA_REGISTRY_URL)).isEqualTo("http://registry:8081");
    }

    @Test
    void environmentVariablesBecomeKafkaSettings() {
        Properties fromEnvironment = EnvironmentConfig.kafkaProperties(Map.of(
            "KAFKA_COMMIT_INTERVAL_MS", "500",
            "KAFKA_PRODUCER_BATCH_SIZE", "65536",
            "KAFKA_", "ignored: no name",
            "PATH", "/usr/bin"));

        assertThat(fromEnvironment).containsOnly(
            Map.entry("commit.interval.ms", "500"),
            Map.entry("producer.batch.size", "65536"));
        assertThat(config(fromEnvironment).get(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG))).isEqualTo("65536");
    }

    @Test
    void theSerdeGetsTheRegistrySettingsOnly() {
        Properties overrides = new Properties();
        overrides.put("basic.auth.credentials.source", "USER_INFO");
        overrides.put(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "false");
        overrides.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "500");

        Map<String, Object> serde = StreamsSettings.serdeConfig(config(overrides));

        assertThat(serde).containsOnlyKeys(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "basic.auth.credentials.source",
            AvroSerdeConfig.AUTO_REGISTER_SCHEMAS);
    }
}
