package no.flyt.streams.query;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import no.flyt.catalogue.AgeGroup;
import no.flyt.catalogue.Ages;
import no.flyt.catalogue.Breakdown;
import no.flyt.catalogue.Cell;
import no.flyt.catalogue.Dimension;
import no.flyt.catalogue.Measure;
import no.flyt.catalogue.Table;
import no.flyt.streams.codec.CellCounts;
import no.flyt.streams.codec.CellSums;
import no.flyt.streams.query.StatisticsAnswers.CategoryCount;

/**
 * Population stocks: the cumulative sum of the monthly POPULATION changes up to the end of each month asked, with
 * ages derived from birth years for the month's year (the age reached in that calendar year).
 */
final class Stocks {

    private Stocks() {
    }

    /** The POPULATION cells summed over {@code regions}' months up to the end of each of {@code months} (ascending). */
    static Map<YearMonth, CellSums> atEndOf(Map<String, NavigableMap<YearMonth, CellCounts>> regions, List<YearMonth> months) {
        TreeMap<YearMonth, List<CellCounts>> changes = new TreeMap<>();
        regions.values().forEach(byMonth -> byMonth.forEach((month, cells) -> changes.computeIfAbsent(month, m -> new ArrayList<>()).add(cells)));
        int population = Measure.POPULATION.code();
        Map<YearMonth, CellSums> stocks = new HashMap<>();
        CellSums running = new CellSums();
        var pending = changes.entrySet().iterator();
        var next = pending.hasNext() ? pending.next() : null;
        for (YearMonth month : months) {
            while (next != null && !next.getKey().isAfter(month)) {
                for (CellCounts cells : next.getValue()) {
                    for (CellCounts.Cursor c = cells.cursor(); c.next(); ) {
                        if (Cell.measureCode(c.cell()) == population) {
                            running.add(c.cell(), c.count());
                        }
                    }
                }
                next = pending.hasNext() ? pending.next() : null;
            }
            CellSums copy = new CellSums();
            copy.add(running);
            stocks.put(month, copy);
        }
        return stocks;
    }

    /** The population of a stock by age band and, where asked, age group, for one category of one person dimension. */
    static CategoryCount count(CellSums stock, int year, Dimension dimension, int category, List<AgeGroup> ages) {
        Table table = Measure.POPULATION.tableOf(Breakdown.valueOf(dimension.name()));
        int head = Cell.head(table);
        long[] bands = new long[Dimension.AGE_BAND.enumerated().size()];
        long[] groups = ages == null ? null : new long[ages.size()];
        stock.forEach((cell, count) -> {
            if ((cell & 0xFFFF_0000) != head || Cell.code(cell, table, 0) != category) {
                return;
            }
            int age = Math.max(0, year - (Dimension.Years.FIRST + Cell.code(cell, table, 1)));
            bands[Ages.bandCode(age)] += count;
            if (groups != null) {
                for (int g = 0; g < groups.length; g++) {
                    if (ages.get(g).contains(age)) {
                        groups[g] += count;
                    }
                }
            }
        });
        Map<String, Long> byBand = new LinkedHashMap<>();
        long total = 0;
        for (Map.Entry<String, Integer> band : Dimension.AGE_BAND.enumerated().entrySet()) {
            byBand.put(band.getKey(), bands[band.getValue()]);
            total += bands[band.getValue()];
        }
        Map<String, Long> byAge = null;
        if (groups != null) {
            byAge = new LinkedHashMap<>();
            for (int g = 0; g < groups.length; g++) {
                byAge.put(ages.get(g).toString(), groups[g]);
            }
        }
        return new CategoryCount(total, byBand, byAge);
    }

    /** The whole breakdown of a stock: everybody, and each category of each person dimension. */
    static StatisticsAnswers.Counts breakdown(CellSums stock, int year, List<AgeGroup> ages) {
        CategoryCount all = count(stock, year, Dimension.ALL, 0, ages);
        Map<String, Map<String, CategoryCount>> by = new LinkedHashMap<>();
        for (Dimension d : FlowMeasures.PERSON_DIMENSIONS) {
            Map<String, CategoryCount> categories = new LinkedHashMap<>();
            d.enumerated().forEach((label, code) -> categories.put(label, count(stock, year, d, code, ages)));
            by.put(d.name(), categories);
        }
        return new StatisticsAnswers.Counts(all.total(), all.byAgeBand(), all.byAge(), by);
    }
}
