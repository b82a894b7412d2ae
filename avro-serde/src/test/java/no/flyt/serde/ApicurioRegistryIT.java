package no.flyt.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.flyt.embedded.testing.EmbeddedStackExtension;
import no.flyt.events.RegisterEvent;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * flyt's serde against a real Apicurio Registry (Confluent-compatible API, BACKWARD compatibility) and a real
 * broker, cross-checked byte for byte with Apicurio's own Avro serde in Confluent mode.
 */
class ApicurioRegistryIT {

    @RegisterExtension
    static final EmbeddedStackExtension stack = new EmbeddedStackExtension();

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeEach
    void registryUrlIsTheCompatibleApi() {
        assertThat(stack.schemaRegistryUrl()).endsWith("/apis/ccompat/v7");
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
    }

    @Test
    void specificRecordBytesAreIdenticalToApicuriosSerde() {
        String flytFirst = stack.uniqueTopic("events");
        String apicurioFirst = stack.uniqueTopic("events");
        RegisterEvent event = TestRecords.immigration("e1");
        Serializer<Object> flyt = flytSerializer(Map.of());
        Serializer<Object> apicurio = apicurioSerializer();

        byte[] flytBytes = flyt.serialize(flytFirst, event);
        byte[] apicurioBytes = apicurio.serialize(flytFirst, event);
        byte[] apicurioFirstBytes = apicurio.serialize(apicurioFirst, event);
        byte[] flytSecondBytes = flyt.serialize(apicurioFirst, event);

        assertThat(flytBytes).isEqualTo(apicurioBytes);
        assertThat(flytSecondBytes).isEqualTo(apicurioFirstBytes);
        assertThat(flytBytes[0]).isZero();
    }

    @Test
    void genericRecordBytesAreIdenticalToApicuriosSerde() {
        String topic = stack.uniqueTopic("readings");
        GenericRecord reading = TestRecords.reading("s-1", 21.5);

        byte[] apicurioBytes = apicurioSerializer().serialize(topic, reading);
        byte[] flytBytes = flytSerializer(Map.of()).serialize(topic, reading);

        assertThat(flytBytes).isEqualTo(apicurioBytes);
    }

    @Test
    void eachSerdeReadsTheOthersBytesSpecificAndGeneric() {
        String topic = stack.uniqueTopic("events");
        RegisterEvent event = TestRecords.immigration("e2");
        byte[] fromFlyt = flytSerializer(Map.of()).serialize(topic, event);
        byte[] fromApicurio = apicurioSerializer().serialize(topic, event);

        Object flytSpecific = flytDeserializer(true).deserialize(topic, fromApicurio);
        Object flytGeneric = flytDeserializer(false).deserialize(topic, fromApicurio);
        Object apicurioSpecific = apicurioDeserializer(true).deserialize(topic, fromFlyt);
        Object apicurioGeneric = apicurioDeserializer(false).deserialize(topic, fromFlyt);

        assertThat(flytSpecific).isInstanceOf(RegisterEvent.class).isEqualTo(event);
        assertThat(apicurioSpecific).isInstanceOf(RegisterEvent.class).isEqualTo(event);
        assertThat(flytGeneric).isInstanceOf(GenericRecord.class);
        assertThat(apicurioGeneric).isInstanceOf(GenericRecord.class);
        assertThat(flytGeneric.toString()).isEqualTo(apicurioGeneric.toString());
        assertThat(((GenericRecord) flytGeneric).get("eventId").toString()).isEqualTo("e2");
    }

    @Test
    void genericRecordsOfAnUnknownTypeAreReadBothWays() {
        String topic = stack.uniqueTopic("readings");
        GenericRecord reading = TestRecords.readingV2("s-2", 3.5, "celsius");

        Object byFlyt = flytDeserializer(false).deserialize(topic, apicurioSerializer().serialize(topic, reading));
        Object byApicurio = apicurioDeserializer(false).deserialize(topic, flytSerializer(Map.of()).serialize(topic, reading));

        assertThat(byFlyt).isEqualTo(reading);
        assertThat(byApicurio).isEqualTo(reading);
    }

    @Test
    void backwardIncompatibleChangeIsRejectedAndAnAddedOptionalFieldIsAccepted() {
        String topic = stack.uniqueTopic("readings");
        String subject = topic + "-value";
        Serializer<Object> serializer = flytSerializer(Map.of());
        byte[] v1 = serializer.serialize(topic, TestRecords.reading("s", 1.0));
        CachedSchemaRegistryClient client = new CachedSchemaRegistryClient(stack.schemaRegistryUrl());

        assertThat(client.testCompatibility(subject, TestRecords.READING_V2)).isTrue();
        assertThat(client.testCompatibility(subject, TestRecords.READING_INCOMPATIBLE)).isFalse();
        byte[] v2 = serializer.serialize(topic, TestRecords.readingV2("s", 2.0, "celsius"));
        GenericRecord incompatible = new GenericData.Record(TestRecords.READING_INCOMPATIBLE);
        incompatible.put("sensor", "s");
        incompatible.put("value", 3.0);
        incompatible.put("site", "x");

        assertThat(schemaId(v2)).isNotEqualTo(schemaId(v1));
        assertThat(client.getLatest(subject)).isEqualTo(new SchemaMetadata(schemaId(v2), 2, TestRecords.READING_V2));
        assertThatThrownBy(() -> serializer.serialize(topic, incompatible))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("topic '" + topic + "'")
                .hasMessageContaining("rejected the schema for subject '" + subject + "' as incompatible")
                .asInstanceOf(type(SchemaRegistryException.class))
                .extracting(SchemaRegistryException::status).isEqualTo(409);
    }

    @Test
    void sameSchemaHasTheSameIdInEverySubjectAndLookupsFindIt() {
        CachedSchemaRegistryClient client = new CachedSchemaRegistryClient(stack.schemaRegistryUrl());
        String first = stack.uniqueTopic("a") + "-value";
        String second = stack.uniqueTopic("b") + "-value";

        int id = client.register(first, RegisterEvent.SCHEMA$);
        int again = client.register(second, RegisterEvent.SCHEMA$);

        assertThat(again).isEqualTo(id);
        assertThat(new CachedSchemaRegistryClient(stack.schemaRegistryUrl()).getId(second, RegisterEvent.SCHEMA$))
                .isEqualTo(id);
        assertThat(new CachedSchemaRegistryClient(stack.schemaRegistryUrl()).getById(id)).isEqualTo(RegisterEvent.SCHEMA$);
    }

    @Test
    void subjectsAreListedAndDeletedForGood() {
        CachedSchemaRegistryClient client = new CachedSchemaRegistryClient(stack.schemaRegistryUrl());
        String subject = stack.uniqueTopic("clean") + "-value";
        client.register(subject, TestRecords.READING_V1);
        assertThat(client.subjects()).contains(subject);

        client.deleteSubject(subject);

        assertThat(client.subjects()).doesNotContain(subject);
        // Deleted for good: a schema the old versions would have rejected now starts a new lineage.
        client.register(subject, TestRecords.READING_INCOMPATIBLE);
        assertThat(client.getLatest(subject).schema()).isEqualTo(TestRecords.READING_INCOMPATIBLE);
    }

    @Test
    void unknownIdAndUnregisteredSchemaGiveClearErrors() {
        String topic = stack.uniqueTopic("events");
        byte[] unknownId = ByteBuffer.allocate(6).put((byte) 0).putInt(987_654_321).put((byte) 0).array();
        Serializer<Object> noAutoRegister =
                flytSerializer(Map.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false));

        assertThatThrownBy(() -> flytDeserializer(false).deserialize(topic, unknownId))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("topic '" + topic + "' with schema id 987654321")
                .hasMessageContaining("not found");
        assertThatThrownBy(() -> noAutoRegister.serialize(topic, TestRecords.immigration("e3")))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("auto.register.schemas=false")
                .matches(e -> ((SchemaRegistryException) e).isNotFound());
    }

    @Test
    void registryRootInsteadOfTheCompatibleApiIsReportedWithTheRightPath() {
        String root = stack.schemaRegistryUrl().replace("/apis/ccompat/v7", "");

        assertThatThrownBy(() -> new CachedSchemaRegistryClient(root).getById(1))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("answered 404 Not Found to GET /schemas/ids/1")
                .hasMessageContaining("is " + root + " the registry's base URL? (Apicurio Registry: "
                        + "http://<host>:<port>/apis/ccompat/v7)");
    }

    @Test
    void recordsRoundTripThroughARealTopic() {
        String topic = stack.uniqueTopic("events");
        List<RegisterEvent> sent = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            sent.add(TestRecords.immigration("e" + i));
        }
        Map<String, Object> producerConfig = new HashMap<>(flytConfig());
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, KafkaAvroSerializer.class);
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, KafkaAvroSerializer.class);
        try (KafkaProducer<Object, Object> producer = new KafkaProducer<>(producerConfig)) {
            for (RegisterEvent event : sent) {
                producer.send(new ProducerRecord<>(topic, event.getPersonId(), event));
            }
            producer.send(new ProducerRecord<>(topic, "tombstone", null));
            producer.flush();
        }

        Map<String, Object> consumerConfig = new HashMap<>(flytConfig());
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, topic);
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Deserializer instances handed to the consumer are not configured by it.
        KafkaAvroDeserializer keys = new KafkaAvroDeserializer();
        keys.configure(consumerConfig, true);
        SpecificAvroDeserializer<RegisterEvent> values = new SpecificAvroDeserializer<>();
        values.configure(consumerConfig, false);
        List<ConsumerRecord<String, RegisterEvent>> received = new ArrayList<>();
        try (KafkaConsumer<String, RegisterEvent> consumer =
                new KafkaConsumer<>(consumerConfig, castDeserializer(keys), values)) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plusSeconds(60);
            while (received.size() < sent.size() + 1 && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(500)).forEach(received::add);
            }
        }

        assertThat(received).hasSize(sent.size() + 1);
        assertThat(received.subList(0, sent.size())).extracting(ConsumerRecord::value).containsExactlyElementsOf(sent);
        assertThat(received.subList(0, sent.size())).extracting(ConsumerRecord::key)
                .containsExactlyElementsOf(sent.stream().map(RegisterEvent::getPersonId).toList());
        assertThat(received.get(sent.size()).value()).isNull();
        assertThat(new CachedSchemaRegistryClient(stack.schemaRegistryUrl()).subjects())
                .contains(topic + "-key", topic + "-value");
    }

    private Map<String, Object> flytConfig() {
        return Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl());
    }

    private Serializer<Object> flytSerializer(Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(flytConfig());
        config.putAll(extra);
        KafkaAvroSerializer serializer = new KafkaAvroSerializer();
        serializer.configure(config, false);
        closeables.add(serializer);
        return serializer;
    }

    private Deserializer<Object> flytDeserializer(boolean specific) {
        KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
        deserializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl(),
                AvroSerdeConfig.SPECIFIC_AVRO_READER, specific), false);
        closeables.add(deserializer);
        return deserializer;
    }

    /** Apicurio's serde in Confluent mode: 4-byte content ids in the payload, no headers. */
    private static Map<String, Object> apicurioConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put("apicurio.registry.url", stack.apicurioApiUrl());
        config.put("apicurio.registry.as-confluent", true);
        config.put("apicurio.registry.use-id", "contentId");
        config.put("apicurio.registry.headers.enabled", false);
        config.put("apicurio.registry.auto-register", true);
        return config;
    }

    private Serializer<Object> apicurioSerializer() {
        AvroKafkaSerializer<Object> serializer = new AvroKafkaSerializer<>();
        serializer.configure(apicurioConfig(), false);
        closeables.add(serializer);
        return serializer;
    }

    private Deserializer<Object> apicurioDeserializer(boolean specific) {
        Map<String, Object> config = apicurioConfig();
        config.put("apicurio.registry.use-specific-avro-reader", specific);
        AvroKafkaDeserializer<Object> deserializer = new AvroKafkaDeserializer<>();
        deserializer.configure(config, false);
        closeables.add(deserializer);
        return deserializer;
    }

    @SuppressWarnings("unchecked")
    private static <T> Deserializer<T> castDeserializer(Deserializer<?> deserializer) {
        return (Deserializer<T>) deserializer;
    }

    private static int schemaId(byte[] bytes) {
        return ByteBuffer.wrap(bytes, 1, 4).getInt();
    }
}
