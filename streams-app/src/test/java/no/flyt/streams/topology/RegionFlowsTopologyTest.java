package no.flyt.streams.topology;

import static no.flyt.streams.topology.TestEvents.annulmentOf;
import static no.flyt.streams.topology.TestEvents.correctionOf;
import static no.flyt.streams.topology.TestEvents.emigration;
import static no.flyt.streams.topology.TestEvents.event;
import static no.flyt.streams.topology.TestEvents.immigration;
import static no.flyt.streams.topology.TestEvents.move;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import no.flyt.aggregates.RegionFlows;
import no.flyt.aggregates.RegionType;
import no.flyt.events.EventType;
import no.flyt.events.RegisterEvent;
import no.flyt.reference.MunicipalityCatalog;
import no.flyt.streams.codec.CellCounts;
import no.flyt.streams.config.FlytTopics;
import no.flyt.streams.output.RegionStatisticsRecords;
import no.flyt.streams.regions.RegionKey;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegionFlowsTopologyTest {

    private static final LocalDate MARCH_2020 = LocalDate.of(2020, 3, 15);
    private static final YearMonth MONTH = YearMonth.from(MARCH_2020);

    @TempDir
    Path stateDir;

    private TopologyFixture fixture;
    private TopologyTestDriver driver;
    private TestOutputTopic<String, byte[]> deadLetters;
    private FlytTopics topics;

    @BeforeEach
    void setUp() {
        start(stateDir);
    }

    private void start(Path dir) {
        fixture = new TopologyFixture(dir);
        topics = fixture.topics;
        driver = fixture.driver;
        deadLetters = fixture.deadLetters;
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private void send(RegisterEvent... batch) {
        fixture.send(batch);
    }

    private RegionFlows flows(RegionType type, String code, YearMonth month) {
        CellCounts cells = fixture.statisticsStore().get(RegionKey.of(type, code, month));
        RegionFlows flows = cells == null ? null : RegionStatisticsRecords.flows(RegionKey.of(type, code, month), cells);
        return flows == null ? new RegionFlows(type, code, month.toString(), 0L, 0L, 0L, 0L, 0L) : flows;
    }

    /** In, out, immigrations, emigrations. */
    private static List<Long> totals(RegionFlows f) {
        return List.of(f.getDomesticIn(), f.getDomesticOut(), f.getImmigrations(), f.getEmigrations());
    }

    private RegionFlows municipality(String code) {
        return flows(RegionType.MUNICIPALITY, code, MONTH);
    }

    @Test
    void immigrationCountsInMunicipalityCountyAndCentralityClass() {
        send(immigration("0301", MARCH_2020));
        assertThat(municipality("0301").getImmigrations()).isEqualTo(1);
        assertThat(municipality("0301").getNet()).isEqualTo(1);
        assertThat(flows(RegionType.COUNTY, "03", MONTH).getImmigrations()).isEqualTo(1);
        assertThat(flows(RegionType.CENTRALITY_CLASS, "1", MONTH).getImmigrations()).isEqualTo(1);
    }

    @Test
    void moveIsSubtractedFromTheOldRegionAndAddedToTheNew() {
        // Oslo (county 03, class 1) -> Bærum with its 2020-2023 code 3024 (2024: 3201, county 32, class 1)
        send(move("0301", "3024", MARCH_2020));
        assertThat(municipality("0301").getDomesticOut()).isEqualTo(1);
        assertThat(municipality("0301").getNet()).isEqualTo(-1);
        assertThat(municipality("3201").getDomesticIn()).isEqualTo(1);
        assertThat(municipality("3024").getDomesticIn()).as("old codes count under their 2024 municipality").isZero();
        assertThat(flows(RegionType.COUNTY, "03", MONTH).getDomesticOut()).isEqualTo(1);
        assertThat(flows(RegionType.COUNTY, "32", MONTH).getDomesticIn()).isEqualTo(1);
        // both are class 1: the move does not cross a class border
        assertThat(flows(RegionType.CENTRALITY_CLASS, "1", MONTH).getDomesticIn()).isZero();
        assertThat(flows(RegionType.CENTRALITY_CLASS, "1", MONTH).getDomesticOut()).isZero();
    }

    @Test
    void moveAcrossCentralityClassesCountsInBothClasses() {
        send(move("0301", "5444", MARCH_2020)); // Oslo (1) -> Sør-Varanger (class 5 or 6)
        int toClass = MunicipalityCatalog.bundled().byCode("5444").orElseThrow().getCentralityClass();
        assertThat(flows(RegionType.CENTRALITY_CLASS, "1", MONTH).getDomesticOut()).isEqualTo(1);
        assertThat(flows(RegionType.CENTRALITY_CLASS, String.valueOf(toClass), MONTH).getDomesticIn()).isEqualTo(1);
    }

    @Test
    void moveInsideOneMunicipalityIsNotMigration() {
        send(move("0301", "0301", MARCH_2020));
        // 0219 and 3201 are both Bærum: a move between an old and a new code of one municipality is internal too
        send(move("0219", "3201", MARCH_2020));
        assertThat(totals(municipality("0301"))).containsExactly(0L, 0L, 0L, 0L);
        assertThat(totals(municipality("3201"))).containsExactly(0L, 0L, 0L, 0L);
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void redeliveredEventCountsOnce() {
        RegisterEvent e = emigration("0301", MARCH_2020);
        send(e, e, e);
        assertThat(municipality("0301").getEmigrations()).isEqualTo(1);
    }

    @Test
    void correctionReplacesTheOriginalExactly() {
        RegisterEvent original = move("0301", "3201", MARCH_2020);
        RegisterEvent corrected = correctionOf(original, 10).setToMunicipality("4601").build(); // it was Bergen
        send(original, corrected);
        assertThat(municipality("3201").getDomesticIn()).isZero();
        assertThat(municipality("4601").getDomesticIn()).isEqualTo(1);
        assertThat(municipality("0301").getDomesticOut()).isEqualTo(1);
    }

    @Test
    void correctionOfTheDateMovesTheEventToAnotherMonth() {
        RegisterEvent original = immigration("0301", MARCH_2020);
        send(original, correctionOf(original, 5).setEventDate(LocalDate.of(2020, 2, 27)).build());
        assertThat(municipality("0301").getImmigrations()).isZero();
        assertThat(flows(RegionType.MUNICIPALITY, "0301", YearMonth.of(2020, 2)).getImmigrations()).isEqualTo(1);
    }

    @Test
    void annulmentTakesTheEventBack() {
        RegisterEvent original = immigration("0301", MARCH_2020);
        send(original, annulmentOf(original, 20));
        assertThat(municipality("0301").getImmigrations()).isZero();
        assertThat(flows(RegionType.COUNTY, "03", MONTH).getImmigrations()).isZero();
    }

    @Test
    void correctionArrivingBeforeItsOriginalGivesTheSameNumbers() {
        RegisterEvent original = move("0301", "3201", MARCH_2020);
        RegisterEvent corrected = correctionOf(original, 10).setToMunicipality("4601").build();
        RegisterEvent annulledOriginal = immigration("5001", MARCH_2020);
        send(corrected, original, annulmentOf(annulledOriginal, 3), annulledOriginal);
        assertThat(municipality("3201").getDomesticIn()).isZero();
        assertThat(municipality("4601").getDomesticIn()).isEqualTo(1);
        assertThat(municipality("5001").getImmigrations()).isZero();
    }

    @Test
    void lateEventLandsInTheMonthItHappened() {
        RegisterEvent late = event(EventType.IMMIGRATION, LocalDate.of(2019, 11, 2)).setToMunicipality("1103")
            .setRecordedAt(TestEvents.at("2020-06-30T12:00:00Z")).build();
        send(immigration("1103", MARCH_2020), late);
        assertThat(flows(RegionType.MUNICIPALITY, "1103", YearMonth.of(2019, 11)).getImmigrations()).isEqualTo(1);
        assertThat(municipality("1103").getImmigrations()).isEqualTo(1);
    }

    @Test
    void badEventsGoToTheDeadLetterTopicWithTheReasonAndProcessingContinues() {
        send(immigration("9999", MARCH_2020),
            event(EventType.UNKNOWN, MARCH_2020).setToMunicipality("0301").build(),
            event(EventType.IMMIGRATION, MARCH_2020).setToMunicipality("0301")
                .setRecordedAt(TestEvents.at("2020-03-01T00:00:00Z")).build(),
            event(EventType.EMIGRATION, MARCH_2020).build(),
            immigration("0301", MARCH_2020));
        List<TestRecord<String, byte[]>> rejected = deadLetters.readRecordsToList();
        assertThat(rejected).extracting(r -> DeadLetterHeaders.read(r.headers(), DeadLetterHeaders.MESSAGE))
            .containsExactly(
                "unknown municipality code 9999 in toMunicipality",
                "unknown event type",
                "event date 2020-03-15 is in the future of its recording time 2020-03-01T00:00:00Z",
                "EMIGRATION without fromMunicipality");
        assertThat(rejected).allSatisfy(r -> {
            assertThat(DeadLetterHeaders.read(r.headers(), DeadLetterHeaders.EXCEPTION)).isEqualTo(DeadLetterHeaders.REJECTED_EVENT);
            assertThat(DeadLetterHeaders.read(r.headers(), DeadLetterHeaders.TOPIC)).isEqualTo(topics.registerEvents().name());
        });
        RegisterEvent firstRejected = topics.registerEvents().valueSerde().deserializer()
            .deserialize(topics.registerEvents().name(), rejected.get(0).value());
        assertThat(firstRejected.getToMunicipality()).as("the dead letter keeps the whole event").isEqualTo("9999");
        assertThat(municipality("0301").getImmigrations()).isEqualTo(1);
    }

    @Test
    void publishesEveryUpdateToTheCompactedOutputTopic() {
        TestOutputTopic<String, RegionFlows> output = driver.createOutputTopic(topics.regionFlows().name(),
            Serdes.String().deserializer(), topics.regionFlows().valueSerde().deserializer());
        send(immigration("0301", MARCH_2020), immigration("0301", MARCH_2020));
        Map<String, RegionFlows> latest = output.readKeyValuesToMap();
        RegionFlows oslo = latest.get("MUNICIPALITY:0301:2020-03");
        assertThat(oslo.getImmigrations()).isEqualTo(2);
        assertThat(oslo.getRegionCode()).isEqualTo("0301");
        assertThat(oslo.getMonth()).isEqualTo("2020-03");
        assertThat(oslo.getRegionType()).isEqualTo(RegionType.MUNICIPALITY);
    }

    @Test
    void anyOrderOfArrivalGivesTheSameAggregates() {
        List<RegisterEvent> history = new ArrayList<>();
        Random random = new Random(7);
        String[] codes = {"0301", "3024", "0219", "4601", "5001", "1103", "5444", "1507", "1580"};
        for (int i = 0; i < 200; i++) {
            LocalDate date = LocalDate.of(2020, 1 + random.nextInt(12), 1 + random.nextInt(28));
            String a = codes[random.nextInt(codes.length)];
            String b = codes[random.nextInt(codes.length)];
            RegisterEvent e = switch (random.nextInt(3)) {
                case 0 -> move(a, b, date);
                case 1 -> immigration(b, date);
                default -> emigration(a, date);
            };
            history.add(e);
            if (i % 10 == 0) {
                history.add(correctionOf(e, 7 + random.nextInt(30)).setEventDate(date.minusDays(20)).build());
            } else if (i % 17 == 0) {
                history.add(annulmentOf(e, 40));
            } else if (i % 5 == 0) {
                history.add(e); // redelivery
            }
        }
        send(history.toArray(RegisterEvent[]::new));
        Map<String, RegionFlows> inOrder = snapshot();

        tearDown();
        start(stateDir.resolve("shuffled"));
        List<RegisterEvent> shuffled = new ArrayList<>(history);
        Collections.shuffle(shuffled, new Random(11));
        send(shuffled.toArray(RegisterEvent[]::new));
        assertThat(snapshot()).isEqualTo(inOrder);
        assertThat(inOrder).isNotEmpty();
    }

    /** The non-zero flows: a cell that went to zero and one never touched mean the same. */
    private Map<String, RegionFlows> snapshot() {
        Map<String, RegionFlows> result = new TreeMap<>();
        fixture.flows().forEach((key, v) -> {
            if (v.getDomesticIn() != 0 || v.getDomesticOut() != 0 || v.getImmigrations() != 0 || v.getEmigrations() != 0) {
                result.put(key, v);
            }
        });
        return result;
    }
}
