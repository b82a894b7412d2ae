package no.flyt.streams.topology;

import java.time.ZoneOffset;
import java.util.Optional;
import no.flyt.events.BaselinePerson;
import no.flyt.reference.Municipality;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Counts the baseline extract into the population stocks: +1 per person at their 2024 municipality, in the month
 * before the extract date. A redelivered record changes nothing; a record with other content for the same person
 * (a later extract) replaces the earlier one exactly. A baseline record also makes the person "seen", which
 * counts any of their deaths that arrived first.
 */
public final class BaselineProcessor extends PersonStateProcessor<BaselinePerson> {

    public BaselineProcessor(String personStoreName, String municipalityStoreName) {
        super(personStoreName, municipalityStoreName, PendingDeltas.BASELINE_STORE, "baseline-persons");
    }

    @Override
    public void process(Record<String, BaselinePerson> record) {
        BaselinePerson person = record.value();
        if (person == null) {
            return;
        }
        Optional<String> invalid = invalidBecause(person);
        if (invalid.isPresent()) {
            reject(record, person, invalid.get());
            return;
        }
        Optional<Municipality> municipality = municipality(person.getMunicipality());
        if (municipality.isEmpty()) {
            reject(record, person, "unknown municipality code " + person.getMunicipality() + " in municipality");
            return;
        }
        EventFact fact = EventFact.of(person, municipality.get().getCode2024());
        PersonHistory history = persons.get(person.getPersonId());
        if (history == null) {
            history = PersonHistory.UNSEEN;
        }
        PersonHistory before = history;
        CountedEvent previous = history.baseline();
        boolean changed = previous == null || !fact.equals(previous.fact());
        if (changed && (previous == null || !fact.date().isBefore(previous.fact().date()))) {
            change(previous == null ? null : previous.fact(), fact);
            long extractedAt = person.getExtractDate().atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
            history = history.withBaseline(new CountedEvent("baseline", extractedAt, fact, false));
        }
        history = see(history);
        store(person.getPersonId(), before, history);
    }

    static Optional<String> invalidBecause(BaselinePerson p) {
        if (p.getPerson().getBirthDate().isAfter(p.getExtractDate())) {
            return Optional.of("birth date " + p.getPerson().getBirthDate() + " is after the extract date " + p.getExtractDate());
        }
        if (p.getPerson().getBirthDate().getYear() < Cell.FIRST_BIRTH_YEAR) {
            return Optional.of("birth date " + p.getPerson().getBirthDate() + " is implausible (before " + Cell.FIRST_BIRTH_YEAR + ")");
        }
        return Optional.empty();
    }
}
