package no.flyt.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import no.flyt.events.RegisterEvent;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bytes must be exactly Confluent's: magic byte 0, big-endian id, plain Avro binary. */
class WireFormatTest {

    private FakeSchemaRegistry registry;
    private KafkaAvroSerializer serializer;

    @BeforeEach
    void setUp() throws Exception {
        registry = new FakeSchemaRegistry();
        serializer = new KafkaAvroSerializer();
        serializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url()), false);
    }

    @AfterEach
    void tearDown() {
        registry.close();
    }

    @Test
    void genericRecordIsMagicByteBigEndianIdAndPlainAvroBinary() throws IOException {
        GenericRecord reading = TestRecords.reading("s-1", 21.5);

        byte[] bytes = serializer.serialize("readings", reading);

        // The fake registry hands out 0x01020304 as the first id, so every header byte is distinct.
        assertThat(Arrays.copyOfRange(bytes, 0, 5)).containsExactly(0, 1, 2, 3, 4);
        assertThat(Arrays.copyOfRange(bytes, 5, bytes.length))
                .isEqualTo(avroBinary(new GenericDatumWriter<>(TestRecords.READING_V1), reading));
    }

    @Test
    void specificRecordIsMagicByteRegisteredIdAndPlainAvroBinary() throws IOException {
        int otherId = registry.register("other-value", TestRecords.READING_V1);
        RegisterEvent event = TestRecords.immigration("e1");

        byte[] bytes = serializer.serialize("events", event);

        int id = new CachedSchemaRegistryClient(registry.url()).getId("events-value", RegisterEvent.SCHEMA$);
        assertThat(id).isNotEqualTo(otherId);
        assertThat(bytes[0]).isZero();
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
        assertThat(Arrays.copyOfRange(bytes, 5, bytes.length))
                .isEqualTo(avroBinary(new SpecificDatumWriter<>(RegisterEvent.class), event));
    }

    @Test
    void reusedBuffersDoNotLeakBytesIntoTheNextRecord() throws IOException {
        GenericRecord large = TestRecords.reading("s".repeat(5000), 1.0);
        GenericRecord small = TestRecords.reading("t", 2.0);

        serializer.serialize("readings", large);
        byte[] bytes = serializer.serialize("readings", small);

        assertThat(bytes).hasSize(5 + avroBinary(new GenericDatumWriter<>(TestRecords.READING_V1), small).length);
    }

    private static <T> byte[] avroBinary(DatumWriter<T> writer, T datum) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        writer.write(datum, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
