package no.flyt.catalogue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The counts flyt keeps per region and month. The code is the first byte of every stored cell and the JSON name is
 * how the API writes the measure; both never change (the codes registry test guards the code). Each measure lists
 * its tables: the breakdowns its cells come in, each with the measure's axis where it has one.
 *
 * <p>Code 17 is reserved: it is the place of {@code OTHER}, the fallback symbol of the published Avro enum.
 *
 * <p>To add a measure: declare it here with its tables, give it a rule in the streams app's contributions and count
 * it in the test recount; the codes registry test then prints the lines to append to {@code codes.txt}
 * (docs/ARCHITECTURE.md).
 */
public enum Measure {

    DOMESTIC_IN(0, "domesticIn", Kind.FLOW, "Moves into the municipality from another municipality in Norway (a refugee "
        + "settlement from another municipality counts as a move).", null, null, Tables.domestic()),
    DOMESTIC_OUT(1, "domesticOut", Kind.FLOW, "Moves out of the municipality to another municipality in Norway.", null, null,
        Tables.domesticOut()),
    IMMIGRATIONS(2, "immigrations", Kind.FLOW, "Immigrations from abroad.", null, null, Tables.international()),
    EMIGRATIONS(3, "emigrations", Kind.FLOW, "Emigrations to abroad.", null, null, Tables.international()),
    REFUGEE_SETTLEMENTS(4, "refugeeSettlements", Kind.FLOW, "IMDi settlements of refugees into the municipality.", null, null,
        Tables.settlements()),
    BIRTHS(5, "births", Kind.FLOW, "Births of residents.", null, null, Tables.flow()),
    DEATHS(6, "deaths", Kind.FLOW, "Deaths of residents.", null, null, Tables.flow()),
    MOVES_WITHIN(7, "movesWithin", Kind.FLOW, "Moves inside the municipality (register events, not migration).", null, null,
        Tables.flow()),
    POPULATION(8, "population", Kind.STOCK_CHANGE, "Change of the resident population (the baseline extract counts +1 per "
        + "person in the month before its extract date); the stock at the end of a month is the sum up to it.", null, null,
        Tables.population()),
    DOMESTIC_IN_FROM_OTHER_COUNTY(9, "domesticInFromOtherCounty", Kind.FLOW, "The part of domesticIn from another county.",
        "DOMESTIC_IN", Border.COUNTY, Tables.flow()),
    DOMESTIC_OUT_TO_OTHER_COUNTY(10, "domesticOutToOtherCounty", Kind.FLOW, "The part of domesticOut to another county.",
        "DOMESTIC_OUT", Border.COUNTY, Tables.flow()),
    DOMESTIC_IN_FROM_OTHER_CENTRALITY_CLASS(11, "domesticInFromOtherCentralityClass", Kind.FLOW,
        "The part of domesticIn from another centrality class.", "DOMESTIC_IN", Border.CENTRALITY_CLASS, Tables.flow()),
    DOMESTIC_OUT_TO_OTHER_CENTRALITY_CLASS(12, "domesticOutToOtherCentralityClass", Kind.FLOW,
        "The part of domesticOut to another centrality class.", "DOMESTIC_OUT", Border.CENTRALITY_CLASS, Tables.flow()),
    DOMESTIC_IN_FROM_OTHER_SIZE_BAND(13, "domesticInFromOtherSizeBand", Kind.FLOW,
        "The part of domesticIn from another size band.", "DOMESTIC_IN", Border.SIZE_BAND, Tables.flow()),
    DOMESTIC_OUT_TO_OTHER_SIZE_BAND(14, "domesticOutToOtherSizeBand", Kind.FLOW,
        "The part of domesticOut to another size band.", "DOMESTIC_OUT", Border.SIZE_BAND, Tables.flow()),
    SETTLED_REFUGEES_REMAINING(15, "settledRefugeesRemaining", Kind.STOCK_CHANGE, "Change of the number of refugees living in "
        + "the municipality that settled them (+1 at the settlement, -1 when they move away, emigrate or die, +1 when they "
        + "move back), by settlement year and by their attributes at the settlement.", null, null, Tables.settledRefugees()),
    SETTLED_REFUGEES_MOVED_AWAY(16, "settledRefugeesMovedAway", Kind.FLOW, "Moves of settled refugees out of the municipality "
        + "that settled them, by the destination's centrality class and settlement year.", null, null, Tables.settledMovedAway()),
    SETTLED_REFUGEES_EMIGRATED(18, "settledRefugeesEmigrated", Kind.FLOW, "Emigrations of settled refugees (from wherever "
        + "they live), counted at the municipality that settled them, by settlement year.", null, null, Tables.settledLeftNorway()),
    SETTLED_REFUGEES_IN_NORWAY(19, "settledRefugeesInNorway", Kind.STOCK_CHANGE, "Change of the number of refugees settled by "
        + "the municipality who live in Norway (anywhere): +1 at the settlement, -1 when they emigrate or die, +1 when they "
        + "come back; by settlement year, education and collective protection as at the settlement.", null, null,
        Tables.settledInNorway()),
    SETTLED_REFUGEES_EMPLOYED(20, "settledRefugeesEmployed", Kind.STOCK_CHANGE, "Change of the number of refugees settled by "
        + "the municipality who live in Norway and are employed (the employment register joined on person): +1 when both "
        + "become true, -1 when either ends; by settlement year and education as at the settlement.", null, null,
        Tables.settledEmployed()),
    DOMESTIC_OUT_BY_OCCUPATION(21, "domesticOutByOccupation", Kind.FLOW, "Moves out of the municipality to another in Norway, "
        + "by the mover's occupation group on the move date (the employment register joined on person) and the destination's "
        + "county.", null, null, Tables.byOccupation());

    /** The code of the published enum's fallback symbol, never a measure. */
    public static final int RESERVED_OTHER = 17;

    /** How a measure's monthly values add up. */
    public enum Kind {
        /** Events in the month: a period is the sum of its months. */
        FLOW,
        /** Changes of a stock: the stock at the end of a month is the sum of the changes up to it. */
        STOCK_CHANGE
    }

    private final int code;
    private final String jsonName;
    private final Kind kind;
    private final String description;
    private final String crossingOf;
    private final Border border;
    private final List<Table> tables;

    Measure(int code, String jsonName, Kind kind, String description, String crossingOf, Border border, List<Tables.Spec> tables) {
        this.code = code;
        this.jsonName = jsonName;
        this.kind = kind;
        this.description = description;
        this.crossingOf = crossingOf;
        this.border = border;
        List<Table> built = new ArrayList<>();
        for (Tables.Spec spec : tables) {
            built.add(new Table(this, spec.breakdown(), spec.axis(), spec.since()));
        }
        this.tables = Collections.unmodifiableList(built);
    }

    public int code() {
        return code;
    }

    /** The name the API's JSON and the docs use. */
    public String jsonName() {
        return jsonName;
    }

    public Kind kind() {
        return kind;
    }

    public String description() {
        return description;
    }

    public List<Table> tables() {
        return tables;
    }

    /** The table of {@code breakdown}, if the measure has one. */
    public Optional<Table> table(Breakdown breakdown) {
        return Optional.ofNullable(Catalogue.tableOrNull(this, breakdown));
    }

    /** The table of {@code breakdown}; the rules use it for tables every version has. */
    public Table tableOf(Breakdown breakdown) {
        Table table = Catalogue.tableOrNull(this, breakdown);
        if (table == null) {
            throw new IllegalArgumentException(this + " has no " + breakdown + " table");
        }
        return table;
    }

    /**
     * For a crossing measure, the measure it is a part of and the border crossed: DOMESTIC_IN_FROM_OTHER_COUNTY is
     * the part of DOMESTIC_IN that crosses a county border.
     */
    public Optional<Crossing> crossing() {
        return crossingOf == null ? Optional.empty() : Optional.of(new Crossing(valueOf(crossingOf), border));
    }

    /** The crossing measure of {@code this} (DOMESTIC_IN or DOMESTIC_OUT) for a border. */
    public Measure crossing(Border border) {
        for (Measure m : values()) {
            if (m.crossingOf != null && m.crossingOf.equals(name()) && m.border == border) {
                return m;
            }
        }
        throw new IllegalArgumentException(this + " has no crossing measure for " + border);
    }

    /** @see #crossing() */
    public record Crossing(Measure of, Border border) {
    }

    /** Table declarations shared by several measures. */
    static final class Tables {

        record Spec(Breakdown breakdown, Dimension axis, int since) {
        }

        private static final Breakdown[] PERSON = {
            Breakdown.ALL, Breakdown.IMMIGRANT_CATEGORY, Breakdown.COUNTRY_BACKGROUND, Breakdown.IMMIGRATION_REASON,
            Breakdown.EDUCATION_LEVEL, Breakdown.SEX};

        private Tables() {
        }

        /** Each person dimension on its own, by {@code axis}. */
        static List<Spec> person(Dimension axis) {
            List<Spec> specs = new ArrayList<>();
            for (Breakdown b : PERSON) {
                specs.add(new Spec(b, axis, 1));
            }
            return specs;
        }

        /** An event count: by person dimension and age band, and by single years of age. */
        static List<Spec> flow() {
            List<Spec> specs = person(Dimension.AGE_BAND);
            specs.add(new Spec(Breakdown.AGE, null, 2));
            return specs;
        }

        /** A flow across a border, into or out of the region: also by background and single year of age. */
        static List<Spec> international() {
            List<Spec> specs = flow();
            specs.add(new Spec(Breakdown.IMMIGRANT_CATEGORY_BY_AGE, null, 2));
            specs.add(new Spec(Breakdown.COUNTRY_BACKGROUND_BY_AGE, null, 2));
            specs.add(new Spec(Breakdown.COUNTRY_BACKGROUND_BY_IMMIGRATION_REASON, null, 2));
            specs.add(new Spec(Breakdown.COLLECTIVE_PROTECTION, Dimension.AGE_BAND, 2));
            return specs;
        }

        /** Refugee settlements: also with or without collective protection. */
        static List<Spec> settlements() {
            List<Spec> specs = flow();
            specs.add(new Spec(Breakdown.COLLECTIVE_PROTECTION, Dimension.AGE_BAND, 2));
            return specs;
        }

        /** A domestic move: also by the region at the other end. */
        static List<Spec> domestic() {
            List<Spec> specs = international();
            specs.add(new Spec(Breakdown.PARTNER_COUNTY, Dimension.NO_AGE, 1));
            specs.add(new Spec(Breakdown.PARTNER_CENTRALITY_CLASS, Dimension.NO_AGE, 1));
            specs.add(new Spec(Breakdown.PARTNER_SIZE_BAND, Dimension.NO_AGE, 1));
            return specs;
        }

        /** Moves out: also where movers of each background and age go, by centrality class. */
        static List<Spec> domesticOut() {
            List<Spec> specs = domestic();
            specs.add(new Spec(Breakdown.PARTNER_CENTRALITY_CLASS_BY_IMMIGRANT_CATEGORY_BY_AGE, null, 2));
            specs.add(new Spec(Breakdown.PARTNER_CENTRALITY_CLASS_BY_COUNTRY_BACKGROUND_BY_AGE, null, 2));
            return specs;
        }

        static List<Spec> population() {
            List<Spec> specs = person(Dimension.BIRTH_YEAR);
            // a stock without age (a birth year would not fit beside the two categories): shares, not age groups
            specs.add(new Spec(Breakdown.COUNTRY_BACKGROUND_BY_IMMIGRATION_REASON, null, 2));
            return specs;
        }

        static List<Spec> settledRefugees() {
            List<Spec> specs = person(Dimension.SETTLEMENT_YEAR);
            specs.add(new Spec(Breakdown.COLLECTIVE_PROTECTION, Dimension.SETTLEMENT_YEAR, 2));
            return specs;
        }

        static List<Spec> settledMovedAway() {
            return List.of(new Spec(Breakdown.PARTNER_CENTRALITY_CLASS, Dimension.SETTLEMENT_YEAR, 1),
                new Spec(Breakdown.PARTNER_CENTRALITY_CLASS_BY_COLLECTIVE_PROTECTION, Dimension.SETTLEMENT_YEAR, 2));
        }

        static List<Spec> settledLeftNorway() {
            return List.of(new Spec(Breakdown.ALL, Dimension.SETTLEMENT_YEAR, 2),
                new Spec(Breakdown.COLLECTIVE_PROTECTION, Dimension.SETTLEMENT_YEAR, 2));
        }

        static List<Spec> settledInNorway() {
            return List.of(new Spec(Breakdown.ALL, Dimension.SETTLEMENT_YEAR, 2),
                new Spec(Breakdown.EDUCATION_LEVEL, Dimension.SETTLEMENT_YEAR, 2),
                new Spec(Breakdown.COLLECTIVE_PROTECTION, Dimension.SETTLEMENT_YEAR, 2));
        }

        static List<Spec> settledEmployed() {
            return List.of(new Spec(Breakdown.ALL, Dimension.SETTLEMENT_YEAR, 2),
                new Spec(Breakdown.EDUCATION_LEVEL, Dimension.SETTLEMENT_YEAR, 2));
        }

        static List<Spec> byOccupation() {
            return List.of(new Spec(Breakdown.OCCUPATION_GROUP_BY_PARTNER_COUNTY, null, 2));
        }
    }
}
