package no.flyt.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerRestartIT {

    private static final String TOPIC = "population-events";

    @TempDir
    Path dataDir;

    @Test
    void restartKeepsRecordsAndClusterIdUnlessFresh() throws Exception {
        String clusterId;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(onNewPorts(false))) {
            clusterId = clusterId(broker);
            produce(broker, "0301", "Oslo");

            // A second broker on the same directory is refused before it can touch the running one's files.
            assertThatThrownBy(() -> EmbeddedKafkaBroker.start(onNewPorts(false)))
                    .isInstanceOf(EmbeddedStackException.class)
                    .hasMessageContaining("The directory " + dataDir.toAbsolutePath() + " is in use by a Kafka broker");
            assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive)).containsExactly(broker.process());
        }

        // New ports as well: the data must not depend on them.
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(onNewPorts(false))) {
            assertThat(clusterId(broker)).isEqualTo(clusterId);
            assertThat(readValues(broker, 1)).containsExactly("Oslo");
        }

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(onNewPorts(true))) {
            assertThat(clusterId(broker)).isNotEqualTo(clusterId);
            try (Admin admin = admin(broker)) {
                assertThat(admin.listTopics().names().get()).doesNotContain(TOPIC);
            }
        }
    }

    @Test
    void brokerThatCannotStartIsReportedWithTheCauseFromItsLog() {
        // The JVM refuses a heap this small, so the broker process exits at once.
        BrokerSettings settings = onNewPorts(true).withMaxHeap("1k");

        assertThatThrownBy(() -> EmbeddedKafkaBroker.start(settings))
                .isInstanceOf(EmbeddedStackException.class)
                .hasMessageContaining("The Kafka broker exited during start")
                .hasMessageContaining("see its log " + dataDir.toAbsolutePath().resolve(EmbeddedKafkaBroker.LOG_FILE_NAME))
                .hasMessageContaining("Too small maximum heap");
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive)).isEmpty();
    }

    private BrokerSettings onNewPorts(boolean fresh) {
        int[] ports = Ports.freePorts(2);
        return BrokerSettings.defaults(dataDir).withPort(ports[0]).withControllerPort(ports[1]).withFresh(fresh);
    }

    private static String clusterId(EmbeddedKafkaBroker broker) throws ExecutionException, InterruptedException {
        try (Admin admin = admin(broker)) {
            return admin.describeCluster().clusterId().get();
        }
    }

    private static Admin admin(EmbeddedKafkaBroker broker) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    private static void produce(EmbeddedKafkaBroker broker, String key, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(TOPIC, key, value)).get();
        }
    }

    private static List<String> readValues(EmbeddedKafkaBroker broker, int expected) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "restart-check",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> values.add(record.value()));
            }
        }
        return values;
    }
}
