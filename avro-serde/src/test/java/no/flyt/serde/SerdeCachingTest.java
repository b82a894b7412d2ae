package no.flyt.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import no.flyt.events.RegisterEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The registry is asked once per schema, not once per record. */
class SerdeCachingTest {

    private FakeSchemaRegistry registry;
    private Map<String, Object> config;

    @BeforeEach
    void setUp() throws Exception {
        registry = new FakeSchemaRegistry();
        config = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url());
    }

    @AfterEach
    void tearDown() {
        registry.close();
    }

    @Test
    void serializerRegistersOncePerTopicAndSchema() {
        KafkaAvroSerializer serializer = new KafkaAvroSerializer();
        serializer.configure(config, false);

        serializer.serialize("events", TestRecords.immigration("e1"));
        serializer.serialize("events", TestRecords.immigration("e2"));
        serializer.serialize("readings", TestRecords.reading("s", 1.0));
        serializer.serialize("readings", TestRecords.reading("s", 2.0));

        assertThat(registry.requests()).containsExactly(
                "POST /subjects/events-value/versions",
                "POST /subjects/readings-value/versions");
    }

    @Test
    void deserializerFetchesEachSchemaIdOnce() {
        KafkaAvroSerializer serializer = new KafkaAvroSerializer();
        serializer.configure(config, false);
        byte[] first = serializer.serialize("events", TestRecords.immigration("e1"));
        byte[] second = serializer.serialize("events", TestRecords.immigration("e2"));
        KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
        deserializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url(),
                AvroSerdeConfig.SPECIFIC_AVRO_READER, true), false);
        int before = registry.requests().size();

        deserializer.deserialize("events", first);
        deserializer.deserialize("events", second);
        deserializer.deserialize("events", first);

        assertThat(registry.requests().subList(before, registry.requests().size()))
                .containsExactly("GET /schemas/ids/" + (FakeSchemaRegistry.ID_OFFSET + 1));
    }

    @Test
    void clientLooksUpASchemaItRegisteredWithoutAskingAgain() {
        CachedSchemaRegistryClient client = new CachedSchemaRegistryClient(registry.url());

        int id = client.register("events-value", RegisterEvent.SCHEMA$);
        int again = client.register("events-value", RegisterEvent.SCHEMA$);
        int lookedUp = client.getId("events-value", RegisterEvent.SCHEMA$);

        assertThat(again).isEqualTo(id);
        assertThat(lookedUp).isEqualTo(id);
        assertThat(client.getById(id)).isEqualTo(RegisterEvent.SCHEMA$);
        assertThat(registry.requests()).containsExactly("POST /subjects/events-value/versions");
    }

    @Test
    void lookupWithoutAutoRegisterIsCachedToo() {
        registry.register("events-value", RegisterEvent.SCHEMA$);
        KafkaAvroSerializer serializer = new KafkaAvroSerializer();
        serializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url(),
                AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false), false);

        serializer.serialize("events", TestRecords.immigration("e1"));
        serializer.serialize("events", TestRecords.immigration("e2"));

        assertThat(registry.requests()).containsExactly("POST /subjects/events-value");
    }

    @Test
    void useLatestVersionWritesWithTheLatestIdAndAsksOnce() {
        int id = registry.register("events-value", RegisterEvent.SCHEMA$);
        KafkaAvroSerializer serializer = new KafkaAvroSerializer();
        serializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url(),
                AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false, AvroSerdeConfig.USE_LATEST_VERSION, true), false);

        byte[] bytes = serializer.serialize("events", TestRecords.immigration("e1"));
        serializer.serialize("events", TestRecords.immigration("e2"));

        assertThat(java.nio.ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
        assertThat(registry.requests()).containsExactly("GET /subjects/events-value/versions/latest");
    }
}
