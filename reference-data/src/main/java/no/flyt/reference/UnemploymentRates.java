package no.flyt.reference;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * An unemployment rate per 2024 municipality, in percent of the labour force, one rate for 2015–2024. <b>Synthetic:</b>
 * no per-municipality labour-market figure is among the sources flyt is built from, so this is the model the synthetic
 * register's employment is generated with (a base by centrality class, county terms and a fixed local term; see
 * {@code reference-data/README.md}), shipped so that statistics can be broken down by the same rate the data were made
 * with. Replace the resource with NAV's registered unemployment to use real figures.
 */
public final class UnemploymentRates {

    static final String RESOURCE = "/no/flyt/reference/unemployment-synthetic.csv";
    /** What the rates are, for anyone who shows them. */
    public static final String SOURCE = "synthetic model of flyt's generator (not a published figure)";

    private final Map<String, Double> byCode;
    private final double median;

    UnemploymentRates(Map<String, Double> byCode) {
        this.byCode = Map.copyOf(byCode);
        double[] sorted = byCode.values().stream().mapToDouble(Double::doubleValue).sorted().toArray();
        this.median = sorted.length == 0 ? Double.NaN
            : sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static UnemploymentRates bundled;

    public static synchronized UnemploymentRates bundled() {
        if (bundled == null) {
            Map<String, Double> byCode = new HashMap<>();
            for (ResourceCsv.Row row : ResourceCsv.read(ResourceCsv.class, RESOURCE, 2)) {
                double rate = Double.parseDouble(row.field(1));
                if (!(rate >= 0 && rate <= 100)) {
                    throw new IllegalStateException(RESOURCE + " line " + row.lineNumber() + ": rate " + rate + " is not a percentage");
                }
                if (byCode.put(row.field(0), rate) != null) {
                    throw new IllegalStateException(RESOURCE + " line " + row.lineNumber() + ": " + row.field(0) + " twice");
                }
            }
            bundled = new UnemploymentRates(byCode);
        }
        return bundled;
    }

    /** The rate of a 2024 municipality in percent; empty for a code that is not a 2024 municipality. */
    public OptionalDouble percent(String code2024) {
        Double rate = code2024 == null ? null : byCode.get(code2024);
        return rate == null ? OptionalDouble.empty() : OptionalDouble.of(rate);
    }

    /** The median over the municipalities (not weighted by population): the split between "low" and "high". */
    public double median() {
        return median;
    }

    /** Whether a municipality's rate is at or below the median (ties count as low). */
    public boolean atOrBelowMedian(String code2024) {
        return percent(code2024).orElseThrow(() -> new IllegalArgumentException("no unemployment rate for " + code2024)) <= median;
    }

    /** Number of municipalities with a rate. */
    public int size() {
        return byCode.size();
    }

    @Override
    public String toString() {
        return "UnemploymentRates[" + byCode.size() + " municipalities, median " + median + " %, " + SOURCE + "]";
    }

    static double[] sortedRates(UnemploymentRates rates) {
        double[] values = rates.byCode.values().stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(values);
        return values;
    }
}
