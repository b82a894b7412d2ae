package no.flyt.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Map;
import no.flyt.events.RegisterEvent;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** {@link KafkaAvroSerializer#serializeEncoded}: an encoding at hand is framed, not encoded again, when it can be. */
class EncodedRecordTest {

    @AutoClose
    private final FakeSchemaRegistry registry = FakeSchemaRegistry.start();

    @Test
    void writesTheBytesSerializeWrites() throws Exception {
        KafkaAvroSerializer serializer = serializer(Map.of());
        for (String id : new String[] {"e1", "e2", "e3"}) {
            RegisterEvent event = TestRecords.immigration(id);

            byte[] framed = serializer.serializeEncoded("events", event, encodingOf(event));

            assertThat(framed).isEqualTo(serializer.serialize("events", event));
        }
    }

    @Test
    void encodesAgainWhenTheLatestVersionIsAnotherSchema() throws Exception {
        // the subject's latest version lacks a field of the record: the record must be written under that version
        RegisterEvent event = TestRecords.immigration("e1");
        serializer(Map.of()).serialize("events", SchemaEvolutionTest.copy(event, SchemaEvolutionTest.withoutField(RegisterEvent.SCHEMA$, "toCountry")));
        KafkaAvroSerializer latest = serializer(Map.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false, AvroSerdeConfig.USE_LATEST_VERSION, true));
        byte[] encoding = encodingOf(event);

        byte[] written = latest.serializeEncoded("events", event, encoding);

        assertThat(written).isEqualTo(latest.serialize("events", event));
        assertThat(Arrays.copyOfRange(written, AvroWireFormat.HEADER_SIZE, written.length)).isNotEqualTo(encoding);
        // written under the latest version, read back into the class: everything but the field that version lacks
        SpecificAvroDeserializer<RegisterEvent> reader = new SpecificAvroDeserializer<>();
        reader.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url()), false);
        RegisterEvent expected = RegisterEvent.newBuilder(event).setToCountry(null).build();
        assertThat(reader.deserialize("events", written)).isEqualTo(expected);
    }

    private KafkaAvroSerializer serializer(Map<String, Object> extra) {
        Map<String, Object> config = new java.util.HashMap<>(extra);
        config.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url());
        KafkaAvroSerializer serializer = new KafkaAvroSerializer();
        serializer.configure(config, false);
        return serializer;
    }

    private static byte[] encodingOf(RegisterEvent event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<RegisterEvent>(RegisterEvent.class).write(event, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
