package no.flyt.producers.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.stream.IntStream;
import no.flyt.events.EducationLevel;
import no.flyt.events.ImmigrantCategory;
import no.flyt.events.ImmigrationReason;
import no.flyt.events.Sex;
import no.flyt.reference.MunicipalityCatalog;
import no.flyt.reference.Population;
import org.junit.jupiter.api.Test;

/** The building blocks of the model. */
class ModelPartsTest {

    static final MunicipalityTable TABLE = new MunicipalityTable(MunicipalityCatalog.bundled(), Population.bundled());

    @Test
    void aResidentGetsTheCodeValidOnTheDay() {
        int baerum = TABLE.index("3201");
        assertThat(TABLE.codeOn(baerum, Dates.day(2015, 1, 1))).isEqualTo("0219");
        assertThat(TABLE.codeOn(baerum, Dates.day(2019, 12, 31))).isEqualTo("0219");
        assertThat(TABLE.codeOn(baerum, Dates.day(2020, 1, 1))).isEqualTo("3024");
        assertThat(TABLE.codeOn(baerum, Dates.day(2023, 12, 31))).isEqualTo("3024");
        assertThat(TABLE.codeOn(baerum, Dates.day(2024, 1, 1))).isEqualTo("3201");
        // Trøndelag got new codes in 2018 (Stjørdal 1714 -> 5035)
        int stjordal = TABLE.index("5035");
        assertThat(TABLE.codeOn(stjordal, Dates.day(2017, 6, 1))).isEqualTo("1714");
        assertThat(TABLE.codeOn(stjordal, Dates.day(2018, 6, 1))).isEqualTo("5035");
    }

    @Test
    void formerVikenAndTheNearNeighboursOfOslo() {
        long viken = IntStream.range(0, TABLE.size()).filter(TABLE::isFormerViken).count();
        assertThat(viken).isEqualTo(51);
        assertThat(IntStream.range(0, TABLE.size()).filter(TABLE::isNearNeighbourOfOslo).count()).isEqualTo(5);
        assertThat(TABLE.isFormerViken(TABLE.osloIndex())).isFalse();
        assertThat(TABLE.isFormerViken(TABLE.index("3201"))).isTrue();
    }

    @Test
    void thePopulationPathMeetsThePublishedTotals() {
        assertThat(total(2015)).isCloseTo(5_165_802, org.assertj.core.data.Offset.offset(1.0));
        assertThat(total(2022)).isCloseTo(5_425_947, org.assertj.core.data.Offset.offset(1.0));
        assertThat(total(2024)).isCloseTo(5_550_203, org.assertj.core.data.Offset.offset(1.0));
        assertThat(TABLE.populationJan1(TABLE.osloIndex(), 2020)).isEqualTo(693_494);
        // central municipalities grew, peripheral ones shrank
        int class6 = IntStream.range(0, TABLE.size()).filter(i -> TABLE.centrality(i) == 6).findFirst().orElseThrow();
        assertThat(TABLE.populationJan1(class6, 2015)).isGreaterThan(TABLE.populationJan1(class6, 2022));
        int day = Dates.day(2018, 7, 2);
        assertThat(TABLE.populationTarget(TABLE.osloIndex(), day)).isBetween(673_469.0, 681_071.0);
    }

    private static double total(int year) {
        return IntStream.range(0, TABLE.size()).mapToDouble(i -> TABLE.populationJan1(i, year)).sum();
    }

    @Test
    void schedulesGiveTheExactYearlyCountWithTheSeasons() {
        int[] moves = Schedule.daily(2021, 10_000, Schedule.MOVES, true, Dates.lastDayOf(2021), new Rng(1));
        assertThat(Arrays.stream(moves).sum()).isEqualTo(10_000);
        int q3 = IntStream.range(181, 273).map(d -> moves[d]).sum();
        int q1 = IntStream.range(0, 90).map(d -> moves[d]).sum();
        assertThat(q3).isGreaterThan(q1 * 3 / 2);
        assertThat(moves[Dates.day(2021, 3, 1) - Dates.firstDayOf(2021)]).isGreaterThan(moves[Dates.day(2021, 3, 2) - Dates.firstDayOf(2021)]);

        int[] ukrainians = Schedule.daily(2022, 5_000, Schedule.UKRAINIANS_2022, false, Dates.lastDayOf(2022), new Rng(2));
        assertThat(IntStream.range(0, 31).map(d -> ukrainians[d]).sum()).isZero();

        int[] half = Schedule.daily(2020, 1_000, Schedule.FLAT, false, Dates.day(2020, 6, 30), new Rng(3));
        assertThat(Arrays.stream(half).sum()).isBetween(490, 510);
        assertThat(IntStream.range(Dates.day(2020, 7, 1) - Dates.firstDayOf(2020), half.length).map(d -> half[d]).sum()).isZero();
    }

    @Test
    void personsArePackedWithoutLosingAnything() {
        PersonTable persons = new PersonTable(4, TABLE.size());
        int birth = Dates.day(1987, 5, 17);
        int p = persons.add(birth, Sex.MALE, ImmigrantCategory.IMMIGRANT, Countries.indexOf("SY"), ImmigrationReason.REFUGE,
            EducationLevel.TERTIARY_LONG, false);
        persons.settleIn(p, 7);
        persons.setSettlement(p, 9, 2016);
        persons.setLastEventDay(p, Dates.day(2021, 3, 3));
        long word = persons.word(p);

        assertThat(PersonTable.birthDayOf(word)).isEqualTo(birth);
        assertThat(PersonTable.sexOf(word)).isEqualTo(Sex.MALE);
        assertThat(PersonTable.categoryOf(word)).isEqualTo(ImmigrantCategory.IMMIGRANT);
        assertThat(PersonTable.backgroundOf(word).name()).isEqualTo("REST_OF_WORLD");
        assertThat(PersonTable.reasonOf(word)).isEqualTo(ImmigrationReason.REFUGE);
        assertThat(PersonTable.municipalityOf(word)).isEqualTo(7);
        assertThat(PersonTable.settlementYearOf(word)).isEqualTo(2016);
        assertThat(persons.settlementMunicipality(p)).isEqualTo(9);
        assertThat(PersonTable.lastEventDayOf(word)).isEqualTo(Dates.day(2021, 3, 3));
        assertThat(Countries.code(PersonTable.countryOf(word))).isEqualTo("SY");
        assertThat(PersonTable.educationOn(word, Dates.day(2000, 1, 1))).isEqualTo(EducationLevel.UNKNOWN);
        assertThat(PersonTable.educationOn(word, Dates.day(2005, 1, 1))).isEqualTo(EducationLevel.PRIMARY);
        assertThat(PersonTable.educationOn(word, Dates.day(2007, 1, 1))).isEqualTo(EducationLevel.UPPER_SECONDARY);
        assertThat(PersonTable.educationOn(word, Dates.day(2015, 1, 1))).isEqualTo(EducationLevel.TERTIARY_LONG);
        assertThat(PersonTable.personId(p)).isEqualTo("P000000001");
    }

    @Test
    void residentsAreListedNationallyAndPerMunicipality() {
        PersonTable persons = new PersonTable(2, TABLE.size());
        int[] ids = new int[50];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = persons.add(Dates.day(1990, 1, 1), Sex.FEMALE, ImmigrantCategory.REST_OF_POPULATION, 0, null,
                EducationLevel.PRIMARY, false);
            persons.settleIn(ids[i], i % 2);
        }
        persons.moveTo(ids[0], 1);
        persons.leave(ids[1], PersonTable.DEAD);
        persons.leave(ids[2], PersonTable.EMIGRATED);

        assertThat(persons.residentCount()).isEqualTo(48);
        assertThat(persons.population(0)).isEqualTo(23);
        assertThat(persons.population(1)).isEqualTo(25);
        Rng rng = new Rng(5);
        for (int k = 0; k < 500; k++) {
            int p = persons.residentOf(0, rng);
            assertThat(persons.municipality(p)).isZero();
            assertThat(persons.status(persons.anyResident(rng))).isEqualTo(PersonTable.RESIDENT);
        }
        assertThatThrownBy(() -> persons.leave(ids[1], PersonTable.DEAD)).hasMessageContaining("not resident");
    }

    @Test
    void theRandomStreamsAreFixedBySeedAndName() {
        assertThat(Rng.stream(42, "select").nextLong()).isEqualTo(Rng.stream(42, "select").nextLong());
        assertThat(Rng.stream(42, "select").nextLong()).isNotEqualTo(Rng.stream(42, "choices").nextLong());
        Rng rng = new Rng(9);
        int[] buckets = new int[10];
        for (int i = 0; i < 100_000; i++) {
            buckets[rng.nextInt(10)]++;
        }
        assertThat(Arrays.stream(buckets).min().orElseThrow()).isGreaterThan(9_500);
        assertThat(Arrays.stream(buckets).max().orElseThrow()).isLessThan(10_500);
        // SplitMix64's first output for seed 0 (reference value of the algorithm)
        assertThat(new Rng(0).nextLong()).isEqualTo(0xe220a8397b1dcdafL);
    }

    @Test
    void modelParametersPreferPublishedFigures() {
        ModelParameters parameters = ModelParameters.bundled();
        assertThat(parameters.national("IMMIGRATIONS", 2024)).isEqualTo(66_077);
        assertThat(parameters.national("IMMIGRATIONS", 2022)).isEqualTo(90_500);
        assertThat(parameters.oslo("DOMESTIC_OUT", 2021)).isEqualTo(39_942);
        assertThat(parameters.all()).anyMatch(p -> p.basis().startsWith("published"))
            .anyMatch(p -> p.basis().startsWith("assumption"));
        assertThatThrownBy(() -> parameters.national("IMMIGRATIONS", 2030)).hasMessageContaining("model-parameters.csv");
        assertThat(LocalDate.ofEpochDay(Dates.firstDayOf(2020))).isEqualTo(LocalDate.of(2020, 1, 1));
    }
}
