package no.flyt.catalogue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

/**
 * Something a count is broken down by: a person attribute, the other end of a move, an age or a year. Each category
 * has a numeric code, which is what a stored cell holds; the codes are part of the persisted format and never change
 * (the codes registry test guards them). Enumerated dimensions list their categories with codes; numeric ones (a
 * county number, a year) map a value to its code with a function.
 */
public enum Dimension {

    /** No breakdown: the single category ALL. */
    ALL(Placement.CATEGORY, "the measure itself", enumerated("ALL", 0)),
    IMMIGRANT_CATEGORY(Placement.CATEGORY, "SSB immigrant category (innvandringskategori)",
        enumerated("IMMIGRANT", 0, "NORWEGIAN_BORN_TWO_IMMIGRANT_PARENTS", 1, "ONE_IMMIGRANT_PARENT", 2, "REST_OF_POPULATION", 3)),
    COUNTRY_BACKGROUND(Placement.CATEGORY, "SSB country-background group: NORWAY, EU_EEA_UK or REST_OF_WORLD",
        enumerated("NORWAY", 0, "EU_EEA_UK", 1, "REST_OF_WORLD", 2)),
    IMMIGRATION_REASON(Placement.CATEGORY, "reason for the first immigration; NONE for people who never immigrated",
        enumerated("REFUGE", 0, "WORK", 1, "FAMILY", 2, "EDUCATION", 3, "OTHER", 4, "NONE", 5)),
    EDUCATION_LEVEL(Placement.CATEGORY, "highest completed education (NUS groups)",
        enumerated("PRIMARY", 0, "UPPER_SECONDARY", 1, "TERTIARY_SHORT", 2, "TERTIARY_LONG", 3, "UNKNOWN", 4)),
    SEX(Placement.CATEGORY, "registered sex", enumerated("FEMALE", 0, "MALE", 1)),
    /** The other end of a domestic move: origin for moves in, destination for moves out. */
    PARTNER_COUNTY(Placement.CATEGORY, "2024 county at the other end of a move (two digits)",
        numeric(Integer::parseInt, code -> String.format("%02d", code), 1, 99)),
    PARTNER_CENTRALITY_CLASS(Placement.CATEGORY, "centrality class (1-6) at the other end of a move",
        numeric(Integer::parseInt, String::valueOf, 1, 6)),
    PARTNER_SIZE_BAND(Placement.CATEGORY, "size band of the municipality at the other end of a move",
        enumerated("UNDER_1000", 0, "FROM_1000_TO_49999", 1, "FROM_50000", 2)),
    /** Age at the event date in four bands: the breakdown flyt started with; {@link #AGE} is finer. */
    AGE_BAND(Placement.AGE_BAND, "age at the event date: 0-19, 20-29, 30-64, 65+",
        enumerated("0-19", 0, "20-29", 1, "30-64", 2, "65+", 3)),
    /** Population changes are kept by birth year, so that any age can be derived for the month asked. */
    BIRTH_YEAR(Placement.BIRTH_YEAR, "birth year (1850-2104)", numeric(label -> Integer.parseInt(label) - Years.FIRST,
        code -> String.valueOf(Years.FIRST + code), 0, Years.LAST - Years.FIRST)),
    /** The cohort of the settled-refugee measures. */
    SETTLEMENT_YEAR(Placement.SETTLEMENT_YEAR, "year of the refugee settlement (the cohort)",
        numeric(label -> Integer.parseInt(label) - Years.FIRST, code -> String.valueOf(Years.FIRST + code), 0, Years.LAST - Years.FIRST)),
    /** Fills the age byte of the cells that have no age (the other end of a move), as the first format did. */
    NO_AGE(Placement.NONE, "no age", enumerated("", 0xFF)),
    /**
     * Age at the event date in single years up to 30, then 31-64 and 65+: fine enough to choose the groups at query time
     * that the questions ask for (0-17, 18-30, 20-64, 65+, and the four bands of {@link #AGE_BAND}).
     */
    AGE(Placement.AGE, "age at the event date: single years 0-30, then 31-64 and 65+", Ages.categories()),
    /** Displaced persons from Ukraine given collective protection (kollektiv beskyttelse) from 2022. */
    COLLECTIVE_PROTECTION(Placement.CATEGORY, "whether the person has collective protection (Ukrainians from 2022); UNKNOWN "
        + "for what a version before this dimension counted and kept without it", enumerated("NO", 0, "YES", 1, "UNKNOWN", 2)),
    /**
     * The occupation of the person's employment on the date: the employment register's group of the relationship that
     * started last among those active; NOT_EMPLOYED when none is.
     */
    OCCUPATION_GROUP(Placement.CATEGORY, "occupation group of the employment on the date (STYRK-08 major groups 1-4 are "
        + "HOME_OFFICE_TYPICAL), or NOT_EMPLOYED",
        enumerated("HOME_OFFICE_TYPICAL", 0, "OTHER", 1, "UNKNOWN", 2, "NOT_EMPLOYED", 3));

    /** Where a category's label goes in a published cell. */
    public enum Placement {
        /** Joined into the cell's {@code category} (labels of several such dimensions joined by {@code |}). */
        CATEGORY,
        /** The cell's {@code ageBand} field. */
        AGE_BAND,
        /** The cell's {@code birthYear} field. */
        BIRTH_YEAR,
        /** The cell's {@code settlementYear} field. */
        SETTLEMENT_YEAR,
        /** The cell's {@code age} field. */
        AGE,
        /** Not published. */
        NONE
    }

    private final Placement placement;
    private final String description;
    private final Categories categories;

    Dimension(Placement placement, String description, Categories categories) {
        this.placement = placement;
        this.description = description;
        this.categories = categories;
    }

    public Placement placement() {
        return placement;
    }

    public String description() {
        return description;
    }

    /** The code of a category label; empty for a label that is not a category of this dimension. */
    public Optional<Integer> code(String label) {
        return categories.code(label);
    }

    /** The code of a label that must exist (the rules' own categories). */
    public int codeOf(String label) {
        return code(label).orElseThrow(() -> new IllegalArgumentException(label + " is not a category of " + this));
    }

    /** The label of a code. */
    public String label(int code) {
        return categories.label(code);
    }

    /** The enumerated categories, label to code in code order; empty for a numeric dimension. */
    public Map<String, Integer> enumerated() {
        return categories.enumerated();
    }

    /** The largest code a category can have. */
    public int maxCode() {
        return categories.maxCode();
    }

    /** Whether the categories are listed (an enum) rather than numbers (a county, a year). */
    public boolean isEnumerated() {
        return !categories.enumerated().isEmpty();
    }

    // ------------------------------------------------------------------------------------------ categories

    /** The categories of a dimension: a list of labels with codes, or a numeric mapping. */
    static final class Categories {
        private final Map<String, Integer> codes;
        private final ToIntFunction<String> parse;
        private final IntFunction<String> format;
        private final int minCode;
        private final int maxCode;

        private Categories(Map<String, Integer> codes, ToIntFunction<String> parse, IntFunction<String> format, int minCode, int maxCode) {
            this.codes = codes;
            this.parse = parse;
            this.format = format;
            this.minCode = minCode;
            this.maxCode = maxCode;
        }

        Optional<Integer> code(String label) {
            if (!codes.isEmpty()) {
                return Optional.ofNullable(codes.get(label));
            }
            try {
                int code = parse.applyAsInt(label);
                return code >= minCode && code <= maxCode ? Optional.of(code) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }

        String label(int code) {
            return format.apply(code);
        }

        Map<String, Integer> enumerated() {
            return codes;
        }

        int maxCode() {
            return maxCode;
        }
    }

    /** Labels and codes, alternating: {@code "IMMIGRANT", 0, "NORWEGIAN_BORN_…", 1, …}. */
    static Categories enumerated(Object... labelsAndCodes) {
        Map<String, Integer> codes = new LinkedHashMap<>();
        List<String> byCode = new ArrayList<>(Collections.nCopies(256, null));
        int max = 0;
        for (int i = 0; i < labelsAndCodes.length; i += 2) {
            String label = (String) labelsAndCodes[i];
            int code = (Integer) labelsAndCodes[i + 1];
            if (codes.containsValue(code) || codes.put(label, code) != null) {
                throw new IllegalStateException("category " + label + " or code " + code + " declared twice");
            }
            byCode.set(code, label);
            max = Math.max(max, code);
        }
        return new Categories(Collections.unmodifiableMap(codes), codes::get, code -> {
            String label = code >= 0 && code < byCode.size() ? byCode.get(code) : null;
            if (label == null) {
                throw new IllegalArgumentException("no category has code " + code);
            }
            return label;
        }, 0, max);
    }

    static Categories numeric(ToIntFunction<String> parse, IntFunction<String> format, int minCode, int maxCode) {
        return new Categories(Map.of(), parse, format, minCode, maxCode);
    }

    /** The years the year dimensions can hold: a code is the year minus {@link #FIRST}, in one byte. */
    public static final class Years {
        public static final int FIRST = 1850;
        public static final int LAST = FIRST + 0xFE;

        private Years() {
        }
    }
}
