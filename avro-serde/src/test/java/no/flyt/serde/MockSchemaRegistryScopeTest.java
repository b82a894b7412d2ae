package no.flyt.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import no.flyt.events.RegisterEvent;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MockSchemaRegistryScopeTest {

    @AfterEach
    void dropScopes() {
        MockSchemaRegistryClient.dropScope("scope-a");
        MockSchemaRegistryClient.dropScope("scope-b");
    }

    @Test
    void serdesOfOneScopeShareOneRegistry() {
        try (SpecificAvroSerde<RegisterEvent> writing = new SpecificAvroSerde<>();
                SpecificAvroSerde<RegisterEvent> reading = new SpecificAvroSerde<>()) {
            writing.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://scope-a"), false);
            reading.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://scope-a"), false);
            RegisterEvent event = TestRecords.immigration("e1");

            RegisterEvent read = reading.deserializer().deserialize("events", writing.serializer().serialize("events", event));

            assertThat(read).isEqualTo(event);
            assertThat(MockSchemaRegistryClient.forScope("scope-a").subjects()).containsExactly("events-value");
        }
    }

    @Test
    void anotherScopeDoesNotKnowTheIds() {
        KafkaAvroSerializer serializer = new KafkaAvroSerializer();
        serializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://scope-a"), false);
        KafkaAvroDeserializer otherScope = new KafkaAvroDeserializer();
        otherScope.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://scope-b"), false);
        byte[] bytes = serializer.serialize("events", TestRecords.immigration("e1"));

        assertThatThrownBy(() -> otherScope.deserialize("events", bytes))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("Schema id 1 not found in mock://scope-b");
    }

    @Test
    void droppedScopeStartsEmpty() {
        MockSchemaRegistryClient.forScope("scope-a").register("events-value", RegisterEvent.SCHEMA$);

        MockSchemaRegistryClient.dropScope("scope-a");

        assertThat(MockSchemaRegistryClient.forScope("scope-a").subjects()).isEmpty();
    }

    @Test
    void mockRegistryGivesTheSameSchemaTheSameIdInEverySubjectAndChecksCompatibility() {
        MockSchemaRegistryClient registry = new MockSchemaRegistryClient();

        int first = registry.register("a-value", TestRecords.READING_V1);
        int second = registry.register("b-value", TestRecords.READING_V1);
        int evolved = registry.register("a-value", TestRecords.READING_V2);

        assertThat(second).isEqualTo(first);
        assertThat(evolved).isNotEqualTo(first);
        assertThat(registry.getLatest("a-value")).isEqualTo(new SchemaMetadata(evolved, 2, TestRecords.READING_V2));
        assertThat(registry.testCompatibility("a-value", TestRecords.READING_INCOMPATIBLE)).isFalse();
        assertThatThrownBy(() -> registry.register("a-value", TestRecords.READING_INCOMPATIBLE))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("incompatible");
    }

    @Test
    void mockUrlCannotBeMixedWithRealOnes() {
        assertThatThrownBy(() -> new AvroSerdeConfig(
                Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://scope-a,http://localhost:8081")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("mock://");
    }
}
