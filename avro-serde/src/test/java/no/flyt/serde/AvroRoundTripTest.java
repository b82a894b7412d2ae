package no.flyt.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import no.flyt.events.EventType;
import no.flyt.events.PersonAttributes;
import no.flyt.events.RegisterEvent;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AvroRoundTripTest {

    private FakeSchemaRegistry registry;
    private Map<String, Object> config;

    @BeforeEach
    void startRegistry() throws Exception {
        registry = new FakeSchemaRegistry();
        config = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url());
    }

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    @Test
    void specificRecordSurvivesTheRoundTripThroughTheSpecificSerde() {
        RegisterEvent event = TestRecords.immigration("e1");
        try (SpecificAvroSerde<RegisterEvent> serde = new SpecificAvroSerde<>()) {
            serde.configure(config, false);

            byte[] bytes = serde.serializer().serialize("events", event);
            RegisterEvent read = serde.deserializer().deserialize("events", bytes);

            assertThat(read).isEqualTo(event);
            assertThat(read.getEventDate()).isEqualTo(LocalDate.of(2024, 3, 15));
            assertThat(read.getRecordedAt()).isEqualTo(Instant.parse("2024-03-20T08:15:30.123Z"));
            assertThat(read.getPerson()).isInstanceOf(PersonAttributes.class);
        }
    }

    @Test
    void specificRecordReadGenericallyKeepsItsFieldValues() {
        RegisterEvent event = TestRecords.immigration("e2");
        KafkaAvroSerializer serializer = new KafkaAvroSerializer();
        serializer.configure(config, false);
        KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
        deserializer.configure(config, false);

        Object read = deserializer.deserialize("events", serializer.serialize("events", event));

        assertThat(read).isInstanceOf(GenericData.Record.class);
        GenericRecord record = (GenericRecord) read;
        assertThat(record.get("eventId").toString()).isEqualTo("e2");
        assertThat(record.get("eventType").toString()).isEqualTo(EventType.IMMIGRATION.name());
        assertThat(record.get("eventDate")).isEqualTo((int) LocalDate.of(2024, 3, 15).toEpochDay());
        assertThat(((GenericRecord) record.get("person")).get("countryBackgroundCode").toString()).isEqualTo("UA");
    }

    @Test
    void genericRecordSurvivesTheRoundTripThroughTheGenericSerde() {
        GenericRecord reading = TestRecords.reading("s-1", 21.5);
        try (GenericAvroSerde serde = new GenericAvroSerde()) {
            serde.configure(config, true);

            GenericRecord read = serde.deserializer().deserialize("readings", serde.serializer().serialize("readings", reading));

            assertThat(read).isEqualTo(reading);
            assertThat(registry.requests()).contains("POST /subjects/readings-key/versions");
        }
    }

    @Test
    void genericRecordOfAGeneratedTypeIsReadAsTheGeneratedClassWithTheSpecificReader() {
        RegisterEvent event = TestRecords.immigration("e3");
        // A generic copy: enums become GenericEnumSymbols, the date and timestamp stay java.time values.
        GenericRecord generic = (GenericRecord) GenericData.get().deepCopy(RegisterEvent.SCHEMA$, event);
        KafkaAvroSerializer serializer = new KafkaAvroSerializer();
        serializer.configure(config, false);
        KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
        deserializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url(),
                AvroSerdeConfig.SPECIFIC_AVRO_READER, "true"), false);

        Object read = deserializer.deserialize("events", serializer.serialize("events", generic));

        assertThat(generic).isNotInstanceOf(SpecificRecord.class);
        assertThat(read).isInstanceOf(RegisterEvent.class).isEqualTo(event);
    }

    @Test
    void primitivesRoundTripAsTheirJavaTypes() {
        KafkaAvroSerializer serializer = new KafkaAvroSerializer();
        serializer.configure(config, true);
        KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
        deserializer.configure(config, true);

        // One topic per type: a subject holds one lineage, and an int cannot evolve into a string.
        for (Object value : new Object[] {"0301", 42, 7L, true, 1.5f, 2.25d}) {
            String topic = "keys-" + value.getClass().getSimpleName();
            assertThat(deserializer.deserialize(topic, serializer.serialize(topic, value))).isEqualTo(value);
        }
        assertThat(deserializer.deserialize("keys-String", serializer.serialize("keys-String", new Utf8("utf8"))))
                .isEqualTo("utf8");
        assertThat((byte[]) deserializer.deserialize("keys-bytes", serializer.serialize("keys-bytes", new byte[] {1, 2, 3})))
                .containsExactly(1, 2, 3);
        assertThat(registry.requests()).contains("POST /subjects/keys-Integer-key/versions");
    }

    @Test
    void deserializesFromAByteBufferWithAnOffsetWithoutCopying() {
        KafkaAvroSerializer serializer = new KafkaAvroSerializer();
        serializer.configure(config, false);
        KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
        deserializer.configure(config, false);
        byte[] bytes = serializer.serialize("readings", TestRecords.reading("s-2", 3.0));
        byte[] fetchBuffer = new byte[bytes.length + 20];
        System.arraycopy(bytes, 0, fetchBuffer, 10, bytes.length);

        Object read = deserializer.deserialize("readings", null, ByteBuffer.wrap(fetchBuffer, 10, bytes.length).slice());

        assertThat(read).isEqualTo(TestRecords.reading("s-2", 3.0));
    }

    @Test
    void oneSerializerAndDeserializerServeManyThreadsAtOnce() throws Exception {
        KafkaAvroSerializer serializer = new KafkaAvroSerializer();
        serializer.configure(config, false);
        KafkaAvroDeserializer specific = new KafkaAvroDeserializer();
        specific.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url(),
                AvroSerdeConfig.SPECIFIC_AVRO_READER, true), false);
        KafkaAvroDeserializer generic = new KafkaAvroDeserializer();
        generic.configure(config, false);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                results.add(threads.submit(() -> {
                    int matching = 0;
                    for (int i = 0; i < 500; i++) {
                        // Records of different sizes, so a leftover of one in a shared buffer would corrupt the next.
                        RegisterEvent event = TestRecords.immigration(thread + "-" + i + "-" + "x".repeat(i % 37));
                        GenericRecord reading = TestRecords.reading("s" + "y".repeat(i % 11), i);
                        if (event.equals(specific.deserialize("events", serializer.serialize("events", event)))
                                && reading.equals(generic.deserialize("readings", serializer.serialize("readings", reading)))) {
                            matching++;
                        }
                    }
                    return matching;
                }));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(500);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void nullIsATombstoneBothWays() {
        KafkaAvroSerializer serializer = new KafkaAvroSerializer();
        serializer.configure(config, false);
        KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
        deserializer.configure(config, false);

        assertThat(serializer.serialize("events", null)).isNull();
        assertThat(deserializer.deserialize("events", (byte[]) null)).isNull();
        assertThat(registry.requests()).isEmpty();
    }
}
