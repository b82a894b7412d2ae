package no.flyt.streams.topology;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import no.flyt.aggregates.Dimension;
import no.flyt.aggregates.Measure;
import no.flyt.aggregates.RegionType;
import no.flyt.reference.AgeBand;
import no.flyt.reference.Municipality;

/**
 * The domain rules of the region statistics: what one counted fact adds to which municipality-month, as cells.
 * Pure, like {@link RegisterEventRules}. Contributions are per municipality; {@link PendingDeltas} adds them up to
 * counties, centrality classes and size bands. The PARTNER_* cells of domestic moves (the other end's county, class and size band)
 * give origin-destination flows.
 *
 * <ul>
 *   <li>MOVE or REFUGEE_SETTLEMENT between two municipalities: DOMESTIC_OUT and POPULATION -1 at the origin,
 *       DOMESTIC_IN and POPULATION +1 at the destination, each also under the *_OTHER_COUNTY, *_OTHER_CENTRALITY_CLASS
 *       and *_OTHER_SIZE_BAND measure when the move crosses that border (a county's in-flow is then the sum of its
 *       municipalities' DOMESTIC_IN_FROM_OTHER_COUNTY, with every breakdown);</li>
 *   <li>MOVE inside one municipality (also between an old and a new code of it): MOVES_WITHIN only;</li>
 *   <li>REFUGEE_SETTLEMENT: REFUGEE_SETTLEMENTS at the settling municipality, whether or not it is also a move;</li>
 *   <li>IMMIGRATION, BIRTH: the flow and POPULATION +1; EMIGRATION, DEATH: the flow and POPULATION -1;</li>
 *   <li>BASELINE: POPULATION +1 in the month before the extract date (residence at the start of that day is the
 *       stock at the end of the previous month).</li>
 * </ul>
 */
public final class StatisticsContributions {

    /** The dimensions every measure is broken down by, each on its own. */
    static final Dimension[] PERSON_DIMENSIONS = {
        Dimension.ALL, Dimension.IMMIGRANT_CATEGORY, Dimension.COUNTRY_BACKGROUND, Dimension.IMMIGRATION_REASON,
        Dimension.EDUCATION_LEVEL, Dimension.SEX};

    private StatisticsContributions() {
    }

    /** Region-month key to cells; empty for null (an annulment). */
    public static Map<String, CellCounts> of(EventFact fact, MunicipalityResolver municipalities) {
        Map<String, CellCounts.Builder> out = new LinkedHashMap<>(4);
        if (fact == null) {
            return Map.of();
        }
        YearMonth month = YearMonth.from(fact.date());
        int ageBand = AgeBand.of(fact.birthDate(), fact.date()).ordinal();
        switch (fact.kind()) {
            case MOVE, REFUGEE_SETTLEMENT -> {
                if (fact.from2024() != null && !fact.from2024().equals(fact.to2024())) {
                    Municipality from = RegisterEventRules.resolve2024(municipalities, fact.from2024());
                    Municipality to = RegisterEventRules.resolve2024(municipalities, fact.to2024());
                    CellCounts.Builder origin = cells(out, fact.from2024(), month);
                    person(origin, fact, Measure.DOMESTIC_OUT, ageBand, 1);
                    partner(origin, Measure.DOMESTIC_OUT, to);
                    crossings(origin, fact, from, to, ageBand, Measure.DOMESTIC_OUT_TO_OTHER_COUNTY,
                        Measure.DOMESTIC_OUT_TO_OTHER_CENTRALITY_CLASS, Measure.DOMESTIC_OUT_TO_OTHER_SIZE_BAND);
                    population(origin, fact, -1);
                    CellCounts.Builder destination = cells(out, fact.to2024(), month);
                    person(destination, fact, Measure.DOMESTIC_IN, ageBand, 1);
                    partner(destination, Measure.DOMESTIC_IN, from);
                    crossings(destination, fact, from, to, ageBand, Measure.DOMESTIC_IN_FROM_OTHER_COUNTY,
                        Measure.DOMESTIC_IN_FROM_OTHER_CENTRALITY_CLASS, Measure.DOMESTIC_IN_FROM_OTHER_SIZE_BAND);
                    population(destination, fact, +1);
                } else if (fact.kind() == EventFact.Kind.MOVE) {
                    person(cells(out, fact.to2024(), month), fact, Measure.MOVES_WITHIN, ageBand, 1);
                }
                if (fact.kind() == EventFact.Kind.REFUGEE_SETTLEMENT) {
                    person(cells(out, fact.to2024(), month), fact, Measure.REFUGEE_SETTLEMENTS, ageBand, 1);
                }
            }
            case IMMIGRATION -> arrival(cells(out, fact.to2024(), month), fact, Measure.IMMIGRATIONS, ageBand);
            case BIRTH -> arrival(cells(out, fact.to2024(), month), fact, Measure.BIRTHS, ageBand);
            case EMIGRATION -> departure(cells(out, fact.from2024(), month), fact, Measure.EMIGRATIONS, ageBand);
            case DEATH -> departure(cells(out, fact.from2024(), month), fact, Measure.DEATHS, ageBand);
            case BASELINE -> population(cells(out, fact.to2024(), baselineMonth(fact.date())), fact, +1);
            default -> throw new IllegalStateException("unhandled fact kind " + fact.kind());
        }
        return built(out);
    }

    /** The non-empty cells of each region-month key, in the keys' order. */
    static Map<String, CellCounts> built(Map<String, CellCounts.Builder> builders) {
        Map<String, CellCounts> result = new LinkedHashMap<>(builders.size() * 2);
        builders.forEach((key, builder) -> {
            CellCounts cells = builder.build();
            if (!cells.isEmpty()) {
                result.put(key, cells);
            }
        });
        return result;
    }

    /**
     * The measure of moves into a region of this type from outside it: DOMESTIC_IN for a municipality, the part of it
     * that crosses the border of the municipality's county, centrality class or size band for those regions.
     */
    public static Measure domesticIn(RegionType type) {
        return switch (type) {
            case MUNICIPALITY -> Measure.DOMESTIC_IN;
            case COUNTY -> Measure.DOMESTIC_IN_FROM_OTHER_COUNTY;
            case CENTRALITY_CLASS -> Measure.DOMESTIC_IN_FROM_OTHER_CENTRALITY_CLASS;
            case SIZE_BAND -> Measure.DOMESTIC_IN_FROM_OTHER_SIZE_BAND;
        };
    }

    /** The measure of moves out of a region of this type to the rest of Norway; see {@link #domesticIn}. */
    public static Measure domesticOut(RegionType type) {
        return switch (type) {
            case MUNICIPALITY -> Measure.DOMESTIC_OUT;
            case COUNTY -> Measure.DOMESTIC_OUT_TO_OTHER_COUNTY;
            case CENTRALITY_CLASS -> Measure.DOMESTIC_OUT_TO_OTHER_CENTRALITY_CLASS;
            case SIZE_BAND -> Measure.DOMESTIC_OUT_TO_OTHER_SIZE_BAND;
        };
    }

    /** The month whose end-of-month stock a baseline extracted on {@code extractDate} describes. */
    public static YearMonth baselineMonth(LocalDate extractDate) {
        return YearMonth.from(extractDate.minusDays(1));
    }

    private static CellCounts.Builder cells(Map<String, CellCounts.Builder> out, String code2024, YearMonth month) {
        return out.computeIfAbsent(RegionKey.of(RegionType.MUNICIPALITY, code2024, month), k -> CellCounts.builder());
    }

    private static void arrival(CellCounts.Builder cells, EventFact fact, Measure measure, int ageBand) {
        person(cells, fact, measure, ageBand, 1);
        population(cells, fact, +1);
    }

    private static void departure(CellCounts.Builder cells, EventFact fact, Measure measure, int ageBand) {
        person(cells, fact, measure, ageBand, 1);
        population(cells, fact, -1);
    }

    /** The measure once under each person dimension, with the fact's category of it. */
    static void person(CellCounts.Builder cells, EventFact fact, Measure measure, int age, int count) {
        for (Dimension d : PERSON_DIMENSIONS) {
            cells.add(Cell.of(measure, d, category(fact, d), age), count);
        }
    }

    private static void population(CellCounts.Builder cells, EventFact fact, int count) {
        person(cells, fact, Measure.POPULATION, Cell.yearSlot(fact.birthDate().getYear()), count);
    }

    /** The move again under the measures of each coarser region whose border it crosses. */
    private static void crossings(CellCounts.Builder cells, EventFact fact, Municipality from, Municipality to, int ageBand,
                                  Measure county, Measure centralityClass, Measure sizeBand) {
        if (!from.getCountyCode().equals(to.getCountyCode())) {
            person(cells, fact, county, ageBand, 1);
        }
        if (from.getCentralityClass() != to.getCentralityClass()) {
            person(cells, fact, centralityClass, ageBand, 1);
        }
        if (SizeBand.of(from) != SizeBand.of(to)) {
            person(cells, fact, sizeBand, ageBand, 1);
        }
    }

    private static void partner(CellCounts.Builder cells, Measure measure, Municipality other) {
        cells.add(Cell.of(measure, Dimension.PARTNER_COUNTY, Integer.parseInt(other.getCountyCode()), Cell.NO_AGE), 1);
        cells.add(Cell.of(measure, Dimension.PARTNER_CENTRALITY_CLASS, other.getCentralityClass(), Cell.NO_AGE), 1);
        cells.add(Cell.of(measure, Dimension.PARTNER_SIZE_BAND, SizeBand.of(other).ordinal(), Cell.NO_AGE), 1);
    }

    static int category(EventFact fact, Dimension d) {
        return switch (d) {
            case ALL -> 0;
            case IMMIGRANT_CATEGORY -> fact.immigrantCategory().ordinal();
            case COUNTRY_BACKGROUND -> fact.countryBackground().ordinal();
            case IMMIGRATION_REASON -> fact.immigrationReason() == null ? Cell.NO_REASON : fact.immigrationReason().ordinal();
            case EDUCATION_LEVEL -> fact.educationLevel().ordinal();
            case SEX -> fact.sex().ordinal();
            default -> throw new IllegalArgumentException(d + " is not a person dimension");
        };
    }
}
