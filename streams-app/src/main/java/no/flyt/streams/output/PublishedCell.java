package no.flyt.streams.output;

import java.util.StringJoiner;
import no.flyt.aggregates.Dimension;
import no.flyt.aggregates.Measure;
import no.flyt.aggregates.StatisticsCell;
import no.flyt.catalogue.Breakdown;
import no.flyt.catalogue.Cell;
import no.flyt.catalogue.Table;

/**
 * A stored cell as the output topics publish it, without its count: the measure and breakdown symbols of the
 * generated Avro enums and the labels of the table's dimensions, each where the catalogue places it (the category,
 * or a field of its own: age band, single year of age, birth year, settlement year).
 */
public record PublishedCell(Measure measure, Dimension dimension, String category, String ageBand, String age,
                            Integer birthYear, Integer settlementYear) {

    public static PublishedCell of(int cell) {
        Table table = Cell.table(cell);
        StringJoiner category = new StringJoiner("|");
        String ageBand = null;
        String age = null;
        Integer birthYear = null;
        Integer settlementYear = null;
        var parts = table.parts();
        for (int i = 0; i < parts.size(); i++) {
            var dimension = parts.get(i).dimension();
            String label = dimension.label(Cell.code(cell, table, i));
            switch (dimension.placement()) {
                case CATEGORY -> category.add(label);
                case AGE_BAND -> ageBand = label;
                case AGE -> age = label;
                case BIRTH_YEAR -> birthYear = Integer.valueOf(label);
                case SETTLEMENT_YEAR -> settlementYear = Integer.valueOf(label);
                case NONE -> {
                    // not published
                }
            }
        }
        return new PublishedCell(Measure.valueOf(table.measure().name()), Dimension.valueOf(table.breakdown().name()),
            category.length() == 0 ? Breakdown.ALL.name() : category.toString(), ageBand, age, birthYear, settlementYear);
    }

    StatisticsCell withCount(long count) {
        return new StatisticsCell(measure, dimension, category, ageBand, age, birthYear, settlementYear, count);
    }
}
