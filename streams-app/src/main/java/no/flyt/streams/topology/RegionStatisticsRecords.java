package no.flyt.streams.topology;

import java.util.ArrayList;
import java.util.List;
import no.flyt.aggregates.Dimension;
import no.flyt.aggregates.Measure;
import no.flyt.aggregates.RegionFlows;
import no.flyt.aggregates.RegionType;
import no.flyt.aggregates.RegionStatistics;
import no.flyt.aggregates.StatisticsCell;
import no.flyt.aggregates.YearlyRegionStatistics;
import no.flyt.reference.AgeBand;

/** Converts between the compact in-store cells and the Avro records published for dashboards. */
public final class RegionStatisticsRecords {

    /** Flow cells of every age are ALL cells whose age is an {@link AgeBand} ordinal. */
    private static final int AGE_BANDS = AgeBand.values().length;

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
        for (int i = 0; i < counts.size(); i++) {
            int cell = counts.cellAt(i);
            boolean population = Cell.measure(cell) == Measure.POPULATION;
            cells.add(new StatisticsCell(Cell.measure(cell), Cell.dimension(cell), Cell.categoryLabel(cell),
                Cell.hasAgeBand(cell) ? Cell.label(Cell.ageBand(cell)) : null,
                population ? Cell.birthYear(cell) : null,
                Cell.hasSettlementYear(cell) ? Cell.settlementYear(cell) : null, counts.countAt(i)));
        }
        return cells;
    }

    /**
     * The v1 flow totals of a region-month: moves across the region's own border (for a county, the municipalities'
     * moves to and from other counties), immigrations and emigrations, all ages and people together.
     */
    public static RegionFlows flows(String key, CellCounts counts) {
        RegionType type = RegionKey.typeOf(key);
        Measure in = StatisticsContributions.domesticIn(type);
        Measure out = StatisticsContributions.domesticOut(type);
        long domesticIn = 0;
        long domesticOut = 0;
        long immigrations = 0;
        long emigrations = 0;
        // one walk over the cells (a large value is not decoded into arrays for four totals)
        CellCounts.Cursor cells = counts.cursor();
        while (cells.next()) {
            int cell = cells.cell();
            if (Cell.dimension(cell) != Dimension.ALL || Cell.category(cell) != 0 || Cell.age(cell) >= AGE_BANDS) {
                continue;
            }
            Measure measure = Cell.measure(cell);
            if (measure == in) {
                domesticIn += cells.count();
            } else if (measure == out) {
                domesticOut += cells.count();
            } else if (measure == Measure.IMMIGRATIONS) {
                immigrations += cells.count();
            } else if (measure == Measure.EMIGRATIONS) {
                emigrations += cells.count();
            }
        }
        return new RegionFlows(type, RegionKey.codeOf(key), RegionKey.monthOf(key).toString(), domesticIn, domesticOut,
            immigrations, emigrations, domesticIn - domesticOut + immigrations - emigrations);
    }
}
