package no.flyt.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class UnemploymentRatesTest {

    private final UnemploymentRates rates = UnemploymentRates.bundled();
    private final MunicipalityCatalog catalog = MunicipalityCatalog.bundled();

    @Test
    void everyMunicipalityOf2024HasARateAndNothingElseDoes() {
        assertThat(rates.size()).isEqualTo(357);
        for (Municipality m : catalog.current()) {
            assertThat(rates.percent(m.getCode())).as(m.getCode()).isPresent();
            assertThat(rates.percent(m.getCode()).getAsDouble()).as(m.getCode()).isBetween(1.0, 5.0);
        }
        assertThat(rates.percent("3024")).as("an older code has no rate of its own").isEmpty();
        assertThat(rates.percent(null)).isEmpty();
    }

    @Test
    void followsTheModelItStatesCentralAndWeakCountiesHigher() {
        // model: class base 3.0 (class 1) ... 2.1 (class 6); Agder +0.6; Møre og Romsdal -0.3; local term within ±0.6
        double class1 = meanOf(1);
        double class6 = meanOf(6);
        assertThat(class1).isGreaterThan(class6 + 0.5);
        for (Municipality m : catalog.current()) {
            double base = new double[] {3.0, 2.8, 2.5, 2.3, 2.2, 2.1}[m.getCentralityClass() - 1];
            double county = Map.of("42", 0.6, "31", 0.6, "11", 0.4, "03", 0.3, "15", -0.3, "46", -0.3)
                .getOrDefault(m.getCountyCode(), 0.0);
            assertThat(rates.percent(m.getCode()).getAsDouble()).as(m.getCode())
                .isBetween(Math.max(1.0, base + county - 0.6) - 1e-9, base + county + 0.6 + 1e-9);
        }
    }

    @Test
    void theMedianSplitsTheMunicipalities() {
        double[] sorted = UnemploymentRates.sortedRates(rates);
        assertThat(rates.median()).isEqualTo(sorted[sorted.length / 2]);
        long low = catalog.current().stream().filter(m -> rates.atOrBelowMedian(m.getCode())).count();
        assertThat(low).isBetween(179L, 260L); // ties at the median count as low
        assertThatThrownBy(() -> rates.atOrBelowMedian("9999")).isInstanceOf(IllegalArgumentException.class);
        assertThat(UnemploymentRates.SOURCE).contains("synthetic");
    }

    private double meanOf(int centralityClass) {
        return catalog.current().stream().filter(m -> m.getCentralityClass() == centralityClass)
            .mapToDouble(m -> rates.percent(m.getCode()).getAsDouble()).average().orElseThrow();
    }
}
