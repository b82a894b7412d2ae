package no.flyt.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import no.flyt.embedded.testing.EmbeddedStackExtension;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmbeddedStackIT {

    @RegisterExtension
    static final EmbeddedStackExtension stack = new EmbeddedStackExtension();

    private static final String SCHEMA_V1 =
            "{\"type\":\"record\",\"name\":\"Move\",\"namespace\":\"no.flyt.test\",\"fields\":["
                    + "{\"name\":\"municipality\",\"type\":\"string\"}]}";
    // A new field without a default: consumers on v2 cannot read v1 data, so BACKWARD rejects it.
    private static final String SCHEMA_REQUIRED_FIELD_ADDED =
            "{\"type\":\"record\",\"name\":\"Move\",\"namespace\":\"no.flyt.test\",\"fields\":["
                    + "{\"name\":\"municipality\",\"type\":\"string\"},{\"name\":\"county\",\"type\":\"string\"}]}";
    private static final String SCHEMA_OPTIONAL_FIELD_ADDED =
            "{\"type\":\"record\",\"name\":\"Move\",\"namespace\":\"no.flyt.test\",\"fields\":["
                    + "{\"name\":\"municipality\",\"type\":\"string\"},"
                    + "{\"name\":\"county\",\"type\":[\"null\",\"string\"],\"default\":null}]}";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void producesAndConsumesARecord() throws Exception {
        String topic = stack.uniqueTopic("moves");
        stack.admin().createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();

        RecordMetadata written;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            written = producer.send(new ProducerRecord<>(topic, "0301", "moved in")).get();
        }

        List<ConsumerRecord<String, String>> read = readAll(topic, 1);
        assertThat(read).hasSize(1);
        assertThat(read.get(0).key()).isEqualTo("0301");
        assertThat(read.get(0).value()).isEqualTo("moved in");
        assertThat(read.get(0).offset()).isEqualTo(written.offset());
    }

    @Test
    void bootstrapServersIsTheLoopbackListener() throws ExecutionException, InterruptedException {
        assertThat(stack.bootstrapServers()).startsWith("127.0.0.1:");
        assertThat(stack.admin().describeCluster().nodes().get())
                .singleElement()
                .satisfies(node -> assertThat(node.host() + ":" + node.port()).isEqualTo(stack.bootstrapServers()));
    }

    @Test
    void registryCompatibilityIsBackward() throws Exception {
        HttpResponse<String> config = get(stack.schemaRegistryUrl() + "/config");

        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.body().replace(" ", "")).contains("\"compatibilityLevel\":\"BACKWARD\"");
    }

    @Test
    void registryRejectsAnIncompatibleSchemaAndAcceptsACompatibleOne() throws Exception {
        String subject = stack.uniqueTopic("moves") + "-value";

        HttpResponse<String> first = register(subject, SCHEMA_V1);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).containsPattern("\"id\"\\s*:\\s*\\d+");

        HttpResponse<String> incompatible = register(subject, SCHEMA_REQUIRED_FIELD_ADDED);
        assertThat(incompatible.statusCode()).isEqualTo(409);

        HttpResponse<String> compatible = register(subject, SCHEMA_OPTIONAL_FIELD_ADDED);
        assertThat(compatible.statusCode()).isEqualTo(200);
        assertThat(get(stack.schemaRegistryUrl() + "/subjects/" + subject + "/versions").body().replace(" ", ""))
                .isEqualTo("[1,2]");
    }

    @Test
    void apicurioApiAnswers() throws Exception {
        HttpResponse<String> info = get(stack.apicurioApiUrl() + "/system/info");

        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(info.body()).contains("2.6.13.Final");
    }

    private List<ConsumerRecord<String, String>> readAll(String topic, int expected) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, stack.uniqueTopic("reader"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }

    private HttpResponse<String> register(String subject, String schema) throws IOException, InterruptedException {
        String body = "{\"schema\":\"" + schema.replace("\"", "\\\"") + "\"}";
        return http.send(HttpRequest.newBuilder(URI.create(stack.schemaRegistryUrl() + "/subjects/" + subject + "/versions"))
                        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
