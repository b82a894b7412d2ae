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
        long domesticIn = allAges(counts, StatisticsContributions.domesticIn(type));
        long domesticOut = allAges(counts, StatisticsContributions.domesticOut(type));
        long immigrations = allAges(counts, Measure.IMMIGRATIONS);
        long emigrations = allAges(counts, Measure.EMIGRATIONS);
        return new RegionFlows(type, RegionKey.codeOf(key), RegionKey.monthOf(key).toString(), domesticIn, domesticOut,
            immigrations, emigrations, domesticIn - domesticOut + immigrations - emigrations);
    }

    private static long allAges(CellCounts counts, Measure measure) {
        long sum = 0;
        for (AgeBand band : AgeBand.values()) {
            sum += counts.get(Cell.of(measure, Dimension.ALL, 0, band.ordinal()));
        }
        return sum;
    }
}
