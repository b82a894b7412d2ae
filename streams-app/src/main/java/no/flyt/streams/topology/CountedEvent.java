package no.flyt.streams.topology;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The version of a register event that is currently counted, kept under the original event's id in its person's
 * {@link PersonHistory}, with the fact it was counted from: a correction or annulment subtracts what that fact
 * contributes, so it reverses the original exactly.
 *
 * @param eventId    id of the counted version (the original, or the correction that replaced it)
 * @param recordedAt recording time of that version, epoch millis; a later version supersedes an earlier one
 * @param fact       what the version says; null for an annulment (counts nothing)
 * @param held       true for a death of a person not seen yet: kept, but not counted until the person is seen
 */
public record CountedEvent(String eventId, long recordedAt, EventFact fact, boolean held) {

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

    /** Whether this version's contribution is in the aggregates. */
    public boolean isCounted() {
        return fact != null && !held;
    }

    CountedEvent released() {
        return new CountedEvent(eventId, recordedAt, fact, false);
    }

    int maxEncodedSize() {
        return 2 + eventId.length() * 3 + 8 + 1 + EventFact.MAX_SIZE;
    }

    void writeTo(ByteBuffer buffer) {
        writeString(buffer, eventId);
        buffer.putLong(recordedAt);
        buffer.put((byte) ((fact == null ? 0 : 1) | (held ? 2 : 0)));
        if (fact != null) {
            fact.writeTo(buffer);
        }
    }

    static CountedEvent readFrom(ByteBuffer buffer) {
        String id = readString(buffer);
        long recordedAt = buffer.getLong();
        byte flags = buffer.get();
        EventFact fact = (flags & 1) != 0 ? EventFact.readFrom(buffer) : null;
        return new CountedEvent(id, recordedAt, fact, (flags & 2) != 0);
    }

    static void writeString(ByteBuffer buffer, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        buffer.putShort((short) b.length).put(b);
    }

    static String readString(ByteBuffer buffer) {
        byte[] b = new byte[Short.toUnsignedInt(buffer.getShort())];
        buffer.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
