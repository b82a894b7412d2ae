package no.flyt.streams.rules;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-person state, keyed by person id like both input topics, so it is co-partitioned with them: the counted
 * version of each of the person's events (by original event id), the counted baseline record, and whether the
 * person has been seen (a baseline record or any counted event other than a death).
 *
 * <p>One key per person rather than per event keeps the store's key count at the number of persons (about 6 M
 * for the decade) and costs one read and one write per event or baseline record.
 *
 * @param employment the counted version of each of the person's employment-register changes, by original id
 * @param generation the catalogue generation of the contributions that depend on the whole history (the settled
 *                   refugees', the movers' occupations), as they are in the aggregates now
 */
public record PersonHistory(boolean seen, CountedEvent baseline, Map<String, CountedEvent> versions,
                            Map<String, CountedEmployment> employment, int generation) {

    /** Nothing counted yet: the generation is that of the first fact. */
    public static PersonHistory unseen(int generation) {
        return new PersonHistory(false, null, Map.of(), Map.of(), generation);
    }

    public PersonHistory withVersion(String originalId, CountedEvent version) {
        Map<String, CountedEvent> updated = new LinkedHashMap<>(versions);
        updated.put(originalId, version);
        return new PersonHistory(seen, baseline, updated, employment, generation);
    }

    public PersonHistory withEmployment(String originalId, CountedEmployment version) {
        Map<String, CountedEmployment> updated = new LinkedHashMap<>(employment);
        updated.put(originalId, version);
        return new PersonHistory(seen, baseline, versions, updated, generation);
    }

    public PersonHistory withBaseline(CountedEvent counted) {
        return new PersonHistory(seen, counted, versions, employment, generation);
    }

    public PersonHistory withGeneration(int newGeneration) {
        return new PersonHistory(seen, baseline, versions, employment, newGeneration);
    }

    /** Marks the person seen and releases every held version under {@code currentGeneration}. */
    public PersonHistory seenWithReleased(int currentGeneration) {
        Map<String, CountedEvent> updated = new LinkedHashMap<>(versions);
        updated.replaceAll((id, v) -> v.held() ? v.released(currentGeneration) : v);
        return new PersonHistory(true, baseline, updated, employment, generation);
    }
}
