package no.flyt.streams.topology;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Per-person state, keyed by person id like both input topics, so it is co-partitioned with them: the counted
 * version of each of the person's events (by original event id), the counted baseline record, and whether the
 * person has been seen (a baseline record or any counted event other than a death).
 *
 * <p>One key per person rather than per event keeps the store's key count at the number of persons (about 6 M
 * for the decade) and costs one read and one write per event or baseline record.
 */
public record PersonHistory(boolean seen, CountedEvent baseline, Map<String, CountedEvent> versions) {

    public static final PersonHistory UNSEEN = new PersonHistory(false, null, Map.of());

    private static final byte FORMAT_VERSION = 1;

    PersonHistory withVersion(String originalId, CountedEvent version) {
        Map<String, CountedEvent> updated = new LinkedHashMap<>(versions);
        updated.put(originalId, version);
        return new PersonHistory(seen, baseline, updated);
    }

    PersonHistory withBaseline(CountedEvent counted) {
        return new PersonHistory(seen, counted, versions);
    }

    /** Marks the person seen and releases every held version (their contributions must then be added). */
    PersonHistory seenWithReleased() {
        Map<String, CountedEvent> updated = new LinkedHashMap<>(versions);
        updated.replaceAll((id, v) -> v.held() ? v.released() : v);
        return new PersonHistory(true, baseline, updated);
    }

    public static Serde<PersonHistory> serde() {
        Serializer<PersonHistory> serializer = (topic, value) -> value == null ? null : encode(value);
        Deserializer<PersonHistory> deserializer = (topic, bytes) -> bytes == null ? null : decode(topic, bytes);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    private static byte[] encode(PersonHistory h) {
        int size = 1 + 1 + 1 + 4 + (h.baseline == null ? 0 : h.baseline.maxEncodedSize());
        for (Map.Entry<String, CountedEvent> e : h.versions.entrySet()) {
            size += 2 + e.getKey().length() * 3 + e.getValue().maxEncodedSize();
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.put(FORMAT_VERSION).put((byte) (h.seen ? 1 : 0)).put((byte) (h.baseline == null ? 0 : 1));
        if (h.baseline != null) {
            h.baseline.writeTo(buffer);
        }
        buffer.putInt(h.versions.size());
        for (Map.Entry<String, CountedEvent> e : h.versions.entrySet()) {
            CountedEvent.writeString(buffer, e.getKey());
            e.getValue().writeTo(buffer);
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    private static PersonHistory decode(String topic, byte[] bytes) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            byte version = buffer.get();
            if (version != FORMAT_VERSION) {
                throw new SerializationException("unknown person-history format " + version + " on " + topic);
            }
            boolean seen = buffer.get() != 0;
            CountedEvent baseline = buffer.get() != 0 ? CountedEvent.readFrom(buffer) : null;
            int n = buffer.getInt();
            Map<String, CountedEvent> versions = new LinkedHashMap<>(n * 2);
            for (int i = 0; i < n; i++) {
                versions.put(CountedEvent.readString(buffer), CountedEvent.readFrom(buffer));
            }
            return new PersonHistory(seen, baseline, versions);
        } catch (SerializationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SerializationException("corrupt person-history record on " + topic, e);
        }
    }
}
