package no.flyt.streams.rules;

import static no.flyt.streams.topology.TestEvents.REFUGEE;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import no.flyt.catalogue.Breakdown;
import no.flyt.catalogue.Cell;
import no.flyt.catalogue.Dimension;
import no.flyt.catalogue.Measure;
import no.flyt.events.EventType;
import no.flyt.events.RegisterEvent;
import no.flyt.reference.MunicipalityCatalog;
import no.flyt.streams.TestCells;
import no.flyt.streams.codec.CellCounts;
import no.flyt.streams.regions.RegionKey;
import no.flyt.streams.topology.TestEvents;
import org.junit.jupiter.api.Test;

class SettlementRetentionTest {

    private static final int GENERATION = no.flyt.catalogue.Catalogue.GENERATION;

    private static final MunicipalityCatalog CATALOG = MunicipalityCatalog.bundled();
    private static final MunicipalityResolver MUNICIPALITIES = CATALOG::byCode;
    private static final String SETTLED_IN = "1871"; // Andøy
    private static final String OSLO = "0301";

    private final Map<String, CountedEvent> versions = new LinkedHashMap<>();
    private final Map<String, CountedEmployment> employment = new LinkedHashMap<>();

    @Test
    void aRefugeeWhoStaysCountsOnceInTheSettlementMonthUnderTheCohortYear() {
        counted(settlement(null, SETTLED_IN, LocalDate.of(2016, 3, 10)));

        assertThat(remaining()).containsExactly(Map.entry(SETTLED_IN + ":2016-03:2016", 1L));
        Measure m = Measure.SETTLED_REFUGEES_REMAINING;
        assertThat(SettlementRetention.of(history(), GENERATION, MUNICIPALITIES).get("MUNICIPALITY:" + SETTLED_IN + ":2016-03"))
            .as("every person dimension, as at the settlement")
            .isEqualTo(CellCounts.builder()
                .add(TestCells.cell(m, Breakdown.ALL, "ALL", "2016"), 1)
                .add(TestCells.cell(m, Breakdown.IMMIGRANT_CATEGORY, REFUGEE.getImmigrantCategory().name(), "2016"), 1)
                .add(TestCells.cell(m, Breakdown.COUNTRY_BACKGROUND, REFUGEE.getCountryBackground().name(), "2016"), 1)
                .add(TestCells.cell(m, Breakdown.IMMIGRATION_REASON, REFUGEE.getImmigrationReason().name(), "2016"), 1)
                .add(TestCells.cell(m, Breakdown.EDUCATION_LEVEL, REFUGEE.getEducationLevel().name(), "2016"), 1)
                .add(TestCells.cell(m, Breakdown.SEX, REFUGEE.getSex().name(), "2016"), 1)
                .add(TestCells.cell(m, Breakdown.COLLECTIVE_PROTECTION, "NO", "2016"), 1)
                .add(TestCells.cell(Measure.SETTLED_REFUGEES_IN_NORWAY, Breakdown.ALL, "ALL", "2016"), 1)
                .add(TestCells.cell(Measure.SETTLED_REFUGEES_IN_NORWAY, Breakdown.EDUCATION_LEVEL, REFUGEE.getEducationLevel().name(), "2016"), 1)
                .add(TestCells.cell(Measure.SETTLED_REFUGEES_IN_NORWAY, Breakdown.COLLECTIVE_PROTECTION, "NO", "2016"), 1)
                .build());
    }

    @Test
    void movingAwayAndBackIsMinusOneThenPlusOneAndTheMoveAwayIsCountedByTheDestinationsClass() {
        counted(settlement(null, SETTLED_IN, LocalDate.of(2016, 3, 10)));
        counted(event(EventType.MOVE, SETTLED_IN, OSLO, LocalDate.of(2018, 5, 1)));
        counted(event(EventType.MOVE, OSLO, SETTLED_IN, LocalDate.of(2021, 1, 20)));

        assertThat(remaining()).containsExactly(
            Map.entry(SETTLED_IN + ":2016-03:2016", 1L), Map.entry(SETTLED_IN + ":2018-05:2016", -1L),
            Map.entry(SETTLED_IN + ":2021-01:2016", 1L));
        int osloClass = CATALOG.byCode(OSLO).orElseThrow().getCentralityClass();
        assertThat(SettlementRetention.of(history(), GENERATION, MUNICIPALITIES).get("MUNICIPALITY:" + SETTLED_IN + ":2018-05")
            .get(TestCells.cell(Measure.SETTLED_REFUGEES_MOVED_AWAY, Breakdown.PARTNER_CENTRALITY_CLASS, String.valueOf(osloClass), "2016")))
            .isEqualTo(1);
        assertThat(SettlementRetention.of(history(), GENERATION, MUNICIPALITIES)).as("nothing is counted in Oslo")
            .doesNotContainKey("MUNICIPALITY:" + OSLO + ":2018-05");
    }

    @Test
    void emigrationOrDeathFromTheSettlingMunicipalityEndsTheStayButNotFromElsewhere() {
        counted(settlement(null, SETTLED_IN, LocalDate.of(2017, 8, 1)));
        counted(event(EventType.EMIGRATION, SETTLED_IN, null, LocalDate.of(2019, 2, 1)));
        counted(event(EventType.IMMIGRATION, null, OSLO, LocalDate.of(2020, 2, 1)));
        counted(event(EventType.DEATH, OSLO, null, LocalDate.of(2023, 2, 1)));

        assertThat(remaining()).containsExactly(
            Map.entry(SETTLED_IN + ":2017-08:2017", 1L), Map.entry(SETTLED_IN + ":2019-02:2017", -1L));
    }

    @Test
    void eventsBeforeTheSettlementAndHistoriesWithoutOneCountNothing() {
        counted(event(EventType.IMMIGRATION, null, SETTLED_IN, LocalDate.of(2015, 11, 1)));
        counted(event(EventType.MOVE, SETTLED_IN, OSLO, LocalDate.of(2016, 1, 1)));
        assertThat(SettlementRetention.of(history(), GENERATION, MUNICIPALITIES)).isEmpty();

        counted(settlement(OSLO, SETTLED_IN, LocalDate.of(2016, 6, 1)));
        assertThat(remaining()).containsExactly(Map.entry(SETTLED_IN + ":2016-06:2016", 1L));
    }

    @Test
    void theEarliestSettlementNamesTheMunicipality() {
        counted(settlement(OSLO, SETTLED_IN, LocalDate.of(2019, 4, 1)));
        counted(settlement(null, OSLO, LocalDate.of(2018, 4, 1)));

        assertThat(remaining()).containsExactly(
            Map.entry(OSLO + ":2018-04:2018", 1L), Map.entry(OSLO + ":2019-04:2018", -1L));
    }

    @Test
    void theChangeOfAHistoryIsTheDifferenceOfItsCellsSoACorrectionMovesTheWholeStay() {
        RegisterEvent original = settlement(null, SETTLED_IN, LocalDate.of(2016, 3, 10));
        counted(original);
        counted(event(EventType.MOVE, SETTLED_IN, OSLO, LocalDate.of(2018, 5, 1)));
        PersonHistory before = history();
        // the register corrects the settlement into Oslo: Andøy loses the stay and the move away from it, and the
        // later move into Oslo is now a move back to the settling municipality
        versions.put(original.getEventId(), new CountedEvent("C1", 2L, EventFact.of(settlement(null, OSLO, LocalDate.of(2016, 3, 10)), null, OSLO), false, GENERATION));
        PersonHistory after = history();

        Map<String, CellCounts> change = HistoryContributions.change(before, after, GENERATION, MUNICIPALITIES);
        Map<String, Long> all = new TreeMap<>();
        change.forEach((key, cells) -> all.put(key, cells.get(TestCells.cell(Measure.SETTLED_REFUGEES_REMAINING, Breakdown.ALL, "ALL", "2016"))));
        assertThat(all).containsExactlyInAnyOrderEntriesOf(Map.of(
            "MUNICIPALITY:" + SETTLED_IN + ":2016-03", -1L, "MUNICIPALITY:" + SETTLED_IN + ":2018-05", 1L,
            "MUNICIPALITY:" + OSLO + ":2016-03", 1L, "MUNICIPALITY:" + OSLO + ":2018-05", 1L));
        assertThat(HistoryContributions.change(after, after, GENERATION, MUNICIPALITIES)).isEmpty();
    }

    /** SETTLED_REFUGEES_REMAINING of dimension ALL as municipality:month:cohort to count. */
    private Map<String, Long> remaining() {
        Map<String, Long> rows = new TreeMap<>();
        SettlementRetention.of(history(), GENERATION, MUNICIPALITIES).forEach((key, cells) -> {
            for (int i = 0; i < cells.size(); i++) {
                int cell = cells.cellAt(i);
                if (Cell.measure(cell) == Measure.SETTLED_REFUGEES_REMAINING && Cell.breakdown(cell) == Breakdown.ALL) {
                    rows.put(RegionKey.codeOf(key) + ":" + RegionKey.monthOf(key) + ":"
                        + Dimension.SETTLEMENT_YEAR.label(Cell.code(cell, Dimension.SETTLEMENT_YEAR)), cells.countAt(i));
                }
            }
        });
        return rows;
    }

    private PersonHistory history() {
        return new PersonHistory(true, null, new LinkedHashMap<>(versions), new LinkedHashMap<>(employment), GENERATION);
    }

    private void counted(RegisterEvent e) {
        versions.put(e.getEventId(), new CountedEvent(e.getEventId(), 1L, EventFact.of(e, e.getFromMunicipality(), e.getToMunicipality()), false, GENERATION));
    }

    private static RegisterEvent settlement(String from, String to, LocalDate date) {
        return TestEvents.settlement(from, to, date);
    }

    private static RegisterEvent event(EventType type, String from, String to, LocalDate date) {
        return TestEvents.event(type, date).setFromMunicipality(from).setToMunicipality(to).setPerson(REFUGEE).build();
    }
}
