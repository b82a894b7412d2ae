package no.flyt.catalogue;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Looks the declarations up by their codes, checks them once, and describes them line by line for the codes
 * registry ({@code codes.txt}, kept by a test): the persisted contract of the statistics.
 */
public final class Catalogue {

    /**
     * The catalogue generation: raised with every release that adds tables or measures. A counted event remembers the
     * generation it was counted under, so that a correction arriving after an upgrade takes back exactly the cells the
     * original added (only the tables of its generation), and tables added later count from the upgrade on unless the
     * history is reprocessed (docs/ARCHITECTURE.md).
     */
    public static final int GENERATION = 2;

    private static final Measure[] MEASURES = new Measure[256];
    private static final Breakdown[] BREAKDOWNS = new Breakdown[256];
    private static final Table[][] TABLES = new Table[256][];
    /** The tables of each measure counted under each generation, by measure code and generation. */
    private static final List<List<List<Table>>> TABLES_BY_GENERATION = new ArrayList<>();

    static {
        for (Breakdown b : Breakdown.values()) {
            if (b.code() == Breakdown.RESERVED_OTHER || b.code() < 0 || b.code() > 255 || BREAKDOWNS[b.code()] != null) {
                throw new IllegalStateException("breakdown code " + b.code() + " of " + b + " is reserved, out of range or taken");
            }
            BREAKDOWNS[b.code()] = b;
        }
        for (Measure m : Measure.values()) {
            if (m.code() == Measure.RESERVED_OTHER || m.code() < 0 || m.code() > 127 || MEASURES[m.code()] != null) {
                throw new IllegalStateException("measure code " + m.code() + " of " + m + " is reserved, out of range or taken");
            }
            MEASURES[m.code()] = m;
            TABLES[m.code()] = new Table[256];
            for (Table t : m.tables()) {
                if (TABLES[m.code()][t.breakdown().code()] != null) {
                    throw new IllegalStateException(m + " has two " + t.breakdown() + " tables");
                }
                if (t.since() < t.breakdown().since() || t.since() > GENERATION) {
                    throw new IllegalStateException(t + " is declared since generation " + t.since() + ", outside "
                        + t.breakdown().since() + ".." + GENERATION);
                }
                TABLES[m.code()][t.breakdown().code()] = t;
            }
        }
        for (int code = 0; code < MEASURES.length; code++) {
            List<List<Table>> byGeneration = new ArrayList<>();
            for (int g = 0; g <= GENERATION; g++) {
                int generation = g;
                byGeneration.add(MEASURES[code] == null ? List.of()
                    : MEASURES[code].tables().stream().filter(t -> t.since() <= generation).toList());
            }
            TABLES_BY_GENERATION.add(byGeneration);
        }
    }

    private Catalogue() {
    }

    public static Measure measure(int code) {
        Measure m = code >= 0 && code < MEASURES.length ? MEASURES[code] : null;
        if (m == null) {
            throw new IllegalArgumentException("no measure has code " + code);
        }
        return m;
    }

    public static Breakdown breakdown(int code) {
        Breakdown b = code >= 0 && code < BREAKDOWNS.length ? BREAKDOWNS[code] : null;
        if (b == null) {
            throw new IllegalArgumentException("no breakdown has code " + code);
        }
        return b;
    }

    /** The table of a measure and breakdown, or null when the measure has none. */
    static Table tableOrNull(Measure measure, Breakdown breakdown) {
        return TABLES[measure.code()][breakdown.code()];
    }

    public static Table table(int measureCode, int breakdownCode) {
        Table[] tables = measureCode >= 0 && measureCode < TABLES.length ? TABLES[measureCode] : null;
        Table t = tables == null || breakdownCode < 0 || breakdownCode > 255 ? null : tables[breakdownCode];
        if (t == null) {
            throw new IllegalArgumentException("no table has measure code " + measureCode + " and breakdown code " + breakdownCode);
        }
        return t;
    }

    /** The tables counted under {@code generation}: what a fact counted under it contributes to. */
    public static List<Table> tables(Measure measure, int generation) {
        if (generation < 1 || generation > GENERATION) {
            throw new IllegalArgumentException("generation " + generation + " is not one of 1.." + GENERATION
                + " (state written by a newer version of flyt?)");
        }
        return TABLES_BY_GENERATION.get(measure.code()).get(generation);
    }

    /**
     * Every declaration as a line, in code order: what the codes registry holds. A line that changes is a code that
     * changed meaning; the registry test fails on it.
     */
    public static List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (Measure m : MEASURES) {
            if (m != null) {
                lines.add("measure " + m.code() + " " + m.name() + " " + m.kind() + " json " + m.jsonName()
                    + m.crossing().map(c -> " crossing " + c.of() + " " + c.border()).orElse(""));
                for (Table t : m.tables().stream().sorted(java.util.Comparator.comparingInt(t -> t.breakdown().code())).toList()) {
                    StringJoiner parts = new StringJoiner(" ");
                    t.parts().forEach(p -> parts.add(p.toString()));
                    lines.add("table " + m.code() + "." + t.breakdown().code() + " " + m.name() + "/" + t.breakdown().name()
                        + " since " + t.since() + " parts " + parts);
                }
            }
        }
        for (Breakdown b : BREAKDOWNS) {
            if (b != null) {
                lines.add("breakdown " + b.code() + " " + b.name() + " since " + b.since());
            }
        }
        for (Dimension d : Dimension.values()) {
            if (d.isEnumerated()) {
                d.enumerated().forEach((label, code) -> lines.add("category " + d.name() + " " + code + " '" + label + "'"));
            } else {
                lines.add("category " + d.name() + " numeric up to " + d.maxCode() + ", e.g. " + d.maxCode() + " '" + d.label(d.maxCode()) + "'");
            }
        }
        return lines;
    }
}
