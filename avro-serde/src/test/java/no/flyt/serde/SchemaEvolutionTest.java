package no.flyt.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import no.flyt.events.RegisterEvent;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Data written with one version of a schema is read with another: the reader resolves by field name. */
class SchemaEvolutionTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private FakeSchemaRegistry registry;
    private KafkaAvroSerializer serializer;
    private SpecificAvroDeserializer<RegisterEvent> specificDeserializer;

    @BeforeEach
    void setUp() throws Exception {
        registry = new FakeSchemaRegistry();
        Map<String, Object> config = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url());
        serializer = new KafkaAvroSerializer();
        serializer.configure(config, false);
        specificDeserializer = new SpecificAvroDeserializer<>();
        specificDeserializer.configure(config, false);
    }

    @AfterEach
    void tearDown() {
        registry.close();
    }

    @Test
    void recordWrittenWithAnOlderSchemaIsReadIntoTheCurrentClassWithTheNewFieldsDefault() throws Exception {
        Schema older = withoutField(RegisterEvent.SCHEMA$, "toCountry");
        RegisterEvent current = TestRecords.immigration("e1");
        current.setToCountry(null);

        byte[] bytes = serializer.serialize("events", copy(current, older));
        RegisterEvent read = specificDeserializer.deserialize("events", bytes);

        assertThat(read).isEqualTo(current);
    }

    @Test
    void recordWrittenWithANewerSchemaIsReadIntoTheCurrentClassIgnoringTheUnknownField() throws Exception {
        Schema newer = withField(RegisterEvent.SCHEMA$,
                "{\"name\": \"municipalityName\", \"type\": [\"null\", \"string\"], \"default\": null}");
        RegisterEvent current = TestRecords.immigration("e2");
        GenericRecord written = copy(current, newer);
        written.put("municipalityName", "Oslo");

        RegisterEvent read = specificDeserializer.deserialize("events", serializer.serialize("events", written));

        assertThat(read).isEqualTo(current);
    }

    @Test
    void genericReaderReturnsEachRecordWithTheSchemaItWasWrittenWith() {
        KafkaAvroDeserializer generic = new KafkaAvroDeserializer();
        generic.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url()), false);

        byte[] v1 = serializer.serialize("readings", TestRecords.reading("s-1", 1.0));
        byte[] v2 = serializer.serialize("readings", TestRecords.readingV2("s-1", 2.0, "celsius"));

        assertThat(((GenericRecord) generic.deserialize("readings", v1)).getSchema()).isEqualTo(TestRecords.READING_V1);
        GenericRecord read = (GenericRecord) generic.deserialize("readings", v2);
        assertThat(read.getSchema()).isEqualTo(TestRecords.READING_V2);
        assertThat(read.get("unit").toString()).isEqualTo("celsius");
    }

    static Schema withoutField(Schema schema, String field) throws Exception {
        ObjectNode json = (ObjectNode) MAPPER.readTree(schema.toString());
        ArrayNode fields = (ArrayNode) json.get("fields");
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).get("name").asText().equals(field)) {
                fields.remove(i);
            }
        }
        return new Schema.Parser().parse(json.toString());
    }

    private static Schema withField(Schema schema, String fieldJson) throws Exception {
        ObjectNode json = (ObjectNode) MAPPER.readTree(schema.toString());
        ((ArrayNode) json.get("fields")).add(MAPPER.readTree(fieldJson));
        return new Schema.Parser().parse(json.toString());
    }

    /** The event as a generic record of another version of its schema, field by field by name. */
    static GenericRecord copy(RegisterEvent event, Schema schema) {
        GenericRecord full = (GenericRecord) GenericData.get().deepCopy(RegisterEvent.SCHEMA$, event);
        GenericRecord copy = new GenericData.Record(schema);
        for (Schema.Field field : schema.getFields()) {
            if (RegisterEvent.SCHEMA$.getField(field.name()) != null) {
                copy.put(field.name(), full.get(field.name()));
            }
        }
        return copy;
    }
}
