package no.flyt.producers.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import no.flyt.events.EmploymentChange;
import no.flyt.events.EmploymentEvent;
import no.flyt.events.EventType;
import no.flyt.events.OccupationGroup;
import no.flyt.events.RegisterEvent;
import no.flyt.events.RegistrationKind;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EventFilesTest {

    @TempDir
    Path dir;

    static List<RegisterEvent> events(int n) {
        List<RegisterEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            RegisterEvent event = AvroJsonTest.immigration();
            event.setEventId("E" + i);
            event.setEventType(i % 2 == 0 ? EventType.IMMIGRATION : EventType.MOVE);
            event.setFromMunicipality(i % 2 == 0 ? null : "0301");
            event.setEventDate(LocalDate.of(2020, 1, 1).plusDays(i));
            event.setRecordedAt(Instant.parse("2020-01-05T00:00:00Z").plusSeconds(86_400L * i));
            events.add(event);
        }
        return events;
    }

    private Path write(String name, List<RegisterEvent> events) throws IOException {
        Path file = dir.resolve(name);
        try (EventFileWriter<RegisterEvent> writer = EventFileWriter.create(file, RegisterEvent.class, EventFileWriter.Options.defaults())) {
            for (RegisterEvent event : events) {
                writer.append(event);
            }
            assertThat(writer.count()).isEqualTo(events.size());
        }
        return file;
    }

    private static List<ReadResult<RegisterEvent>> readAll(Path file) throws IOException {
        try (EventFileReader<RegisterEvent> reader = EventFileReader.open(file, RegisterEvent.class)) {
            List<ReadResult<RegisterEvent>> items = new ArrayList<>();
            reader.forEach(items::add);
            assertThat(reader.bytesRead()).isEqualTo(reader.sizeInBytes());
            return items;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"events.avro", "events.jsonl", "events.jsonl.gz"})
    void writtenRecordsReadBackEqualAndInOrder(String name) throws IOException {
        List<RegisterEvent> events = events(5_000);
        Path file = write(name, events);

        List<ReadResult<RegisterEvent>> items = readAll(file);

        assertThat(items).noneMatch(ReadResult::isMalformed);
        assertThat(items).extracting(ReadResult::record).containsExactlyElementsOf(events);
        assertThat(items.get(4_999).position()).isEqualTo(5_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"events.avro", "events.jsonl", "events.jsonl.gz"})
    void writingIsByteForByteReproducible(String name) throws IOException {
        Path first = write(name, events(3_000));
        byte[] firstBytes = Files.readAllBytes(first);
        Files.move(first, dir.resolve("first-" + name));
        Path second = write(name, events(3_000));

        assertThat(Files.readAllBytes(second)).isEqualTo(firstBytes);
    }

    @Test
    void avroFilesKnowTheirRecordCountFromTheBlockHeaders() throws IOException {
        Path file = write("events.avro", events(70_000));
        try (EventFileReader<RegisterEvent> reader = EventFileReader.open(file, RegisterEvent.class)) {
            assertThat(reader.totalRecords()).hasValue(70_000);
            assertThat(reader.format()).isEqualTo(EventFileFormat.AVRO);
            assertThat(reader.writerSchema()).isEqualTo(RegisterEvent.getClassSchema());
        }
    }

    @Test
    void avroRecordsComeWithTheirEncodingInEveryBlock() throws IOException {
        List<RegisterEvent> events = events(70_000); // several blocks

        List<ReadResult<RegisterEvent>> items = readAll(write("events.avro", events));

        assertThat(items).hasSize(events.size());
        for (int i = 0; i < items.size(); i += 997) {
            assertThat(items.get(i).encoded()).as("record %d", i).isEqualTo(encodingOf(events.get(i)));
        }
        assertThat(items).allMatch(item -> item.encoded() != null && item.encoded().length > 0);
        assertThat(items.get(items.size() - 1).encoded()).isEqualTo(encodingOf(events.get(events.size() - 1)));
    }

    @Test
    void anAvroFileOfAnotherSchemaVersionIsReadWithoutEncodings() throws IOException {
        // written before the toCountry field existed: the records are resolved, their bytes are not the current schema's
        Schema older = withoutToCountry();
        Path file = dir.resolve("older.avro");
        List<RegisterEvent> events = events(100);
        GenericData model = new GenericData();
        model.addLogicalTypeConversion(new TimeConversions.DateConversion());
        model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        try (DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(older, model))) {
            writer.create(older, file.toFile());
            for (RegisterEvent event : events) {
                GenericRecord full = (GenericRecord) GenericData.get().deepCopy(RegisterEvent.getClassSchema(), event);
                GenericRecord record = new GenericData.Record(older);
                older.getFields().forEach(f -> record.put(f.name(), full.get(f.name())));
                writer.append(record);
            }
        }

        List<ReadResult<RegisterEvent>> items = readAll(file);

        assertThat(items).extracting(ReadResult::record).containsExactlyElementsOf(events); // toCountry is null in all
        assertThat(items).allMatch(item -> item.encoded() == null);
        assertThat(readAll(write("events.jsonl", events))).allMatch(item -> item.encoded() == null);
    }

    private static Schema withoutToCountry() {
        Schema current = RegisterEvent.getClassSchema();
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : current.getFields()) {
            if (!f.name().equals("toCountry")) {
                fields.add(new Schema.Field(f, f.schema()));
            }
        }
        return Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
    }

    private static byte[] encodingOf(RegisterEvent event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(RegisterEvent.class).write(event, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    @Test
    void jsonLinesFilesTakeTheirRecordCountFromTheManifest() throws IOException {
        Path file = write("events.jsonl", events(10));
        try (EventFileReader<RegisterEvent> reader = EventFileReader.open(file, RegisterEvent.class)) {
            assertThat(reader.totalRecords()).isEmpty();
        }
        new EventSetManifest("test", "1", 1L, 1.0, null, null, null,
            List.of(new EventSetManifest.FileEntry("events.jsonl", "no.flyt.events.RegisterEvent", 10)), Map.of()).write(dir);
        try (EventFileReader<RegisterEvent> reader = EventFileReader.open(file, RegisterEvent.class)) {
            assertThat(reader.totalRecords()).hasValue(10);
        }
    }

    @Test
    void aMalformedLineInTheMiddleIsReportedWithItsLineNumberAndReadingGoesOn() throws IOException {
        Path file = write("events.jsonl", events(6));
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.add(2, "{\"eventId\": \"E-broken\", ");                              // line 3: truncated JSON
        lines.add(4, lines.get(3).replace("\"personId\":\"P00001234\",", ""));    // line 5: required field missing
        lines.add(6, "");                                                          // line 7: blank, skipped
        Files.write(file, lines, StandardCharsets.UTF_8);

        List<ReadResult<RegisterEvent>> items = readAll(file);

        assertThat(items).hasSize(8);
        assertThat(items).filteredOn(ReadResult::isMalformed).extracting(ReadResult::lineNumber).containsExactly(3L, 5L);
        assertThat(items.get(2).error()).contains("not valid JSON");
        assertThat(items.get(4).error()).contains("personId").contains("missing");
        assertThat(items).filteredOn(r -> !r.isMalformed()).extracting(r -> r.record().getEventId())
            .containsExactly("E0", "E1", "E2", "E3", "E4", "E5");
        assertThat(items.get(items.size() - 1).lineNumber()).isEqualTo(9);
    }

    @Test
    void anAvroFileThatIsNotAContainerFileFailsClearly() throws IOException {
        Path notAvro = dir.resolve("events.avro");
        Files.writeString(notAvro, "{\"eventId\":\"E1\"}\n");

        assertThatThrownBy(() -> EventFileReader.open(notAvro, RegisterEvent.class))
            .isInstanceOf(EventFileReader.NotAnAvroContainerFileException.class)
            .hasMessageContaining("not an Avro object container file");
    }

    @Test
    void unknownExtensionsAndMissingFilesFailClearly() throws IOException {
        Path csv = dir.resolve("events.csv");
        Files.writeString(csv, "a,b\n");

        assertThatThrownBy(() -> EventFileReader.open(csv, RegisterEvent.class))
            .hasMessageContaining(".avro").hasMessageContaining(".jsonl");
        assertThatThrownBy(() -> EventFileReader.open(dir.resolve("missing.avro"), RegisterEvent.class))
            .isInstanceOf(IOException.class).hasMessageContaining("does not exist");
    }

    @Test
    void anEventSetPrefersAvroAndReadsItsManifest() throws IOException {
        write("events.jsonl.gz", events(3));
        write("events.avro", events(3));
        write("baseline.jsonl", events(1));
        new EventSetManifest("test", "1", 7L, 0.5, "2015-01-01", "2015-01-01", "2024-12-31", List.of(), Map.of("events", 3L)).write(dir);

        EventSet set = EventSet.open(dir);

        assertThat(set.employment()).isEmpty();
        assertThat(set.events()).hasValue(dir.resolve("events.avro"));
        assertThat(set.baseline()).hasValue(dir.resolve("baseline.jsonl"));
        assertThat(set.manifest()).get().extracting(EventSetManifest::seed).isEqualTo(7L);
        assertThat(set.manifest().get().counts()).containsEntry("events", 3L);
        assertThatThrownBy(() -> EventSet.open(Files.createDirectory(dir.resolve("empty"))))
            .hasMessageContaining("no event files");
        Files.writeString(dir.resolve("employment.jsonl"), "");
        assertThat(EventSet.open(dir).employment()).hasValue(dir.resolve("employment.jsonl"));
    }

    static List<EmploymentEvent> employment(int n) {
        List<EmploymentEvent> changes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean correction = i % 5 == 4;
            changes.add(EmploymentEvent.newBuilder()
                .setEventId("A" + i).setPersonId("P" + (i / 2)).setEmploymentId("J" + (i / 2))
                .setChange(i % 2 == 0 ? EmploymentChange.START : EmploymentChange.END)
                .setEventDate(LocalDate.of(2020, 1, 1).plusMonths(i))
                .setRecordedAt(Instant.parse("2020-02-07T10:00:00Z").plusSeconds(86_400L * 31 * i))
                .setOccupationGroup(i % 3 == 0 ? OccupationGroup.HOME_OFFICE_TYPICAL : OccupationGroup.OTHER)
                .setWorkplaceMunicipality(i % 7 == 6 ? null : "3024")
                .setRegistration(correction ? RegistrationKind.CORRECTION : RegistrationKind.NEW)
                .setCorrectsEventId(correction ? "A" + (i - 2) : null)
                .build());
        }
        return changes;
    }

    @ParameterizedTest
    @ValueSource(strings = {"employment.avro", "employment.jsonl", "employment.jsonl.gz"})
    void employmentRecordsReadBackEqualInEitherFormat(String name) throws IOException {
        Path file = dir.resolve(name);
        List<EmploymentEvent> changes = employment(40);
        try (EventFileWriter<EmploymentEvent> writer = EventFileWriter.create(file, EmploymentEvent.class, EventFileWriter.Options.defaults())) {
            for (EmploymentEvent e : changes) {
                writer.append(e);
            }
        }
        List<EmploymentEvent> read = new ArrayList<>();
        try (EventFileReader<EmploymentEvent> reader = EventFileReader.open(file, EmploymentEvent.class)) {
            for (ReadResult<EmploymentEvent> item : reader) {
                read.add(item.record());
            }
        }
        assertThat(read).containsExactlyElementsOf(changes);
        assertThat(EventSet.isEmploymentFile(file)).isTrue();
        assertThat(EventSet.isEmploymentFile(dir.resolve("events.avro"))).isFalse();
    }

    @Test
    void employmentWrittenBeforeCorrectionsExistedReadsAsFirstReports() throws IOException {
        // an Avro file and a JSON line of the first employment schema, without registration and correctsEventId
        Schema current = EmploymentEvent.getClassSchema();
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : current.getFields()) {
            if (!f.name().equals("registration") && !f.name().equals("correctsEventId")) {
                fields.add(new Schema.Field(f, f.schema()));
            }
        }
        Schema first = Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
        Path file = dir.resolve("employment.avro");
        GenericData model = new GenericData();
        model.addLogicalTypeConversion(new TimeConversions.DateConversion());
        model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        List<EmploymentEvent> changes = employment(10).stream().filter(e -> e.getRegistration() == RegistrationKind.NEW).toList();
        try (DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(first, model))) {
            writer.create(first, file.toFile());
            for (EmploymentEvent e : changes) {
                GenericRecord full = (GenericRecord) GenericData.get().deepCopy(current, e);
                GenericRecord record = new GenericData.Record(first);
                first.getFields().forEach(f -> record.put(f.name(), full.get(f.name())));
                writer.append(record);
            }
        }
        List<EmploymentEvent> read = new ArrayList<>();
        try (EventFileReader<EmploymentEvent> reader = EventFileReader.open(file, EmploymentEvent.class)) {
            reader.forEach(item -> read.add(item.record()));
        }
        assertThat(read).containsExactlyElementsOf(changes);
        assertThat(read).allMatch(e -> e.getRegistration() == RegistrationKind.NEW && e.getCorrectsEventId() == null);

        Path jsonl = dir.resolve("employment.jsonl");
        Files.writeString(jsonl, "{\"eventId\":\"A1\",\"personId\":\"P1\",\"employmentId\":\"J1\",\"change\":\"START\","
            + "\"eventDate\":\"2020-03-01\",\"recordedAt\":\"2020-04-07T10:00:00Z\",\"occupationGroup\":\"OTHER\","
            + "\"workplaceMunicipality\":\"0301\"}\n");
        try (EventFileReader<EmploymentEvent> reader = EventFileReader.open(jsonl, EmploymentEvent.class)) {
            EmploymentEvent e = reader.iterator().next().record();
            assertThat(e.getRegistration()).isEqualTo(RegistrationKind.NEW);
            assertThat(e.getCorrectsEventId()).isNull();
        }
    }

    @Test
    void syncMarkersDifferBySeedAndFile() {
        byte[] a = EventFileWriter.syncMarker(1, RegisterEvent.getClassSchema(), "events.avro");
        byte[] b = EventFileWriter.syncMarker(2, RegisterEvent.getClassSchema(), "events.avro");
        byte[] c = EventFileWriter.syncMarker(1, RegisterEvent.getClassSchema(), "baseline.avro");
        assertThat(a).hasSize(16);
        assertThat(Arrays.equals(a, b)).isFalse();
        assertThat(Arrays.equals(a, c)).isFalse();
    }
}
