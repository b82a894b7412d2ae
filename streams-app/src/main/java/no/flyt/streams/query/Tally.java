package no.flyt.streams.query;

import java.util.List;
import no.flyt.catalogue.AgeGroup;
import no.flyt.catalogue.Ages;
import no.flyt.catalogue.Breakdown;
import no.flyt.catalogue.Dimension;
import no.flyt.catalogue.Measure;
import no.flyt.catalogue.Table;
import no.flyt.streams.codec.CellCounts;
import no.flyt.streams.codec.CellSums;

/**
 * Cells summed over regions and months, read through the catalogue: a measure's count in one category of one
 * breakdown, by age band or by a chosen age group. Counts of cells that were never added are zero.
 */
final class Tally {

    private final CellSums sums = new CellSums();

    void add(CellCounts cells) {
        sums.add(cells);
    }

    void add(CellCounts cells, int sign) {
        sums.add(cells, sign);
    }

    long get(int cell) {
        return sums.get(cell);
    }

    CellSums sums() {
        return sums;
    }

    /** The flow measure in one category of a one-dimension breakdown (ALL: the measure itself) and one age band. */
    long byBand(Measure measure, Breakdown breakdown, int category, int band) {
        return measure.table(breakdown).map(t -> get(t.cell(category, band))).orElse(0L);
    }

    /** The flow measure in one category, all age bands together. */
    long total(Measure measure, Breakdown breakdown, int category) {
        long sum = 0;
        for (int band : Dimension.AGE_BAND.enumerated().values()) {
            sum += byBand(measure, breakdown, category, band);
        }
        return sum;
    }

    /**
     * The flow measure in one category of {@code dimension} (ALL: everybody) and one age group, from the measure's table
     * by single years of age; null when the measure has no such table.
     */
    Long byAge(Measure measure, Dimension dimension, int category, AgeGroup group) {
        Breakdown breakdown = ageBreakdown(dimension);
        if (breakdown == null || measure.table(breakdown).isEmpty()) {
            return null;
        }
        Table table = measure.tableOf(breakdown);
        long sum = 0;
        for (int age : Dimension.AGE.enumerated().values()) {
            if (group.contains(Ages.span(Dimension.AGE, age))) {
                sum += get(dimension == Dimension.ALL ? table.cell(age) : table.cell(category, age));
            }
        }
        return sum;
    }

    /** The breakdown by {@code dimension} and single years of age, or null. */
    static Breakdown ageBreakdown(Dimension dimension) {
        return switch (dimension) {
            case ALL -> Breakdown.AGE;
            case IMMIGRANT_CATEGORY -> Breakdown.IMMIGRANT_CATEGORY_BY_AGE;
            case COUNTRY_BACKGROUND -> Breakdown.COUNTRY_BACKGROUND_BY_AGE;
            default -> null;
        };
    }

    /**
     * Checks that every group is a union of whole categories of {@link Dimension#AGE}: flows are kept by single years
     * up to 30, then 31-64 and 65+.
     */
    static void requireFlowAgeGroups(List<AgeGroup> groups) {
        for (AgeGroup group : groups) {
            for (int age : Dimension.AGE.enumerated().values()) {
                AgeGroup span = Ages.span(Dimension.AGE, age);
                if (group.overlaps(span) && !group.contains(span)) {
                    throw new IllegalArgumentException("flows are kept by age in single years up to " + Ages.SINGLE_YEARS_UP_TO
                        + ", then 31-64 and 65+: the age group " + group + " cuts " + span);
                }
            }
        }
    }
}
