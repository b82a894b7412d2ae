package no.flyt.streams.api;

import java.time.YearMonth;
import java.util.Collection;
import java.util.Map;
import java.util.NavigableMap;
import no.flyt.streams.topology.CellCounts;

/** Reads municipality-month statistics: from the local state stores, from other instances, or in tests from a store. */
@FunctionalInterface
public interface StatisticsSource {

    /**
     * The non-empty municipality-months of {@code codes2024} between {@code from} and {@code to} inclusive, by
     * municipality code and month.
     */
    Map<String, NavigableMap<YearMonth, CellCounts>> read(Collection<String> codes2024, YearMonth from, YearMonth to);
}
