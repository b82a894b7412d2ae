package no.flyt.streams.rules;

/**
 * The version of a register event that is currently counted, kept under the original event's id in its person's
 * {@link PersonHistory}, with the fact it was counted from: a correction or annulment subtracts what that fact
 * contributed, so it reverses the original exactly.
 *
 * @param eventId    id of the counted version (the original, or the correction that replaced it)
 * @param recordedAt recording time of that version, epoch millis; a later version supersedes an earlier one
 * @param fact       what the version says; null for an annulment (counts nothing)
 * @param held       true for a death of a person not seen yet: kept, but not counted until the person is seen
 * @param generation the catalogue generation the fact was counted under: its contribution is recomputed with the
 *                   tables of that generation when it is taken back, whatever the version that takes it back
 */
public record CountedEvent(String eventId, long recordedAt, EventFact fact, boolean held, int generation) {

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

    /** A held death released once its person is seen: counted from now on, under {@code currentGeneration}. */
    public CountedEvent released(int currentGeneration) {
        return new CountedEvent(eventId, recordedAt, fact, false, currentGeneration);
    }
}
