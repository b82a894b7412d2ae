package no.flyt.folkeregister.fake;

import static no.flyt.folkeregister.feed.FeedFields.*;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import no.flyt.events.BaselinePerson;
import no.flyt.events.EventType;
import no.flyt.events.ImmigrantCategory;
import no.flyt.events.PersonAttributes;
import no.flyt.events.RegisterEvent;
import no.flyt.events.RegistrationKind;
import no.flyt.events.Sex;
import no.flyt.folkeregister.feed.CountryCodes;
import no.flyt.folkeregister.feed.StatisticalAttributes;
import no.flyt.producers.io.EventFileReader;
import no.flyt.producers.io.EventSet;
import no.flyt.producers.io.ReadResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an event set in the Folkeregister feed's shape (see {@link FeedFiles}): for every event of the
 * {@link RegisterView register's view} a feed entry, its event document and the person document as after the event,
 * plus entries of types flyt does not count; the extract of the baseline; and the side input of statistical
 * attributes. It writes exactly what lets the connector rebuild the same register events.
 *
 * <p>How flyt's events are written (the connector's mapping read backwards): a move is an
 * {@code endringIBostedsadresse} whose new address carries the destination and moving date, the origin being the
 * previous address in the person document; an immigration a {@code personErBosatt} with {@code innflytting} and the
 * new address; an emigration a {@code personErUtflyttet} with {@code utflytting}; a birth a {@code personErOpprettet}
 * with {@code foedsel}, {@code foedselINorge} and the address; a death a {@code personErDoed} with {@code doedsfall}.
 * Each fact's {@code gyldighetstidspunkt} is when its first registration was recorded: corrections
 * ({@code korrigere}) and annulments ({@code annullere}) carry the same one, under the {@code endringI…} type of
 * their entity, which is how they name the fact they change.
 */
public final class FeedWriter implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(FeedWriter.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** One entry of a type flyt does not count after every this many events (the real feed has many more). */
    private static final int OTHER_EVERY = 4;
    private static final String[] OTHER_TYPES = {"endringISivilstand", "endringINavn", "endringIBostedsadresseUtenFlytting",
        PERSON_CREATED, "endringIStatsborgerskap"};

    /** What was written. */
    public record Summary(long feedEntries, long events, long otherEntries, long settlementsNotInRegister, long residents) {
    }

    private final FeedFiles files;
    private final SyntheticIdentities identities = new SyntheticIdentities();
    private final Map<String, StatisticalAttributes> lastAttributes = new HashMap<>();
    private final Map<String, String> validFromOfCorrected = new HashMap<>();
    private final Set<String> corrected;
    private final Writer feed;
    private final Writer documents;
    private final Writer persons;
    private final Writer attributes;
    private long sequence;
    private long events;
    private long others;
    private long notInRegister;
    private String lastPerson;
    private LocalDate lastBirthDate;

    private FeedWriter(FeedFiles files, Set<String> corrected) throws IOException {
        this.files = files;
        this.corrected = corrected;
        Files.createDirectories(files.directory());
        this.feed = open(files.feed());
        this.documents = open(files.eventDocuments());
        this.persons = open(files.personDocuments());
        this.attributes = open(files.attributes());
    }

    /** Writes the feed-shaped twin of the event set in {@code eventSet} into {@code target}. */
    public static Summary write(Path eventSet, Path target) throws IOException {
        EventSet set = EventSet.open(eventSet);
        Path events = set.events().orElseThrow(() -> new IOException("no events file in " + eventSet));
        Path baseline = set.baseline().orElseThrow(() -> new IOException("no baseline file in " + eventSet));
        // First pass: which events are corrected or annulled later (their gyldighetstidspunkt must be kept).
        Set<String> corrected = new HashSet<>();
        try (EventFileReader<RegisterEvent> reader = EventFileReader.open(events, RegisterEvent.class)) {
            for (ReadResult<RegisterEvent> r : reader) {
                if (r.record() != null && r.record().getCorrectsEventId() != null) {
                    corrected.add(r.record().getCorrectsEventId());
                }
            }
        }
        FeedFiles files = new FeedFiles(target);
        try (FeedWriter writer = new FeedWriter(files, corrected)) {
            long residents = writer.writeExtract(baseline);
            try (EventFileReader<RegisterEvent> reader = EventFileReader.open(events, RegisterEvent.class)) {
                for (ReadResult<RegisterEvent> r : reader) {
                    if (r.record() != null) {
                        writer.writeEvent(r.record());
                    }
                }
            }
            Summary summary = new Summary(writer.sequence, writer.events, writer.others, writer.notInRegister, residents);
            ObjectNode manifest = NODES.objectNode();
            manifest.put("feedEntries", summary.feedEntries());
            manifest.put("events", summary.events());
            manifest.put("otherEntries", summary.otherEntries());
            manifest.put("settlementsNotInRegister", summary.settlementsNotInRegister());
            manifest.put("residents", residents);
            JSON.writerWithDefaultPrettyPrinter().writeValue(files.manifest().toFile(), manifest);
            log.info("Wrote the feed-shaped register to {}: {}", target, summary);
            return summary;
        }
    }

    private long writeExtract(Path baseline) throws IOException {
        long residents = 0;
        try (Writer extract = open(files.extract());
             EventFileReader<BaselinePerson> reader = EventFileReader.open(baseline, BaselinePerson.class)) {
            for (ReadResult<BaselinePerson> r : reader) {
                BaselinePerson b = r.record();
                if (b == null) {
                    continue;
                }
                b = RegisterView.of(b);
                PersonAttributes p = b.getPerson();
                String id = identities.nationalId(b.getPersonId(), p.getBirthDate());
                Instant validFrom = b.getExtractDate().atStartOfDay(ZoneOffset.UTC).toInstant();
                writeAttributes(b.getPersonId(), id, StatisticalAttributes.of(validFrom, p));
                ObjectNode person = person(id, p, "bosatt");
                ArrayNode addresses = person.putArray(RESIDENTIAL_ADDRESS);
                addresses.add(address(b.getMunicipality(), null, null, true));
                if (b.getImmigrationYear() != null) {
                    person.putArray(IMMIGRATION).addObject().put(VALID_FROM, b.getImmigrationYear() + "-07-01T00:00:00Z");
                }
                ObjectNode line = NODES.objectNode();
                line.put(NATIONAL_ID_NUMBER, id);
                line.put("extractDate", b.getExtractDate().toString());
                line.set("folkeregisterperson", person);
                writeLine(extract, line);
                residents++;
            }
        }
        return residents;
    }

    private void writeEvent(RegisterEvent original) throws IOException {
        RegisterEvent e = RegisterView.of(original).orElse(null);
        if (e == null) {
            notInRegister++;
            return;
        }
        PersonAttributes p = e.getPerson();
        String id = identities.nationalId(e.getPersonId(), p.getBirthDate());
        writeAttributes(e.getPersonId(), id, StatisticalAttributes.of(e.getRecordedAt(), p));
        String recordedAt = e.getRecordedAt().toString();
        String validFrom = recordedAt;
        if (e.getRegistration() == RegistrationKind.NEW) {
            if (corrected.contains(e.getEventId())) {
                validFromOfCorrected.put(e.getEventId(), recordedAt);
            }
        } else {
            validFrom = validFromOfCorrected.get(e.getCorrectsEventId());
            if (validFrom == null) {
                log.warn("{} corrects {}, which is not in the event set: written as a fact of its own", e.getEventId(), e.getCorrectsEventId());
                validFrom = recordedAt;
            }
        }
        String change = switch (e.getRegistration()) {
            case NEW -> REGISTER_NEW;
            case CORRECTION -> CORRECT;
            case ANNULMENT -> ANNUL;
        };
        boolean isNew = e.getRegistration() == RegistrationKind.NEW;
        ObjectNode event = NODES.objectNode();
        ArrayNode changes = NODES.arrayNode();
        ObjectNode person;
        String type;
        String date = e.getEventDate().toString();
        switch (e.getEventType()) {
            case MOVE -> {
                type = ADDRESS_CHANGED;
                changes.add(change(RESIDENTIAL_ADDRESS, change, address(e.getToMunicipality(), date, validFrom, null)));
                person = person(id, p, "bosatt");
                ArrayNode addresses = person.putArray(RESIDENTIAL_ADDRESS);
                if (e.getRegistration() != RegistrationKind.ANNULMENT) {
                    addresses.add(address(e.getToMunicipality(), date, validFrom, true));
                }
                addresses.add(address(e.getFromMunicipality(), null, null, e.getRegistration() == RegistrationKind.ANNULMENT));
            }
            case IMMIGRATION -> {
                type = isNew ? PERSON_RESIDENT : IMMIGRATION_CHANGED;
                if (isNew) {
                    changes.add(change(STATUS, REGISTER_NEW, NODES.objectNode().put(STATUS, "bosatt")));
                }
                ObjectNode immigration = NODES.objectNode().put(FROM_COUNTRY, CountryCodes.alpha3(e.getFromCountry())).put(VALID_FROM, validFrom);
                changes.add(change(IMMIGRATION, change, immigration));
                changes.add(change(RESIDENTIAL_ADDRESS, change, address(e.getToMunicipality(), date, validFrom, null)));
                person = person(id, p, "bosatt");
                person.putArray(RESIDENTIAL_ADDRESS).add(address(e.getToMunicipality(), date, validFrom, true));
            }
            case EMIGRATION -> {
                type = isNew ? PERSON_EMIGRATED : EMIGRATION_CHANGED;
                if (isNew) {
                    changes.add(change(STATUS, REGISTER_NEW, NODES.objectNode().put(STATUS, "utflyttet")));
                }
                changes.add(change(EMIGRATION, change, NODES.objectNode().put(TO_COUNTRY, CountryCodes.alpha3(e.getToCountry()))
                    .put(EMIGRATION_DATE, date).put(VALID_FROM, validFrom)));
                person = person(id, p, "utflyttet");
                person.putArray(RESIDENTIAL_ADDRESS).add(address(e.getFromMunicipality(), null, null, false));
            }
            case BIRTH -> {
                type = isNew ? PERSON_CREATED : BIRTH_CHANGED;
                if (isNew) {
                    changes.add(change(IDENTIFICATION_NUMBER, REGISTER_NEW, identification(id)));
                    changes.add(change(BIRTH_IN_NORWAY, REGISTER_NEW, NODES.objectNode().put(VALID_FROM, validFrom)));
                }
                changes.add(change(BIRTH, change, NODES.objectNode().put(BIRTH_YEAR, String.valueOf(e.getEventDate().getYear()))
                    .put(BIRTH_DATE, date).put(BIRTH_COUNTRY, "NOR").put(VALID_FROM, validFrom)));
                changes.add(change(RESIDENTIAL_ADDRESS, isNew ? REGISTER_NEW : change, address(e.getToMunicipality(), date, validFrom, null)));
                person = person(id, p, "bosatt");
                person.putArray(RESIDENTIAL_ADDRESS).add(address(e.getToMunicipality(), date, validFrom, true));
            }
            case DEATH -> {
                type = isNew ? PERSON_DEAD : DEATH_CHANGED;
                if (isNew) {
                    changes.add(change(STATUS, REGISTER_NEW, NODES.objectNode().put(STATUS, "doed")));
                }
                changes.add(change(DEATH, change, NODES.objectNode().put(DEATH_DATE, date).put(VALID_FROM, validFrom)));
                person = person(id, p, "doed");
                person.putArray(RESIDENTIAL_ADDRESS).add(address(e.getFromMunicipality(), null, null, true));
            }
            default -> throw new IOException("event " + e.getEventId() + " of type " + e.getEventType() + " has no form in the feed");
        }
        event.put(NATIONAL_ID, id);
        event.put(EVENT_TYPE, type);
        event.put(UPDATED_AT, recordedAt);
        event.set(CHANGES, changes);
        writeEntry(id, type, recordedAt, event, person);
        events++;
        if (events % OTHER_EVERY == 0 && lastPerson != null) {
            writeOther(recordedAt);
        }
        lastPerson = e.getPersonId();
        lastBirthDate = p.getBirthDate();
    }

    /** An entry of a type flyt does not count, for the person of the previous event. */
    private void writeOther(String recordedAt) throws IOException {
        String type = OTHER_TYPES[(int) (others % OTHER_TYPES.length)];
        String id = identities.nationalId(lastPerson, lastBirthDate);
        ObjectNode event = NODES.objectNode();
        event.put(NATIONAL_ID, id);
        event.put(EVENT_TYPE, type);
        event.put(UPDATED_AT, recordedAt);
        ArrayNode changes = event.putArray(CHANGES);
        if (PERSON_CREATED.equals(type)) {
            // a person created without a birth in Norway (as for a d-number): read, and not a birth
            changes.add(change(IDENTIFICATION_NUMBER, REGISTER_NEW, identification(id)));
        }
        ObjectNode person = NODES.objectNode();
        person.putArray(IDENTIFICATION_NUMBER).add(identification(id));
        writeEntry(id, type, recordedAt, event, person);
        others++;
    }

    private void writeEntry(String nationalId, String type, String recordedAt, ObjectNode event, ObjectNode person) throws IOException {
        long seq = ++sequence;
        String documentId = FeedStore.documentId(seq, FeedStore.EVENT_DOCUMENT_KIND);
        String personDocumentId = FeedStore.documentId(seq, FeedStore.PERSON_DOCUMENT_KIND);
        ObjectNode entry = NODES.objectNode();
        entry.put(SEQUENCE, seq);
        ObjectNode thin = entry.putObject(EVENT);
        thin.put(NATIONAL_ID, nationalId);
        thin.put(FEED_EVENT_TYPE, type);
        thin.put(EVENT_DOCUMENT, documentId);
        thin.put(PERSON_DOCUMENT, personDocumentId);
        thin.put(UPDATED_AT, recordedAt);
        writeLine(feed, entry);
        ObjectNode document = NODES.objectNode();
        document.put(DOCUMENT_ID, documentId);
        document.put(SCHEMA_VERSION, "1.0");
        document.set(EVENT, event);
        writeLine(documents, document);
        writeLine(persons, person);
    }

    private void writeAttributes(String personId, String nationalId, StatisticalAttributes version) throws IOException {
        StatisticalAttributes last = lastAttributes.get(personId);
        if (last != null && last.sameValues(version)) {
            return;
        }
        lastAttributes.put(personId, version);
        ObjectNode line = version.toJson();
        line.put(NATIONAL_ID_NUMBER, nationalId);
        writeLine(attributes, line);
    }

    /** The person document's register facts: identity, birth, sex and status (the rest is added per event). */
    private static ObjectNode person(String nationalId, PersonAttributes p, String status) {
        ObjectNode person = NODES.objectNode();
        person.putArray(IDENTIFICATION_NUMBER).add(identification(nationalId));
        String country = p.getImmigrantCategory() == ImmigrantCategory.IMMIGRANT && p.getCountryBackgroundCode() != null
            ? CountryCodes.alpha3(p.getCountryBackgroundCode()) : "NOR";
        person.putArray(BIRTH).addObject()
            .put(BIRTH_YEAR, String.valueOf(p.getBirthDate().getYear()))
            .put(BIRTH_DATE, p.getBirthDate().toString())
            .put(BIRTH_COUNTRY, country);
        person.putArray(SEX).addObject().put(SEX, p.getSex() == Sex.FEMALE ? FEMALE : MALE);
        person.putArray(STATUS).addObject().put(STATUS, status).put(IS_CURRENT, true);
        if (p.getImmigrationReason() != null) {
            person.putArray(IMMIGRATION).addObject();
        }
        return person;
    }

    private static ObjectNode identification(String nationalId) {
        return NODES.objectNode().put(NATIONAL_ID_NUMBER, nationalId).put(ID_TYPE, "foedselsnummer").put(STATUS, "iBruk");
    }

    private static ObjectNode address(String municipality, String movingDate, String validFrom, Boolean current) {
        ObjectNode a = NODES.objectNode();
        a.put(ADDRESS_GRADING, "ugradert");
        if (movingDate != null) {
            a.put(MOVING_DATE, movingDate);
        }
        if (validFrom != null) {
            a.put(VALID_FROM, validFrom);
        }
        if (current != null) {
            a.put(IS_CURRENT, current);
        }
        a.putObject(STREET_ADDRESS).put(STREET_NAME, "Storgata").put(MUNICIPALITY_NUMBER, municipality);
        return a;
    }

    private static ObjectNode change(String entity, String change, ObjectNode value) {
        ObjectNode c = NODES.objectNode();
        c.put(ENTITY, entity);
        c.put(ENTITY_CHANGE, change);
        c.set(entity, value);
        return c;
    }

    private static Writer open(Path file) throws IOException {
        return new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
    }

    private static void writeLine(Writer out, ObjectNode node) throws IOException {
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            JSON.writeTree(g, node);
        }
        out.write('\n');
    }

    @Override
    public void close() throws IOException {
        for (Writer w : new Writer[] {feed, documents, persons, attributes}) {
            w.close();
        }
    }
}
