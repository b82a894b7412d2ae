package no.flyt.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MunicipalityCatalogTest {

    private final MunicipalityCatalog catalog = MunicipalityCatalog.bundled();

    @Test
    void has357MunicipalitiesOf2024WithSsbClassCounts() {
        assertThat(catalog.current()).hasSize(357);
        Map<Integer, Long> perClass = catalog.current().stream()
            .collect(Collectors.groupingBy(Municipality::getCentralityClass, Collectors.counting()));
        // KLASS 128, 2024 version: 5 / 21 / 54 / 65 / 104 / 108
        assertThat(perClass).containsExactlyInAnyOrderEntriesOf(Map.of(1, 5L, 2, 21L, 3, 54L, 4, 65L, 5, 104L, 6, 108L));
        assertThat(catalog.current()).allSatisfy(m ->
            assertThat(CentralityClass.ofIndex(m.getCentralityIndex())).isEqualTo(m.getCentralityClass()));
    }

    @Test
    void mapsOldCodesToTheir2024Municipality() {
        assertThat(catalog.code2024("0219")).contains("3201");   // Bærum before 2020
        assertThat(catalog.code2024("3024")).contains("3201");   // Bærum 2020-2023
        assertThat(catalog.code2024("0301")).contains("0301");   // Oslo never changed
        assertThat(catalog.code2024("1507")).contains("1508");   // Ålesund 2020-2023
        assertThat(catalog.code2024("1534")).contains("1580");   // Haram before 2020
        assertThat(catalog.code2024("9999")).isEmpty();
        assertThat(catalog.code2024("2111")).isEmpty();          // Svalbard has no municipality
        assertThat(catalog.all()).allSatisfy(m -> assertThat(catalog.byCode(m.getCode2024())).isPresent());
    }

    /**
     * Every municipality that the KLASS 131 change list splits between several successors counts under the
     * successor that received its administrative centre (reference-data/README.md gives the sources).
     */
    @Test
    void splitMunicipalitiesCountUnderTheSuccessorWithTheAdministrativeCentre() {
        assertThat(catalog.code2024("1850")).as("Tysfjord (split 2020): its centre Kjøpsvik lies in Narvik, not Hamarøy")
            .contains("1806");
        assertThat(catalog.code2024("5012")).as("Snillfjord (split 2020): its centre Krokstadøra lies in Orkland, not Heim or Hitra")
            .contains("5059");
        assertThat(catalog.code2024("1613")).as("Snillfjord before 2018, the same territory: Krokstadøra, Orkland")
            .contains("5059");
        assertThat(catalog.code2024("1507")).as("Ålesund 2020-2023 (split 2024): the town of Ålesund stayed in Ålesund; Haram's centre is Brattvåg")
            .contains("1508");
        assertThat(catalog.code2024("0720")).as("Stokke (split 2017): its centre Stokke lies in Sandefjord; only Vear went to Tønsberg")
            .contains("3907");
        // The successors keep their own codes as the code a resident had before the split.
        assertThat(catalog.codeValidOn("1806", LocalDate.of(2019, 6, 1))).as("Narvik's own code, not Tysfjord's").isEqualTo("1805");
        assertThat(catalog.codeValidOn("1875", LocalDate.of(2019, 6, 1))).isEqualTo("1849");
    }

    @Test
    void countyAndPopulationComeFromThe2024Municipality() {
        Municipality oldBaerum = catalog.byCode("0219").orElseThrow();
        assertThat(oldBaerum.getCountyCode()).isEqualTo("32");
        assertThat(oldBaerum.getCentralityClass()).isEqualTo(1);
        assertThat(catalog.current().stream().mapToLong(Municipality::getPopulation2024).sum()).isEqualTo(5_550_203L);
    }

    @Test
    void givesTheCodeValidOnADate() {
        assertThat(catalog.codeValidOn("3201", LocalDate.of(2019, 12, 31))).isEqualTo("0219");
        assertThat(catalog.codeValidOn("3201", LocalDate.of(2020, 1, 1))).isEqualTo("3024");
        assertThat(catalog.codeValidOn("3201", LocalDate.of(2024, 1, 1))).isEqualTo("3201");
        assertThat(catalog.codeValidOn("0301", LocalDate.of(2015, 6, 1))).isEqualTo("0301");
        // Haram was part of Ålesund from 2020 to 2023
        assertThat(catalog.codeValidOn("1580", LocalDate.of(2021, 5, 1))).isEqualTo("1507");
        assertThat(catalog.codeValidOn("1580", LocalDate.of(2018, 5, 1))).isEqualTo("1534");
        // Trøndelag's codes changed when the county was formed in 2018
        assertThat(catalog.codeValidOn("5001", LocalDate.of(2016, 7, 1))).isEqualTo("1601");
        assertThat(catalog.codeValidOn("5001", LocalDate.of(2018, 1, 1))).isEqualTo("5001");
        // Drammen 2020 was formed from Drammen, Nedre Eiker and Svelvik: the namesake is chosen
        assertThat(catalog.codeValidOn("3301", LocalDate.of(2017, 3, 1))).isEqualTo("0602");
    }

    @Test
    void everyMunicipalityOf2024HasACodeOnEveryDateOfTheDecade() {
        for (LocalDate date = LocalDate.of(2015, 1, 1); date.isBefore(LocalDate.of(2025, 1, 1)); date = date.plusMonths(6)) {
            for (Municipality m : catalog.current()) {
                String code = catalog.codeValidOn(m.getCode(), date);
                assertThat(catalog.isValidOn(code, date)).as("%s on %s", code, date).isTrue();
            }
        }
    }

    @Test
    void validityBoundaries() {
        assertThat(catalog.isValidOn("0219", LocalDate.of(2019, 12, 31))).isTrue();
        assertThat(catalog.isValidOn("0219", LocalDate.of(2020, 1, 1))).isFalse();
        assertThat(catalog.isValidOn("3024", LocalDate.of(2023, 12, 31))).isTrue();
        assertThat(catalog.isValidOn("3024", LocalDate.of(2024, 1, 1))).isFalse();
        assertThat(catalog.isValidOn("nope", LocalDate.of(2024, 1, 1))).isFalse();
    }

    @Test
    void unknown2024CodeIsRejected() {
        assertThatThrownBy(() -> catalog.codeValidOn("9999", LocalDate.of(2020, 1, 1)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("9999");
    }
}
