package no.flyt.streams.query;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import no.flyt.aggregates.RegionType;
import no.flyt.catalogue.AgeGroup;
import no.flyt.catalogue.Breakdown;
import no.flyt.catalogue.Cell;
import no.flyt.catalogue.Dimension;
import no.flyt.catalogue.Measure;
import no.flyt.catalogue.Table;
import no.flyt.reference.CentralityClass;
import no.flyt.reference.Municipality;
import no.flyt.streams.codec.CellCounts;
import no.flyt.streams.codec.CellSums;
import no.flyt.streams.query.StatisticsAnswers.Counts;
import no.flyt.streams.query.StatisticsAnswers.CategoryCount;
import no.flyt.streams.query.StatisticsAnswers.ClassShare;
import no.flyt.streams.query.StatisticsAnswers.CohortCount;
import no.flyt.streams.query.StatisticsAnswers.FlowPeriod;
import no.flyt.streams.query.StatisticsAnswers.Flows;
import no.flyt.streams.query.StatisticsAnswers.ImmigrantDistribution;
import no.flyt.streams.query.StatisticsAnswers.ImmigrantDistributionAt;
import no.flyt.streams.query.StatisticsAnswers.OriginDestination;
import no.flyt.streams.query.StatisticsAnswers.OriginDestinationFlows;
import no.flyt.streams.query.StatisticsAnswers.Population;
import no.flyt.streams.query.StatisticsAnswers.PopulationAt;
import no.flyt.streams.query.StatisticsAnswers.RefugeeRetention;
import no.flyt.streams.query.StatisticsAnswers.SettlementCohort;
import no.flyt.streams.regions.Region;
import no.flyt.streams.regions.RegionKind;
import no.flyt.streams.regions.Regions;
import no.flyt.streams.rules.Borders;

/**
 * Answers the statistics questions from stored region-months, read through a {@link StatisticsReader}: a region is
 * the sum of its stored parts ({@link Region#parts()}), a period the sum of its months, and a stock the cumulative sum
 * of its monthly changes, with ages derived from birth years for the month asked. Every answer is computed from the
 * catalogue's tables; nothing here knows where the cells are kept.
 */
public final class StatisticsQueries {

    /** How flows are grouped over time. */
    public enum Period { MONTH, YEAR, TOTAL }

    /** Kinds of region origin-destination flows are summed by. */
    public enum OdKind {
        COUNTY(RegionKind.COUNTY, Breakdown.PARTNER_COUNTY),
        CENTRALITY_CLASS(RegionKind.CENTRALITY_CLASS, Breakdown.PARTNER_CENTRALITY_CLASS),
        SIZE_BAND(RegionKind.SIZE_BAND, Breakdown.PARTNER_SIZE_BAND);

        private final RegionKind kind;
        private final Breakdown partner;

        OdKind(RegionKind kind, Breakdown partner) {
            this.kind = kind;
            this.partner = partner;
        }

        public RegionKind regionKind() {
            return kind;
        }
    }

    /** Earlier than any month a stock change can be dated in. */
    public static final YearMonth BEGINNING = YearMonth.of(1900, 1);

    private final Regions regions;
    private final StatisticsReader reader;

    public StatisticsQueries(Regions regions, StatisticsReader reader) {
        this.regions = regions;
        this.reader = reader;
    }

    public Regions regions() {
        return regions;
    }

    // ------------------------------------------------------------------------------------------ v1 flow totals

    /** Moves in and out across the region's border, immigrations and emigrations, month by month and in total. */
    public FlowsAnswer flowTotals(Region region, YearMonth from, YearMonth to) {
        Map<String, List<FlowMeasures.Term>> measures = FlowMeasures.of(region);
        List<List<FlowMeasures.Term>> four = List.of(measures.get(Measure.DOMESTIC_IN.jsonName()),
            measures.get(Measure.DOMESTIC_OUT.jsonName()), measures.get(Measure.IMMIGRATIONS.jsonName()),
            measures.get(Measure.EMIGRATIONS.jsonName()));
        Map<YearMonth, long[]> byMonth = new HashMap<>();
        reader.read(region.parts(), from, to).values().forEach(months -> months.forEach((month, cells) -> {
            long[] totals = byMonth.computeIfAbsent(month, m -> new long[4]);
            for (int i = 0; i < 4; i++) {
                totals[i] += total(four.get(i), cells);
            }
        }));
        List<FlowTotals> rows = new ArrayList<>();
        FlowTotals total = FlowTotals.zero(null);
        for (YearMonth month = from; !month.isAfter(to); month = month.plusMonths(1)) {
            long[] t = byMonth.getOrDefault(month, new long[4]);
            FlowTotals row = new FlowTotals(month.toString(), t[0], t[1], t[2], t[3], t[0] - t[1] + t[2] - t[3]);
            rows.add(row);
            total = total.plus(row, from + ".." + to);
        }
        return new FlowsAnswer(region.kind().name(), region.code(), region.name(), region.requestedCode(), from.toString(),
            to.toString(), rows, total);
    }

    /** The total of a signed sum of measures in one region-month's cells, in one walk over them. */
    private static long total(List<FlowMeasures.Term> terms, CellCounts cells) {
        Tally tally = null;
        long sum = 0;
        for (FlowMeasures.Term term : terms) {
            if (term instanceof FlowMeasures.Stored s) {
                int head = Cell.head(s.measure().tableOf(Breakdown.ALL));
                for (CellCounts.Cursor c = cells.cursor(); c.next(); ) {
                    if ((c.cell() & 0xFFFF_0000) == head) {
                        sum += s.sign() * c.count();
                    }
                }
            } else {
                if (tally == null) {
                    tally = new Tally();
                    tally.add(cells);
                }
                sum += term.sign() * FlowMeasures.acrossGroupBorder(tally, (FlowMeasures.AcrossGroupBorder) term);
            }
        }
        return sum;
    }

    // ------------------------------------------------------------------------------------------------ flows

    /** Flows with their breakdowns, by month, year or the whole range; by age group where {@code ages} is given. */
    public Flows flows(Region region, YearMonth from, YearMonth to, Period period, List<AgeGroup> ages) {
        if (ages != null) {
            Tally.requireFlowAgeGroups(ages);
        }
        Map<String, Tally> byPeriod = new LinkedHashMap<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            byPeriod.computeIfAbsent(label(period, m, from, to), k -> new Tally());
        }
        reader.read(region.parts(), from, to).values()
            .forEach(months -> months.forEach((month, cells) -> byPeriod.get(label(period, month, from, to)).add(cells)));
        Map<String, List<FlowMeasures.Term>> measures = FlowMeasures.of(region);
        List<FlowPeriod> periods = new ArrayList<>();
        byPeriod.forEach((label, tally) -> {
            Map<String, Counts> answer = new LinkedHashMap<>();
            measures.forEach((name, terms) -> answer.put(name, FlowMeasures.breakdown(terms, tally, ages)));
            periods.add(new FlowPeriod(label, answer));
        });
        return new Flows(region.kind().name(), region.code(), region.name(), region.requestedCode(), from.toString(),
            to.toString(), period.name(), periods);
    }

    private static String label(Period period, YearMonth month, YearMonth from, YearMonth to) {
        return switch (period) {
            case MONTH -> month.toString();
            case YEAR -> String.valueOf(month.getYear());
            case TOTAL -> from + ".." + to;
        };
    }

    // ------------------------------------------------------------------------------------------- population

    /** The population of {@code region} at the end of each of {@code months} (ascending). */
    public Population population(Region region, List<YearMonth> months, List<AgeGroup> ages) {
        Map<YearMonth, CellSums> stocks = Stocks.atEndOf(reader.read(region.parts(), BEGINNING, months.get(months.size() - 1)), months);
        String old = Dimension.AGE_BAND.label(3);
        List<PopulationAt> rows = new ArrayList<>();
        for (YearMonth month : months) {
            Counts population = Stocks.breakdown(stocks.get(month), month.getYear(), ages);
            long elderly = population.byAgeBand().get(old);
            long working = population.byAgeBand().get(Dimension.AGE_BAND.label(1)) + population.byAgeBand().get(Dimension.AGE_BAND.label(2));
            CategoryCount immigrants = population.by().get(Dimension.IMMIGRANT_CATEGORY.name()).get("IMMIGRANT");
            rows.add(new PopulationAt(month.toString(), population, ratio(elderly, working), ratio(immigrants.total(), population.total()),
                ratio(immigrants.byAgeBand().get(old), elderly)));
        }
        return new Population(region.kind().name(), region.code(), region.name(), region.requestedCode(), rows);
    }

    /** Where immigrants live, by centrality class, at the end of each of {@code months}. */
    public ImmigrantDistribution immigrantDistribution(List<YearMonth> months) {
        Map<String, Integer> classes = regions.norway().partsByClass();
        Map<String, NavigableMap<YearMonth, CellCounts>> cells = reader.read(classes.keySet(), BEGINNING, months.get(months.size() - 1));
        Map<Integer, Map<YearMonth, CellSums>> byClass = new TreeMap<>();
        classes.forEach((part, c) -> byClass.put(c, Stocks.atEndOf(cells.containsKey(part) ? Map.of(part, cells.get(part)) : Map.of(), months)));
        int immigrant = Dimension.IMMIGRANT_CATEGORY.codeOf("IMMIGRANT");
        List<ImmigrantDistributionAt> rows = new ArrayList<>();
        for (YearMonth month : months) {
            List<ClassShare> shares = new ArrayList<>();
            long[] pop = new long[CentralityClass.LEAST_CENTRAL + 1];
            long[] imm = new long[CentralityClass.LEAST_CENTRAL + 1];
            long population = 0;
            long immigrants = 0;
            for (Map.Entry<Integer, Map<YearMonth, CellSums>> e : byClass.entrySet()) {
                int c = e.getKey();
                CellSums stock = e.getValue().get(month);
                CategoryCount all = Stocks.count(stock, month.getYear(), Dimension.ALL, 0, null);
                CategoryCount imms = Stocks.count(stock, month.getYear(), Dimension.IMMIGRANT_CATEGORY, immigrant, null);
                long old = all.byAgeBand().get(Dimension.AGE_BAND.label(3));
                long oldImmigrants = imms.byAgeBand().get(Dimension.AGE_BAND.label(3));
                long working = all.byAgeBand().get(Dimension.AGE_BAND.label(1)) + all.byAgeBand().get(Dimension.AGE_BAND.label(2));
                shares.add(new ClassShare(c, all.total(), imms.total(), ratio(imms.total(), all.total()), old, oldImmigrants,
                    ratio(oldImmigrants, old), ratio(old, working)));
                pop[c] = all.total();
                imm[c] = imms.total();
                population += all.total();
                immigrants += imms.total();
            }
            Double central = ratio(imm[1] + imm[2], immigrants);
            Double remote = ratio(imm[5] + imm[6], immigrants);
            rows.add(new ImmigrantDistributionAt(month.toString(), shares, central, remote,
                central == null || remote == null ? null : central - remote,
                ratio(pop[1] + pop[2], population), ratio(pop[5] + pop[6], population)));
        }
        return new ImmigrantDistribution(rows);
    }

    // ------------------------------------------------------------------------------------- refugee retention

    /**
     * Refugees by the year they were settled into the municipalities of {@code region}: how many were settled, how
     * many live in the municipality that settled them at the end of {@code at}, and where those who moved away went.
     */
    public RefugeeRetention refugeeRetention(Region region, YearMonth at) {
        Table settledAll = Measure.REFUGEE_SETTLEMENTS.tableOf(Breakdown.ALL);
        Table remainingAll = Measure.SETTLED_REFUGEES_REMAINING.tableOf(Breakdown.ALL);
        Table movedAway = Measure.SETTLED_REFUGEES_MOVED_AWAY.tableOf(Breakdown.PARTNER_CENTRALITY_CLASS);
        Map<Integer, Dimension> settledBy = headsOf(Measure.REFUGEE_SETTLEMENTS);
        Map<Integer, Dimension> remainingBy = headsOf(Measure.SETTLED_REFUGEES_REMAINING);
        TreeMap<Integer, long[]> byYear = new TreeMap<>(); // settled, remaining, moved away, toward centre, by class 1-6
        Map<Integer, Map<Dimension, Map<Integer, long[]>>> byCategory = new HashMap<>(); // settled, remaining
        Map<String, NavigableMap<YearMonth, CellCounts>> cells = reader.read(region.partsByClass().keySet(), BEGINNING, at);
        cells.forEach((part, months) -> {
            int settlingClass = region.partsByClass().get(part);
            months.forEach((month, counts) -> {
                for (CellCounts.Cursor c = counts.cursor(); c.next(); ) {
                    int cell = c.cell();
                    int head = cell & 0xFFFF_0000;
                    long n = c.count();
                    if (head == Cell.head(settledAll)) {
                        cohort(byYear, month.getYear())[0] += n;
                    } else if (head == Cell.head(remainingAll)) {
                        cohort(byYear, year(cell, remainingAll, 1))[1] += n;
                    } else if (head == Cell.head(movedAway)) {
                        long[] cohort = cohort(byYear, year(cell, movedAway, 1));
                        int destination = Cell.code(cell, movedAway, 0);
                        cohort[2] += n;
                        if (destination < settlingClass) {
                            cohort[3] += n;
                        }
                        cohort[3 + destination] += n;
                    } else if (settledBy.containsKey(head)) {
                        Table t = Cell.table(cell);
                        category(byCategory, month.getYear(), settledBy.get(head), Cell.code(cell, t, 0))[0] += n;
                    } else if (remainingBy.containsKey(head)) {
                        Table t = Cell.table(cell);
                        category(byCategory, year(cell, t, 1), remainingBy.get(head), Cell.code(cell, t, 0))[1] += n;
                    }
                }
            });
        });
        List<SettlementCohort> cohorts = new ArrayList<>();
        byYear.forEach((year, c) -> {
            Map<String, Long> byClass = new LinkedHashMap<>();
            for (int k = CentralityClass.MOST_CENTRAL; k <= CentralityClass.LEAST_CENTRAL; k++) {
                byClass.put(String.valueOf(k), c[3 + k]);
            }
            Map<String, Map<String, CohortCount>> by = new LinkedHashMap<>();
            Map<Dimension, Map<Integer, long[]>> categories = byCategory.getOrDefault(year, Map.of());
            for (Dimension d : FlowMeasures.PERSON_DIMENSIONS) {
                Map<String, CohortCount> counts = new LinkedHashMap<>();
                Map<Integer, long[]> n = categories.getOrDefault(d, Map.of());
                d.enumerated().forEach((label, code) -> {
                    long[] k = n.get(code);
                    if (k != null && (k[0] != 0 || k[1] != 0)) {
                        counts.put(label, new CohortCount(k[0], k[1], ratio(k[1], k[0])));
                    }
                });
                by.put(d.name(), counts);
            }
            cohorts.add(new SettlementCohort(year, c[0], c[1], ratio(c[1], c[0]), c[2], byClass, c[3], by));
        });
        return new RefugeeRetention(region.kind().name(), region.code(), region.name(), region.requestedCode(), at.toString(), cohorts);
    }

    /** The heads of a measure's tables of one person dimension, with that dimension. */
    private static Map<Integer, Dimension> headsOf(Measure measure) {
        Map<Integer, Dimension> heads = new HashMap<>();
        for (Dimension d : FlowMeasures.PERSON_DIMENSIONS) {
            measure.table(Breakdown.valueOf(d.name())).ifPresent(t -> heads.put(Cell.head(t), d));
        }
        return heads;
    }

    private static int year(int cell, Table table, int part) {
        return Dimension.Years.FIRST + Cell.code(cell, table, part);
    }

    private static long[] cohort(Map<Integer, long[]> byYear, int year) {
        return byYear.computeIfAbsent(year, y -> new long[10]);
    }

    private static long[] category(Map<Integer, Map<Dimension, Map<Integer, long[]>>> byCategory, int year, Dimension d, int code) {
        return byCategory.computeIfAbsent(year, y -> new HashMap<>()).computeIfAbsent(d, k -> new HashMap<>())
            .computeIfAbsent(code, k -> new long[2]);
    }

    // ------------------------------------------------------------------------------------ origin-destination

    /** Moves between municipalities from {@code from} to {@code to}, by the origin's and destination's region. */
    public OriginDestinationFlows originDestination(OdKind kind, YearMonth from, YearMonth to) {
        Map<String, String> codeOfPart = new LinkedHashMap<>();
        RegionType type = kind.regionKind().storedAs();
        for (Municipality m : regions.geography().municipalities2024()) {
            String code = Borders.regionCode(m, kind.regionKind().border());
            codeOfPart.put(Region.stored(type, code), code);
        }
        Table partner = Measure.DOMESTIC_OUT.tableOf(kind.partner);
        int head = Cell.head(partner);
        Map<String, Map<String, Long>> matrix = new TreeMap<>();
        reader.read(codeOfPart.keySet(), from, to).forEach((part, months) -> months.values().forEach(counts -> {
            for (CellCounts.Cursor c = counts.cursor(); c.next(); ) {
                if ((c.cell() & 0xFFFF_0000) == head) {
                    String destination = partner.parts().get(0).dimension().label(Cell.code(c.cell(), partner, 0));
                    matrix.computeIfAbsent(codeOfPart.get(part), k -> new TreeMap<>()).merge(destination, c.count(), Long::sum);
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

    // ------------------------------------------------------------------------------------------- any table

    /**
     * A measure by one of its breakdowns, for each period: the events in it for a flow, the stock at its end for a
     * stock. With {@code ages}, the table's age dimension (single years, age band or birth year) is grouped into them.
     */
    public StatisticsAnswers.Table table(Region region, Measure measure, Breakdown breakdown, YearMonth from, YearMonth to,
                                         Period period, List<AgeGroup> ages) {
        Table table = measure.table(breakdown).orElseThrow(() -> new IllegalArgumentException(
            measure.jsonName() + " has no breakdown " + breakdown + "; it has " + measure.tables().stream().map(t -> t.breakdown().name()).toList()));
        int ageIndex = ageIndex(table);
        if (ages != null && ageIndex < 0) {
            throw new IllegalArgumentException(breakdown + " has no age to group");
        }
        if (ages != null && table.parts().get(ageIndex).dimension() == Dimension.AGE) {
            Tally.requireFlowAgeGroups(ages);
        }
        boolean stock = measure.kind() == Measure.Kind.STOCK_CHANGE;
        Map<String, NavigableMap<YearMonth, CellCounts>> cells = reader.read(region.parts(), stock ? BEGINNING : from, to);
        TreeMap<YearMonth, List<CellCounts>> byMonth = new TreeMap<>();
        cells.values().forEach(months -> months.forEach((m, c) -> byMonth.computeIfAbsent(m, k -> new ArrayList<>()).add(c)));
        int head = Cell.head(table);
        List<StatisticsAnswers.TablePeriod> periods = new ArrayList<>();
        CellSums running = new CellSums();
        YearMonth periodStart = from;
        while (!periodStart.isAfter(to)) {
            YearMonth periodEnd = switch (period) {
                case MONTH -> periodStart;
                case YEAR -> YearMonth.of(periodStart.getYear(), 12).isAfter(to) ? to : YearMonth.of(periodStart.getYear(), 12);
                case TOTAL -> to;
            };
            CellSums sums = stock ? running : new CellSums();
            for (List<CellCounts> monthCells : (stock ? byMonth.headMap(periodEnd, true) : byMonth.subMap(periodStart, true, periodEnd, true)).values()) {
                for (CellCounts c : monthCells) {
                    for (CellCounts.Cursor cursor = c.cursor(); cursor.next(); ) {
                        if ((cursor.cell() & 0xFFFF_0000) == head) {
                            sums.add(cursor.cell(), cursor.count());
                        }
                    }
                }
            }
            if (stock) {
                byMonth.headMap(periodEnd, true).clear(); // counted into the running stock
            }
            periods.add(new StatisticsAnswers.TablePeriod(label(period, periodStart, from, to),
                rows(table, sums, ageIndex, ages, periodEnd.getYear())));
            periodStart = periodEnd.plusMonths(1);
        }
        return new StatisticsAnswers.Table(region.kind().name(), region.code(), region.name(), region.requestedCode(), measure.jsonName(),
            breakdown.name(), table.dimensions().stream().map(Dimension::name).toList(), stock, from.toString(), to.toString(),
            period.name(), periods);
    }

    /** The index of the table's age dimension (single years, band or birth year), or -1. */
    private static int ageIndex(Table table) {
        var parts = table.parts();
        for (int i = 0; i < parts.size(); i++) {
            Dimension d = parts.get(i).dimension();
            if (d == Dimension.AGE || d == Dimension.AGE_BAND || d == Dimension.BIRTH_YEAR) {
                return i;
            }
        }
        return -1;
    }

    private static List<StatisticsAnswers.TableRow> rows(Table table, CellSums sums, int ageIndex, List<AgeGroup> ages, int year) {
        Map<Map<String, String>, Long> rows = new LinkedHashMap<>();
        List<Integer> cells = new ArrayList<>();
        sums.forEach((cell, count) -> cells.add(cell));
        cells.sort(null);
        var parts = table.parts();
        for (int cell : cells) {
            long count = sums.get(cell);
            Map<String, String> categories = new LinkedHashMap<>();
            boolean inAGroup = ages == null;
            for (int i = 0; i < parts.size(); i++) {
                Dimension d = parts.get(i).dimension();
                int code = Cell.code(cell, table, i);
                if (i == ageIndex && ages != null) {
                    no.flyt.catalogue.AgeGroup span = d == Dimension.BIRTH_YEAR
                        ? AgeGroup.ofAge(Math.max(0, year - (Dimension.Years.FIRST + code)))
                        : no.flyt.catalogue.Ages.span(d, code);
                    for (AgeGroup group : ages) {
                        if (group.contains(span)) {
                            categories.put(d == Dimension.BIRTH_YEAR ? "AGE" : d.name(), group.toString());
                            inAGroup = true;
                            break;
                        }
                    }
                } else if (d.placement() != Dimension.Placement.NONE) {
                    categories.put(d.name(), d.label(code));
                }
            }
            if (inAGroup) {
                rows.merge(categories, count, Long::sum);
            }
        }
        List<StatisticsAnswers.TableRow> result = new ArrayList<>();
        rows.forEach((categories, count) -> {
            if (count != 0) {
                result.add(new StatisticsAnswers.TableRow(categories, count));
            }
        });
        return result;
    }

    static Double ratio(long numerator, long denominator) {
        return denominator == 0 ? null : (double) numerator / denominator;
    }
}
