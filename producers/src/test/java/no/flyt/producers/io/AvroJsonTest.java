package no.flyt.producers.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import no.flyt.events.CountryBackground;
import no.flyt.events.EducationLevel;
import no.flyt.events.EventType;
import no.flyt.events.ImmigrantCategory;
import no.flyt.events.ImmigrationReason;
import no.flyt.events.PersonAttributes;
import no.flyt.events.RegisterEvent;
import no.flyt.events.RegistrationKind;
import no.flyt.events.Sex;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;
import org.junit.jupiter.api.Test;

class AvroJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static RegisterEvent immigration() {
        return RegisterEvent.newBuilder()
            .setEventId("E0000000042")
            .setPersonId("P00001234")
            .setEventType(EventType.IMMIGRATION)
            .setRegistration(RegistrationKind.NEW)
            .setCorrectsEventId(null)
            .setEventDate(LocalDate.of(2020, 3, 15))
            .setRecordedAt(Instant.parse("2020-03-20T10:15:30Z"))
            .setToMunicipality("3024")
            .setFromCountry("PL")
            .setPerson(PersonAttributes.newBuilder()
                .setBirthDate(LocalDate.of(1990, 7, 1))
                .setSex(Sex.FEMALE)
                .setImmigrantCategory(ImmigrantCategory.IMMIGRANT)
                .setCountryBackground(CountryBackground.EU_EEA_UK)
                .setCountryBackgroundCode("PL")
                .setImmigrationReason(ImmigrationReason.WORK)
                .setEducationLevel(EducationLevel.UPPER_SECONDARY)
                .setCollectiveProtection(false)
                .build())
            .build();
    }

    @Test
    void writesThePlainMappingForNullableUnionsEnumsDatesAndTimestamps() throws Exception {
        JsonNode json = MAPPER.readTree(AvroJson.toJson(immigration()));

        assertThat(json.get("eventDate").textValue()).isEqualTo("2020-03-15");
        assertThat(json.get("recordedAt").textValue()).isEqualTo("2020-03-20T10:15:30Z");
        assertThat(json.get("eventType").textValue()).isEqualTo("IMMIGRATION");
        assertThat(json.get("toMunicipality").textValue()).isEqualTo("3024");
        assertThat(json.get("fromMunicipality").isNull()).isTrue();
        assertThat(json.get("person").get("immigrationReason").textValue()).isEqualTo("WORK");
        assertThat(json.get("person").get("birthDate").textValue()).isEqualTo("1990-07-01");
        assertThat(json.get("person").get("collectiveProtection").booleanValue()).isFalse();
        // field order follows the schema
        assertThat(json.fieldNames()).toIterable().first().isEqualTo("eventId");
    }

    @Test
    void roundTripsAGeneratedRecord() {
        RegisterEvent event = immigration();
        assertThat(AvroJson.fromJson(AvroJson.toJson(event), RegisterEvent.class)).isEqualTo(event);
    }

    @Test
    void missingFieldsTakeTheirDefaults() {
        String json = """
            {"eventId":"E1","personId":"P1","eventType":"BIRTH","eventDate":"2021-01-02",
             "recordedAt":"2021-01-05T08:00:00Z","toMunicipality":"0301",
             "person":{"birthDate":"2021-01-02","sex":"MALE","immigrantCategory":"REST_OF_POPULATION",
                       "countryBackground":"NORWAY"}}""";

        RegisterEvent event = AvroJson.fromJson(json, RegisterEvent.class);

        assertThat(event.getRegistration()).isEqualTo(RegistrationKind.NEW);
        assertThat(event.getCorrectsEventId()).isNull();
        assertThat(event.getFromMunicipality()).isNull();
        assertThat(event.getPerson().getEducationLevel()).isEqualTo(EducationLevel.UNKNOWN);
        assertThat(event.getPerson().getCollectiveProtection()).isFalse();
        assertThat(event.getPerson().getImmigrationReason()).isNull();
        assertThat(event.getRecordedAt()).isEqualTo(Instant.parse("2021-01-05T08:00:00Z"));
    }

    @Test
    void aMissingRequiredFieldIsNamedWithItsPath() {
        String json = AvroJson.toJson(immigration()).replace("\"birthDate\":\"1990-07-01\",", "");

        assertThatThrownBy(() -> AvroJson.fromJson(json, RegisterEvent.class))
            .isInstanceOf(AvroJson.MappingException.class)
            .hasMessageContaining("person.birthDate")
            .hasMessageContaining("missing")
            .extracting(e -> ((AvroJson.MappingException) e).fieldPath()).isEqualTo("person.birthDate");
    }

    @Test
    void aValueOfTheWrongShapeIsNamedWithItsPath() {
        String badDate = AvroJson.toJson(immigration()).replace("2020-03-15", "15.03.2020");
        String badType = AvroJson.toJson(immigration()).replace("\"toMunicipality\":\"3024\"", "\"toMunicipality\":3024");

        assertThatThrownBy(() -> AvroJson.fromJson(badDate, RegisterEvent.class))
            .hasMessageContaining("eventDate").hasMessageContaining("15.03.2020");
        assertThatThrownBy(() -> AvroJson.fromJson(badType, RegisterEvent.class))
            .hasMessageContaining("toMunicipality").hasMessageContaining("expected a string");
    }

    @Test
    void anUnknownEnumSymbolFallsBackToTheEnumDefaultOrFails() {
        String newType = AvroJson.toJson(immigration()).replace("\"IMMIGRATION\"", "\"NAME_CHANGE\"");
        String badSex = AvroJson.toJson(immigration()).replace("\"FEMALE\"", "\"F\"");

        assertThat(AvroJson.fromJson(newType, RegisterEvent.class).getEventType()).isEqualTo(EventType.UNKNOWN);
        assertThatThrownBy(() -> AvroJson.fromJson(badSex, RegisterEvent.class))
            .hasMessageContaining("person.sex").hasMessageContaining("'F' is not one of");
    }

    @Test
    void notJsonAtAllIsAMappingError() {
        assertThatThrownBy(() -> AvroJson.fromJson("{\"eventId\": \"E1\",", RegisterEvent.class))
            .isInstanceOf(AvroJson.MappingException.class)
            .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> AvroJson.fromJson("[1,2]", RegisterEvent.class))
            .hasMessageContaining("expected a JSON object");
    }

    @Test
    void worksForAnyRecordSchemaWithGenericRecords() {
        Schema schema = new Schema.Parser().parse("""
            {"type":"record","name":"Sample","namespace":"test","fields":[
              {"name":"tags","type":{"type":"array","items":"string"}},
              {"name":"counts","type":{"type":"map","values":"long"}},
              {"name":"choice","type":["null","int","string"]},
              {"name":"payload","type":"bytes"},
              {"name":"when","type":{"type":"long","logicalType":"timestamp-millis"}},
              {"name":"ratio","type":"double","default":0.5}
            ]}""");
        GenericRecord record = new GenericData.Record(schema);
        record.put("tags", List.of("a", "b"));
        record.put("counts", Map.of("x", 3L));
        record.put("choice", "seven");
        record.put("payload", ByteBuffer.wrap(new byte[] {1, 2, 3}));
        record.put("when", 1_584_699_330_000L);
        record.put("ratio", 0.25);

        String json = AvroJson.toJson(record);
        IndexedRecord back = AvroJson.fromJson(json, schema, GenericData.get());

        assertThat(json).contains("\"when\":\"2020-03-20T10:15:30Z\"").contains("\"choice\":\"seven\"").contains("\"payload\":\"AQID\"");
        assertThat(back).isEqualTo(record);
        IndexedRecord defaulted = AvroJson.fromJson(json.replace(",\"ratio\":0.25", ""), schema, GenericData.get());
        assertThat(defaulted.get(schema.getField("ratio").pos())).isEqualTo(0.5);
        IndexedRecord number = AvroJson.fromJson(json.replace("\"seven\"", "7"), schema, GenericData.get());
        assertThat(number.get(schema.getField("choice").pos())).isEqualTo(7);
    }
}
