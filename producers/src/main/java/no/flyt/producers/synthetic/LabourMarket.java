package no.flyt.producers.synthetic;

/**
 * A synthetic registered-unemployment rate per municipality (no per-municipality labour-market figures are among the
 * published data the generator is calibrated to). It varies by centrality class (central municipalities a little
 * higher), by a few counties with weaker labour markets in the period (Agder, Østfold, the oil region Rogaland) and
 * by a fixed per-municipality term derived from the code, between roughly 1.2 % and 4.5 %. It exists so that the
 * employment register can show the pattern the research questions ask about; it is not a published figure.
 */
final class LabourMarket {

    private static final double[] BY_CLASS = {3.0, 2.8, 2.5, 2.3, 2.2, 2.1};
    private static final double MEAN = 2.5;

    private final double[] unemployment;

    LabourMarket(MunicipalityTable table) {
        unemployment = new double[table.size()];
        for (int i = 0; i < table.size(); i++) {
            String code = table.code2024(i);
            double county = switch (table.county(i)) {
                case "42", "31" -> 0.6;
                case "11" -> 0.4;
                case "03" -> 0.3;
                case "15", "46" -> -0.3;
                default -> 0.0;
            };
            // A fixed local term in [-0.6, 0.6] from the code, so that neighbours differ.
            double local = (Math.floorMod(code.hashCode() * 31 + 7, 13) - 6) / 10.0;
            unemployment[i] = Math.max(1.0, BY_CLASS[table.centrality(i) - 1] + county + local);
        }
    }

    /** Registered unemployment in percent of the labour force. */
    double unemployment(int municipality) {
        return unemployment[municipality];
    }

    /** Factor on a refugee's chance to find work: about 30 % lower per percentage point of unemployment above the mean. */
    double refugeeFactor(int municipality) {
        return StrictMath.exp(-0.35 * (unemployment[municipality] - MEAN));
    }
}
