package no.flyt.serde;

import java.time.Instant;
import java.time.LocalDate;
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

/** Records the serde tests write: flyt's generated classes and a small generic record in two versions. */
final class TestRecords {

    /** Version 1 of a generic record type. */
    static final Schema READING_V1 = new Schema.Parser().parse("""
            {"type": "record", "name": "Reading", "namespace": "no.flyt.test", "fields": [
                {"name": "sensor", "type": "string"},
                {"name": "value", "type": "double"}
            ]}""");

    /** Version 2 adds an optional field: a BACKWARD-compatible change. */
    static final Schema READING_V2 = new Schema.Parser().parse("""
            {"type": "record", "name": "Reading", "namespace": "no.flyt.test", "fields": [
                {"name": "sensor", "type": "string"},
                {"name": "value", "type": "double"},
                {"name": "unit", "type": ["null", "string"], "default": null}
            ]}""");

    /** Adds a required field without a default: v2 readers cannot read v1 data, not BACKWARD-compatible. */
    static final Schema READING_INCOMPATIBLE = new Schema.Parser().parse("""
            {"type": "record", "name": "Reading", "namespace": "no.flyt.test", "fields": [
                {"name": "sensor", "type": "string"},
                {"name": "value", "type": "double"},
                {"name": "site", "type": "string"}
            ]}""");

    private TestRecords() {
    }

    static GenericRecord reading(String sensor, double value) {
        GenericRecord record = new GenericData.Record(READING_V1);
        record.put("sensor", sensor);
        record.put("value", value);
        return record;
    }

    static GenericRecord readingV2(String sensor, double value, String unit) {
        GenericRecord record = new GenericData.Record(READING_V2);
        record.put("sensor", sensor);
        record.put("value", value);
        record.put("unit", unit);
        return record;
    }

    static RegisterEvent immigration(String eventId) {
        return RegisterEvent.newBuilder()
                .setEventId(eventId)
                .setPersonId("p-" + eventId)
                .setEventType(EventType.IMMIGRATION)
                .setRegistration(RegistrationKind.NEW)
                .setEventDate(LocalDate.of(2024, 3, 15))
                .setRecordedAt(Instant.parse("2024-03-20T08:15:30.123Z"))
                .setToMunicipality("0301")
                .setFromCountry("UA")
                .setPerson(PersonAttributes.newBuilder()
                        .setBirthDate(LocalDate.of(1990, 6, 1))
                        .setSex(Sex.FEMALE)
                        .setImmigrantCategory(ImmigrantCategory.IMMIGRANT)
                        .setCountryBackground(CountryBackground.REST_OF_WORLD)
                        .setCountryBackgroundCode("UA")
                        .setImmigrationReason(ImmigrationReason.REFUGE)
                        .setEducationLevel(EducationLevel.TERTIARY_SHORT)
                        .setCollectiveProtection(true)
                        .build())
                .build();
    }
}
