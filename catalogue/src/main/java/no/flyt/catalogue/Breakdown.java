package no.flyt.catalogue;

import java.util.List;

/**
 * What a measure's cells are broken down by: one dimension, or two or three crossed. Its code is the second byte of
 * every stored cell, so it never changes (the codes registry test guards it); its name is the {@code dimension} of a
 * published cell. Each part has a width in bits, fixed with the code: a cell holds 16 bits for the parts of its
 * breakdown and its measure's axis ({@link Table}).
 *
 * <p>Code 9 is reserved: it is the place of {@code OTHER}, the fallback symbol of the published Avro enum.
 */
public enum Breakdown {

    ALL(0, 1, Part.of(Dimension.ALL, 8)),
    IMMIGRANT_CATEGORY(1, 1, Part.of(Dimension.IMMIGRANT_CATEGORY, 8)),
    COUNTRY_BACKGROUND(2, 1, Part.of(Dimension.COUNTRY_BACKGROUND, 8)),
    IMMIGRATION_REASON(3, 1, Part.of(Dimension.IMMIGRATION_REASON, 8)),
    EDUCATION_LEVEL(4, 1, Part.of(Dimension.EDUCATION_LEVEL, 8)),
    SEX(5, 1, Part.of(Dimension.SEX, 8)),
    PARTNER_COUNTY(6, 1, Part.of(Dimension.PARTNER_COUNTY, 8)),
    PARTNER_CENTRALITY_CLASS(7, 1, Part.of(Dimension.PARTNER_CENTRALITY_CLASS, 8)),
    PARTNER_SIZE_BAND(8, 1, Part.of(Dimension.PARTNER_SIZE_BAND, 8)),
    /** Single years of age up to 30: young people and children, with the age groups chosen at query time. */
    AGE(10, 2, Part.of(Dimension.AGE, 8)),
    IMMIGRANT_CATEGORY_BY_AGE(11, 2, Part.of(Dimension.IMMIGRANT_CATEGORY, 8), Part.of(Dimension.AGE, 8)),
    COUNTRY_BACKGROUND_BY_AGE(12, 2, Part.of(Dimension.COUNTRY_BACKGROUND, 8), Part.of(Dimension.AGE, 8)),
    /** EU/EEA labour immigrants apart from the others. */
    COUNTRY_BACKGROUND_BY_IMMIGRATION_REASON(13, 2, Part.of(Dimension.COUNTRY_BACKGROUND, 8), Part.of(Dimension.IMMIGRATION_REASON, 8)),
    /** Where movers go, by their background and age: the young movers of the least central classes. */
    PARTNER_CENTRALITY_CLASS_BY_IMMIGRANT_CATEGORY_BY_AGE(14, 2,
        Part.of(Dimension.PARTNER_CENTRALITY_CLASS, 4), Part.of(Dimension.IMMIGRANT_CATEGORY, 4), Part.of(Dimension.AGE, 8)),
    PARTNER_CENTRALITY_CLASS_BY_COUNTRY_BACKGROUND_BY_AGE(15, 2,
        Part.of(Dimension.PARTNER_CENTRALITY_CLASS, 4), Part.of(Dimension.COUNTRY_BACKGROUND, 4), Part.of(Dimension.AGE, 8)),
    /** Ukrainians under collective protection apart from everybody else. */
    COLLECTIVE_PROTECTION(16, 2, Part.of(Dimension.COLLECTIVE_PROTECTION, 8)),
    /** Where settled refugees move on to, with or without collective protection. */
    PARTNER_CENTRALITY_CLASS_BY_COLLECTIVE_PROTECTION(17, 2,
        Part.of(Dimension.PARTNER_CENTRALITY_CLASS, 4), Part.of(Dimension.COLLECTIVE_PROTECTION, 4)),
    /** Where movers of each occupation go, by county (and so to any group of counties). */
    OCCUPATION_GROUP_BY_PARTNER_COUNTY(18, 2, Part.of(Dimension.OCCUPATION_GROUP, 8), Part.of(Dimension.PARTNER_COUNTY, 8));

    /** The code of the published enum's fallback symbol, never a breakdown. */
    public static final int RESERVED_OTHER = 9;

    private final int code;
    private final int since;
    private final List<Part> parts;

    Breakdown(int code, int since, Part... parts) {
        this.code = code;
        this.since = since;
        this.parts = List.of(parts);
    }

    public int code() {
        return code;
    }

    /** The catalogue generation that introduced it ({@link Catalogue#GENERATION}). */
    public int since() {
        return since;
    }

    public List<Part> parts() {
        return parts;
    }

    /** Whether one of its parts is {@code dimension}. */
    public boolean has(Dimension dimension) {
        return parts.stream().anyMatch(p -> p.dimension() == dimension);
    }

    /** A dimension of a breakdown with its width in a stored cell. */
    public record Part(Dimension dimension, int bits) {

        static Part of(Dimension dimension, int bits) {
            if (dimension.maxCode() >= 1 << bits) {
                throw new IllegalStateException(dimension + " has codes up to " + dimension.maxCode() + ", more than " + bits + " bits hold");
            }
            return new Part(dimension, bits);
        }

        @Override
        public String toString() {
            return dimension + ":" + bits;
        }
    }
}
