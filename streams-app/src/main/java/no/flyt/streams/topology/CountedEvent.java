package no.flyt.streams.topology;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import no.flyt.streams.topology.FlowContributions.Contribution;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The version of a register event that is currently counted, stored under the original event's id, with exactly
 * what it added: a correction or annulment subtracts these contributions, so it reverses the original exactly
 * even if reference data changed in between.
 *
 * @param eventId    id of the counted version (the original, or the correction that replaced it)
 * @param recordedAt recording time of that version, epoch millis; a later version supersedes an earlier one
 */
public record CountedEvent(String eventId, long recordedAt, List<Contribution> contributions) {

    private static final byte FORMAT_VERSION = 1;

    /** Whether {@code candidate} (id, recording time) replaces this version. A redelivery of the same id never does. */
    public boolean isSupersededBy(String candidateId, long candidateRecordedAt) {
        if (candidateId.equals(eventId)) {
            return false;
        }
        if (candidateRecordedAt != recordedAt) {
            return candidateRecordedAt > recordedAt;
        }
        return candidateId.compareTo(eventId) > 0; // a deterministic tie-break keeps replays order-independent
    }

    /** Compact binary encoding for the state store and its changelog. */
    public static Serde<CountedEvent> serde() {
        Serializer<CountedEvent> serializer = (topic, counted) -> counted == null ? null : encode(counted);
        Deserializer<CountedEvent> deserializer = (topic, bytes) -> bytes == null ? null : decode(topic, bytes);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    private static byte[] encode(CountedEvent counted) {
        byte[] id = counted.eventId.getBytes(StandardCharsets.UTF_8);
        List<byte[]> keys = new ArrayList<>(counted.contributions.size());
        int size = 1 + 4 + id.length + 8 + 4;
        for (Contribution c : counted.contributions) {
            byte[] key = c.regionKey().getBytes(StandardCharsets.UTF_8);
            keys.add(key);
            size += 4 + key.length + FlowDelta.SIZE;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.put(FORMAT_VERSION).putInt(id.length).put(id).putLong(counted.recordedAt).putInt(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            buffer.putInt(keys.get(i).length).put(keys.get(i));
            counted.contributions.get(i).delta().writeTo(buffer);
        }
        return buffer.array();
    }

    private static CountedEvent decode(String topic, byte[] bytes) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            byte version = buffer.get();
            if (version != FORMAT_VERSION) {
                throw new SerializationException("unknown counted-event format " + version + " on " + topic);
            }
            String id = readString(buffer);
            long recordedAt = buffer.getLong();
            int n = buffer.getInt();
            List<Contribution> contributions = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                contributions.add(new Contribution(readString(buffer), FlowDelta.readFrom(buffer)));
            }
            return new CountedEvent(id, recordedAt, List.copyOf(contributions));
        } catch (RuntimeException e) {
            throw new SerializationException("corrupt counted-event record on " + topic, e);
        }
    }

    private static String readString(ByteBuffer buffer) {
        byte[] b = new byte[buffer.getInt()];
        buffer.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
