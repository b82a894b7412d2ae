package no.flyt.streams.rules;

import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import no.flyt.aggregates.RegionType;
import no.flyt.catalogue.Ages;
import no.flyt.catalogue.Border;
import no.flyt.catalogue.Catalogue;
import no.flyt.catalogue.Cell;
import no.flyt.catalogue.Dimension;
import no.flyt.catalogue.Measure;
import no.flyt.catalogue.Table;
import no.flyt.reference.Municipality;
import no.flyt.streams.codec.CellCounts;
import no.flyt.streams.regions.RegionKey;

/**
 * The domain rules of the region statistics: which measures one counted fact adds to in which municipality-month.
 * Each measure is then counted in every table the statistics catalogue declares for it (for the catalogue
 * generation the fact is counted under), with the codes of the fact ({@link Subject}): a table added to the
 * catalogue needs no rule here. Pure, like {@link RegisterEventRules}. Contributions are per municipality;
 * the combiner adds them up to counties, centrality classes and size bands.
 *
 * <ul>
 *   <li>MOVE or REFUGEE_SETTLEMENT between two municipalities: DOMESTIC_OUT and POPULATION -1 at the origin,
 *       DOMESTIC_IN and POPULATION +1 at the destination, each also under the crossing measure of every border
 *       (county, centrality class, size band) the move crosses, so that a county's in-flow is the sum of its
 *       municipalities' DOMESTIC_IN_FROM_OTHER_COUNTY, with every breakdown;</li>
 *   <li>MOVE inside one municipality (also between an old and a new code of it): MOVES_WITHIN only;</li>
 *   <li>REFUGEE_SETTLEMENT: REFUGEE_SETTLEMENTS at the settling municipality, whether or not it is also a move;</li>
 *   <li>IMMIGRATION, BIRTH: the flow and POPULATION +1; EMIGRATION, DEATH: the flow and POPULATION -1;</li>
 *   <li>BASELINE: POPULATION +1 in the month before the extract date (residence at the start of that day is the
 *       stock at the end of the previous month).</li>
 * </ul>
 */
public final class StatisticsContributions {

    private StatisticsContributions() {
    }

    /** Region-month key to cells, counted under {@code generation}; empty for null (an annulment). */
    public static Map<String, CellCounts> of(EventFact fact, int generation, MunicipalityResolver municipalities) {
        if (fact == null) {
            return Map.of();
        }
        Contribution out = new Contribution(generation);
        YearMonth month = YearMonth.from(fact.date());
        Subject person = Subject.of(fact);
        switch (fact.kind()) {
            case MOVE, REFUGEE_SETTLEMENT -> {
                if (fact.from2024() != null && !fact.from2024().equals(fact.to2024())) {
                    Municipality from = RegisterEventRules.resolve2024(municipalities, fact.from2024());
                    Municipality to = RegisterEventRules.resolve2024(municipalities, fact.to2024());
                    Contribution.Cells origin = out.at(fact.from2024(), month);
                    origin.count(Measure.DOMESTIC_OUT, person.withPartner(to), 1);
                    Contribution.Cells destination = out.at(fact.to2024(), month);
                    destination.count(Measure.DOMESTIC_IN, person.withPartner(from), 1);
                    for (Border border : Border.values()) {
                        if (!Borders.regionCode(from, border).equals(Borders.regionCode(to, border))) {
                            origin.count(Measure.DOMESTIC_OUT.crossing(border), person, 1);
                            destination.count(Measure.DOMESTIC_IN.crossing(border), person, 1);
                        }
                    }
                    origin.count(Measure.POPULATION, person, -1);
                    destination.count(Measure.POPULATION, person, 1);
                } else if (fact.kind() == EventFact.Kind.MOVE) {
                    out.at(fact.to2024(), month).count(Measure.MOVES_WITHIN, person, 1);
                }
                if (fact.kind() == EventFact.Kind.REFUGEE_SETTLEMENT) {
                    out.at(fact.to2024(), month).count(Measure.REFUGEE_SETTLEMENTS, person, 1);
                }
            }
            case IMMIGRATION -> arrival(out.at(fact.to2024(), month), Measure.IMMIGRATIONS, person);
            case BIRTH -> arrival(out.at(fact.to2024(), month), Measure.BIRTHS, person);
            case EMIGRATION -> departure(out.at(fact.from2024(), month), Measure.EMIGRATIONS, person);
            case DEATH -> departure(out.at(fact.from2024(), month), Measure.DEATHS, person);
            case BASELINE -> out.at(fact.to2024(), baselineMonth(fact.date())).count(Measure.POPULATION, person, 1);
            default -> throw new IllegalStateException("unhandled fact kind " + fact.kind());
        }
        return out.built();
    }

    /**
     * The measure of moves into a region of this type from outside it: DOMESTIC_IN for a municipality, the part of it
     * that crosses the border of the municipality's county, centrality class or size band for those regions.
     */
    public static Measure domesticIn(RegionType type) {
        return type == RegionType.MUNICIPALITY ? Measure.DOMESTIC_IN : Measure.DOMESTIC_IN.crossing(Borders.of(type));
    }

    /** The measure of moves out of a region of this type to the rest of Norway; see {@link #domesticIn}. */
    public static Measure domesticOut(RegionType type) {
        return type == RegionType.MUNICIPALITY ? Measure.DOMESTIC_OUT : Measure.DOMESTIC_OUT.crossing(Borders.of(type));
    }

    /** The month whose end-of-month stock a baseline extracted on {@code extractDate} describes. */
    public static YearMonth baselineMonth(LocalDate extractDate) {
        return YearMonth.from(extractDate.minusDays(1));
    }

    private static void arrival(Contribution.Cells cells, Measure measure, Subject person) {
        cells.count(measure, person, 1);
        cells.count(Measure.POPULATION, person, 1);
    }

    private static void departure(Contribution.Cells cells, Measure measure, Subject person) {
        cells.count(measure, person, 1);
        cells.count(Measure.POPULATION, person, -1);
    }

    /**
     * What one counted thing is broken down by: the person's attributes as registered, their age at the date (in
     * whole years), their birth year, and where it applies the municipality at the other end of a move and the year
     * of the refugee settlement.
     */
    record Subject(EventFact person, int age, Municipality partner, int settlementYear, int occupation) implements Cell.Codes {

        static Subject of(EventFact fact) {
            return new Subject(fact, Period.between(fact.birthDate(), fact.date()).getYears(), null, -1, -1);
        }

        Subject withPartner(Municipality other) {
            return new Subject(person, age, other, settlementYear, occupation);
        }

        Subject withSettlementYear(int year) {
            return new Subject(person, age, partner, year, occupation);
        }

        Subject withOccupation(int group) {
            return new Subject(person, age, partner, settlementYear, group);
        }

        @Override
        public int code(Dimension dimension) {
            int personCode = person.personCode(dimension);
            if (personCode >= 0) {
                return personCode;
            }
            return switch (dimension) {
                case AGE_BAND -> Ages.bandCode(age);
                case AGE -> Ages.ageCode(age);
                case BIRTH_YEAR -> person.birthDate().getYear() - Dimension.Years.FIRST;
                case SETTLEMENT_YEAR -> settlementYear - Dimension.Years.FIRST;
                case NO_AGE -> 0xFF;
                case PARTNER_COUNTY -> Integer.parseInt(partner().getCountyCode());
                case PARTNER_CENTRALITY_CLASS -> partner().getCentralityClass();
                case PARTNER_SIZE_BAND -> Dimension.PARTNER_SIZE_BAND.codeOf(SizeBand.of(partner()).name());
                case OCCUPATION_GROUP -> occupation;
                default -> throw new IllegalArgumentException("no rule gives the " + dimension + " of a fact");
            };
        }

        @Override
        public Municipality partner() {
            if (partner == null) {
                throw new IllegalStateException("a table asks for the other end of a move where there is none");
            }
            return partner;
        }
    }

    /** The cells of one fact, by region-month, counted under one generation. */
    static final class Contribution {
        private final int generation;
        private final Map<String, Cells> byKey = new LinkedHashMap<>(4);

        Contribution(int generation) {
            this.generation = generation;
        }

        Cells at(String code2024, YearMonth month) {
            return byKey.computeIfAbsent(RegionKey.of(RegionType.MUNICIPALITY, code2024, month), k -> new Cells(generation));
        }

        /** The non-empty cells of each region-month key, in the keys' order. */
        Map<String, CellCounts> built() {
            Map<String, CellCounts> result = new LinkedHashMap<>(byKey.size() * 2);
            byKey.forEach((key, cells) -> {
                CellCounts built = cells.builder.build();
                if (!built.isEmpty()) {
                    result.put(key, built);
                }
            });
            return result;
        }

        static final class Cells {
            private final int generation;
            private final CellCounts.Builder builder = CellCounts.builder();

            Cells(int generation) {
                this.generation = generation;
            }

            /** The measure in each of its tables of the generation, with the subject's codes. */
            void count(Measure measure, Subject subject, int count) {
                for (Table table : Catalogue.tables(measure, generation)) {
                    builder.add(Cell.of(table, subject), count);
                }
            }
        }
    }
}
