package no.flyt.streams.rules;

import java.util.LinkedHashMap;
import java.util.Map;
import no.flyt.streams.codec.CellCounts;

/**
 * The contributions that depend on a person's whole history rather than on one fact: the settled refugees'
 * ({@link SettlementRetention}) and the movers' occupations ({@link OccupationMoves}). The processors send the
 * difference between the history before and after each record, so these are exact under corrections, annulments, late
 * records and any order of arrival, in both registers.
 */
public final class HistoryContributions {

    private HistoryContributions() {
    }

    /** Region-month key to cells, counted under {@code generation}. */
    public static Map<String, CellCounts> of(PersonHistory history, int generation, MunicipalityResolver municipalities) {
        Map<String, CellCounts> sum = new LinkedHashMap<>();
        if (SettlementRetention.concerns(history)) {
            SettlementRetention.of(history, generation, municipalities).forEach((key, c) -> sum.merge(key, c, CellCounts::plus));
        }
        if (OccupationMoves.concerns(history)) {
            OccupationMoves.of(history, generation, municipalities).forEach((key, c) -> sum.merge(key, c, CellCounts::plus));
        }
        return sum;
    }

    /**
     * What changes from {@code before} to {@code after}: the cells of the second, counted under {@code generation},
     * minus those of the first, counted under the generation they were counted under.
     */
    public static Map<String, CellCounts> change(PersonHistory before, PersonHistory after, int generation,
                                                 MunicipalityResolver municipalities) {
        Map<String, CellCounts> removed = of(before, before.generation(), municipalities);
        Map<String, CellCounts> added = of(after, generation, municipalities);
        if (removed.isEmpty() && added.isEmpty()) {
            return Map.of();
        }
        Map<String, CellCounts> sum = new LinkedHashMap<>();
        removed.forEach((key, c) -> sum.put(key, c.negate()));
        added.forEach((key, c) -> sum.merge(key, c, CellCounts::plus));
        sum.values().removeIf(CellCounts::isEmpty);
        return sum;
    }
}
