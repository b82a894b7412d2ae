package no.flyt.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import no.flyt.serde.AvroSerdeConfig;
import no.flyt.streams.config.EnvironmentConfig;
import no.flyt.streams.config.FlytTopics;
import no.flyt.streams.config.StreamsSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Option;

/**
 * Where Kafka and the Schema Registry are, shared by every command that talks to a cluster. Each option falls back
 * to an environment variable; {@code KAFKA_*} variables and a properties file add any other Kafka setting.
 */
final class ConnectionOptions {

    @Option(names = "--bootstrap-servers", defaultValue = "${env:FLYT_BOOTSTRAP_SERVERS:-127.0.0.1:9092}",
        description = "Kafka bootstrap servers (env FLYT_BOOTSTRAP_SERVERS; default ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", defaultValue = "${env:FLYT_SCHEMA_REGISTRY_URL:-http://127.0.0.1:8081/apis/ccompat/v7}",
        description = "Confluent-compatible Schema Registry URL (env FLYT_SCHEMA_REGISTRY_URL; default ${DEFAULT-VALUE}).")
    String schemaRegistryUrl;

    @Option(names = "--topic-prefix", defaultValue = "${env:FLYT_TOPIC_PREFIX:-}",
        description = "Prefix for every flyt topic name (env FLYT_TOPIC_PREFIX; default none).")
    String topicPrefix;

    @Option(names = "--partitions", defaultValue = "4", description = "Partitions of the topics flyt creates (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--config", description = "A properties file with Kafka, Kafka Streams and serde settings.")
    Path configFile;

    /** Kafka and serde settings from the file and the environment (the command line wins over both). */
    Properties kafkaOverrides() {
        Properties props = StreamsSettings.load(configFile);
        props.putAll(EnvironmentConfig.kafkaProperties(System.getenv()));
        return props;
    }

    /** An admin client for the cluster, with the same overrides as every other client. */
    Admin admin() {
        Properties config = kafkaOverrides();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return Admin.create(config);
    }

    Map<String, Object> serdeConfig() {
        Properties merged = kafkaOverrides();
        merged.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl);
        return StreamsSettings.serdeConfig(merged);
    }

    FlytTopics topics() {
        return FlytTopics.create(topicPrefix == null ? "" : topicPrefix, serdeConfig(), partitions);
    }
}
