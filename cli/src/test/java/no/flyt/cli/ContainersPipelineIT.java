package no.flyt.cli;

import java.time.Duration;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The end-to-end scenario on Apache Kafka and Confluent Schema Registry in containers: it proves that flyt's own
 * Confluent-wire-format serde works against Confluent's registry (registry URL at the root, no path prefix). Skipped
 * where no Docker engine is available.
 *
 * <p>The broker has two listeners: the one Testcontainers maps to the host for the test JVM, and {@code kafka:19092}
 * on the shared network, which the registry's Kafka store uses. The registry's mapped port is what flyt uses.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainersPipelineIT extends PipelineScenario {

    static final DockerImageName KAFKA_IMAGE = DockerImageName.parse("apache/kafka:4.4.0");
    static final DockerImageName SCHEMA_REGISTRY_IMAGE = DockerImageName.parse("confluentinc/cp-schema-registry:8.3.2");
    private static final String KAFKA_ON_NETWORK = "kafka:19092";
    private static final int SCHEMA_REGISTRY_PORT = 8081;

    // Removed with the containers by Testcontainers' resource reaper once the test JVM is done.
    private static final Network NETWORK = Network.newNetwork();

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer(KAFKA_IMAGE)
        .withNetwork(NETWORK)
        .withNetworkAliases("kafka")
        .withListener(KAFKA_ON_NETWORK);

    @Container
    static final GenericContainer<?> SCHEMA_REGISTRY = new GenericContainer<>(SCHEMA_REGISTRY_IMAGE)
        .withNetwork(NETWORK)
        .withNetworkAliases("schema-registry")
        .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
        .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:" + SCHEMA_REGISTRY_PORT)
        .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://" + KAFKA_ON_NETWORK)
        // a single broker: the registry's _schemas topic cannot have the default three replicas
        .withEnv("SCHEMA_REGISTRY_KAFKASTORE_TOPIC_REPLICATION_FACTOR", "1")
        .withExposedPorts(SCHEMA_REGISTRY_PORT)
        .dependsOn(KAFKA)
        .waitingFor(Wait.forHttp("/subjects").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(3)));

    @Override
    protected String bootstrapServers() {
        return KAFKA.getBootstrapServers();
    }

    @Override
    protected String schemaRegistryUrl() {
        return "http://" + SCHEMA_REGISTRY.getHost() + ":" + SCHEMA_REGISTRY.getMappedPort(SCHEMA_REGISTRY_PORT);
    }
}
