package no.flyt.streams.topology;

import static no.flyt.streams.topology.TestEvents.annulmentOf;
import static no.flyt.streams.topology.TestEvents.baseline;
import static no.flyt.streams.topology.TestEvents.birth;
import static no.flyt.streams.topology.TestEvents.correctionOf;
import static no.flyt.streams.topology.TestEvents.death;
import static no.flyt.streams.topology.TestEvents.immigration;
import static no.flyt.streams.topology.TestEvents.move;
import static no.flyt.streams.topology.TestEvents.settlement;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import no.flyt.aggregates.RegionStatistics;
import no.flyt.aggregates.StatisticsCell;
import no.flyt.aggregates.YearlyRegionStatistics;
import no.flyt.events.ImmigrantCategory;
import no.flyt.events.ImmigrationReason;
import no.flyt.events.PersonAttributes;
import no.flyt.events.RegisterEvent;
import no.flyt.reference.MunicipalityCatalog;
import no.flyt.catalogue.Breakdown;
import no.flyt.catalogue.Cell;
import no.flyt.catalogue.Dimension;
import no.flyt.catalogue.Measure;
import no.flyt.streams.codec.CellCounts;
import no.flyt.streams.query.StatisticsAnswers;
import no.flyt.streams.query.StatisticsQueries;
import no.flyt.streams.rules.SizeBand;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegionStatisticsTopologyTest {

    private static final LocalDate MARCH_2020 = LocalDate.of(2020, 3, 15);
    private static final YearMonth MONTH = YearMonth.from(MARCH_2020);
    private static final LocalDate EXTRACT = LocalDate.of(2015, 1, 1);
    private static final int BAND_20_29 = Dimension.AGE_BAND.codeOf("20-29");
    private static final int BAND_30_64 = Dimension.AGE_BAND.codeOf("30-64");
    private static final int NO_AGE = 0xFF;

    @TempDir
    Path stateDir;

    private TopologyFixture app;

    @BeforeEach
    void setUp() {
        app = new TopologyFixture(stateDir);
    }

    @AfterEach
    void tearDown() {
        app.close();
    }

    private long cell(String code, YearMonth month, Measure m, Breakdown b, int... codes) {
        return app.cells(code, month).get(m.tableOf(b).cell(codes));
    }

    private long all(String code, Measure m, int age) {
        return cell(code, MONTH, m, Breakdown.ALL, 0, age);
    }

    private static int born(int year) {
        return year - Dimension.Years.FIRST;
    }

    @Test
    void immigrationCountsWithEveryBreakdownAndAddsToThePopulationByBirthYear() {
        app.send(TestEvents.event(no.flyt.events.EventType.IMMIGRATION, MARCH_2020).setToMunicipality("0301")
            .setFromCountry("SY").setPerson(TestEvents.REFUGEE).build());
        assertThat(all("0301", Measure.IMMIGRATIONS, BAND_30_64)).isEqualTo(1); // 34 years old
        assertThat(cell("0301", MONTH, Measure.IMMIGRATIONS, Breakdown.IMMIGRANT_CATEGORY, Dimension.IMMIGRANT_CATEGORY.codeOf("IMMIGRANT"), BAND_30_64)).isEqualTo(1);
        assertThat(cell("0301", MONTH, Measure.IMMIGRATIONS, Breakdown.IMMIGRATION_REASON, Dimension.IMMIGRATION_REASON.codeOf("REFUGE"), BAND_30_64)).isEqualTo(1);
        assertThat(cell("0301", MONTH, Measure.POPULATION, Breakdown.ALL, 0, born(1985))).isEqualTo(1);
        assertThat(cell("0301", MONTH, Measure.POPULATION, Breakdown.IMMIGRANT_CATEGORY, Dimension.IMMIGRANT_CATEGORY.codeOf("IMMIGRANT"), born(1985))).isEqualTo(1);
        // one cell in each table of the flow and of the population change: nothing else
        assertThat(app.cells("0301", MONTH).size()).isEqualTo(Measure.IMMIGRATIONS.tables().size() + Measure.POPULATION.tables().size());
        assertThat(cell("0301", MONTH, Measure.IMMIGRATIONS, Breakdown.AGE, Dimension.AGE.codeOf("31-64"))).as("by age, 34 in 31-64").isEqualTo(1);
        assertThat(app.cells("0301", MONTH).get(Measure.IMMIGRATIONS.tableOf(Breakdown.COUNTRY_BACKGROUND_BY_IMMIGRATION_REASON)
            .cell(Dimension.COUNTRY_BACKGROUND.codeOf("REST_OF_WORLD"), Dimension.IMMIGRATION_REASON.codeOf("REFUGE")))).isEqualTo(1);
        // Oslo is its county, one of the centrality class 1 municipalities and of the largest size band
        assertThat(app.statisticsStore().get("COUNTY:03:2020-03")).isEqualTo(app.cells("0301", MONTH));
        assertThat(app.statisticsStore().get("CENTRALITY_CLASS:1:2020-03")).isEqualTo(app.cells("0301", MONTH));
        assertThat(app.statisticsStore().get("SIZE_BAND:FROM_50000:2020-03")).isEqualTo(app.cells("0301", MONTH));
    }

    @Test
    void moveBetweenMunicipalitiesIsAnOutMoveAndAnInMoveWithThePartnerRegionsAndTheBordersItCrosses() {
        app.send(move("0301", "5444", MARCH_2020)); // Oslo (county 03, class 1) -> Sør-Varanger (county 56)
        var sorVaranger = MunicipalityCatalog.bundled().byCode("5444").orElseThrow();
        assertThat(all("0301", Measure.DOMESTIC_OUT, BAND_20_29)).isEqualTo(1);
        assertThat(all("0301", Measure.DOMESTIC_OUT_TO_OTHER_COUNTY, BAND_20_29)).isEqualTo(1);
        assertThat(all("0301", Measure.DOMESTIC_OUT_TO_OTHER_CENTRALITY_CLASS, BAND_20_29)).isEqualTo(1);
        assertThat(cell("0301", MONTH, Measure.DOMESTIC_OUT, Breakdown.PARTNER_COUNTY, 56, NO_AGE)).isEqualTo(1);
        assertThat(cell("0301", MONTH, Measure.DOMESTIC_OUT, Breakdown.PARTNER_CENTRALITY_CLASS, sorVaranger.getCentralityClass(), NO_AGE)).isEqualTo(1);
        assertThat(cell("0301", MONTH, Measure.POPULATION, Breakdown.ALL, 0, born(1990))).isEqualTo(-1);
        // 5444 is Sør-Varanger's 2020-2023 code: counted under its 2024 code 5605
        assertThat(app.cells("5444", MONTH).isEmpty()).isTrue();
        assertThat(all("5605", Measure.DOMESTIC_IN, BAND_20_29)).isEqualTo(1);
        assertThat(cell("5605", MONTH, Measure.DOMESTIC_IN, Breakdown.PARTNER_COUNTY, 3, NO_AGE)).isEqualTo(1);
        assertThat(cell("5605", MONTH, Measure.POPULATION, Breakdown.ALL, 0, born(1990))).isEqualTo(1);
    }

    @Test
    void moveInsideOneMunicipalityIsCountedApartAndChangesNoStock() {
        app.send(move("0219", "3201", MARCH_2020)); // old and new code of Bærum
        CellCounts baerum = app.cells("3201", MONTH);
        assertThat(all("3201", Measure.MOVES_WITHIN, BAND_20_29)).isEqualTo(1);
        assertThat(baerum.toMap().keySet()).allSatisfy(c -> assertThat(Cell.measure(c)).isEqualTo(Measure.MOVES_WITHIN));
        assertThat(app.cells("0219", MONTH).isEmpty()).isTrue();
    }

    @Test
    void refugeeSettlementCountsAsSettlementAndOnlyAMoveWhenTheRefugeeLivedElsewhere() {
        RegisterEvent inPlace = TestEvents.event(no.flyt.events.EventType.REFUGEE_SETTLEMENT, MARCH_2020)
            .setToMunicipality("4601").setPerson(TestEvents.REFUGEE).build();
        app.send(inPlace, settlement("3201", "4601", MARCH_2020));
        assertThat(all("4601", Measure.REFUGEE_SETTLEMENTS, BAND_30_64)).isEqualTo(2);
        assertThat(all("4601", Measure.DOMESTIC_IN, BAND_30_64)).isEqualTo(1);
        assertThat(cell("4601", MONTH, Measure.POPULATION, Breakdown.ALL, 0, born(1985))).isEqualTo(1);
        assertThat(all("3201", Measure.DOMESTIC_OUT, BAND_30_64)).isEqualTo(1);
    }

    @Test
    void baselineCountsOnceInTheMonthBeforeItsExtractDate() {
        var person = baseline("B1", "3024", EXTRACT, TestEvents.PERSON); // old code of Bærum
        app.baseline(person, person);
        assertThat(cell("3201", YearMonth.of(2014, 12), Measure.POPULATION, Breakdown.ALL, 0, born(1990))).isEqualTo(1);
        assertThat(app.cells("3201", YearMonth.of(2015, 1)).isEmpty()).isTrue();
    }

    @Test
    void deathOfAPersonNeverSeenIsDeadLetteredAndCountedOnlyOnceThePersonIsSeen() {
        RegisterEvent dies = death("P-late", "0301", MARCH_2020);
        app.send(dies);
        assertThat(app.deadLetters.readRecordsToList()).extracting(r -> DeadLetterHeaders.read(r.headers(), DeadLetterHeaders.MESSAGE))
            .containsExactly(EventVersionProcessor.NEVER_SEEN_REASON);
        assertThat(app.cells("0301", MONTH).isEmpty()).isTrue();

        app.baseline(baseline("P-late", "0301", EXTRACT, TestEvents.PERSON));
        assertThat(all("0301", Measure.DEATHS, BAND_20_29)).isEqualTo(1);
        assertThat(cell("0301", MONTH, Measure.POPULATION, Breakdown.ALL, 0, born(1990))).isEqualTo(-1);

        app.send(dies); // a redelivery changes nothing
        assertThat(all("0301", Measure.DEATHS, BAND_20_29)).isEqualTo(1);
        assertThat(app.deadLetters.isEmpty()).isTrue();
    }

    @Test
    void deathOfAPersonBornInThePeriodCountsWhicheverArrivesFirst() {
        RegisterEvent born = birth("1103", LocalDate.of(2019, 5, 1));
        RegisterEvent dies = RegisterEvent.newBuilder(death(born.getPersonId(), "1103", MARCH_2020)).setPerson(born.getPerson()).build();
        app.send(dies, born);
        assertThat(cell("1103", MONTH, Measure.DEATHS, Breakdown.ALL, 0, Dimension.AGE_BAND.codeOf("0-19"))).isEqualTo(1);
        assertThat(cell("1103", YearMonth.of(2019, 5), Measure.BIRTHS, Breakdown.ALL, 0, Dimension.AGE_BAND.codeOf("0-19"))).isEqualTo(1);
        assertThat(cell("1103", MONTH, Measure.POPULATION, Breakdown.ALL, 0, born(2019))
            + cell("1103", YearMonth.of(2019, 5), Measure.POPULATION, Breakdown.ALL, 0, born(2019))).isZero();
    }

    @Test
    void correctionOfThePersonsAttributesReplacesEveryCellExactly() {
        RegisterEvent original = immigration("0301", MARCH_2020);
        PersonAttributes corrected = PersonAttributes.newBuilder(TestEvents.REFUGEE).setBirthDate(LocalDate.of(1950, 1, 1)).build();
        app.send(original, correctionOf(original, 10).setPerson(corrected).build());
        assertThat(all("0301", Measure.IMMIGRATIONS, BAND_20_29)).isZero();
        assertThat(all("0301", Measure.IMMIGRATIONS, Dimension.AGE_BAND.codeOf("65+"))).isEqualTo(1);
        assertThat(cell("0301", MONTH, Measure.POPULATION, Breakdown.ALL, 0, born(1990))).isZero();
        assertThat(cell("0301", MONTH, Measure.POPULATION, Breakdown.ALL, 0, born(1950))).isEqualTo(1);
        assertThat(app.cells("0301", MONTH).size()).isEqualTo(Measure.IMMIGRATIONS.tables().size() + Measure.POPULATION.tables().size());
        assertThat(cell("0301", MONTH, Measure.IMMIGRATIONS, Breakdown.AGE, Dimension.AGE.codeOf("65+"))).isEqualTo(1);
    }

    @Test
    void annulmentLeavesNothingBehind() {
        RegisterEvent original = move("0301", "4601", MARCH_2020);
        app.send(annulmentOf(original, 30), original);
        assertThat(app.cells("0301", MONTH).isEmpty()).isTrue();
        assertThat(app.cells("4601", MONTH).isEmpty()).isTrue();
    }

    @Test
    void countyFlowsLeaveOutMovesBetweenItsOwnMunicipalities() {
        app.send(move("3201", "3203", MARCH_2020), move("3201", "0301", MARCH_2020)); // Bærum -> Asker (both 32), Bærum -> Oslo
        StatisticsQueries queries = app.queries();
        StatisticsAnswers.Flows akershus = queries.flows(queries.regions().county("32"), MONTH, MONTH, StatisticsQueries.Period.TOTAL, null);
        Map<String, StatisticsAnswers.Counts> m = akershus.periods().get(0).measures();
        assertThat(m.get("domesticOut").total()).isEqualTo(1);
        assertThat(m.get("domesticIn").total()).isZero();
        assertThat(m.get("movesWithin").total()).isEqualTo(1);
        assertThat(m.get("net").total()).isEqualTo(-1);
        assertThat(m.get("domesticOut").by().get("IMMIGRANT_CATEGORY").get("REST_OF_POPULATION").byAgeBand().get("20-29")).isEqualTo(1);
        StatisticsAnswers.Flows baerum = queries.flows(queries.regions().municipality("3201"),
            MONTH, MONTH, StatisticsQueries.Period.TOTAL, null);
        assertThat(baerum.periods().get(0).measures().get("domesticOut").total()).isEqualTo(2);
    }

    @Test
    void peopleAgeInTheStockWithoutAnyEvent() {
        PersonAttributes teenager = PersonAttributes.newBuilder(TestEvents.PERSON).setBirthDate(LocalDate.of(2000, 6, 1)).build();
        PersonAttributes pensioner = PersonAttributes.newBuilder(TestEvents.PERSON).setBirthDate(LocalDate.of(1955, 2, 1))
            .setImmigrantCategory(ImmigrantCategory.IMMIGRANT).build();
        app.baseline(baseline("T", "1103", EXTRACT, teenager), baseline("O", "1103", EXTRACT, pensioner),
            baseline("W", "1103", EXTRACT, TestEvents.PERSON));
        var scope = app.queries().regions().municipality("1103");
        var population = app.queries().population(scope, List.of(YearMonth.of(2019, 12), YearMonth.of(2020, 12)), null);
        StatisticsAnswers.PopulationAt end2019 = population.months().get(0);
        StatisticsAnswers.PopulationAt end2020 = population.months().get(1);
        assertThat(end2019.population().total()).isEqualTo(3);
        // ages are those reached in the year: 19, 29 and 64 in 2019; 20, 30 and 65 in 2020
        assertThat(end2019.population().byAgeBand()).containsEntry("0-19", 1L).containsEntry("20-29", 1L).containsEntry("30-64", 1L)
            .containsEntry("65+", 0L);
        assertThat(end2020.population().byAgeBand()).containsEntry("0-19", 0L).containsEntry("20-29", 1L).containsEntry("30-64", 1L)
            .containsEntry("65+", 1L);
        assertThat(end2019.oldAgeRatio()).isEqualTo(0.0);
        assertThat(end2020.oldAgeRatio()).isEqualTo(0.5);
        assertThat(end2020.immigrantShareAmong65Plus()).isEqualTo(1.0);
        assertThat(end2020.immigrantShare()).isEqualTo(1.0 / 3);
    }

    @Test
    void originDestinationFlowsSumMovesByTheRegionsAtBothEnds() {
        app.send(move("0301", "3201", MARCH_2020), move("0301", "3301", MARCH_2020), move("0301", "4601", MARCH_2020),
            move("3201", "3203", MARCH_2020));
        var od = app.queries().originDestination(StatisticsQueries.OdKind.COUNTY, MONTH, MONTH);
        assertThat(od.flows()).extracting(f -> f.origin() + ">" + f.destination() + "=" + f.moves())
            .containsExactly("03>32=1", "03>33=1", "03>46=1", "32>32=1");
        assertThat(od.outOfOrigin()).as("moves inside a county do not leave it").containsOnly(Map.entry("03", 3L));
        assertThat(od.flows()).extracting(StatisticsAnswers.OriginDestination::shareOfOriginOut)
            .containsExactly(1.0 / 3, 1.0 / 3, 1.0 / 3, null);
    }

    @Test
    void immigrantDistributionComparesTheMostAndTheLeastCentralClasses() {
        PersonAttributes immigrant = PersonAttributes.newBuilder(TestEvents.REFUGEE).setBirthDate(LocalDate.of(1940, 1, 1)).build();
        int remoteClass = MunicipalityCatalog.bundled().byCode("5605").orElseThrow().getCentralityClass();
        assertThat(remoteClass).isGreaterThanOrEqualTo(5);
        app.baseline(baseline("A", "0301", EXTRACT, immigrant), baseline("B", "0301", EXTRACT, TestEvents.PERSON),
            baseline("C", "5605", EXTRACT, immigrant));
        app.send(TestEvents.event(no.flyt.events.EventType.MOVE, MARCH_2020).setPersonId("C").setPerson(immigrant)
            .setFromMunicipality("5605").setToMunicipality("0301").build());
        var rows = app.queries().immigrantDistribution(List.of(YearMonth.of(2019, 12), YearMonth.of(2020, 12))).months();
        assertThat(rows.get(0).immigrantsInClasses1And2()).isEqualTo(0.5);
        assertThat(rows.get(0).immigrantsInClasses5And6()).isEqualTo(0.5);
        assertThat(rows.get(0).gap()).isEqualTo(0.0);
        assertThat(rows.get(1).immigrantsInClasses1And2()).isEqualTo(1.0);
        assertThat(rows.get(1).gap()).isEqualTo(1.0);
        var oslo = rows.get(1).classes().get(0);
        assertThat(oslo.population()).isEqualTo(3);
        assertThat(oslo.immigrants65Plus()).isEqualTo(2);
        assertThat(oslo.immigrantShareAmong65Plus()).isEqualTo(1.0);
    }

    @Test
    void yearsAreSumsOfMonthsAndNorwayHasNoDomesticFlows() {
        app.send(immigration("0301", LocalDate.of(2020, 1, 10)), immigration("4601", LocalDate.of(2020, 11, 10)),
            move("0301", "4601", MARCH_2020), immigration("0301", LocalDate.of(2021, 1, 10)));
        var norway = app.queries().flows(app.queries().regions().norway(),
            YearMonth.of(2020, 1), YearMonth.of(2021, 12), StatisticsQueries.Period.YEAR, null);
        assertThat(norway.periods()).extracting(StatisticsAnswers.FlowPeriod::period).containsExactly("2020", "2021");
        var y2020 = norway.periods().get(0).measures();
        assertThat(y2020.get("immigrations").total()).isEqualTo(2);
        assertThat(y2020.get("domesticIn").total()).isZero();
        assertThat(y2020.get("movesWithin").total()).as("a move between municipalities is inside Norway").isEqualTo(1);
        assertThat(y2020.get("populationChange").total()).isEqualTo(2);
        assertThat(norway.periods().get(1).measures().get("immigrations").total()).isEqualTo(1);
    }

    @Test
    void aVeryLateEventDatedBeforeTheExtractCountsInItsOwnMonthAndInEveryLaterStock() {
        app.baseline(baseline("B", "1103", EXTRACT, TestEvents.PERSON));
        app.send(TestEvents.event(no.flyt.events.EventType.IMMIGRATION, LocalDate.of(2014, 10, 3)).setToMunicipality("1103")
            .setRecordedAt(TestEvents.at("2016-02-01T00:00:00Z")).build());
        var scope = app.queries().regions().municipality("1103");
        var population = app.queries().population(scope, List.of(YearMonth.of(2014, 9), YearMonth.of(2014, 10), YearMonth.of(2020, 12)), null);
        assertThat(population.months()).extracting(p -> p.population().total()).containsExactly(0L, 1L, 2L);
        assertThat(cell("1103", YearMonth.of(2014, 10), Measure.IMMIGRATIONS, Breakdown.ALL, 0, BAND_20_29)).isEqualTo(1);
    }

    @Test
    void aLaterExtractOfTheSamePersonReplacesTheEarlierOne() {
        app.baseline(baseline("B", "1103", EXTRACT, TestEvents.PERSON), baseline("B", "4601", LocalDate.of(2016, 1, 1), TestEvents.PERSON));
        assertThat(cell("1103", YearMonth.of(2014, 12), Measure.POPULATION, Breakdown.ALL, 0, born(1990))).isZero();
        assertThat(cell("4601", YearMonth.of(2015, 12), Measure.POPULATION, Breakdown.ALL, 0, born(1990))).isEqualTo(1);
    }

    @Test
    void baselineRecordsThatBreakARuleAreDeadLetteredWithTheReason() {
        app.baseline(baseline("B1", "9999", EXTRACT, TestEvents.PERSON),
            baseline("B2", "0301", EXTRACT, PersonAttributes.newBuilder(TestEvents.PERSON).setBirthDate(LocalDate.of(2016, 1, 1)).build()));
        var rejected = app.deadLetters.readRecordsToList();
        assertThat(rejected).extracting(r -> DeadLetterHeaders.read(r.headers(), DeadLetterHeaders.MESSAGE)).containsExactly(
            "unknown municipality code 9999 in municipality", "birth date 2016-01-01 is after the extract date 2015-01-01");
        assertThat(rejected).allSatisfy(r ->
            assertThat(DeadLetterHeaders.read(r.headers(), DeadLetterHeaders.TOPIC)).isEqualTo(app.topics.baselinePersons().name()));
        var value = app.topics.baselinePersons().valueSerde().deserializer().deserialize(app.topics.baselinePersons().name(), rejected.get(0).value());
        assertThat(value.getPersonId()).isEqualTo("B1");
        assertThat(app.cells("0301", YearMonth.of(2014, 12)).isEmpty()).isTrue();
    }

    @Test
    void sizeBandFlowsCountOnlyMovesBetweenBands() {
        var all = MunicipalityCatalog.bundled().current();
        String small = all.stream().filter(m -> SizeBand.of(m) == SizeBand.UNDER_1000).findFirst().orElseThrow().getCode();
        app.send(move("0301", "4601", MARCH_2020), move("0301", small, MARCH_2020));
        var big = app.queries().flows(app.queries().regions().sizeBand("FROM_50000"), MONTH, MONTH, StatisticsQueries.Period.TOTAL, null)
            .periods().get(0).measures();
        assertThat(big.get("domesticOut").total()).isEqualTo(1);
        assertThat(big.get("movesWithin").total()).isEqualTo(1);
        var od = app.queries().originDestination(StatisticsQueries.OdKind.SIZE_BAND, MONTH, MONTH);
        assertThat(od.flows()).extracting(f -> f.origin() + ">" + f.destination() + "=" + f.moves())
            .containsExactlyInAnyOrder("FROM_50000>FROM_50000=1", "FROM_50000>UNDER_1000=1");
    }

    @Test
    void publishesReadableCellsToTheCompactedStatisticsTopic() {
        TestOutputTopic<String, RegionStatistics> output = app.driver.createOutputTopic(app.topics.regionStatistics().name(),
            Serdes.String().deserializer(), app.topics.regionStatistics().valueSerde().deserializer());
        app.send(immigration("0301", MARCH_2020));
        RegionStatistics oslo = output.readKeyValuesToMap().get("MUNICIPALITY:0301:2020-03");
        assertThat(oslo.getRegionCode()).isEqualTo("0301");
        assertThat(oslo.getMonth()).isEqualTo("2020-03");
        assertThat(oslo.getCells()).contains(
            new StatisticsCell(no.flyt.aggregates.Measure.IMMIGRATIONS, no.flyt.aggregates.Dimension.ALL, "ALL", "20-29", null, null, null, 1L),
            new StatisticsCell(no.flyt.aggregates.Measure.IMMIGRATIONS, no.flyt.aggregates.Dimension.IMMIGRATION_REASON, "NONE", "20-29", null, null, null, 1L),
            new StatisticsCell(no.flyt.aggregates.Measure.POPULATION, no.flyt.aggregates.Dimension.SEX, "FEMALE", null, null, 1990, null, 1L));
    }

    @Test
    void publishesEachYearAsTheSumOfItsMonthsOnceTheMonthsAreQuietAndFollowsAnAnnulment() {
        TestOutputTopic<String, RegionStatistics> months = app.driver.createOutputTopic(app.topics.regionStatistics().name(),
            Serdes.String().deserializer(), app.topics.regionStatistics().valueSerde().deserializer());
        TestOutputTopic<String, YearlyRegionStatistics> years = app.driver.createOutputTopic(app.topics.yearlyRegionStatistics().name(),
            Serdes.String().deserializer(), app.topics.yearlyRegionStatistics().valueSerde().deserializer());
        RegisterEvent november = immigration("0301", LocalDate.of(2020, 11, 10));
        app.send(immigration("0301", LocalDate.of(2020, 1, 10)), november, move("0301", "4601", MARCH_2020),
            immigration("0301", LocalDate.of(2021, 1, 10)));
        assertThat(years.isEmpty()).as("years wait while months may still change").isTrue();
        app.driver.advanceWallClockTime(YearSums.QUIET);

        Map<String, RegionStatistics> monthRecords = months.readKeyValuesToMap();
        Map<String, YearlyRegionStatistics> yearRecords = years.readKeyValuesToMap();
        assertThat(yearRecords).containsKeys("MUNICIPALITY:0301:2020", "MUNICIPALITY:0301:2021", "MUNICIPALITY:4601:2020",
            "COUNTY:03:2020", "COUNTY:46:2020", "CENTRALITY_CLASS:1:2021");
        for (Map.Entry<String, YearlyRegionStatistics> year : yearRecords.entrySet()) {
            assertThat(countsOf(year.getValue().getCells())).as(year.getKey())
                .isEqualTo(sumOfMonths(monthRecords, year.getKey() + "-"));
        }
        YearlyRegionStatistics oslo2020 = yearRecords.get("MUNICIPALITY:0301:2020");
        assertThat(oslo2020.getYear()).isEqualTo(2020);
        assertThat(oslo2020.getRegionType()).isEqualTo(no.flyt.aggregates.RegionType.MUNICIPALITY);
        assertThat(oslo2020.getCells()).contains( // the person is 29 in January and March, 30 in November
            new StatisticsCell(no.flyt.aggregates.Measure.IMMIGRATIONS, no.flyt.aggregates.Dimension.ALL, "ALL", "20-29", null, null, null, 1L),
            new StatisticsCell(no.flyt.aggregates.Measure.IMMIGRATIONS, no.flyt.aggregates.Dimension.ALL, "ALL", "30-64", null, null, null, 1L),
            new StatisticsCell(no.flyt.aggregates.Measure.DOMESTIC_OUT, no.flyt.aggregates.Dimension.ALL, "ALL", "20-29", null, null, null, 1L),
            new StatisticsCell(no.flyt.aggregates.Measure.POPULATION, no.flyt.aggregates.Dimension.ALL, "ALL", null, null, 1990, null, 1L));

        app.send(annulmentOf(november, 20));
        app.publishChangedYears();

        Map<String, YearlyRegionStatistics> republished = years.readKeyValuesToMap();
        assertThat(republished.keySet()).as("only the years that changed")
            .contains("MUNICIPALITY:0301:2020", "COUNTY:03:2020").doesNotContain("MUNICIPALITY:0301:2021", "MUNICIPALITY:4601:2020");
        YearlyRegionStatistics annulled = republished.get("MUNICIPALITY:0301:2020");
        assertThat(annulled.getCells())
            .contains(new StatisticsCell(no.flyt.aggregates.Measure.IMMIGRATIONS, no.flyt.aggregates.Dimension.ALL, "ALL", "20-29", null, null, null, 1L))
            .noneMatch(c -> c.getMeasure() == no.flyt.aggregates.Measure.IMMIGRATIONS && "30-64".equals(c.getAgeBand()))
            .noneMatch(c -> c.getMeasure() == no.flyt.aggregates.Measure.POPULATION && c.getDimension() == no.flyt.aggregates.Dimension.ALL);
        assertThat(countsOf(annulled.getCells())).isEqualTo(sumOfMonths(
            mergedWith(monthRecords, months.readKeyValuesToMap()), "MUNICIPALITY:0301:2020-"));
    }

    private static Map<String, RegionStatistics> mergedWith(Map<String, RegionStatistics> earlier, Map<String, RegionStatistics> later) {
        Map<String, RegionStatistics> latest = new java.util.TreeMap<>(earlier);
        latest.putAll(later);
        return latest;
    }

    /** The cells of every month record whose key starts with {@code prefix}, summed cell by cell; zeroes left out. */
    private static Map<List<Object>, Long> sumOfMonths(Map<String, RegionStatistics> monthRecords, String prefix) {
        Map<List<Object>, Long> sum = new java.util.HashMap<>();
        monthRecords.forEach((key, month) -> {
            if (key.startsWith(prefix)) {
                countsOf(month.getCells()).forEach((cell, n) -> sum.merge(cell, n, Long::sum));
            }
        });
        sum.values().removeIf(n -> n == 0);
        return sum;
    }

    private static Map<List<Object>, Long> countsOf(List<StatisticsCell> cells) {
        Map<List<Object>, Long> counts = new java.util.HashMap<>();
        for (StatisticsCell c : cells) {
            counts.put(java.util.Arrays.asList(c.getMeasure(), c.getDimension(), c.getCategory(), c.getAgeBand(), c.getAge(), c.getBirthYear(), c.getSettlementYear()),
                c.getCount());
        }
        return counts;
    }
}
