package no.flyt.streams.query;

import java.time.YearMonth;
import java.util.Collection;
import java.util.Map;
import java.util.NavigableMap;
import no.flyt.streams.codec.CellCounts;

/**
 * Reads stored region-month statistics, wherever they are kept: from the local state stores and the other instances
 * in the streams app, from a store in tests. The only way the query layer reaches the data.
 */
@FunctionalInterface
public interface StatisticsReader {

    /**
     * The non-empty months between {@code from} and {@code to} inclusive of each stored region ({@code MUNICIPALITY:0301},
     * {@code COUNTY:03}, ...), by region and month; regions with no such month are left out.
     */
    Map<String, NavigableMap<YearMonth, CellCounts>> read(Collection<String> regions, YearMonth from, YearMonth to);
}
