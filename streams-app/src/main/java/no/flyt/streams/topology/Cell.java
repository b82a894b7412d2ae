package no.flyt.streams.topology;

import no.flyt.aggregates.Dimension;
import no.flyt.aggregates.Measure;
import no.flyt.events.CountryBackground;
import no.flyt.events.EducationLevel;
import no.flyt.events.ImmigrantCategory;
import no.flyt.events.ImmigrationReason;
import no.flyt.events.Sex;
import no.flyt.reference.AgeBand;

/**
 * One counter inside a region-month aggregate, packed into an int so that an aggregate value is a small sorted
 * array rather than a map of strings: {@code measure << 24 | dimension << 16 | category << 8 | age}.
 * <ul>
 *   <li>category: the ordinal of the dimension's enum; for {@link Dimension#IMMIGRATION_REASON}
 *       {@link #NO_REASON} for people who never immigrated; the numeric county code for
 *       {@link Dimension#PARTNER_COUNTY}; the class 1-6; the {@link SizeBand} ordinal;</li>
 *   <li>age: the {@link AgeBand} ordinal for flow measures ({@link #NO_AGE} for partner cells), the birth year
 *       minus {@link #FIRST_BIRTH_YEAR} for {@link Measure#POPULATION}, the settlement year minus the same for the
 *       {@code SETTLED_REFUGEES_*} measures.</li>
 * </ul>
 */
public final class Cell {

    public static final int NO_AGE = 0xFF;
    public static final int NO_REASON = ImmigrationReason.values().length;
    public static final int FIRST_BIRTH_YEAR = 1850;
    public static final int LAST_BIRTH_YEAR = FIRST_BIRTH_YEAR + 0xFE;

    private static final Measure[] MEASURES = Measure.values();
    private static final Dimension[] DIMENSIONS = Dimension.values();
    private static final AgeBand[] AGE_BANDS = AgeBand.values();

    private Cell() {
    }

    /** A well-spread hash of a cell, for open-addressing tables keyed by cell (its low bits alone are the age). */
    static int hash(int cell) {
        int h = cell * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    public static int of(Measure measure, Dimension dimension, int category, int age) {
        return measure.ordinal() << 24 | dimension.ordinal() << 16 | (category & 0xFF) << 8 | (age & 0xFF);
    }

    public static Measure measure(int cell) {
        return MEASURES[cell >>> 24];
    }

    public static Dimension dimension(int cell) {
        return DIMENSIONS[(cell >>> 16) & 0xFF];
    }

    public static int category(int cell) {
        return (cell >>> 8) & 0xFF;
    }

    public static int age(int cell) {
        return cell & 0xFF;
    }

    public static boolean hasAgeBand(int cell) {
        return measure(cell) != Measure.POPULATION && !hasSettlementYear(cell) && age(cell) != NO_AGE;
    }

    /** Whether the age byte holds a settlement year: the measures of refugees by the municipality that settled them. */
    public static boolean hasSettlementYear(int cell) {
        Measure m = measure(cell);
        return m == Measure.SETTLED_REFUGEES_REMAINING || m == Measure.SETTLED_REFUGEES_MOVED_AWAY;
    }

    /** SETTLED_REFUGEES_* cells only. */
    public static int settlementYear(int cell) {
        return FIRST_BIRTH_YEAR + age(cell);
    }

    /** The age byte of a year (a birth or settlement year). */
    public static int yearSlot(int year) {
        return year - FIRST_BIRTH_YEAR;
    }

    public static AgeBand ageBand(int cell) {
        return AGE_BANDS[age(cell)];
    }

    /** POPULATION cells only. */
    public static int birthYear(int cell) {
        return FIRST_BIRTH_YEAR + age(cell);
    }

    /** The readable value of the cell's category: an enum symbol, a county code, a class or a size band. */
    public static String categoryLabel(int cell) {
        return LABELS[(cell >>> 16) & 0xFF][category(cell)];
    }

    /** Category labels by dimension and category, computed once: they are written for every published cell. */
    private static final String[][] LABELS = labels();

    private static String[][] labels() {
        String[][] labels = new String[DIMENSIONS.length][256];
        for (Dimension d : DIMENSIONS) {
            String[] l = labels[d.ordinal()];
            for (int c = 0; c < 256; c++) {
                l[c] = String.valueOf(c);
            }
            switch (d) {
                case ALL -> l[0] = "ALL";
                case IMMIGRANT_CATEGORY -> names(l, ImmigrantCategory.values());
                case COUNTRY_BACKGROUND -> names(l, CountryBackground.values());
                case IMMIGRATION_REASON -> {
                    names(l, ImmigrationReason.values());
                    l[NO_REASON] = "NONE";
                }
                case EDUCATION_LEVEL -> names(l, EducationLevel.values());
                case SEX -> names(l, Sex.values());
                case PARTNER_COUNTY -> {
                    for (int c = 0; c < 100; c++) {
                        l[c] = (c < 10 ? "0" : "") + c;
                    }
                }
                case PARTNER_SIZE_BAND -> names(l, SizeBand.values());
                default -> {
                    // PARTNER_CENTRALITY_CLASS and OTHER: the number itself
                }
            }
        }
        return labels;
    }

    private static void names(String[] labels, Enum<?>[] values) {
        for (Enum<?> v : values) {
            labels[v.ordinal()] = v.name();
        }
    }

    /** Age band labels as the API and the output topic write them. */
    public static String label(AgeBand band) {
        return band.to() == Integer.MAX_VALUE ? band.from() + "+" : band.from() + "-" + band.to();
    }
}
