package no.flyt.producers.synthetic;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.flyt.events.BaselinePerson;
import no.flyt.events.PersonAttributes;
import no.flyt.events.RegisterEvent;
import no.flyt.events.RegistrationKind;
import no.flyt.producers.io.EventFileReader;
import no.flyt.producers.io.ReadResult;
import no.flyt.reference.MunicipalityCatalog;

/**
 * Reads an event set back for tests: the baseline, every record as written, and the effective events (corrections
 * applied, annulled events dropped) in order of event date.
 */
final class RegisterReplay {

    final List<BaselinePerson> baseline = new ArrayList<>();
    final List<RegisterEvent> written = new ArrayList<>();
    final List<RegisterEvent> effective = new ArrayList<>();
    final Map<String, BaselinePerson> baselineById = new HashMap<>();

    static RegisterReplay read(Path directory, String baselineFile, String eventsFile) throws IOException {
        RegisterReplay replay = new RegisterReplay();
        try (EventFileReader<BaselinePerson> reader = EventFileReader.open(directory.resolve(baselineFile), BaselinePerson.class)) {
            for (ReadResult<BaselinePerson> item : reader) {
                if (item.isMalformed()) {
                    throw new AssertionError("malformed baseline line " + item.lineNumber() + ": " + item.error());
                }
                replay.baseline.add(item.record());
                replay.baselineById.put(item.record().getPersonId(), item.record());
            }
        }
        try (EventFileReader<RegisterEvent> reader = EventFileReader.open(directory.resolve(eventsFile), RegisterEvent.class)) {
            for (ReadResult<RegisterEvent> item : reader) {
                if (item.isMalformed()) {
                    throw new AssertionError("malformed event line " + item.lineNumber() + ": " + item.error());
                }
                replay.written.add(item.record());
            }
        }
        Map<String, RegisterEvent> latestCorrection = new HashMap<>();
        Set<String> annulled = new HashSet<>();
        for (RegisterEvent e : replay.written) {
            if (e.getRegistration() == RegistrationKind.CORRECTION) {
                latestCorrection.put(e.getCorrectsEventId(), e); // file order is recording order: the last one wins
            } else if (e.getRegistration() == RegistrationKind.ANNULMENT) {
                annulled.add(e.getCorrectsEventId());
            }
        }
        for (RegisterEvent e : replay.written) {
            if (e.getRegistration() == RegistrationKind.NEW && !annulled.contains(e.getEventId())) {
                replay.effective.add(latestCorrection.getOrDefault(e.getEventId(), e));
            }
        }
        replay.effective.sort(Comparator.comparing(RegisterEvent::getEventDate).thenComparing(RegisterEvent::getRecordedAt));
        return replay;
    }

    /** A person's residence as the effective events leave it. */
    static final class State {
        final String personId;
        final PersonAttributes person;
        String municipality2024;
        boolean resident;
        boolean emigrated;
        boolean dead;
        Integer immigrationYear;
        String settlement2024;

        State(String personId, PersonAttributes person) {
            this.personId = personId;
            this.person = person;
        }
    }

    /** Walks the effective events in date order over the persons' states, calling {@code visitor} before each change. */
    Map<String, State> walk(MunicipalityCatalog catalog, Visitor visitor) {
        Map<String, State> states = new HashMap<>();
        for (BaselinePerson b : baseline) {
            State s = new State(b.getPersonId(), b.getPerson());
            s.municipality2024 = catalog.code2024(b.getMunicipality()).orElseThrow();
            s.resident = true;
            s.immigrationYear = b.getImmigrationYear();
            s.settlement2024 = b.getSettlementMunicipality() == null ? null
                : catalog.code2024(b.getSettlementMunicipality()).orElseThrow();
            states.put(b.getPersonId(), s);
        }
        LocalDate nextJan1 = LocalDate.of(2015, 1, 1);
        for (RegisterEvent e : effective) {
            while (!e.getEventDate().isBefore(nextJan1)) {
                visitor.january1(nextJan1, states);
                nextJan1 = nextJan1.plusYears(1);
            }
            State s = states.computeIfAbsent(e.getPersonId(), id -> new State(id, e.getPerson()));
            visitor.before(e, s);
            String from = e.getFromMunicipality() == null ? null : catalog.code2024(e.getFromMunicipality()).orElseThrow();
            String to = e.getToMunicipality() == null ? null : catalog.code2024(e.getToMunicipality()).orElseThrow();
            switch (e.getEventType()) {
                case BIRTH -> {
                    s.resident = true;
                    s.municipality2024 = to;
                }
                case IMMIGRATION -> {
                    s.resident = true;
                    s.emigrated = false;
                    s.municipality2024 = to;
                    s.immigrationYear = e.getEventDate().getYear();
                }
                case EMIGRATION -> {
                    s.resident = false;
                    s.emigrated = true;
                }
                case DEATH -> {
                    s.resident = false;
                    s.dead = true;
                }
                case MOVE -> s.municipality2024 = to;
                case REFUGEE_SETTLEMENT -> {
                    s.municipality2024 = to;
                    s.settlement2024 = to;
                }
                default -> throw new AssertionError("unexpected event type " + e.getEventType());
            }
        }
        visitor.january1(nextJan1, states);
        return states;
    }

    interface Visitor {
        /** Called with the state before the event is applied. */
        void before(RegisterEvent event, State state);

        /** Called when the walk passes 1 January of a year (2015 = the baseline). */
        default void january1(LocalDate date, Map<String, State> states) {
        }
    }
}
