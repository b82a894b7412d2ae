package no.flyt.streams.recount;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import no.flyt.events.BaselinePerson;
import no.flyt.events.EmploymentEvent;
import no.flyt.events.RegisterEvent;
import no.flyt.reference.Municipality;
import no.flyt.reference.MunicipalityCatalog;
import no.flyt.streams.codec.CellCounts;
import no.flyt.streams.output.RegionStatisticsRecords;
import no.flyt.streams.query.StatisticsAnswers;
import no.flyt.streams.query.StatisticsQueries;
import no.flyt.streams.regions.Region;
import no.flyt.streams.regions.Regions;
import no.flyt.streams.rules.SizeBand;
import no.flyt.streams.topology.DeadLetterHeaders;
import no.flyt.streams.topology.EventVersionProcessor;
import no.flyt.streams.topology.TopologyFixture;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streams app against the independent {@link BatchRecount}, cell by cell, after piping the same history in
 * order, shuffled, and shuffled with duplicates injected.
 */
class RecountComparisonTest {

    private static final YearMonth FIRST = YearMonth.of(2014, 12);
    private static final YearMonth LAST = YearMonth.of(2021, 12);
    private static final List<YearMonth> STOCK_MONTHS = List.of(YearMonth.of(2014, 12), YearMonth.of(2016, 12), YearMonth.of(2018, 6),
        YearMonth.of(2020, 12), YearMonth.of(2021, 12));

    @TempDir
    Path stateDir;

    private TopologyFixture app;

    @AfterEach
    void tearDown() {
        if (app != null) {
            app.close();
        }
    }

    private final RandomHistory history = new RandomHistory(42, 400, 2500);
    private final BatchRecount recount = BatchRecount.of(history.baseline, history.events, history.employment);

    @Test
    void inOrderOfRecording() {
        app = new TopologyFixture(stateDir.resolve("ordered"));
        List<RegisterEvent> ordered = new ArrayList<>(history.events);
        ordered.sort((a, b) -> a.getRecordedAt().compareTo(b.getRecordedAt()));
        app.baseline(history.baseline);
        app.send(ordered);
        List<EmploymentEvent> jobs = new ArrayList<>(history.employment);
        jobs.sort((a, b) -> a.getRecordedAt().compareTo(b.getRecordedAt()));
        app.employment(jobs);
        assertSameAsRecount();
    }

    @Test
    void shuffledWithTheBaselineInterleaved() {
        app = new TopologyFixture(stateDir.resolve("shuffled"));
        pipeShuffled(new Random(3), 0);
        assertSameAsRecount();
    }

    @Test
    void shuffledWithDuplicatesInjected() {
        app = new TopologyFixture(stateDir.resolve("duplicates"));
        pipeShuffled(new Random(5), 0.2);
        assertSameAsRecount();
    }

    private void pipeShuffled(Random random, double duplicates) {
        List<Object> items = new ArrayList<>(history.baseline);
        items.addAll(history.events);
        items.addAll(history.employment);
        int n = items.size();
        for (int i = 0; i < n * duplicates; i++) {
            items.add(items.get(random.nextInt(n)));
        }
        Collections.shuffle(items, random);
        for (Object item : items) {
            if (item instanceof RegisterEvent e) {
                app.send(e);
            } else if (item instanceof EmploymentEvent e) {
                app.employment(e);
            } else {
                app.baseline((BaselinePerson) item);
            }
        }
    }

    private void assertSameAsRecount() {
        assertThat(recount.cells()).hasSizeGreaterThan(1000);
        assertThat(storedCells()).as("municipality-month cells").isEqualTo(recount.cells());
        assertThat(publishedYearCells()).as("region-year cells on the yearly topic").isEqualTo(recount.yearCells());
        assertThat(storedFlows()).as("region flows").isEqualTo(asLists(recount.regionFlows()));
        assertThat(servedFlowTotals()).as("flows of every region served by the API").isEqualTo(recount.flowTotals());
        for (YearMonth month : STOCK_MONTHS) {
            assertThat(servedPopulation(month)).as("population at the end of " + month).isEqualTo(recount.population(month));
        }
        StatisticsQueries queries = app.queries();
        for (StatisticsQueries.OdKind kind : StatisticsQueries.OdKind.values()) {
            Map<String, Long> served = new TreeMap<>();
            queries.originDestination(kind, FIRST, LAST).flows().forEach(f -> served.put(f.origin() + ">" + f.destination(), f.moves()));
            assertThat(served).as("origin-destination by " + kind).isEqualTo(recount.originDestination(kind.name(), FIRST, LAST));
        }
        assertThat(recount.cells().keySet()).as("the random histories settle refugees who stay, leave and come back")
            .anyMatch(k -> k.contains("|SETTLED_REFUGEES_REMAINING|ALL|ALL|") && recount.cells().get(k) < 0)
            .anyMatch(k -> k.contains("|SETTLED_REFUGEES_MOVED_AWAY|"));
        assertThat(recount.cells().keySet()).as("the employment register joined: refugees start and stop working, movers have jobs")
            .anyMatch(k -> k.contains("|SETTLED_REFUGEES_EMPLOYED|ALL|ALL|") && recount.cells().get(k) < 0)
            .anyMatch(k -> k.contains("|SETTLED_REFUGEES_EMPLOYED|ALL|ALL|") && recount.cells().get(k) > 0)
            .anyMatch(k -> k.contains("|SETTLED_REFUGEES_IN_NORWAY|ALL|ALL|") && recount.cells().get(k) < 0)
            .anyMatch(k -> k.contains("|SETTLED_REFUGEES_EMIGRATED|ALL|ALL|"))
            .anyMatch(k -> k.contains("|SETTLED_REFUGEES_REMAINING|COLLECTIVE_PROTECTION|YES|") && recount.cells().get(k) < 0)
            .anyMatch(k -> k.contains("|DOMESTIC_OUT_BY_OCCUPATION|OCCUPATION_GROUP_BY_PARTNER_COUNTY|HOME_OFFICE_TYPICAL|"))
            .anyMatch(k -> k.contains("|DOMESTIC_OUT_BY_OCCUPATION|OCCUPATION_GROUP_BY_PARTNER_COUNTY|NOT_EMPLOYED|"));
        assertThat(servedRetention()).as("refugee retention of every region at the end of " + LAST).isEqualTo(retentionOfRecount());
        assertDeadLetters();
    }

    private Map<String, Long> servedRetention() {
        Map<String, Long> served = new TreeMap<>();
        for (Region scope : scopes()) {
            for (StatisticsAnswers.SettlementCohort c : app.queries().refugeeRetention(scope, LAST).cohorts()) {
                String row = scope.kind() + ":" + scope.code() + ":" + c.settlementYear() + "|";
                put(served, row + "settled", c.settled());
                put(served, row + "remaining", c.remaining());
                put(served, row + "movedAway", c.movedAway());
                put(served, row + "towardCentre", c.movedTowardCentre());
                c.movedAwayByCentralityClass().forEach((k, n) -> put(served, row + "to class " + k, n));
                c.by().forEach((dimension, categories) -> categories.forEach((category, n) -> {
                    put(served, row + dimension + "|" + category + "|settled", n.settled());
                    put(served, row + dimension + "|" + category + "|remaining", n.remaining());
                }));
            }
        }
        return served;
    }

    /** The same sums taken from the recount's municipality cells. */
    private Map<String, Long> retentionOfRecount() {
        Map<String, Municipality> byCode = new java.util.HashMap<>();
        MunicipalityCatalog.bundled().current().forEach(m -> byCode.put(m.getCode(), m));
        Map<String, Long> expected = new TreeMap<>();
        for (Region scope : scopes()) {
            recount.cells().forEach((key, n) -> {
                String[] parts = key.split("\\|");
                String[] region = parts[0].split(":");
                YearMonth month = YearMonth.parse(region[2]);
                if (!region[0].equals("MUNICIPALITY") || !scope.municipalities().contains(region[1]) || month.isAfter(LAST)
                    || !(parts[2].equals("ALL") || PERSON_DIMENSIONS.contains(parts[2]) || parts[2].equals("PARTNER_CENTRALITY_CLASS"))) {
                    return;
                }
                String prefix = scope.kind() + ":" + scope.code() + ":";
                String dimension = parts[2].equals("ALL") ? "" : parts[2] + "|" + parts[3] + "|";
                if (parts[1].equals("REFUGEE_SETTLEMENTS")) {
                    expected.merge(prefix + month.getYear() + "|" + dimension + "settled", n, Long::sum);
                } else if (parts[1].equals("SETTLED_REFUGEES_REMAINING")) {
                    expected.merge(prefix + parts[4] + "|" + dimension + "remaining", n, Long::sum);
                } else if (parts[1].equals("SETTLED_REFUGEES_MOVED_AWAY")) {
                    expected.merge(prefix + parts[4] + "|movedAway", n, Long::sum);
                    expected.merge(prefix + parts[4] + "|to class " + parts[3], n, Long::sum);
                    if (Integer.parseInt(parts[3]) < byCode.get(region[1]).getCentralityClass()) {
                        expected.merge(prefix + parts[4] + "|towardCentre", n, Long::sum);
                    }
                }
            });
        }
        expected.values().removeIf(n -> n == 0);
        return expected;
    }

    private Map<String, Long> storedCells() {
        Map<String, Long> rows = new TreeMap<>();
        try (var all = app.statisticsStore().all()) {
            all.forEachRemaining((KeyValue<String, CellCounts> kv) ->
                rows.putAll(BatchRecount.rowsOf(kv.key, RegionStatisticsRecords.toAvro(kv.key, kv.value))));
        }
        return rows;
    }

    private Map<String, Long> publishedYearCells() {
        Map<String, Long> rows = new TreeMap<>();
        app.publishChangedYears();
        app.driver.createOutputTopic(app.topics.yearlyRegionStatistics().name(), Serdes.String().deserializer(),
                app.topics.yearlyRegionStatistics().valueSerde().deserializer())
            .readKeyValuesToMap()
            .forEach((key, year) -> rows.putAll(BatchRecount.rowsOf(key, year)));
        return rows;
    }

    private Map<String, List<Long>> storedFlows() {
        Map<String, List<Long>> rows = new TreeMap<>();
        app.flows().forEach((key, f) -> {
            if (f.getDomesticIn() != 0 || f.getDomesticOut() != 0 || f.getImmigrations() != 0 || f.getEmigrations() != 0) {
                rows.put(key, List.of(f.getDomesticIn(), f.getDomesticOut(), f.getImmigrations(), f.getEmigrations()));
            }
        });
        return rows;
    }

    private static Map<String, List<Long>> asLists(Map<String, long[]> flows) {
        Map<String, List<Long>> rows = new TreeMap<>();
        flows.forEach((k, v) -> rows.put(k, List.of(v[0], v[1], v[2], v[3])));
        return rows;
    }

    private static final Set<String> PERSON_DIMENSIONS = Set.of("IMMIGRANT_CATEGORY", "COUNTRY_BACKGROUND", "IMMIGRATION_REASON",
        "EDUCATION_LEVEL", "SEX");

    private List<Region> scopes() {
        List<Municipality> all = MunicipalityCatalog.bundled().current();
        Regions regions = app.queries().regions();
        List<Region> scopes = new ArrayList<>();
        all.forEach(m -> scopes.add(regions.municipality(m.getCode())));
        new TreeSet<>(all.stream().map(Municipality::getCountyCode).toList()).forEach(c -> scopes.add(regions.county(c)));
        for (int c = 1; c <= 6; c++) {
            scopes.add(regions.centralityClass(String.valueOf(c)));
        }
        for (var band : SizeBand.values()) {
            scopes.add(regions.sizeBand(band.name()));
        }
        return scopes;
    }

    private static final Set<String> TOTALS = Set.of("domesticIn", "domesticOut", "immigrations", "emigrations",
        "refugeeSettlements", "births", "deaths", "movesWithin");

    private Map<String, Long> servedFlowTotals() {
        StatisticsQueries queries = app.queries();
        Map<String, Long> served = new TreeMap<>();
        for (Region scope : scopes()) {
            StatisticsAnswers.Flows flows = queries.flows(scope, FIRST, LAST, StatisticsQueries.Period.MONTH, null);
            for (StatisticsAnswers.FlowPeriod period : flows.periods()) {
                period.measures().forEach((measure, breakdown) -> {
                    if (TOTALS.contains(measure) && breakdown.total() != 0) {
                        served.put(scope.kind() + ":" + scope.code() + ":" + period.period() + "|" + measure, breakdown.total());
                    }
                });
                // the derived measures are consistent with their parts
                var m = period.measures();
                assertThat(m.get("net").total()).isEqualTo(m.get("domesticIn").total() - m.get("domesticOut").total()
                    + m.get("immigrations").total() - m.get("emigrations").total());
            }
        }
        return served;
    }

    private Map<String, Long> servedPopulation(YearMonth month) {
        StatisticsQueries queries = app.queries();
        Map<String, Long> served = new TreeMap<>();
        for (Region scope : scopes()) {
            StatisticsAnswers.PopulationAt at = queries.population(scope, List.of(month), null).months().get(0);
            String region = scope.kind() + ":" + scope.code();
            at.population().byAgeBand().forEach((band, n) -> put(served, region + "|ALL|" + band, n));
            at.population().by().get("IMMIGRANT_CATEGORY").forEach((category, count) ->
                count.byAgeBand().forEach((band, n) -> put(served, region + "|" + category + "|" + band, n)));
        }
        return served;
    }

    private static void put(Map<String, Long> map, String key, long n) {
        if (n != 0) {
            map.put(key, n);
        }
    }

    private void assertDeadLetters() {
        var eventDeserializer = app.topics.registerEvents().valueSerde().deserializer();
        var baselineDeserializer = app.topics.baselinePersons().valueSerde().deserializer();
        var employmentDeserializer = app.topics.employmentEvents().valueSerde().deserializer();
        Map<String, String> rejected = new TreeMap<>();
        Map<String, String> neverSeen = new TreeMap<>();
        for (TestRecord<String, byte[]> r : app.deadLetters.readRecordsToList()) {
            String topic = DeadLetterHeaders.read(r.headers(), DeadLetterHeaders.TOPIC);
            String reason = DeadLetterHeaders.read(r.headers(), DeadLetterHeaders.MESSAGE);
            String id = topic.equals(app.topics.baselinePersons().name())
                ? "baseline:" + baselineDeserializer.deserialize(topic, r.value()).getPersonId()
                : topic.equals(app.topics.employmentEvents().name()) ? employmentDeserializer.deserialize(topic, r.value()).getEventId()
                : eventDeserializer.deserialize(topic, r.value()).getEventId();
            (reason.equals(EventVersionProcessor.NEVER_SEEN_REASON) ? neverSeen : rejected).put(id, reason);
        }
        Map<String, String> expected = new TreeMap<>(recount.rejections());
        Map<String, String> expectedNeverSeen = new TreeMap<>(expected);
        expected.values().removeIf(EventVersionProcessor.NEVER_SEEN_REASON::equals);
        expectedNeverSeen.values().removeIf(reason -> !reason.equals(EventVersionProcessor.NEVER_SEEN_REASON));
        assertThat(rejected).as("dead letters").isEqualTo(expected);
        assertThat(expectedNeverSeen).isNotEmpty();
        // deaths that were held on arrival and counted when their person showed up later are dead letters too
        assertThat(neverSeen.keySet()).containsAll(expectedNeverSeen.keySet());
    }
}
