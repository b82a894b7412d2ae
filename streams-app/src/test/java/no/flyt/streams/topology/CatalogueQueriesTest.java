package no.flyt.streams.topology;

import static no.flyt.streams.topology.TestEvents.baseline;
import static no.flyt.streams.topology.TestEvents.correctionOf;
import static no.flyt.streams.topology.TestEvents.immigration;
import static no.flyt.streams.topology.TestEvents.move;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import no.flyt.aggregates.RegionType;
import no.flyt.catalogue.AgeGroup;
import no.flyt.catalogue.Breakdown;
import no.flyt.catalogue.Catalogue;
import no.flyt.catalogue.Measure;
import no.flyt.events.ImmigrantCategory;
import no.flyt.events.PersonAttributes;
import no.flyt.events.RegisterEvent;
import no.flyt.reference.Municipality;
import no.flyt.reference.MunicipalityCatalog;
import no.flyt.streams.codec.CellCounts;
import no.flyt.streams.query.StatisticsAnswers;
import no.flyt.streams.query.StatisticsQueries;
import no.flyt.streams.regions.RegionKey;
import no.flyt.streams.rules.CountedEvent;
import no.flyt.streams.rules.EventFact;
import no.flyt.streams.rules.PersonHistory;
import no.flyt.streams.rules.RegisterEventRules;
import no.flyt.streams.rules.StatisticsContributions;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the statistics catalogue adds: tables crossed with single years of age and age groups chosen at query time,
 * named groups of regions, any table of the catalogue asked for by name, and the generations that keep a correction
 * exact across an upgrade.
 */
class CatalogueQueriesTest {

    private static final LocalDate MARCH_2020 = LocalDate.of(2020, 3, 15);
    private static final YearMonth MONTH = YearMonth.from(MARCH_2020);
    private static final List<AgeGroup> YOUNG_AND_OTHERS = AgeGroup.parseList("0-17,18-30,31-64,65+");

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

    private static PersonAttributes born(LocalDate birthDate, ImmigrantCategory category) {
        return PersonAttributes.newBuilder(TestEvents.PERSON).setBirthDate(birthDate).setImmigrantCategory(category).build();
    }

    @Test
    void flowsAreAnsweredForAgeGroupsChosenAtQueryTime() {
        app.send(TestEvents.event(no.flyt.events.EventType.EMIGRATION, MARCH_2020).setFromMunicipality("0301")
                .setPerson(born(LocalDate.of(2003, 1, 1), ImmigrantCategory.IMMIGRANT)).build(), // 17
            TestEvents.event(no.flyt.events.EventType.EMIGRATION, MARCH_2020).setFromMunicipality("0301")
                .setPerson(born(LocalDate.of(1990, 1, 1), ImmigrantCategory.NORWEGIAN_BORN_TWO_IMMIGRANT_PARENTS)).build(), // 30
            TestEvents.event(no.flyt.events.EventType.EMIGRATION, MARCH_2020).setFromMunicipality("0301")
                .setPerson(born(LocalDate.of(1989, 1, 1), ImmigrantCategory.IMMIGRANT)).build()); // 31
        StatisticsQueries queries = app.queries();

        var emigrations = queries.flows(queries.regions().municipality("0301"), MONTH, MONTH, StatisticsQueries.Period.TOTAL,
            YOUNG_AND_OTHERS).periods().get(0).measures().get("emigrations");

        assertThat(emigrations.byAge()).containsExactly(Map.entry("0-17", 1L), Map.entry("18-30", 1L), Map.entry("31-64", 1L),
            Map.entry("65+", 0L));
        assertThat(emigrations.by().get("IMMIGRANT_CATEGORY").get("IMMIGRANT").byAge())
            .containsEntry("0-17", 1L).containsEntry("18-30", 0L).containsEntry("31-64", 1L);
        assertThat(emigrations.by().get("IMMIGRANT_CATEGORY").get("NORWEGIAN_BORN_TWO_IMMIGRANT_PARENTS").byAge()).containsEntry("18-30", 1L);
        assertThat(emigrations.by().get("EDUCATION_LEVEL").get("TERTIARY_SHORT").byAge())
            .as("education is not kept by single years of age").isNull();
        assertThat(emigrations.byAgeBand()).as("the fixed bands are still there").containsEntry("0-19", 1L).containsEntry("30-64", 2L);
        assertThatThrownBy(() -> queries.flows(queries.regions().municipality("0301"), MONTH, MONTH, StatisticsQueries.Period.TOTAL,
            AgeGroup.parseList("25-34"))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("31-64");
    }

    @Test
    void populationIsAnsweredForAnyAgeGroupFromBirthYears() {
        app.baseline(baseline("A", "1103", LocalDate.of(2015, 1, 1), born(LocalDate.of(2005, 6, 1), ImmigrantCategory.IMMIGRANT)),
            baseline("B", "1103", LocalDate.of(2015, 1, 1), born(LocalDate.of(1995, 6, 1), ImmigrantCategory.IMMIGRANT)),
            baseline("C", "1103", LocalDate.of(2015, 1, 1), born(LocalDate.of(1950, 6, 1), ImmigrantCategory.REST_OF_POPULATION)));
        var population = app.queries().population(app.queries().regions().municipality("1103"), List.of(YearMonth.of(2020, 12)),
            AgeGroup.parseList("0-17,18-30,25-34,65+")).months().get(0).population();
        // ages reached in 2020: 15, 25, 70
        assertThat(population.byAge()).containsExactly(Map.entry("0-17", 1L), Map.entry("18-30", 1L), Map.entry("25-34", 1L),
            Map.entry("65+", 1L));
        assertThat(population.by().get("IMMIGRANT_CATEGORY").get("IMMIGRANT").byAge()).containsEntry("0-17", 1L).containsEntry("65+", 0L);
    }

    @Test
    void aGroupOfCountiesCountsOnlyTheMovesAcrossItsOwnBorder() {
        // Oslo (03) -> Bærum (32), Bærum (32) -> Drammen (33), Drammen (33) -> Bergen (46): one in, one inside, one out
        app.send(move("0301", "3201", MARCH_2020), move("3201", "3301", MARCH_2020), move("3301", "4601", MARCH_2020));
        StatisticsQueries queries = app.queries();
        var viken = queries.regions().group("former-viken");

        var totals = queries.flowTotals(viken, MONTH, MONTH).total();
        assertThat(List.of(totals.domesticIn(), totals.domesticOut(), totals.net())).containsExactly(1L, 1L, 0L);
        var measures = queries.flows(viken, MONTH, MONTH, StatisticsQueries.Period.TOTAL, null).periods().get(0).measures();
        assertThat(measures.get("domesticIn").total()).isEqualTo(1);
        assertThat(measures.get("domesticIn").by()).as("a total only: the other end of a move has no breakdowns").isNull();
        assertThat(measures.get("movesWithin").total()).isEqualTo(1);
        assertThat(measures.get("populationChange").total()).isZero();
        assertThat(viken.name()).contains("Viken");
        assertThat(queries.flowTotals(queries.regions().county("32"), MONTH, MONTH).total().domesticOut())
            .as("the same move leaves the county").isEqualTo(1);
    }

    @Test
    void anyTableOfTheCatalogueCanBeAskedForWithItsAgeGrouped() {
        Municipality remote = MunicipalityCatalog.bundled().byCode("5605").orElseThrow();
        app.send(TestEvents.event(no.flyt.events.EventType.MOVE, MARCH_2020).setFromMunicipality("5605").setToMunicipality("0301")
                .setPerson(born(LocalDate.of(2000, 1, 1), ImmigrantCategory.ONE_IMMIGRANT_PARENT)).build(),
            TestEvents.event(no.flyt.events.EventType.MOVE, MARCH_2020).setFromMunicipality("5605").setToMunicipality("4601")
                .setPerson(born(LocalDate.of(1960, 1, 1), ImmigrantCategory.ONE_IMMIGRANT_PARENT)).build());
        StatisticsQueries queries = app.queries();

        StatisticsAnswers.Table table = queries.table(queries.regions().centralityClass(String.valueOf(remote.getCentralityClass())),
            Measure.DOMESTIC_OUT, Breakdown.PARTNER_CENTRALITY_CLASS_BY_IMMIGRANT_CATEGORY_BY_AGE, MONTH, MONTH,
            StatisticsQueries.Period.TOTAL, AgeGroup.parseList("0-30,31+"));

        assertThat(table.dimensions()).containsExactly("PARTNER_CENTRALITY_CLASS", "IMMIGRANT_CATEGORY", "AGE");
        assertThat(table.periods().get(0).rows()).extracting(r -> r.categories().values() + "=" + r.count())
            .containsExactlyInAnyOrder("[1, ONE_IMMIGRANT_PARENT, 0-30]=1", "[2, ONE_IMMIGRANT_PARENT, 31+]=1");
        StatisticsAnswers.Table stock = queries.table(queries.regions().municipality("0301"), Measure.POPULATION, Breakdown.ALL,
            YearMonth.of(2020, 1), YearMonth.of(2020, 12), StatisticsQueries.Period.YEAR, AgeGroup.parseList("0-30"));
        assertThat(stock.stock()).isTrue();
        assertThat(stock.periods().get(0).rows()).extracting(StatisticsAnswers.TableRow::count).containsExactly(1L);
    }

    /**
     * An upgrade adds tables; what an earlier version counted is in the aggregates with the tables of its generation
     * only. A correction that arrives after the upgrade takes back exactly those and adds the new fact with every
     * table: no cell of a newer table goes negative.
     */
    @Test
    void aCorrectionOfAFactCountedUnderAnEarlierGenerationTakesBackExactlyWhatItAdded() {
        assertThat(Catalogue.GENERATION).as("there is an earlier generation").isGreaterThan(1);
        RegisterEvent original = immigration("0301", MARCH_2020);
        Municipality oslo = MunicipalityCatalog.bundled().byCode("0301").orElseThrow();
        EventFact fact = ((RegisterEventRules.Counted) RegisterEventRules.of(original, MunicipalityCatalog.bundled()::byCode)).fact();
        // the state an earlier version left: the person's counted version, and its cells with the tables of generation 1
        KeyValueStore<String, PersonHistory> persons = app.driver.getKeyValueStore(StatisticsTopology.PERSONS_STORE);
        persons.put(original.getPersonId(), new PersonHistory(true, null,
            Map.of(original.getEventId(), new CountedEvent(original.getEventId(), original.getRecordedAt().toEpochMilli(), fact, false, 1)),
            Map.of(), 1));
        CellCounts counted = StatisticsContributions.of(fact, 1, MunicipalityCatalog.bundled()::byCode)
            .get(RegionKey.of(RegionType.MUNICIPALITY, "0301", MONTH));
        List<String> regions = List.of(RegionKey.of(RegionType.MUNICIPALITY, "0301", MONTH), RegionKey.of(RegionType.COUNTY, "03", MONTH),
            RegionKey.of(RegionType.CENTRALITY_CLASS, String.valueOf(oslo.getCentralityClass()), MONTH),
            RegionKey.of(RegionType.SIZE_BAND, "FROM_50000", MONTH));
        var statistics = app.driver.<String, CellCounts>getTimestampedKeyValueStore(StatisticsTopology.REGION_STATISTICS_STORE);
        regions.forEach(key -> statistics.put(key, ValueAndTimestamp.make(counted, original.getRecordedAt().toEpochMilli())));
        assertThat(counted.toMap()).as("no cell of the tables added later").hasSize(
            Catalogue.tables(Measure.IMMIGRATIONS, 1).size() + Catalogue.tables(Measure.POPULATION, 1).size());

        RegisterEvent corrected = correctionOf(original, 5).setEventDate(LocalDate.of(2020, 3, 20)).build();
        app.send(corrected);

        EventFact now = ((RegisterEventRules.Counted) RegisterEventRules.of(corrected, MunicipalityCatalog.bundled()::byCode)).fact();
        CellCounts expected = StatisticsContributions.of(now, Catalogue.GENERATION, MunicipalityCatalog.bundled()::byCode)
            .get(RegionKey.of(RegionType.MUNICIPALITY, "0301", MONTH));
        for (String key : regions) {
            assertThat(app.statisticsStore().get(key)).as(key).isEqualTo(expected);
        }
        assertThat(expected.toMap().values()).allMatch(n -> n > 0);
    }
}
