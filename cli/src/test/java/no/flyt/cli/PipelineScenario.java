package no.flyt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import no.flyt.aggregates.RegionFlows;
import no.flyt.aggregates.RegionType;
import no.flyt.cli.RegisterRecount.Cell;
import no.flyt.cli.RegisterRecount.Region;
import no.flyt.cli.RegisterRecount.Rejection;
import no.flyt.embedded.Directories;
import no.flyt.events.RegisterEvent;
import no.flyt.producers.replay.ReplayOptions;
import no.flyt.producers.replay.ReplayProducer;
import no.flyt.reference.Municipality;
import no.flyt.reference.MunicipalityCatalog;
import no.flyt.streams.topology.DeadLetterHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The whole pipeline, end to end, against whatever Kafka cluster and schema registry a subclass provides: the
 * bundled sample event set is replayed through flyt's topics, serde and streams app, and every number the query API
 * serves is compared with {@link RegisterRecount}, an independent count of the same file. A second replay of the
 * same file, with duplicates injected and the order shuffled, into fresh topics and a fresh application must give
 * identical answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PipelineScenario {

    private static final MunicipalityCatalog CATALOG = MunicipalityCatalog.bundled();
    private static final ReplayOptions DUPLICATED_AND_SHUFFLED = new ReplayOptions(0, 0.2, 16, 20240101L);
    private static final String EVENTS_FILE = "events.jsonl";

    private Path workDir;
    private Path sample;
    private RegisterRecount recount;
    private YearMonth from;
    private YearMonth to;
    private PipelineRun inFileOrder;

    /** Kafka bootstrap servers, available from {@code @BeforeAll} on. */
    protected abstract String bootstrapServers();

    /** A Confluent-compatible schema registry URL, available from {@code @BeforeAll} on. */
    protected abstract String schemaRegistryUrl();

    @BeforeAll
    void replayTheSampleInFileOrder() throws Exception {
        workDir = Files.createTempDirectory("flyt-e2e-");
        sample = EdgeCaseSample.extractTo(workDir.resolve("sample"));
        recount = RegisterRecount.of(sample.resolve(EVENTS_FILE), CATALOG);
        // one month on either side, so that the edges of the data are checked to be zero too
        from = recount.firstMonth().minusMonths(1);
        to = recount.lastMonth().plusMonths(1);
        inFileOrder = PipelineRun.start(bootstrapServers(), schemaRegistryUrl(), sample, workDir.resolve("state-in-file-order"),
            ReplayOptions.AS_FAST_AS_POSSIBLE);
    }

    @AfterAll
    void stop() throws IOException {
        try {
            if (inFileOrder != null) {
                inFileOrder.close();
            }
        } finally {
            if (workDir != null) {
                Directories.deleteRecursively(workDir);
            }
        }
    }

    @Test
    void theReplaySendsEveryReadableLineAndReportsTheMalformedOnes() throws IOException {
        long lines = nonBlankLines(sample.resolve(EVENTS_FILE));
        assertThat(inFileOrder.replay().events().bad()).isEqualTo(recount.malformedLines().size());
        assertThat(inFileOrder.replay().events().sent()).isEqualTo(lines - recount.malformedLines().size());
        assertThat(inFileOrder.replay().baseline().sent()).isEqualTo(nonBlankLines(sample.resolve("baseline.jsonl")));
        assertThat(inFileOrder.replay().baseline().bad()).isZero();
    }

    @Test
    void everyRegionAndMonthIsAnsweredWithTheRecountedNumbers() {
        assertThat(allRegions()).as("the regions asked about include every region with counts")
            .containsAll(recount.regionsWithCounts());

        assertAnswersMatchRecount(answers(inFileOrder));
    }

    @Test
    void aRegionWithoutEventsIsAnsweredWithZeros() {
        Region quiet = allRegions().stream()
            .filter(r -> r.type() == RegionType.MUNICIPALITY && !recount.regionsWithCounts().contains(r))
            .findFirst().orElseThrow();

        JsonNode answer = inFileOrder.api().ok(FlowsApi.flowsPath(quiet, from, to));

        assertThat(answer.get("code").asText()).isEqualTo(quiet.code());
        assertThat(answer.get("months")).hasSize((int) from.until(to, ChronoUnit.MONTHS) + 1);
        for (JsonNode month : answer.get("months")) {
            assertThat(row(month)).isEqualTo(new Row(month.get("month").asText(), Cell.ZERO));
        }
        assertThat(row(answer.get("total")).cell()).isEqualTo(Cell.ZERO);
    }

    @Test
    void anOlderMunicipalityCodeIsAnsweredForIts2024Municipality() {
        assertThat(recount.historicCodes()).as("pre-2024 codes in the sample").isNotEmpty();
        for (String oldCode : recount.historicCodes()) {
            Municipality municipality = CATALOG.byCode(oldCode).orElseThrow();
            Region region = new Region(RegionType.MUNICIPALITY, municipality.getCode2024());

            JsonNode answer = inFileOrder.api().ok(FlowsApi.flowsPath(new Region(RegionType.MUNICIPALITY, oldCode), from, to));

            assertThat(answer.get("requestedCode").asText()).isEqualTo(oldCode);
            assertThat(answer.get("code").asText()).isEqualTo(municipality.getCode2024());
            assertThat(answer.get("name").asText()).isEqualTo(municipality.getName2024());
            assertThat(rows(answer)).containsExactlyElementsOf(expectedRows(region));
        }
    }

    @Test
    void unknownCodesAreAnswered404WithAReason() {
        List<String> unknownInTheSample = recount.rejections().stream()
            .map(Rejection::reasonHint)
            .filter(hint -> hint.matches("\\d{4}") && CATALOG.byCode(hint).isEmpty())
            .distinct()
            .toList();
        assertThat(unknownInTheSample).as("unknown municipality codes in the sample").isNotEmpty();
        Map<String, String> unknown = new LinkedHashMap<>();
        unknownInTheSample.forEach(code -> unknown.put("/api/municipalities/" + code + "/flows", code));
        unknown.put("/api/counties/99/flows", "99");
        unknown.put("/api/centrality-classes/7/flows", "7");
        unknown.put("/api/size-bands/HUGE/flows", "HUGE");

        unknown.forEach((path, code) -> {
            FlowsApi.Response response = inFileOrder.api().get(path + "?from=" + from + "&to=" + to);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.body().get("error").asText()).as(path).contains(code);
        });
    }

    @Test
    void healthCountsTheRejectedEvents() {
        JsonNode health = inFileOrder.api().ok("/api/health");

        assertThat(health.get("state").asText()).isIn("RUNNING", "REBALANCING");
        assertThat(health.get("deadLetters").asLong()).isEqualTo(recount.rejections().size());
    }

    @Test
    void theDeadLetterTopicHoldsTheRejectedEventsAndTheMalformedLines() {
        List<ConsumerRecord<String, byte[]>> deadLetters = inFileOrder.deadLetters();

        List<String> expected = new ArrayList<>();
        recount.rejections().forEach(r -> expected.add(DeadLetterHeaders.REJECTED_EVENT + " " + r.eventId()));
        recount.malformedLines().forEach(line -> expected.add(ReplayProducer.MALFORMED_INPUT + " " + EVENTS_FILE + ":" + line));
        assertThat(deadLetters).extracting(this::describe).containsExactlyInAnyOrderElementsOf(expected);

        for (ConsumerRecord<String, byte[]> record : deadLetters) {
            String reason = DeadLetterHeaders.read(record.headers(), DeadLetterHeaders.MESSAGE);
            assertThat(reason).as("reason of %s", describe(record)).isNotBlank();
            if (isRejectedEvent(record)) {
                RegisterEvent event = rejectedEvent(record);
                Rejection rejection = recount.rejections().stream()
                    .filter(r -> r.eventId().equals(event.getEventId())).findFirst().orElseThrow();
                assertThat(reason).contains(rejection.reasonHint());
                assertThat(record.key()).isEqualTo(rejection.personId());
            }
        }
    }

    @Test
    void theRegionFlowsTopicHoldsTheSameNumbers() {
        Map<Region, Map<YearMonth, Cell>> published = new LinkedHashMap<>();
        for (RegionFlows flows : inFileOrder.regionFlows().values()) {
            Cell cell = new Cell(flows.getDomesticIn(), flows.getDomesticOut(), flows.getImmigrations(), flows.getEmigrations());
            assertThat(flows.getNet()).as(flows.toString()).isEqualTo(cell.net());
            if (!cell.isZero()) { // a region-month whose only event was corrected away is published as zeros
                published.computeIfAbsent(new Region(flows.getRegionType(), flows.getRegionCode()), r -> new LinkedHashMap<>())
                    .put(YearMonth.parse(flows.getMonth()), cell);
            }
        }

        assertThat(published).isEqualTo(recount.nonZeroCells());
    }

    @Test
    void aReplayWithDuplicatesInShuffledOrderIntoFreshTopicsGivesIdenticalAnswers() throws Exception {
        Map<String, JsonNode> expected = answers(inFileOrder);

        try (PipelineRun shuffled = PipelineRun.start(bootstrapServers(), schemaRegistryUrl(), sample,
            workDir.resolve("state-shuffled"), DUPLICATED_AND_SHUFFLED)) {
            assertThat(shuffled.topics().registerEvents().name()).isNotEqualTo(inFileOrder.topics().registerEvents().name());
            assertThat(shuffled.replay().events().duplicates()).as("duplicates injected").isPositive();

            Map<String, JsonNode> answers = answers(shuffled);

            assertThat(answers).isEqualTo(expected);
            assertAnswersMatchRecount(answers);
            // Rejected events are dead-lettered once per delivery; unreadable lines once (they are never duplicated).
            List<ConsumerRecord<String, byte[]>> deadLetters = shuffled.deadLetters();
            Set<String> rejectedIds = new TreeSet<>();
            long rejectedDeliveries = 0;
            long malformed = 0;
            for (ConsumerRecord<String, byte[]> record : deadLetters) {
                if (isRejectedEvent(record)) {
                    rejectedIds.add(rejectedEvent(record).getEventId());
                    rejectedDeliveries++;
                } else {
                    malformed++;
                }
            }
            assertThat(rejectedIds).containsExactlyInAnyOrderElementsOf(
                recount.rejections().stream().map(Rejection::eventId).toList());
            assertThat(malformed).isEqualTo(recount.malformedLines().size());
            assertThat(shuffled.api().ok("/api/health").get("deadLetters").asLong()).isEqualTo(rejectedDeliveries);
        }
    }

    // ---------------------------------------------------------------------------------------------- helpers

    /** Every 2024 municipality, every 2024 county and every centrality class. */
    private static Set<Region> allRegions() {
        Set<Region> regions = new TreeSet<>();
        for (Municipality m : CATALOG.current()) {
            regions.add(new Region(RegionType.MUNICIPALITY, m.getCode()));
            regions.add(new Region(RegionType.COUNTY, m.getCountyCode()));
            regions.add(new Region(RegionType.CENTRALITY_CLASS, String.valueOf(m.getCentralityClass())));
        }
        for (String band : List.of("UNDER_1000", "FROM_1000_TO_49999", "FROM_50000")) {
            regions.add(new Region(RegionType.SIZE_BAND, band));
        }
        return regions;
    }

    /** The API's answer for every region over the whole range, by request path. */
    private Map<String, JsonNode> answers(PipelineRun run) {
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        for (Region region : allRegions()) {
            String path = FlowsApi.flowsPath(region, from, to);
            answers.put(path, run.api().ok(path));
        }
        return answers;
    }

    private void assertAnswersMatchRecount(Map<String, JsonNode> answers) {
        SoftAssertions softly = new SoftAssertions();
        for (Region region : allRegions()) {
            JsonNode answer = answers.get(FlowsApi.flowsPath(region, from, to));
            softly.assertThat(answer.get("regionType").asText()).as("%s type", region).isEqualTo(region.type().name());
            softly.assertThat(answer.get("code").asText()).as("%s code", region).isEqualTo(region.code());
            softly.assertThat(rows(answer)).as("%s months", region).containsExactlyElementsOf(expectedRows(region));
            softly.assertThat(row(answer.get("total")).cell()).as("%s total", region).isEqualTo(recount.total(region, from, to));
            softly.assertThat(answer.get("total").get("net").asLong()).as("%s total net", region)
                .isEqualTo(recount.total(region, from, to).net());
        }
        softly.assertAll();
    }

    /** One month of an answer: the counts and the net the API computed. */
    private record Row(String month, Cell cell, long net) {
        Row(String month, Cell cell) {
            this(month, cell, cell.net());
        }
    }

    private static Row row(JsonNode node) {
        return new Row(node.get("month").asText(),
            new Cell(node.get("domesticIn").asLong(), node.get("domesticOut").asLong(),
                node.get("immigrations").asLong(), node.get("emigrations").asLong()),
            node.get("net").asLong());
    }

    private static List<Row> rows(JsonNode answer) {
        List<Row> rows = new ArrayList<>();
        answer.get("months").forEach(node -> rows.add(row(node)));
        return rows;
    }

    private List<Row> expectedRows(Region region) {
        List<Row> rows = new ArrayList<>();
        for (YearMonth month = from; !month.isAfter(to); month = month.plusMonths(1)) {
            rows.add(new Row(month.toString(), recount.cell(region, month)));
        }
        return rows;
    }

    private static boolean isRejectedEvent(ConsumerRecord<String, byte[]> record) {
        return DeadLetterHeaders.REJECTED_EVENT.equals(DeadLetterHeaders.read(record.headers(), DeadLetterHeaders.EXCEPTION));
    }

    private RegisterEvent rejectedEvent(ConsumerRecord<String, byte[]> record) {
        // the rejected event's own bytes, in the register-events topic's wire format and schema
        return inFileOrder.topics().registerEvents().valueSerde().deserializer().deserialize(record.topic(), record.value());
    }

    /** What a dead letter is: its kind and which event or which line it stands for. */
    private String describe(ConsumerRecord<String, byte[]> record) {
        String kind = DeadLetterHeaders.read(record.headers(), DeadLetterHeaders.EXCEPTION);
        String what = isRejectedEvent(record)
            ? rejectedEvent(record).getEventId()
            : DeadLetterHeaders.read(record.headers(), ReplayProducer.LOCATION_HEADER);
        return kind + " " + what;
    }

    private static long nonBlankLines(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.filter(line -> !line.isBlank()).count();
        }
    }
}
