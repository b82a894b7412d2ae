package no.flyt.streams.topology;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import no.flyt.catalogue.Catalogue;
import no.flyt.reference.Municipality;
import no.flyt.streams.config.FlytSettings;
import no.flyt.streams.rules.MunicipalityResolver;
import no.flyt.streams.rules.CountedEvent;
import no.flyt.streams.rules.EventFact;
import no.flyt.streams.rules.PersonHistory;
import no.flyt.streams.rules.HistoryContributions;
import no.flyt.streams.rules.StatisticsContributions;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * What the two processors over the person-keyed inputs share: the {@link PersonHistory} store, the municipality
 * reference, the counters, and turning a change of what is counted into signed deltas for both aggregates.
 */
abstract class PersonStateProcessor<V extends SpecificRecord> implements Processor<String, V, String, Routed> {

    private final String personStoreName;
    private final String municipalityStoreName;
    private final String pendingStoreName;
    private final String source;

    protected ProcessorContext<String, Routed> context;
    protected KeyValueStore<String, PersonHistory> persons;
    private KeyValueStore<String, ?> municipalities;
    private Sensor deadLetters;
    private Sensor released;
    private PendingDeltas pending;
    private final Map<String, Optional<Municipality>> recentMunicipalities = new HashMap<>();

    PersonStateProcessor(String personStoreName, String municipalityStoreName, String pendingStoreName, String source) {
        this.personStoreName = personStoreName;
        this.municipalityStoreName = municipalityStoreName;
        this.pendingStoreName = pendingStoreName;
        this.source = source;
    }

    @Override
    public void init(ProcessorContext<String, Routed> context) {
        this.context = context;
        this.persons = context.getStateStore(personStoreName);
        this.municipalities = context.getStateStore(municipalityStoreName);
        this.deadLetters = counter(AppMetrics.DEAD_LETTERS);
        this.released = counter(AppMetrics.HELD_DEATHS_COUNTED);
        this.pending = new PendingDeltas(context, pendingStoreName, this::municipality);
        // the memo lives as long as the deltas it serves are summed
        context.schedule(FlytSettings.of(context.appConfigs()).combineInterval(), PunctuationType.WALL_CLOCK_TIME,
            now -> recentMunicipalities.clear());
    }

    protected Sensor counter(AppMetrics counter) {
        String task = context.taskId().toString();
        String name = counter.metricName();
        Sensor sensor = context.metrics().addSensor(name + "-" + source + "-" + task, Sensor.RecordingLevel.INFO);
        sensor.add(new MetricName(name, AppMetrics.GROUP, counter.description(),
            Map.of("task-id", task, "source", source)), new CumulativeCount());
        return sensor;
    }

    protected void reject(Record<String, V> record, SpecificRecord value, String reason) {
        deadLetters.record();
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add(DeadLetterHeaders.EXCEPTION, DeadLetterHeaders.REJECTED_EVENT.getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.MESSAGE, reason.getBytes(StandardCharsets.UTF_8));
        context.recordMetadata().ifPresent(m -> {
            headers.add(DeadLetterHeaders.TOPIC, m.topic().getBytes(StandardCharsets.UTF_8));
            headers.add(DeadLetterHeaders.PARTITION, String.valueOf(m.partition()).getBytes(StandardCharsets.UTF_8));
            headers.add(DeadLetterHeaders.OFFSET, String.valueOf(m.offset()).getBytes(StandardCharsets.UTF_8));
        });
        context.forward(record.withValue((Routed) new Routed.Rejected(value, reason)).withHeaders(headers));
    }

    /**
     * Replaces what {@code removed} contributed (counted under its generation) by what {@code added} contributes
     * (counted under the current one); either may be null. The deltas wait in {@link PendingDeltas}, summed per
     * municipality-month, so a correction that changes nothing sends nothing.
     */
    protected void change(CountedEvent removed, EventFact added) {
        if (removed != null && removed.isCounted()) {
            StatisticsContributions.of(removed.fact(), removed.generation(), this::municipality)
                .forEach((key, c) -> pending.add(key, c.negate()));
        }
        if (added != null) {
            StatisticsContributions.of(added, Catalogue.GENERATION, this::municipality).forEach(pending::add);
        }
    }

    /**
     * Stores the person's history after a record and sends what the change does to the contributions that depend on
     * the whole history rather than on one fact ({@link HistoryContributions}).
     */
    protected void store(String personId, PersonHistory before, PersonHistory after) {
        HistoryContributions.change(before, after, Catalogue.GENERATION, this::municipality).forEach(pending::add);
        persons.put(personId, after.withGeneration(Catalogue.GENERATION));
    }

    /** Marks the person seen and counts every held death of theirs; returns the updated history. */
    protected PersonHistory see(PersonHistory history) {
        if (history.seen()) {
            return history;
        }
        for (CountedEvent v : history.versions().values()) {
            if (v.held()) {
                released.record();
                change(null, v.fact());
            }
        }
        return history.seenWithReleased(Catalogue.GENERATION);
    }

    /**
     * The municipality of a code from the reference table. Look-ups are remembered for one combining interval:
     * the global store deserializes its value on every read, and an event looks up the same few codes several times.
     */
    protected Optional<Municipality> municipality(String code) {
        return recentMunicipalities.computeIfAbsent(code, c -> {
            Object value = municipalities.get(c);
            if (value instanceof ValueAndTimestamp<?> timestamped) {
                value = timestamped.value();
            }
            return Optional.ofNullable((Municipality) value);
        });
    }
}
