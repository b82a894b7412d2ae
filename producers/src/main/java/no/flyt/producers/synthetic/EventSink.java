package no.flyt.producers.synthetic;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import no.flyt.events.BaselinePerson;
import no.flyt.events.EmploymentChange;
import no.flyt.events.EmploymentEvent;
import no.flyt.events.EventType;
import no.flyt.events.OccupationGroup;
import no.flyt.events.PersonAttributes;
import no.flyt.events.RegisterEvent;
import no.flyt.events.RegistrationKind;
import no.flyt.producers.io.EventFileFormat;
import no.flyt.producers.io.EventFileWriter;
import no.flyt.producers.io.EventSet;

/**
 * Writes the baseline and the events to the event set's files (one or both formats), counts them, and reports
 * progress. Records are built from the compact simulation state only when written; one record object is reused.
 */
final class EventSink implements Closeable {

    private static final long PROGRESS_EVERY = 100_000;

    private final Path directory;
    private final GeneratorSettings settings;
    private final ProgressListener listener;
    private final List<EventFileWriter<BaselinePerson>> baselineWriters = new ArrayList<>();
    private final List<EventFileWriter<RegisterEvent>> eventWriters = new ArrayList<>();
    private final List<EventFileWriter<EmploymentEvent>> employmentWriters = new ArrayList<>();
    private final Map<EmploymentChange, Long> byEmploymentChange = new EnumMap<>(EmploymentChange.class);
    private final Map<RegistrationKind, Long> byEmploymentRegistration = new EnumMap<>(RegistrationKind.class);
    private final EmploymentEvent employment = new EmploymentEvent();
    private long employmentCount;
    private final Map<EventType, Long> byType = new EnumMap<>(EventType.class);
    private final Map<RegistrationKind, Long> byRegistration = new EnumMap<>(RegistrationKind.class);
    private final RegisterEvent event = new RegisterEvent();
    private final PersonAttributes attributes = new PersonAttributes();
    private PersonTable persons;
    private long baselineCount;
    private long eventCount;
    private long baselineTotal;
    private LocalDate simulatedDate = GeneratorSettings.EXTRACT_DATE;
    private double fractionOfDecade;

    EventSink(Path directory, GeneratorSettings settings, ProgressListener listener) {
        this.directory = directory;
        this.settings = settings;
        this.listener = listener;
        event.setPerson(attributes);
    }

    List<EventFileFormat> formats() {
        return switch (settings.format()) {
            case AVRO -> List.of(EventFileFormat.AVRO);
            case JSON_LINES -> List.of(EventFileFormat.JSON_LINES);
            case BOTH -> List.of(EventFileFormat.AVRO, EventFileFormat.JSON_LINES);
        };
    }

    String fileName(EventFileFormat format, String baseName) {
        return format.fileName(baseName, settings.gzipJson());
    }

    // ------------------------------------------------------------------------------------------ baseline

    void writeBaseline(PersonTable persons, MunicipalityTable table) throws IOException {
        this.persons = persons;
        this.baselineTotal = persons.size();
        EventFileWriter.Options options = options();
        for (EventFileFormat format : formats()) {
            baselineWriters.add(EventFileWriter.create(directory.resolve(fileName(format, EventSet.BASELINE)),
                BaselinePerson.class, options));
        }
        int day = (int) GeneratorSettings.EXTRACT_DATE.toEpochDay();
        BaselinePerson record = new BaselinePerson();
        PersonAttributes person = new PersonAttributes();
        record.setPerson(person);
        record.setExtractDate(GeneratorSettings.EXTRACT_DATE);
        try {
            for (int p = 0; p < persons.size(); p++) {
                long word = persons.word(p);
                if (PersonTable.statusOf(word) != PersonTable.RESIDENT) {
                    continue;
                }
                record.setPersonId(PersonTable.personId(p));
                record.setMunicipality(table.codeOn(PersonTable.municipalityOf(word), day));
                int immigrationYear = persons.immigrationYear(p);
                record.setImmigrationYear(immigrationYear == 0 ? null : immigrationYear);
                int settledIn = persons.settlementMunicipality(p);
                record.setSettlementMunicipality(settledIn < 0 ? null : table.codeOn(settledIn, day));
                fill(person, word, day);
                for (EventFileWriter<BaselinePerson> writer : baselineWriters) {
                    writer.append(record);
                }
                if (++baselineCount % PROGRESS_EVERY == 0) {
                    report(GenerationProgress.Phase.BASELINE);
                }
            }
        } finally {
            for (EventFileWriter<BaselinePerson> writer : baselineWriters) {
                writer.close();
            }
        }
        report(GenerationProgress.Phase.BASELINE);
    }

    // ------------------------------------------------------------------------------------------ events

    void openEvents() throws IOException {
        EventFileWriter.Options options = options();
        for (EventFileFormat format : formats()) {
            eventWriters.add(EventFileWriter.create(directory.resolve(fileName(format, EventSet.EVENTS)),
                RegisterEvent.class, options));
            if (settings.employment()) {
                employmentWriters.add(EventFileWriter.create(directory.resolve(fileName(format, EventSet.EMPLOYMENT)),
                    EmploymentEvent.class, options));
            }
        }
    }

    void writeEmployment(Employment.PendingEmployment e) throws IOException {
        employment.setEventId(employmentEventId(e.sequence()));
        employment.setPersonId(PersonTable.personId(e.person()));
        employment.setEmploymentId(PersonTable.pad('J', e.employment(), 9));
        employment.setChange(e.change());
        employment.setEventDate(LocalDate.ofEpochDay(e.eventDay()));
        employment.setRecordedAt(Instant.ofEpochMilli(e.recordedAt()));
        employment.setOccupationGroup(e.group());
        employment.setWorkplaceMunicipality(e.workplace());
        employment.setRegistration(e.registration());
        employment.setCorrectsEventId(e.corrects() < 0 ? null : employmentEventId(e.corrects()));
        for (EventFileWriter<EmploymentEvent> writer : employmentWriters) {
            writer.append(employment);
        }
        byEmploymentChange.merge(e.change(), 1L, Long::sum);
        byEmploymentRegistration.merge(e.registration(), 1L, Long::sum);
        employmentCount++;
    }

    private static String employmentEventId(long sequence) {
        return PersonTable.pad('A', sequence, 10);
    }

    private EventFileWriter.Options options() {
        return EventFileWriter.Options.defaults().withSyncSeed(settings.seed()).withDeflateLevel(settings.deflateLevel());
    }

    void writeEvent(PendingEvent e) throws IOException {
        long word = persons.word(e.person);
        event.setEventId(PendingEvent.eventId(e.sequence));
        event.setPersonId(PersonTable.personId(e.person));
        event.setEventType(e.type);
        event.setRegistration(e.registration);
        event.setCorrectsEventId(e.corrects < 0 ? null : PendingEvent.eventId(e.corrects));
        event.setEventDate(LocalDate.ofEpochDay(e.eventDay));
        event.setRecordedAt(Instant.ofEpochMilli(e.recordedAt));
        event.setFromMunicipality(e.fromMunicipality);
        event.setToMunicipality(e.toMunicipality);
        event.setFromCountry(Countries.code(e.fromCountry));
        event.setToCountry(Countries.code(e.toCountry));
        fill(attributes, word, (int) Math.floorDiv(e.recordedAt, 86_400_000L));
        for (EventFileWriter<RegisterEvent> writer : eventWriters) {
            writer.append(event);
        }
        byType.merge(e.type, 1L, Long::sum);
        byRegistration.merge(e.registration, 1L, Long::sum);
        if (++eventCount % PROGRESS_EVERY == 0) {
            report(GenerationProgress.Phase.EVENTS);
        }
    }

    /** The person's attributes as registered on {@code day}. */
    private static void fill(PersonAttributes person, long word, int day) {
        person.setBirthDate(LocalDate.ofEpochDay(PersonTable.birthDayOf(word)));
        person.setSex(PersonTable.sexOf(word));
        person.setImmigrantCategory(PersonTable.categoryOf(word));
        person.setCountryBackground(PersonTable.backgroundOf(word));
        person.setCountryBackgroundCode(Countries.code(PersonTable.countryOf(word)));
        person.setImmigrationReason(PersonTable.reasonOf(word));
        person.setEducationLevel(PersonTable.educationOn(word, day));
        person.setCollectiveProtection(PersonTable.hasCollectiveProtection(word));
    }

    void simulatedDay(LocalDate date, double fractionOfDecade) {
        this.simulatedDate = date;
        this.fractionOfDecade = fractionOfDecade;
        report(GenerationProgress.Phase.EVENTS);
    }

    private void report(GenerationProgress.Phase phase) {
        double fraction = phase == GenerationProgress.Phase.BASELINE
            ? 0.25 * baselineCount / Math.max(1, baselineTotal)
            : 0.25 + 0.75 * fractionOfDecade;
        listener.onProgress(new GenerationProgress(phase, baselineCount + eventCount + employmentCount, simulatedDate,
            Math.min(1.0, fraction)));
    }

    void done() {
        listener.onProgress(new GenerationProgress(GenerationProgress.Phase.DONE, baselineCount + eventCount + employmentCount,
            settings.endDate(), 1.0));
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (EventFileWriter<RegisterEvent> writer : eventWriters) {
            try {
                writer.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        eventWriters.clear();
        for (EventFileWriter<EmploymentEvent> writer : employmentWriters) {
            try {
                writer.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        employmentWriters.clear();
        if (failure != null) {
            throw failure;
        }
    }

    long baselineCount() {
        return baselineCount;
    }

    long eventCount() {
        return eventCount;
    }

    Map<EventType, Long> byType() {
        return byType;
    }

    Map<RegistrationKind, Long> byRegistration() {
        return byRegistration;
    }

    long employmentCount() {
        return employmentCount;
    }

    Map<RegistrationKind, Long> byEmploymentRegistration() {
        return byEmploymentRegistration;
    }

    Map<EmploymentChange, Long> byEmploymentChange() {
        return byEmploymentChange;
    }
}
