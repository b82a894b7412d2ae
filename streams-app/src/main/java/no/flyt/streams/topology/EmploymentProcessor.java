package no.flyt.streams.topology;

import java.util.Optional;
import no.flyt.catalogue.Catalogue;
import no.flyt.catalogue.Dimension;
import no.flyt.events.EmploymentChange;
import no.flyt.events.EmploymentEvent;
import no.flyt.events.RegistrationKind;
import no.flyt.streams.rules.CountedEmployment;
import no.flyt.streams.rules.PersonHistory;
import no.flyt.streams.rules.RegisterEventRules;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Joins the employment register onto the person: keeps, per person and original change id, the counted version of
 * each employment change (a redelivery changes nothing, the later recording time wins, an annulment takes the change
 * back), in the same per-person store as the population register's events. Employment counts only through what the
 * person's whole history yields ({@link no.flyt.streams.rules.HistoryContributions}): settled refugees in work,
 * movers by occupation; so a change sends the difference of those before and after it.
 */
public final class EmploymentProcessor extends PersonStateProcessor<EmploymentEvent> {

    private Sensor superseded;

    public EmploymentProcessor(String personStoreName, String municipalityStoreName) {
        super(personStoreName, municipalityStoreName, PendingDeltas.EMPLOYMENT_STORE, "employment-events");
    }

    @Override
    public void init(ProcessorContext<String, Routed> context) {
        super.init(context);
        this.superseded = counter(AppMetrics.SUPERSEDED);
    }

    @Override
    public void process(Record<String, EmploymentEvent> record) {
        EmploymentEvent event = record.value();
        if (event == null) {
            return; // tombstones carry no register change
        }
        Optional<String> invalid = RegisterEventRules.invalidBecause(event);
        if (invalid.isPresent()) {
            reject(record, event, invalid.get());
            return;
        }
        String personId = event.getPersonId();
        PersonHistory history = persons.get(personId);
        if (history == null) {
            history = PersonHistory.unseen(Catalogue.GENERATION);
        }
        String originalId = event.getCorrectsEventId() != null ? event.getCorrectsEventId() : event.getEventId();
        long recordedAt = event.getRecordedAt().toEpochMilli();
        CountedEmployment previous = history.employment().get(originalId);
        if (previous != null && !previous.isSupersededBy(event.getEventId(), recordedAt)) {
            superseded.record();
            return;
        }
        boolean annulled = event.getRegistration() == RegistrationKind.ANNULMENT;
        CountedEmployment counted = new CountedEmployment(event.getEventId(), recordedAt, event.getEmploymentId(),
            annulled ? null : event.getChange() == EmploymentChange.START ? CountedEmployment.Change.START : CountedEmployment.Change.END,
            event.getEventDate(), Dimension.OCCUPATION_GROUP.codeOf(event.getOccupationGroup().name()));
        store(personId, history, history.withEmployment(originalId, counted));
    }
}
