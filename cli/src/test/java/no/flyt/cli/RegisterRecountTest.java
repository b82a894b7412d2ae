package no.flyt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import no.flyt.aggregates.RegionType;
import no.flyt.cli.RegisterRecount.Cell;
import no.flyt.cli.RegisterRecount.Region;
import no.flyt.reference.MunicipalityCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recount the end-to-end tests compare the pipeline with must itself be right: each register rule on events
 * small enough to count by hand. Oslo 0301 is county 03, class 1; Bærum (3024, 2024: 3201) and Lørenskog (3029,
 * 2024: 3222) county 32, class 1; Drammen (3005, 2024: 3301) county 33, class 2; Bergen (1201 before 2020, 4601)
 * county 46, class 2.
 */
class RegisterRecountTest {

    private static final MunicipalityCatalog CATALOG = MunicipalityCatalog.bundled();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YearMonth MARCH = YearMonth.of(2021, 3);

    @Test
    void aMoveAcrossCountyAndClassBordersCountsForEveryKindOfRegion() {
        RegisterRecount recount = recount(move("E1", "0301", "3005").line());

        assertThat(recount.cell(municipality("0301"), MARCH)).isEqualTo(new Cell(0, 1, 0, 0));
        assertThat(recount.cell(municipality("3301"), MARCH)).isEqualTo(new Cell(1, 0, 0, 0));
        assertThat(recount.cell(county("03"), MARCH)).isEqualTo(new Cell(0, 1, 0, 0));
        assertThat(recount.cell(county("33"), MARCH)).isEqualTo(new Cell(1, 0, 0, 0));
        assertThat(recount.cell(centralityClass("1"), MARCH)).isEqualTo(new Cell(0, 1, 0, 0));
        assertThat(recount.cell(centralityClass("2"), MARCH)).isEqualTo(new Cell(1, 0, 0, 0));
        assertThat(recount.cell(municipality("0301"), MARCH).net()).isEqualTo(-1);
        assertThat(recount.historicCodes()).containsExactly("3005");
    }

    @Test
    void aMoveInsideOneCountyAndClassCountsForTheMunicipalitiesAndTheSizeBandsItCrosses() {
        RegisterRecount recount = recount(move("E1", "3024", "3029").line()); // Bærum (130,000 people) -> Lørenskog (48,000)

        Region large = new Region(RegionType.SIZE_BAND, "FROM_50000");
        Region small = new Region(RegionType.SIZE_BAND, "FROM_1000_TO_49999");
        assertThat(recount.regionsWithCounts()).containsExactlyInAnyOrder(municipality("3201"), municipality("3222"), large, small);
        assertThat(recount.cell(large, MARCH)).isEqualTo(new Cell(0, 1, 0, 0));
        assertThat(recount.cell(small, MARCH)).isEqualTo(new Cell(1, 0, 0, 0));
        assertThat(recount.cell(municipality("3201"), MARCH)).isEqualTo(new Cell(0, 1, 0, 0));
        assertThat(recount.cell(municipality("3222"), MARCH)).isEqualTo(new Cell(1, 0, 0, 0));
    }

    @Test
    void aMoveInsideOne2024MunicipalityCountsNothing() {
        RegisterRecount recount = recount(move("E1", "1201", "4601").line(), move("E2", "0301", "0301").line());

        assertThat(recount.regionsWithCounts()).isEmpty();
        assertThat(recount.movesInsideAMunicipality()).isEqualTo(2);
        assertThat(recount.rejections()).isEmpty();
    }

    @Test
    void immigrationAndEmigrationCountForTheMunicipalityItsCountyAndItsClass() {
        RegisterRecount recount = recount(
            event("E1", "IMMIGRATION").set("toMunicipality", "3005").line(),
            event("E2", "EMIGRATION").set("fromMunicipality", "0301").line());

        assertThat(recount.cell(municipality("3301"), MARCH)).isEqualTo(new Cell(0, 0, 1, 0));
        assertThat(recount.cell(county("33"), MARCH)).isEqualTo(new Cell(0, 0, 1, 0));
        assertThat(recount.cell(centralityClass("2"), MARCH)).isEqualTo(new Cell(0, 0, 1, 0));
        assertThat(recount.cell(municipality("0301"), MARCH)).isEqualTo(new Cell(0, 0, 0, 1));
        assertThat(recount.cell(county("03"), MARCH)).isEqualTo(new Cell(0, 0, 0, 1));
        assertThat(recount.cell(centralityClass("1"), MARCH)).isEqualTo(new Cell(0, 0, 0, 1));
    }

    @Test
    void birthsDeathsAndSettlementsWithoutAnEarlierMunicipalityAreNotFlows() {
        RegisterRecount recount = recount(
            event("E1", "BIRTH").set("toMunicipality", "0301").set("birthDate", "2021-03-10").line(),
            event("E2", "DEATH").set("fromMunicipality", "0301").line(),
            event("E3", "REFUGEE_SETTLEMENT").set("toMunicipality", "3005").line(),
            event("E4", "REFUGEE_SETTLEMENT").set("fromMunicipality", "0301").set("toMunicipality", "4601").line());

        assertThat(recount.rejections()).isEmpty();
        assertThat(recount.regionsWithCounts()).containsExactlyInAnyOrder(municipality("0301"), municipality("4601"),
            county("03"), county("46"), centralityClass("1"), centralityClass("2"));
        assertThat(recount.cell(municipality("4601"), MARCH)).isEqualTo(new Cell(1, 0, 0, 0));
    }

    @Test
    void aRedeliveredEventCountsOnce() {
        String immigration = event("E1", "IMMIGRATION").set("toMunicipality", "0301").line();

        RegisterRecount recount = recount(immigration, immigration);

        assertThat(recount.cell(municipality("0301"), MARCH)).isEqualTo(new Cell(0, 0, 1, 0));
        assertThat(recount.redeliveries()).isEqualTo(1);
    }

    @Test
    void theVersionRecordedLastCountsWhateverTheOrderInTheFile() {
        String original = move("E1", "0301", "3024").set("recordedAt", "2021-03-20T10:00:00Z").line();
        String correction = move("E9", "0301", "4601").set("registration", "CORRECTION").set("correctsEventId", "E1")
            .set("recordedAt", "2021-04-02T10:00:00Z").line();

        for (List<String> order : List.of(List.of(original, correction), List.of(correction, original))) {
            RegisterRecount recount = RegisterRecount.of(order, CATALOG);
            assertThat(recount.cell(municipality("4601"), MARCH)).isEqualTo(new Cell(1, 0, 0, 0));
            assertThat(recount.cell(municipality("3201"), MARCH)).isEqualTo(Cell.ZERO);
            assertThat(recount.cell(municipality("0301"), MARCH)).isEqualTo(new Cell(0, 1, 0, 0));
            assertThat(recount.corrections()).isEqualTo(1);
        }
    }

    @Test
    void aCorrectionRecordedBeforeTheOriginalDoesNotReplaceIt() {
        RegisterRecount recount = recount(
            move("E1", "0301", "3024").set("recordedAt", "2021-04-02T10:00:00Z").line(),
            move("E9", "0301", "4601").set("registration", "CORRECTION").set("correctsEventId", "E1")
                .set("recordedAt", "2021-03-20T10:00:00Z").line());

        assertThat(recount.cell(municipality("3201"), MARCH)).isEqualTo(new Cell(1, 0, 0, 0));
        assertThat(recount.cell(municipality("4601"), MARCH)).isEqualTo(Cell.ZERO);
    }

    @Test
    void onEqualRecordingTimesTheLargerEventIdWins() {
        RegisterRecount recount = recount(
            move("E5", "0301", "3024").line(),
            move("E4", "0301", "4601").set("registration", "CORRECTION").set("correctsEventId", "E5").line());

        assertThat(recount.cell(municipality("3201"), MARCH)).isEqualTo(new Cell(1, 0, 0, 0));
        assertThat(recount.cell(municipality("4601"), MARCH)).isEqualTo(Cell.ZERO);
    }

    @Test
    void anAnnulmentTakesBackItsOriginalAndIsNeverRejectedForItsCodes() {
        RegisterRecount recount = recount(
            event("E1", "EMIGRATION").set("fromMunicipality", "0301").line(),
            event("E2", "EMIGRATION").set("registration", "ANNULMENT").set("correctsEventId", "E1")
                .set("fromMunicipality", "9999").set("recordedAt", "2021-04-01T00:00:00Z").line());

        assertThat(recount.regionsWithCounts()).isEmpty();
        assertThat(recount.rejections()).isEmpty();
        assertThat(recount.countedAnnulments()).isEqualTo(1);
    }

    @Test
    void eventsBreakingARuleAreRejectedOncePerDeliveryWithAHintAtTheReason() {
        String unknownCode = move("E1", "1201", "9999").line();
        RegisterRecount recount = recount(
            unknownCode,
            unknownCode,
            event("E2", "ADOPTION").set("toMunicipality", "0301").line(),
            event("E3", "IMMIGRATION").set("toMunicipality", "0301").set("correctsEventId", "E0").line(),
            event("E4", "IMMIGRATION").set("toMunicipality", "0301").set("registration", "CORRECTION").line(),
            event("E5", "IMMIGRATION").set("toMunicipality", "0301").set("eventDate", "2021-03-30").line(),
            event("E6", "IMMIGRATION").set("toMunicipality", "0301").set("birthDate", "2021-03-11").line(),
            event("E7", "IMMIGRATION").line(),
            event("E8", "EMIGRATION").line());

        assertThat(recount.rejections()).extracting(RegisterRecount.Rejection::eventId, RegisterRecount.Rejection::reasonHint)
            .containsExactly(
                tuple("E1", "9999"),
                tuple("E1", "9999"),
                tuple("E2", "event type"),
                tuple("E3", "correctsEventId"),
                tuple("E4", "correctsEventId"),
                tuple("E5", "future"),
                tuple("E6", "birth date"),
                tuple("E7", "toMunicipality"),
                tuple("E8", "fromMunicipality"));
        assertThat(recount.rejections().get(0).lineNumber()).isEqualTo(1);
        assertThat(recount.regionsWithCounts()).isEmpty();
    }

    @Test
    void linesThatAreNotReadableEventsAreMalformedAndBlankLinesAreSkipped() {
        RegisterRecount recount = recount(
            "{\"eventId\": \"E1\", \"personId\": ",
            "",
            event("E2", "IMMIGRATION").set("toMunicipality", "0301").remove("eventDate").line(),
            event("E3", "IMMIGRATION").set("toMunicipality", "0301").set("eventDate", "2021-13-01").line(),
            event("E4", "IMMIGRATION").set("toMunicipality", "0301").set("registration", "REVISION").line(),
            "[1, 2, 3]",
            event("E5", "IMMIGRATION").set("toMunicipality", "0301").line());

        assertThat(recount.malformedLines()).containsExactly(1L, 3L, 4L, 5L, 6L);
        assertThat(recount.cell(municipality("0301"), MARCH)).isEqualTo(new Cell(0, 0, 1, 0));
    }

    @Test
    void theMonthRangeCoversEveryEventDate() {
        RegisterRecount recount = recount(
            event("E1", "IMMIGRATION").set("toMunicipality", "0301").set("eventDate", "2019-11-30").line(),
            event("E2", "IMMIGRATION").set("toMunicipality", "0301").line());

        assertThat(recount.firstMonth()).isEqualTo(YearMonth.of(2019, 11));
        assertThat(recount.lastMonth()).isEqualTo(MARCH);
        assertThat(recount.total(municipality("0301"), YearMonth.of(2019, 1), MARCH)).isEqualTo(new Cell(0, 0, 2, 0));
    }

    @Test
    void theEdgeCaseSampleExercisesEveryRule(@TempDir Path dir) throws IOException {
        RegisterRecount recount = RegisterRecount.of(EdgeCaseSample.extractTo(dir).resolve("events.jsonl"), CATALOG);

        assertThat(recount.redeliveries()).as("redeliveries").isPositive();
        assertThat(recount.corrections()).as("corrections").isPositive();
        assertThat(recount.countedAnnulments()).as("annulled events").isPositive();
        assertThat(recount.movesInsideAMunicipality()).as("moves inside a municipality").isPositive();
        assertThat(recount.historicCodes()).as("pre-2024 codes").isNotEmpty();
        assertThat(recount.rejections()).as("rejected events").isNotEmpty();
        assertThat(recount.malformedLines()).as("malformed lines").isNotEmpty();
        assertThat(recount.regionsWithCounts()).extracting(Region::type).contains(RegionType.values());
    }

    // ---------------------------------------------------------------------------------------------- fixtures

    private static RegisterRecount recount(String... lines) {
        return RegisterRecount.of(List.of(lines), CATALOG);
    }

    private static Region municipality(String code) {
        return new Region(RegionType.MUNICIPALITY, code);
    }

    private static Region county(String code) {
        return new Region(RegionType.COUNTY, code);
    }

    private static Region centralityClass(String code) {
        return new Region(RegionType.CENTRALITY_CLASS, code);
    }

    private static EventJson move(String eventId, String from, String to) {
        return event(eventId, "MOVE").set("fromMunicipality", from).set("toMunicipality", to);
    }

    /** A valid NEW event dated 2021-03-10, recorded 2021-03-15, by a person born 1980-01-01. */
    private static EventJson event(String eventId, String type) {
        ObjectNode node = JSON.createObjectNode()
            .put("eventId", eventId)
            .put("personId", "P-" + eventId)
            .put("eventType", type)
            .put("registration", "NEW")
            .putNull("correctsEventId")
            .put("eventDate", "2021-03-10")
            .put("recordedAt", "2021-03-15T09:30:00Z")
            .putNull("fromMunicipality")
            .putNull("toMunicipality");
        node.putObject("person").put("birthDate", "1980-01-01").put("sex", "FEMALE");
        return new EventJson(node);
    }

    private record EventJson(ObjectNode node) {
        EventJson set(String field, String value) {
            (field.equals("birthDate") ? (ObjectNode) node.get("person") : node).put(field, value);
            return this;
        }

        EventJson remove(String field) {
            node.remove(field);
            return this;
        }

        String line() {
            return node.toString();
        }
    }
}
