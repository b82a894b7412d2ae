package no.flyt.streams.topology;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import no.flyt.events.RegisterEvent;
import no.flyt.reference.Municipality;
import no.flyt.streams.topology.FlowContributions.Contribution;
import no.flyt.streams.topology.FlowContributions.Counted;
import no.flyt.streams.topology.FlowContributions.Rejected;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Keeps, per original event id, the version of each register event that is counted, and turns every new version
 * into signed flow deltas: minus what the previous version added, plus what the new one adds. This is what makes
 * the aggregates exact under corrections, annulments, redeliveries and any order of arrival:
 * <ul>
 *   <li>a redelivery (same event id) changes nothing;</li>
 *   <li>of two versions of one event the later recording time wins, whichever arrives first;</li>
 *   <li>an annulment is a version that adds nothing.</li>
 * </ul>
 * The input is keyed by person id, so all versions of an event meet in one partition and one store.
 */
public final class EventVersionProcessor implements Processor<String, RegisterEvent, String, Routed> {

    public static final String METRIC_GROUP = "flyt-streams";
    public static final String DEAD_LETTERS_METRIC = "dead-letter-records-total";
    public static final String SUPERSEDED_METRIC = "superseded-or-duplicate-records-total";

    private final String versionStoreName;
    private final String municipalityStoreName;

    private ProcessorContext<String, Routed> context;
    private KeyValueStore<String, CountedEvent> versions;
    private KeyValueStore<String, ?> municipalities;
    private Sensor deadLetters;
    private Sensor superseded;

    public EventVersionProcessor(String versionStoreName, String municipalityStoreName) {
        this.versionStoreName = versionStoreName;
        this.municipalityStoreName = municipalityStoreName;
    }

    @Override
    public void init(ProcessorContext<String, Routed> context) {
        this.context = context;
        this.versions = context.getStateStore(versionStoreName);
        this.municipalities = context.getStateStore(municipalityStoreName);
        String task = context.taskId().toString();
        this.deadLetters = counter(context, DEAD_LETTERS_METRIC, "Register events sent to the dead-letter topic", task);
        this.superseded = counter(context, SUPERSEDED_METRIC, "Redelivered or outdated event versions that changed nothing", task);
    }

    private static Sensor counter(ProcessorContext<?, ?> context, String name, String description, String task) {
        Sensor sensor = context.metrics().addSensor(name + "-" + task, Sensor.RecordingLevel.INFO);
        sensor.add(new MetricName(name, METRIC_GROUP, description, Map.of("task-id", task)), new CumulativeCount());
        return sensor;
    }

    @Override
    public void process(Record<String, RegisterEvent> record) {
        RegisterEvent event = record.value();
        if (event == null) {
            return; // tombstones carry no register change
        }
        FlowContributions.Outcome outcome = FlowContributions.of(event, this::municipality);
        if (outcome instanceof Rejected rejected) {
            deadLetters.record();
            RecordHeaders headers = new RecordHeaders(record.headers().toArray());
            headers.add(DeadLetterHeaders.EXCEPTION, DeadLetterHeaders.REJECTED_EVENT.getBytes(StandardCharsets.UTF_8));
            headers.add(DeadLetterHeaders.MESSAGE, rejected.reason().getBytes(StandardCharsets.UTF_8));
            context.recordMetadata().ifPresent(m -> {
                headers.add(DeadLetterHeaders.TOPIC, m.topic().getBytes(StandardCharsets.UTF_8));
                headers.add(DeadLetterHeaders.PARTITION, String.valueOf(m.partition()).getBytes(StandardCharsets.UTF_8));
                headers.add(DeadLetterHeaders.OFFSET, String.valueOf(m.offset()).getBytes(StandardCharsets.UTF_8));
            });
            context.forward(record.withValue((Routed) new Routed.Rejected(event, rejected.reason())).withHeaders(headers));
            return;
        }
        Counted counted = (Counted) outcome;
        String originalId = event.getCorrectsEventId() != null ? event.getCorrectsEventId() : event.getEventId();
        long recordedAt = event.getRecordedAt().toEpochMilli();
        CountedEvent previous = versions.get(originalId);
        if (previous != null && !previous.isSupersededBy(event.getEventId(), recordedAt)) {
            superseded.record();
            return;
        }
        if (previous != null) {
            for (Contribution c : previous.contributions()) {
                forwardDelta(record, c.regionKey(), c.delta().negate());
            }
        }
        for (Contribution c : counted.contributions()) {
            forwardDelta(record, c.regionKey(), c.delta());
        }
        versions.put(originalId, new CountedEvent(event.getEventId(), recordedAt, counted.contributions()));
    }

    private void forwardDelta(Record<String, RegisterEvent> source, String regionKey, FlowDelta delta) {
        context.forward(source.withKey(regionKey).withValue((Routed) new Routed.Delta(delta)));
    }

    private Optional<Municipality> municipality(String code) {
        Object value = municipalities.get(code);
        if (value instanceof ValueAndTimestamp<?> timestamped) {
            value = timestamped.value();
        }
        return Optional.ofNullable((Municipality) value);
    }
}
