package no.flyt.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DomainRulesTest {

    @Test
    void centralityClassBoundariesFollowKlass128() {
        assertThat(CentralityClass.ofIndex(1000)).isEqualTo(1);
        assertThat(CentralityClass.ofIndex(925)).isEqualTo(1);
        assertThat(CentralityClass.ofIndex(924)).isEqualTo(2);
        assertThat(CentralityClass.ofIndex(870)).isEqualTo(2);
        assertThat(CentralityClass.ofIndex(869)).isEqualTo(3);
        assertThat(CentralityClass.ofIndex(775)).isEqualTo(3);
        assertThat(CentralityClass.ofIndex(774)).isEqualTo(4);
        assertThat(CentralityClass.ofIndex(670)).isEqualTo(4);
        assertThat(CentralityClass.ofIndex(669)).isEqualTo(5);
        assertThat(CentralityClass.ofIndex(565)).isEqualTo(5);
        assertThat(CentralityClass.ofIndex(564)).isEqualTo(6);
        assertThat(CentralityClass.ofIndex(0)).isEqualTo(6);
        assertThatThrownBy(() -> CentralityClass.ofIndex(1001)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ageBandsUseWholeYearsOnTheDateAsked() {
        LocalDate born = LocalDate.of(2000, 6, 15);
        assertThat(AgeBand.of(born, LocalDate.of(2020, 6, 14))).isEqualTo(AgeBand.AGE_0_19);
        assertThat(AgeBand.of(born, LocalDate.of(2020, 6, 15))).isEqualTo(AgeBand.AGE_20_29);
        assertThat(AgeBand.ofAge(29)).isEqualTo(AgeBand.AGE_20_29);
        assertThat(AgeBand.ofAge(30)).isEqualTo(AgeBand.AGE_30_64);
        assertThat(AgeBand.ofAge(64)).isEqualTo(AgeBand.AGE_30_64);
        assertThat(AgeBand.ofAge(65)).isEqualTo(AgeBand.AGE_65_PLUS);
        assertThat(AgeBand.ofAge(104)).isEqualTo(AgeBand.AGE_65_PLUS);
        assertThatThrownBy(() -> AgeBand.ofAge(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void populationTotalsMatchSsb() {
        Population population = Population.bundled();
        assertThat(population.totalOnJanuary1(2024)).isEqualTo(5_550_203L);
        assertThat(population.totalOnJanuary1(2023)).isEqualTo(5_489_654L);
        assertThat(population.totalOnJanuary1(2022)).isEqualTo(5_425_947L);
        assertThat(population.onJanuary1("0301", 2022)).hasValue(699_827);
        assertThat(population.onJanuary1("0301", 2021)).isEmpty();
        assertThat(population.onJanuary1("9999", 2024)).isEmpty();
    }
}
