package no.flyt.streams.api;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import no.flyt.aggregates.Dimension;
import no.flyt.aggregates.Measure;
import no.flyt.events.CountryBackground;
import no.flyt.events.EducationLevel;
import no.flyt.events.ImmigrantCategory;
import no.flyt.events.ImmigrationReason;
import no.flyt.events.Sex;
import no.flyt.reference.AgeBand;
import no.flyt.reference.Municipality;
import no.flyt.streams.api.StatisticsAnswers.Breakdown;
import no.flyt.streams.api.StatisticsAnswers.CategoryCount;
import no.flyt.streams.api.StatisticsAnswers.ClassShare;
import no.flyt.streams.api.StatisticsAnswers.CohortCount;
import no.flyt.streams.api.StatisticsAnswers.FlowPeriod;
import no.flyt.streams.api.StatisticsAnswers.Flows;
import no.flyt.streams.api.StatisticsAnswers.ImmigrantDistribution;
import no.flyt.streams.api.StatisticsAnswers.ImmigrantDistributionAt;
import no.flyt.streams.api.StatisticsAnswers.OriginDestination;
import no.flyt.streams.api.StatisticsAnswers.OriginDestinationFlows;
import no.flyt.streams.api.StatisticsAnswers.Population;
import no.flyt.streams.api.StatisticsAnswers.PopulationAt;
import no.flyt.streams.api.StatisticsAnswers.RefugeeRetention;
import no.flyt.streams.api.StatisticsAnswers.SettlementCohort;
import no.flyt.streams.topology.Cell;
import no.flyt.streams.topology.CellCounts;
import no.flyt.streams.topology.SizeBand;

/**
 * Answers statistics questions from municipality-month cells: coarser regions are sums of their municipalities,
 * years sums of months, and population stocks cumulative sums of monthly changes with ages derived from birth
 * years for the month asked. Independent of where the cells come from ({@link StatisticsSource}).
 */
public final class StatisticsQueries {

    /** How flows are grouped over time. */
    public enum Period { MONTH, YEAR, TOTAL }

    /** Kinds of region origin-destination flows are summed by. */
    public enum OdKind { COUNTY, CENTRALITY_CLASS, SIZE_BAND }

    /** Earlier than any month a stock change can be dated in. */
    static final YearMonth BEGINNING = YearMonth.of(1900, 1);

    private static final Dimension[] BREAKDOWNS = {
        Dimension.IMMIGRANT_CATEGORY, Dimension.COUNTRY_BACKGROUND, Dimension.IMMIGRATION_REASON,
        Dimension.EDUCATION_LEVEL, Dimension.SEX};
    private static final int BANDS = AgeBand.values().length;
    private static final int IMMIGRANT = ImmigrantCategory.IMMIGRANT.ordinal();

    private final Supplier<List<Municipality>> municipalities2024;
    private final StatisticsSource source;

    public StatisticsQueries(Supplier<List<Municipality>> municipalities2024, StatisticsSource source) {
        this.municipalities2024 = municipalities2024;
        this.source = source;
    }

    public List<Municipality> municipalities2024() {
        return municipalities2024.get();
    }

    // ------------------------------------------------------------------------------------------------ flows

    public Flows flows(RegionScope scope, YearMonth from, YearMonth to, Period period) {
        Map<String, NavigableMap<YearMonth, CellCounts>> cells = source.read(scope.municipalities(), from, to);
        Map<String, Tally> byPeriod = new LinkedHashMap<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            byPeriod.computeIfAbsent(label(period, m, from, to), k -> new Tally());
        }
        for (NavigableMap<YearMonth, CellCounts> months : cells.values()) {
            months.forEach((month, counts) -> byPeriod.get(label(period, month, from, to)).addFlows(counts));
        }
        List<FlowPeriod> periods = new ArrayList<>();
        byPeriod.forEach((label, tally) -> periods.add(new FlowPeriod(label, flowMeasures(scope.kind(), tally))));
        return new Flows(scope.kind().name(), scope.code(), scope.name(), scope.requestedCode(), from.toString(),
            to.toString(), period.name(), periods);
    }

    private static String label(Period period, YearMonth month, YearMonth from, YearMonth to) {
        return switch (period) {
            case MONTH -> month.toString();
            case YEAR -> String.valueOf(month.getYear());
            case TOTAL -> from + ".." + to;
        };
    }

    private static Map<String, Breakdown> flowMeasures(RegionScope.Kind kind, Tally t) {
        Map<Measure, Integer> in = kind.domesticIn() == null ? Map.of() : Map.of(kind.domesticIn(), 1);
        Map<Measure, Integer> out = kind.domesticOut() == null ? Map.of() : Map.of(kind.domesticOut(), 1);
        Map<Measure, Integer> within = new HashMap<>(Map.of(Measure.MOVES_WITHIN, 1));
        if (kind != RegionScope.Kind.MUNICIPALITY) {
            // moves between two municipalities of the region are moves inside it
            within.merge(Measure.DOMESTIC_IN, 1, Integer::sum);
            if (kind.domesticIn() != null) {
                within.merge(kind.domesticIn(), -1, Integer::sum);
            }
        }
        Map<Measure, Integer> net = new HashMap<>();
        in.forEach((m, c) -> net.merge(m, c, Integer::sum));
        out.forEach((m, c) -> net.merge(m, -c, Integer::sum));
        net.merge(Measure.IMMIGRATIONS, 1, Integer::sum);
        net.merge(Measure.EMIGRATIONS, -1, Integer::sum);
        Map<Measure, Integer> change = new HashMap<>(net);
        change.put(Measure.BIRTHS, 1);
        change.put(Measure.DEATHS, -1);

        Map<String, Breakdown> measures = new LinkedHashMap<>();
        measures.put("domesticIn", t.breakdown(in));
        measures.put("domesticOut", t.breakdown(out));
        measures.put("immigrations", t.breakdown(Map.of(Measure.IMMIGRATIONS, 1)));
        measures.put("emigrations", t.breakdown(Map.of(Measure.EMIGRATIONS, 1)));
        measures.put("refugeeSettlements", t.breakdown(Map.of(Measure.REFUGEE_SETTLEMENTS, 1)));
        measures.put("births", t.breakdown(Map.of(Measure.BIRTHS, 1)));
        measures.put("deaths", t.breakdown(Map.of(Measure.DEATHS, 1)));
        measures.put("movesWithin", t.breakdown(within));
        measures.put("net", t.breakdown(net));
        measures.put("populationChange", t.breakdown(change));
        return measures;
    }

    // ------------------------------------------------------------------------------------------- population

    /** The population of {@code scope} at the end of each of {@code months} (ascending). */
    public Population population(RegionScope scope, List<YearMonth> months) {
        Map<YearMonth, Tally> stocks = stocks(scope.municipalities(), months, code -> 0).get(0);
        List<PopulationAt> rows = new ArrayList<>();
        for (YearMonth month : months) {
            Tally t = stocks.get(month);
            Breakdown population = t.breakdown(Map.of(Measure.POPULATION, 1));
            long old = population.byAgeBand().get(Cell.label(AgeBand.AGE_65_PLUS));
            long working = population.byAgeBand().get(Cell.label(AgeBand.AGE_20_29)) + population.byAgeBand().get(Cell.label(AgeBand.AGE_30_64));
            CategoryCount immigrants = population.by().get(Dimension.IMMIGRANT_CATEGORY.name()).get(ImmigrantCategory.IMMIGRANT.name());
            rows.add(new PopulationAt(month.toString(), population, ratio(old, working), ratio(immigrants.total(), population.total()),
                ratio(immigrants.byAgeBand().get(Cell.label(AgeBand.AGE_65_PLUS)), old)));
        }
        return new Population(scope.kind().name(), scope.code(), scope.name(), scope.requestedCode(), rows);
    }

    /** Where immigrants live, by centrality class, at the end of each of {@code months}. */
    public ImmigrantDistribution immigrantDistribution(List<YearMonth> months) {
        List<Municipality> all = municipalities2024.get();
        Map<String, Integer> classOf = new HashMap<>();
        all.forEach(m -> classOf.put(m.getCode2024(), m.getCentralityClass() - 1));
        List<Map<YearMonth, Tally>> byClass = stocks(classOf.keySet(), months, classOf::get);
        List<ImmigrantDistributionAt> rows = new ArrayList<>();
        for (YearMonth month : months) {
            List<ClassShare> classes = new ArrayList<>();
            long population = 0;
            long immigrants = 0;
            long[] pop = new long[6];
            long[] imm = new long[6];
            for (int c = 0; c < 6; c++) {
                Tally t = byClass.size() > c ? byClass.get(c).get(month) : new Tally();
                long total = t.get(Measure.POPULATION, Dimension.ALL, 0, -1);
                long immigrantsHere = t.get(Measure.POPULATION, Dimension.IMMIGRANT_CATEGORY, IMMIGRANT, -1);
                int o = AgeBand.AGE_65_PLUS.ordinal();
                long old = t.get(Measure.POPULATION, Dimension.ALL, 0, o);
                long oldImmigrants = t.get(Measure.POPULATION, Dimension.IMMIGRANT_CATEGORY, IMMIGRANT, o);
                long working = t.get(Measure.POPULATION, Dimension.ALL, 0, AgeBand.AGE_20_29.ordinal())
                    + t.get(Measure.POPULATION, Dimension.ALL, 0, AgeBand.AGE_30_64.ordinal());
                classes.add(new ClassShare(c + 1, total, immigrantsHere, ratio(immigrantsHere, total), old, oldImmigrants,
                    ratio(oldImmigrants, old), ratio(old, working)));
                pop[c] = total;
                imm[c] = immigrantsHere;
                population += total;
                immigrants += immigrantsHere;
            }
            Double central = ratio(imm[0] + imm[1], immigrants);
            Double remote = ratio(imm[4] + imm[5], immigrants);
            rows.add(new ImmigrantDistributionAt(month.toString(), classes, central, remote,
                central == null || remote == null ? null : central - remote,
                ratio(pop[0] + pop[1], population), ratio(pop[4] + pop[5], population)));
        }
        return new ImmigrantDistribution(rows);
    }

    /**
     * Cumulative population tallies at the end of each month asked, for {@code groups} groups of municipalities
     * ({@code group} maps a municipality code to its group index). One pass over the municipalities' months.
     */
    private List<Map<YearMonth, Tally>> stocks(java.util.Set<String> codes, List<YearMonth> months, Function<String, Integer> group) {
        YearMonth last = months.get(months.size() - 1);
        Map<String, NavigableMap<YearMonth, CellCounts>> cells = source.read(codes, BEGINNING, last);
        int groups = codes.stream().mapToInt(group::apply).max().orElse(0) + 1;
        List<TreeMap<YearMonth, CellCounts.Builder>> changes = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            changes.add(new TreeMap<>());
        }
        cells.forEach((code, byMonth) -> byMonth.forEach((month, counts) ->
            changes.get(group.apply(code)).computeIfAbsent(month, k -> CellCounts.builder()).add(population(counts))));
        List<Map<YearMonth, Tally>> result = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            Map<YearMonth, Tally> atMonth = new HashMap<>();
            CellCounts running = CellCounts.EMPTY;
            var changesOfGroup = changes.get(g).entrySet().iterator();
            var next = changesOfGroup.hasNext() ? changesOfGroup.next() : null;
            for (YearMonth month : months) {
                while (next != null && !next.getKey().isAfter(month)) {
                    running = running.plus(next.getValue().build());
                    next = changesOfGroup.hasNext() ? changesOfGroup.next() : null;
                }
                Tally t = new Tally();
                t.addStock(running, month.getYear());
                atMonth.put(month, t);
            }
            result.add(atMonth);
        }
        return result;
    }

    private static CellCounts population(CellCounts counts) {
        CellCounts.Builder b = CellCounts.builder();
        for (int i = 0; i < counts.size(); i++) {
            if (Cell.measure(counts.cellAt(i)) == Measure.POPULATION) {
                b.add(counts.cellAt(i), counts.countAt(i));
            }
        }
        return b.build();
    }

    // ------------------------------------------------------------------------------------- refugee retention

    /**
     * Refugees by the year they were settled into the municipalities of {@code scope}: how many were settled, how
     * many live in the municipality that settled them at the end of {@code at}, and where those who moved away went.
     */
    public RefugeeRetention refugeeRetention(RegionScope scope, YearMonth at) {
        Map<String, Integer> classOf = new HashMap<>();
        municipalities2024.get().forEach(m -> classOf.put(m.getCode2024(), m.getCentralityClass()));
        TreeMap<Integer, long[]> byYear = new TreeMap<>(); // settled, remaining, moved away, toward centre, by class 1-6
        // settled and remaining by year, dimension and category (the cells of each dimension on its own)
        Map<Integer, Map<Dimension, long[][]>> byCategory = new HashMap<>();
        source.read(scope.municipalities(), BEGINNING, at).forEach((code, months) -> months.forEach((month, counts) -> {
            for (int i = 0; i < counts.size(); i++) {
                int cell = counts.cellAt(i);
                Measure measure = Cell.measure(cell);
                long n = counts.countAt(i);
                boolean settled = measure == Measure.REFUGEE_SETTLEMENTS;
                if ((settled || measure == Measure.SETTLED_REFUGEES_REMAINING) && Cell.dimension(cell) != Dimension.ALL) {
                    int year = settled ? month.getYear() : Cell.settlementYear(cell);
                    cohort(byYear, year);
                    byCategory.computeIfAbsent(year, y -> new HashMap<>())
                        .computeIfAbsent(Cell.dimension(cell), d -> new long[Tally.categories(d)][2])[Cell.category(cell)][settled ? 0 : 1] += n;
                } else if (settled) {
                    cohort(byYear, month.getYear())[0] += n;
                } else if (measure == Measure.SETTLED_REFUGEES_REMAINING) {
                    cohort(byYear, Cell.settlementYear(cell))[1] += n;
                } else if (measure == Measure.SETTLED_REFUGEES_MOVED_AWAY) {
                    long[] c = cohort(byYear, Cell.settlementYear(cell));
                    int destination = Cell.category(cell);
                    c[2] += n;
                    if (destination < classOf.getOrDefault(code, 0)) {
                        c[3] += n;
                    }
                    c[3 + destination] += n;
                }
            }
        }));
        List<SettlementCohort> cohorts = new ArrayList<>();
        byYear.forEach((year, c) -> {
            Map<String, Long> byClass = new LinkedHashMap<>();
            for (int k = 1; k <= 6; k++) {
                byClass.put(String.valueOf(k), c[3 + k]);
            }
            Map<String, Map<String, CohortCount>> by = new LinkedHashMap<>();
            Map<Dimension, long[][]> categories = byCategory.getOrDefault(year, Map.of());
            for (Dimension d : BREAKDOWNS) {
                Map<String, CohortCount> counts = new LinkedHashMap<>();
                long[][] n = categories.getOrDefault(d, new long[0][]);
                for (int k = 0; k < n.length; k++) {
                    if (n[k][0] != 0 || n[k][1] != 0) {
                        counts.put(Cell.categoryLabel(Cell.of(Measure.REFUGEE_SETTLEMENTS, d, k, 0)), new CohortCount(n[k][0], n[k][1], ratio(n[k][1], n[k][0])));
                    }
                }
                by.put(d.name(), counts);
            }
            cohorts.add(new SettlementCohort(year, c[0], c[1], ratio(c[1], c[0]), c[2], byClass, c[3], by));
        });
        return new RefugeeRetention(scope.kind().name(), scope.code(), scope.name(), scope.requestedCode(), at.toString(), cohorts);
    }

    private static long[] cohort(Map<Integer, long[]> byYear, int year) {
        return byYear.computeIfAbsent(year, y -> new long[10]);
    }

    // ------------------------------------------------------------------------------------ origin-destination

    /** Moves between municipalities from {@code from} to {@code to}, by the origin's and destination's region. */
    public OriginDestinationFlows originDestination(OdKind kind, YearMonth from, YearMonth to) {
        List<Municipality> all = municipalities2024.get();
        Map<String, String> regionOf = new HashMap<>();
        for (Municipality m : all) {
            regionOf.put(m.getCode2024(), switch (kind) {
                case COUNTY -> m.getCountyCode();
                case CENTRALITY_CLASS -> String.valueOf(m.getCentralityClass());
                case SIZE_BAND -> SizeBand.of(m).name();
            });
        }
        Dimension partner = switch (kind) {
            case COUNTY -> Dimension.PARTNER_COUNTY;
            case CENTRALITY_CLASS -> Dimension.PARTNER_CENTRALITY_CLASS;
            case SIZE_BAND -> Dimension.PARTNER_SIZE_BAND;
        };
        Map<String, NavigableMap<YearMonth, CellCounts>> cells = source.read(regionOf.keySet(), from, to);
        Map<String, Map<String, Long>> matrix = new TreeMap<>();
        cells.forEach((code, months) -> months.values().forEach(counts -> {
            for (int i = 0; i < counts.size(); i++) {
                int cell = counts.cellAt(i);
                if (Cell.measure(cell) == Measure.DOMESTIC_OUT && Cell.dimension(cell) == partner) {
                    matrix.computeIfAbsent(regionOf.get(code), k -> new TreeMap<>())
                        .merge(Cell.categoryLabel(cell), counts.countAt(i), Long::sum);
                }
            }
        }));
        Map<String, Long> outOfOrigin = new TreeMap<>();
        matrix.forEach((origin, row) -> row.forEach((destination, moves) -> {
            if (moves != 0 && !origin.equals(destination)) {
                outOfOrigin.merge(origin, moves, Long::sum);
            }
        }));
        List<OriginDestination> flows = new ArrayList<>();
        matrix.forEach((origin, row) -> row.forEach((destination, moves) -> {
            if (moves != 0) {
                flows.add(new OriginDestination(origin, destination, moves,
                    origin.equals(destination) ? null : ratio(moves, outOfOrigin.getOrDefault(origin, 0L))));
            }
        }));
        return new OriginDestinationFlows(kind.name(), from.toString(), to.toString(), flows, outOfOrigin);
    }

    private static Double ratio(long numerator, long denominator) {
        return denominator == 0 ? null : (double) numerator / denominator;
    }

    /** Counts by (measure, dimension, category, age band or -1 for cells without one). */
    static final class Tally {
        private final Map<Long, Long> counts = new HashMap<>();

        private static long key(Measure m, Dimension d, int category, int band) {
            return ((long) m.ordinal() << 32) | ((long) d.ordinal() << 24) | ((long) (category & 0xFF) << 8) | (band & 0xFF);
        }

        void addFlows(CellCounts cells) {
            for (int i = 0; i < cells.size(); i++) {
                int cell = cells.cellAt(i);
                if (Cell.hasAgeBand(cell)) {
                    counts.merge(key(Cell.measure(cell), Cell.dimension(cell), Cell.category(cell), Cell.age(cell)), cells.countAt(i), Long::sum);
                }
            }
        }

        /** Population cells by birth year, turned into age bands for the age reached in {@code year}. */
        void addStock(CellCounts cells, int year) {
            for (int i = 0; i < cells.size(); i++) {
                int cell = cells.cellAt(i);
                int age = Math.max(0, year - Cell.birthYear(cell));
                counts.merge(key(Measure.POPULATION, Cell.dimension(cell), Cell.category(cell), AgeBand.ofAge(age).ordinal()),
                    cells.countAt(i), Long::sum);
            }
        }

        /** One cell, or (band -1) the sum over age bands. */
        long get(Measure m, Dimension d, int category, int band) {
            if (band >= 0) {
                return counts.getOrDefault(key(m, d, category, band), 0L);
            }
            long sum = 0;
            for (int b = 0; b < BANDS; b++) {
                sum += counts.getOrDefault(key(m, d, category, b), 0L);
            }
            return sum;
        }

        private long combined(Map<Measure, Integer> measures, Dimension d, int category, int band) {
            long sum = 0;
            for (Map.Entry<Measure, Integer> e : measures.entrySet()) {
                sum += e.getValue() * get(e.getKey(), d, category, band);
            }
            return sum;
        }

        Breakdown breakdown(Map<Measure, Integer> measures) {
            CategoryCount all = categoryCount(measures, Dimension.ALL, 0);
            Map<String, Map<String, CategoryCount>> by = new LinkedHashMap<>();
            for (Dimension d : BREAKDOWNS) {
                Map<String, CategoryCount> categories = new LinkedHashMap<>();
                for (int c = 0; c < categories(d); c++) {
                    categories.put(Cell.categoryLabel(Cell.of(Measure.POPULATION, d, c, 0)), categoryCount(measures, d, c));
                }
                by.put(d.name(), categories);
            }
            return new Breakdown(all.total(), all.byAgeBand(), by);
        }

        private CategoryCount categoryCount(Map<Measure, Integer> measures, Dimension d, int category) {
            Map<String, Long> bands = new LinkedHashMap<>();
            long total = 0;
            for (AgeBand band : AgeBand.values()) {
                long n = combined(measures, d, category, band.ordinal());
                bands.put(Cell.label(band), n);
                total += n;
            }
            return new CategoryCount(total, bands);
        }

        private static int categories(Dimension d) {
            return switch (d) {
                case IMMIGRANT_CATEGORY -> ImmigrantCategory.values().length;
                case COUNTRY_BACKGROUND -> CountryBackground.values().length;
                case IMMIGRATION_REASON -> ImmigrationReason.values().length + 1;
                case EDUCATION_LEVEL -> EducationLevel.values().length;
                case SEX -> Sex.values().length;
                default -> throw new IllegalArgumentException(d + " has no fixed categories");
            };
        }
    }
}
