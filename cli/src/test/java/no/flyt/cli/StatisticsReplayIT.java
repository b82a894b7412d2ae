package no.flyt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import no.flyt.aggregates.RegionStatistics;
import no.flyt.embedded.testing.EmbeddedStackExtension;
import no.flyt.producers.replay.ReplayOptions;
import no.flyt.streams.recount.BatchRecount;
import no.flyt.streams.config.FlytSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The statistics the streams app publishes (monthly and yearly) and serves after a real replay of a synthetic register
 * and its employment register, compared cell by cell with the independent batch recount of the same files: in
 * recording order, and shuffled with duplicates.
 */
class StatisticsReplayIT {

    @RegisterExtension
    static EmbeddedStackExtension stack = new EmbeddedStackExtension();

    @TempDir
    static Path dir;

    private static Path eventSet;
    private static BatchRecount recount;

    @BeforeAll
    static void generateAndRecount() throws java.io.IOException {
        eventSet = SyntheticRegisters.generateWithEmployment(dir.resolve("register"), 0.0005, 11);
        recount = SyntheticRegisters.recount(eventSet);
        assertThat(recount.cells()).as("the register is large enough to say something").hasSizeGreaterThan(10_000);
        assertThat(recount.cells().keySet()).as("the employment register is joined: movers with jobs, refugees at work")
            .anyMatch(k -> k.contains("|DOMESTIC_OUT_BY_OCCUPATION|OCCUPATION_GROUP_BY_PARTNER_COUNTY|HOME_OFFICE_TYPICAL|"))
            .anyMatch(k -> k.contains("|SETTLED_REFUGEES_EMPLOYED|ALL|ALL|"));
    }

    @Test
    void inRecordingOrder() throws Exception {
        assertServedEqualsRecount(ReplayOptions.AS_FAST_AS_POSSIBLE, "ordered");
    }

    @Test
    void shuffledWithDuplicates() throws Exception {
        assertServedEqualsRecount(new ReplayOptions(0, 0.1, 500, 17), "shuffled");
    }

    /**
     * Exactly once through the combiner: with the combining interval set to an hour, the first instance counts the
     * whole register into its pending deltas and commits them with the input offsets, but forwards nothing. A second
     * instance on an empty state directory restores the pending deltas from the changelog and forwards them; the
     * published statistics then equal the recount, with nothing lost and nothing counted twice.
     */
    @Test
    void deltasHeldBackAtACommitAreRestoredAndForwardedByTheNextInstance() throws Exception {
        Path holdBack = dir.resolve("hold-back.properties");
        Files.writeString(holdBack, FlytSettings.COMBINE_INTERVAL_MS + "=3600000\n");
        PipelineRun first = PipelineRun.start(stack.bootstrapServers(), stack.schemaRegistryUrl(), eventSet,
            dir.resolve("state-held-back"), ReplayOptions.AS_FAST_AS_POSSIBLE, holdBack);
        try (first) {
            assertThat(first.regionStatistics()).as("nothing forwarded while the deltas are held back").isEmpty();
        }
        try (PipelineRun second = first.restart(dir.resolve("state-restored"), null)) {
            assertThat(awaitEqual(() -> publishedCells(second), recount.cells(), Duration.ofMinutes(3)))
                .as("every cell, from deltas restored from the changelog").isEqualTo(recount.cells());
            assertYearsPublished(second);
        }
    }

    private static Map<String, Long> publishedCells(PipelineRun run) {
        Map<String, Long> published = new TreeMap<>();
        run.regionStatistics().forEach((key, value) -> published.putAll(BatchRecount.rowsOf(key, value)));
        return published;
    }

    /** The yearly records are published every few seconds: wait for the next publication before comparing. */
    private static void assertYearsPublished(PipelineRun run) throws InterruptedException {
        assertThat(awaitEqual(() -> publishedYearCells(run), recount.yearCells(), Duration.ofMinutes(1)))
            .as("every published cell of the yearly records").isEqualTo(recount.yearCells());
    }

    /** What {@code read} returns once it equals {@code expected}, or its last answer when {@code timeout} has passed. */
    private static Map<String, Long> awaitEqual(Supplier<Map<String, Long>> read, Map<String, Long> expected, Duration timeout)
        throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Long> answer = read.get();
        while (!answer.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(2_000);
            answer = read.get();
        }
        return answer;
    }

    private static Map<String, Long> publishedYearCells(PipelineRun run) {
        Map<String, Long> published = new TreeMap<>();
        run.yearlyRegionStatistics().forEach((key, value) -> published.putAll(BatchRecount.rowsOf(key, value)));
        return published;
    }

    private void assertServedEqualsRecount(ReplayOptions options, String name) throws Exception {
        try (PipelineRun run = PipelineRun.start(stack.bootstrapServers(), stack.schemaRegistryUrl(), eventSet,
            dir.resolve("state-" + name), options)) {
            Map<String, Long> published = new TreeMap<>();
            for (Map.Entry<String, RegionStatistics> e : run.regionStatistics().entrySet()) {
                published.putAll(BatchRecount.rowsOf(e.getKey(), e.getValue()));
            }
            assertThat(published).as("every published cell of municipalities, counties, centrality classes and size bands")
                .isEqualTo(recount.cells());
            assertThat(published.keySet()).anyMatch(k -> k.startsWith("COUNTY:")).anyMatch(k -> k.startsWith("SIZE_BAND:"));
            assertYearsPublished(run);

            YearMonth from = YearMonth.of(2015, 1);
            YearMonth to = YearMonth.of(2024, 12);
            JsonNode od = run.api().ok("/api/origin-destination/counties?from=" + from + "&to=" + to);
            Map<String, Long> served = new TreeMap<>();
            od.get("flows").forEach(f -> served.put(f.get("origin").asText() + ">" + f.get("destination").asText(), f.get("moves").asLong()));
            assertThat(served).as("origin-destination between counties served by the API")
                .isEqualTo(recount.originDestination("COUNTY", from, to));

            assertStatisticsServed(run.api(), from, to);
            assertPopulationServed(run.api(), YearMonth.of(2020, 12));
            assertSizeBandFlowsServed(run.api(), from, to);
            assertRefugeeRetentionServed(run.api(), to);
        }
    }

    /** GET /api/centrality-classes/{class}/refugee-retention: settled, still there and moved away, by settlement year. */
    private void assertRefugeeRetentionServed(FlowsApi api, YearMonth at) {
        Map<String, Long> expected = new TreeMap<>();
        recount.cells().forEach((key, n) -> {
            String[] parts = key.split("\\|");
            String[] region = parts[0].split(":");
            if (!region[0].equals("CENTRALITY_CLASS")) {
                return;
            }
            String settledIn = region[2].substring(0, 4);
            if (parts[1].equals("REFUGEE_SETTLEMENTS") && parts[2].equals("ALL")) {
                expected.merge(region[1] + "|" + settledIn + "|settled", n, Long::sum);
            } else if (parts[1].equals("SETTLED_REFUGEES_REMAINING") && parts[2].equals("ALL")) {
                expected.merge(region[1] + "|" + parts[4] + "|remaining", n, Long::sum);
            } else if (parts[1].equals("SETTLED_REFUGEES_MOVED_AWAY") && parts[2].equals("PARTNER_CENTRALITY_CLASS")) {
                expected.merge(region[1] + "|" + parts[4] + "|movedAway", n, Long::sum);
            }
        });
        expected.values().removeIf(n -> n == 0);
        assertThat(expected.keySet()).as("refugees were settled and some moved away")
            .anyMatch(k -> k.endsWith("|remaining")).anyMatch(k -> k.endsWith("|movedAway"));
        Map<String, Long> served = new TreeMap<>();
        for (int c = 1; c <= 6; c++) {
            for (JsonNode cohort : api.ok("/api/centrality-classes/" + c + "/refugee-retention?at=" + at).get("cohorts")) {
                String row = c + "|" + cohort.get("settlementYear").asInt() + "|";
                for (String field : List.of("settled", "remaining", "movedAway")) {
                    if (cohort.get(field).asLong() != 0) {
                        served.put(row + field, cohort.get(field).asLong());
                    }
                }
            }
        }
        assertThat(served).as("refugee retention of every centrality class at the end of " + at).isEqualTo(expected);
    }

    /** GET /api/{kind}/{code}/statistics: the flows of every county and centrality class over the decade. */
    private void assertStatisticsServed(FlowsApi api, YearMonth from, YearMonth to) {
        Map<String, Long> expected = new TreeMap<>();
        Map<String, Long> served = new TreeMap<>();
        recount.flowTotals().forEach((key, n) -> {
            if (key.startsWith("COUNTY:") || key.startsWith("CENTRALITY_CLASS:")) {
                String[] parts = key.split("[:|]");
                expected.merge(parts[0] + ":" + parts[1] + "|" + parts[3], n, Long::sum);
            }
        });
        for (String region : regionsIn(expected)) {
            String[] kindCode = region.split(":");
            String collection = kindCode[0].equals("COUNTY") ? "counties" : "centrality-classes";
            JsonNode measures = api.ok("/api/" + collection + "/" + kindCode[1] + "/statistics?from=" + from + "&to=" + to)
                .get("periods").get(0).get("measures");
            for (String measure : List.of("domesticIn", "domesticOut", "immigrations", "emigrations", "refugeeSettlements",
                "births", "deaths", "movesWithin")) {
                long total = measures.get(measure).get("total").asLong();
                if (total != 0) {
                    served.put(region + "|" + measure, total);
                }
            }
        }
        assertThat(served).as("flows of every county and centrality class served by /statistics").isEqualTo(expected);
    }

    /** GET /api/counties/{code}/population: the stock of every county by age band at the end of {@code month}. */
    private void assertPopulationServed(FlowsApi api, YearMonth month) {
        Map<String, Long> expected = new TreeMap<>();
        recount.population(month).forEach((key, n) -> {
            if (key.startsWith("COUNTY:") && key.contains("|ALL|") && n != 0) {
                expected.put(key, n);
            }
        });
        Map<String, Long> served = new TreeMap<>();
        for (String county : regionsIn(expected)) {
            JsonNode population = api.ok("/api/counties/" + county.split(":")[1] + "/population?at=" + month)
                .get("months").get(0).get("population");
            population.get("byAgeBand").fields().forEachRemaining(e -> {
                if (e.getValue().asLong() != 0) {
                    served.put(county + "|ALL|" + e.getKey(), e.getValue().asLong());
                }
            });
        }
        assertThat(served).as("population of every county by age band at the end of " + month).isEqualTo(expected);
    }

    /** GET /api/size-bands/{band}/flows: the v1 monthly flows of the size bands. */
    private void assertSizeBandFlowsServed(FlowsApi api, YearMonth from, YearMonth to) {
        Map<String, List<Long>> expected = new TreeMap<>();
        recount.regionFlows().forEach((key, v) -> {
            if (key.startsWith("SIZE_BAND:")) {
                expected.put(key, List.of(v[0], v[1], v[2], v[3]));
            }
        });
        Map<String, List<Long>> served = new TreeMap<>();
        for (String band : List.of("UNDER_1000", "FROM_1000_TO_49999", "FROM_50000")) {
            api.ok("/api/size-bands/" + band + "/flows?from=" + from + "&to=" + to).get("months").forEach(m -> {
                List<Long> row = List.of(m.get("domesticIn").asLong(), m.get("domesticOut").asLong(),
                    m.get("immigrations").asLong(), m.get("emigrations").asLong());
                if (!row.equals(List.of(0L, 0L, 0L, 0L))) {
                    served.put("SIZE_BAND:" + band + ":" + m.get("month").asText(), row);
                }
            });
        }
        assertThat(served).as("monthly flows of every size band").isEqualTo(expected);
    }

    /** The {@code KIND:code} prefixes of keys of the form {@code KIND:code|...}. */
    private static java.util.Set<String> regionsIn(Map<String, ?> keys) {
        java.util.Set<String> regions = new java.util.TreeSet<>();
        keys.keySet().forEach(k -> regions.add(k.substring(0, k.indexOf('|'))));
        return regions;
    }
}
