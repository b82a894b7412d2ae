package no.flyt.streams.topology;

import java.time.ZoneOffset;
import java.util.Optional;
import no.flyt.events.BaselinePerson;
import no.flyt.catalogue.Catalogue;
import no.flyt.reference.Municipality;
import no.flyt.streams.rules.CountedEvent;
import no.flyt.streams.rules.EventFact;
import no.flyt.streams.rules.PersonHistory;
import no.flyt.streams.rules.RegisterEventRules;
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
        Optional<String> invalid = RegisterEventRules.invalidBecause(person);
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
            history = PersonHistory.unseen(Catalogue.GENERATION);
        }
        PersonHistory before = history;
        CountedEvent previous = history.baseline();
        boolean changed = previous == null || !fact.equals(previous.fact());
        if (changed && (previous == null || !fact.date().isBefore(previous.fact().date()))) {
            change(previous, fact);
            long extractedAt = person.getExtractDate().atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
            history = history.withBaseline(new CountedEvent("baseline", extractedAt, fact, false, Catalogue.GENERATION));
        }
        history = see(history);
        store(person.getPersonId(), before, history);
    }
}
