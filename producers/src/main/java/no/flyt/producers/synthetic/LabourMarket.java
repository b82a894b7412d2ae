package no.flyt.producers.synthetic;

import no.flyt.reference.UnemploymentRates;

/**
 * The local labour market of each municipality as the employment model sees it: the unemployment rate of the shipped
 * reference file {@link UnemploymentRates} (synthetic: no per-municipality labour-market figures are among the published
 * data; see reference-data/README.md), so that statistics broken down by that file's rate see the rate the data were
 * generated with.
 */
final class LabourMarket {

    private final double[] unemployment;
    private final double mean;

    LabourMarket(MunicipalityTable table, UnemploymentRates rates) {
        unemployment = new double[table.size()];
        double sum = 0;
        for (int i = 0; i < table.size(); i++) {
            String code = table.code2024(i);
            unemployment[i] = rates.percent(code)
                .orElseThrow(() -> new IllegalStateException("no unemployment rate for municipality " + code));
            sum += unemployment[i];
        }
        mean = sum / table.size();
    }

    LabourMarket(MunicipalityTable table) {
        this(table, UnemploymentRates.bundled());
    }

    /** Unemployment in percent of the labour force. */
    double unemployment(int municipality) {
        return unemployment[municipality];
    }

    /**
     * Factor on a refugee's chance to find work: per percentage point of unemployment above the mean over the
     * municipalities, about 36 % lower for those with primary education or unknown and 18 % lower for the rest (the
     * pattern is clearest for refugees with little education).
     */
    double refugeeFactor(int municipality, boolean littleEducation) {
        return StrictMath.exp((littleEducation ? -0.45 : -0.2) * (unemployment[municipality] - mean));
    }
}
