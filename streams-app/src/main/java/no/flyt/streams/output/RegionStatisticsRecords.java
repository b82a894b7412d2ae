package no.flyt.streams.output;

import java.util.ArrayList;
import java.util.List;
import no.flyt.aggregates.RegionFlows;
import no.flyt.aggregates.RegionStatistics;
import no.flyt.aggregates.RegionType;
import no.flyt.aggregates.StatisticsCell;
import no.flyt.aggregates.YearlyRegionStatistics;
import no.flyt.catalogue.Breakdown;
import no.flyt.catalogue.Cell;
import no.flyt.catalogue.Measure;
import no.flyt.streams.codec.CellCounts;
import no.flyt.streams.regions.RegionKey;
import no.flyt.streams.rules.StatisticsContributions;

/** Converts between the compact in-store cells and the Avro records published for dashboards. */
public final class RegionStatisticsRecords {

    private RegionStatisticsRecords() {
    }

    public static RegionStatistics toAvro(String key, CellCounts counts) {
        return new RegionStatistics(RegionKey.typeOf(key), RegionKey.codeOf(key), RegionKey.monthOf(key).toString(), cells(counts));
    }

    /** A region-year ({@code MUNICIPALITY:0301:2020}) as its Avro record. */
    public static YearlyRegionStatistics toAvroYear(String yearKey, CellCounts counts) {
        return new YearlyRegionStatistics(RegionKey.typeOf(yearKey), RegionKey.codeOf(yearKey), RegionKey.yearOf(yearKey), cells(counts));
    }

    private static List<StatisticsCell> cells(CellCounts counts) {
        List<StatisticsCell> cells = new ArrayList<>(counts.size());
        for (CellCounts.Cursor c = counts.cursor(); c.next(); ) {
            cells.add(PublishedCell.of(c.cell()).withCount(c.count()));
        }
        return cells;
    }

    /**
     * The v1 flow totals of a region-month: moves across the region's own border (for a county, the municipalities'
     * moves to and from other counties), immigrations and emigrations, all ages and people together (the ALL table
     * of each measure).
     */
    public static RegionFlows flows(String key, CellCounts counts) {
        RegionType type = RegionKey.typeOf(key);
        int in = Cell.head(StatisticsContributions.domesticIn(type).tableOf(Breakdown.ALL));
        int out = Cell.head(StatisticsContributions.domesticOut(type).tableOf(Breakdown.ALL));
        int immigrations = Cell.head(Measure.IMMIGRATIONS.tableOf(Breakdown.ALL));
        int emigrations = Cell.head(Measure.EMIGRATIONS.tableOf(Breakdown.ALL));
        long[] totals = new long[4];
        // one walk over the cells (a large value is not decoded into arrays for four totals)
        for (CellCounts.Cursor cells = counts.cursor(); cells.next(); ) {
            int head = cells.cell() & 0xFFFF_0000;
            int i = head == in ? 0 : head == out ? 1 : head == immigrations ? 2 : head == emigrations ? 3 : -1;
            if (i >= 0) {
                totals[i] += cells.count();
            }
        }
        return new RegionFlows(type, RegionKey.codeOf(key), RegionKey.monthOf(key).toString(), totals[0], totals[1],
            totals[2], totals[3], totals[0] - totals[1] + totals[2] - totals[3]);
    }
}
