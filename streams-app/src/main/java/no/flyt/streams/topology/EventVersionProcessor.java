package no.flyt.streams.topology;

import java.util.Optional;
import no.flyt.catalogue.Catalogue;
import no.flyt.catalogue.Dimension;
import no.flyt.events.EmploymentChange;
import no.flyt.events.EmploymentEvent;
import no.flyt.events.RegisterEvent;
import no.flyt.events.RegistrationKind;
import no.flyt.streams.rules.CountedEmployment;
import no.flyt.streams.rules.CountedEvent;
import no.flyt.streams.rules.EventFact;
import no.flyt.streams.rules.PersonHistory;
import no.flyt.streams.rules.RegisterEventRules;
import no.flyt.streams.rules.RegisterEventRules.Counted;
import no.flyt.streams.rules.RegisterEventRules.Rejected;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Keeps, per person and original event id, the version of each register event that is counted, and turns every
 * new version into signed deltas: minus what the previous version added, plus what the new one adds. This is what
 * makes the aggregates exact under corrections, annulments, redeliveries and any order of arrival:
 * <ul>
 *   <li>a redelivery (same event id) changes nothing;</li>
 *   <li>of two versions of one event the later recording time wins, whichever arrives first;</li>
 *   <li>an annulment is a version that adds nothing;</li>
 *   <li>a death of a person never seen (no baseline record, no other counted event) goes to the dead-letter topic
 *       and is held: should the person's other events arrive later, it is counted then, so the aggregates do not
 *       depend on the order of arrival.</li>
 * </ul>
 * The input is keyed by person id, so all of a person's events meet in one partition and one store entry.
 */
public final class EventVersionProcessor extends PersonStateProcessor<SpecificRecord> {

    public static final String NEVER_SEEN_REASON = "death of a person never seen (no baseline record and no other event of the person)";

    private Sensor superseded;

    private final String registerEventsTopic;
    private final String employmentEventsTopic;

    /**
     * Reads the population register's events and the employment register's changes: two person-keyed inputs with
     * one processor, one pending-deltas store, so that the employment register joined the topology without a store of
     * its own (a new store in a task makes Kafka Streams rebuild the task's stores from their changelogs on the first
     * start of the new version, under exactly-once; the upgrade test checks that it does not).
     */
    public EventVersionProcessor(String personStoreName, String municipalityStoreName, String registerEventsTopic,
                                 String employmentEventsTopic) {
        super(personStoreName, municipalityStoreName, PendingDeltas.EVENTS_STORE, "register-events");
        this.registerEventsTopic = registerEventsTopic;
        this.employmentEventsTopic = employmentEventsTopic;
    }

    @Override
    public void init(ProcessorContext<String, Routed> context) {
        super.init(context);
        this.superseded = counter(AppMetrics.SUPERSEDED);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        SpecificRecord value = record.value();
        if (value == null) {
            return; // tombstones carry no register change
        }
        String topic = context.recordMetadata().map(m -> m.topic()).orElse(null);
        if (value instanceof RegisterEvent event && !employmentEventsTopic.equals(topic)) {
            processEvent(record, event);
        } else if (value instanceof EmploymentEvent change && !registerEventsTopic.equals(topic)) {
            processEmployment(record, change);
        } else {
            reject(record, value, "a record of schema " + value.getSchema().getFullName() + " on " + topic
                + ", which holds " + (employmentEventsTopic.equals(topic) ? "EmploymentEvent" : "RegisterEvent") + " records");
        }
    }

    /**
     * The employment register joined onto the person: the counted version of each change, like the register's events
     * (a redelivery changes nothing, the later recording time wins, an annulment takes the change back). Employment
     * counts only through what the person's whole history yields ({@link no.flyt.streams.rules.HistoryContributions}):
     * settled refugees in work, movers by occupation; an employment of a person the population register has not
     * shown (yet) is kept and counts once it has.
     */
    private void processEmployment(Record<String, SpecificRecord> record, EmploymentEvent event) {
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

    private void processEvent(Record<String, SpecificRecord> record, RegisterEvent event) {
        RegisterEventRules.Outcome outcome = RegisterEventRules.of(event, this::municipality);
        if (outcome instanceof Rejected rejected) {
            reject(record, event, rejected.reason());
            return;
        }
        EventFact fact = ((Counted) outcome).fact();
        String personId = event.getPersonId();
        PersonHistory history = persons.get(personId);
        if (history == null) {
            history = PersonHistory.unseen(Catalogue.GENERATION);
        }
        PersonHistory before = history;
        String originalId = event.getCorrectsEventId() != null ? event.getCorrectsEventId() : event.getEventId();
        long recordedAt = event.getRecordedAt().toEpochMilli();
        // Any version of a non-death event shows the person lived here, even one that is superseded: whether a
        // death is counted then depends on the set of events only, not on the order they arrive in.
        boolean showsPerson = fact != null && fact.kind() != EventFact.Kind.DEATH;
        CountedEvent previous = history.versions().get(originalId);
        if (previous != null && !previous.isSupersededBy(event.getEventId(), recordedAt)) {
            superseded.record();
            if (showsPerson && !history.seen()) {
                store(personId, before, see(history));
            }
            return;
        }
        boolean held = fact != null && fact.kind() == EventFact.Kind.DEATH && !history.seen();
        if (held) {
            reject(record, event, NEVER_SEEN_REASON);
        }
        change(previous, held ? null : fact);
        history = history.withVersion(originalId, new CountedEvent(event.getEventId(), recordedAt, fact, held, Catalogue.GENERATION));
        if (showsPerson) {
            history = see(history);
        }
        store(personId, before, history);
    }
}
