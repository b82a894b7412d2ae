package no.flyt.producers.synthetic;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import no.flyt.events.ImmigrantCategory;
import no.flyt.producers.io.EventSetManifest;
import no.flyt.reference.CentralityClass;
import no.flyt.reference.MunicipalityCatalog;
import no.flyt.reference.Population;

/**
 * Recounts a generated event set and sets every published figure of {@code calibration-targets.csv} (and SSB's
 * municipality populations 2022-2024) against the generated value, scaled up to full size.
 *
 * <p>Tolerance: 5 % at full scale. A set generated at scale {@code s} is in effect a thinned sample of the full
 * population, so a count whose full-scale value is {@code N} carries a relative standard error of about
 * {@code sqrt((1 - s) / (N s))}; the tolerance adds three of those to the 5 % (for net figures and shares, the
 * standard error of the difference or ratio). At scale 1.0 the extra term vanishes.
 *
 * <pre>{@code
 * CalibrationReport report = CalibrationReport.of(Path.of("sample"));
 * System.out.println(report.format());
 * if (!report.failures().isEmpty()) ...
 * }</pre>
 */
public final class CalibrationReport {

    public static final double FULL_SCALE_TOLERANCE = 0.05;
    public static final double SIGMAS = 3.0;

    /** How a figure came out. */
    public enum Status {
        /** Calibrated and within tolerance. */
        OK,
        /** Calibrated and outside tolerance. */
        OFF,
        /** Published for comparison only: not asserted. */
        COMPARED,
        /** The set does not cover the figure's period. */
        NOT_COVERED
    }

    /**
     * One published figure against the generated value.
     *
     * @param generated     the generated value scaled to full size (a share for shares)
     * @param relativeError (generated - published) / published
     * @param tolerance     the allowed relative error at the set's scale
     */
    public record Row(PublishedFigure figure, double generated, double relativeError, double tolerance, Status status) {
    }

    /** How close the generated municipality populations are to SSB's on 1 January of a year. */
    public record MunicipalityFit(int year, double weightedMeanAbsoluteError, double shareWithin5Percent,
                                  String worstMunicipality, double worstError) {
    }

    /**
     * Where refugees were settled, by centrality class of the settling municipality: IMDi's settlements against the
     * generated ones of the same period, as shares of the period's settlements (index 0 = class 1).
     *
     * @param ukrainians Ukrainians with collective protection only, or all refugees
     */
    public record SettlementByClass(String period, boolean ukrainians, double[] published, double[] generated, long generatedCount) {

        /** The largest difference between a published and a generated class share, in share points. */
        public double largestDifference() {
            double largest = 0;
            for (int c = 0; c < published.length; c++) {
                largest = Math.max(largest, Math.abs(published[c] - generated[c]));
            }
            return largest;
        }
    }

    private final Path directory;
    private final double scale;
    private final Long seed;
    private final List<Row> rows;
    private final List<MunicipalityFit> municipalityFits;
    private final List<SettlementByClass> settlementsByClass;
    private final long baselinePersons;
    private final long newEvents;
    private final long corrections;
    private final long annulments;
    private final long malformed;

    private CalibrationReport(Path directory, double scale, Long seed, List<Row> rows, List<MunicipalityFit> fits,
                              List<SettlementByClass> settlementsByClass, EventSetRecount recount) {
        this.directory = directory;
        this.scale = scale;
        this.seed = seed;
        this.rows = List.copyOf(rows);
        this.municipalityFits = List.copyOf(fits);
        this.settlementsByClass = List.copyOf(settlementsByClass);
        this.baselinePersons = recount.baselinePersons();
        this.newEvents = recount.newEvents();
        this.corrections = recount.corrections();
        this.annulments = recount.annulments();
        this.malformed = recount.malformed();
    }

    /** Recounts the event set in {@code directory} (either format) and compares it with the published figures. */
    public static CalibrationReport of(Path directory) throws IOException {
        MunicipalityCatalog catalog = MunicipalityCatalog.bundled();
        EventSetRecount recount = EventSetRecount.of(directory, catalog);
        Optional<EventSetManifest> manifest = EventSetManifest.find(directory);
        double national2015 = ModelParameters.bundled().national("POPULATION_JAN1", 2015);
        double scale = manifest.map(EventSetManifest::scale).filter(s -> s != null && s > 0)
            .orElse(recount.baselinePersons() / national2015);
        LocalDate end = manifest.map(EventSetManifest::periodTo).map(LocalDate::parse).orElse(GeneratorSettings.LAST_DATE);
        List<PublishedFigure> figures = new ArrayList<>(CalibrationTargets.bundled().all());
        Population population = Population.bundled();
        for (int year = 2022; year <= 2023; year++) {
            figures.add(new PublishedFigure("POPULATION_JAN1", Integer.toString(year), PublishedFigure.NORWAY,
                population.totalOnJanuary1(year), "exact", "calibrate", "SSB", "SSB table 07459 (flyt reference data)",
                "sum of the 357 municipalities"));
        }
        List<Row> rows = new ArrayList<>();
        for (PublishedFigure figure : figures) {
            rows.add(row(figure, recount, scale, end));
        }
        List<MunicipalityFit> fits = new ArrayList<>();
        for (int year = 2022; year <= 2024; year++) {
            if (!LocalDate.of(year, 1, 1).isAfter(end.plusDays(1))) {
                fits.add(fit(year, recount, population, scale));
            }
        }
        List<SettlementByClass> settlements = new ArrayList<>();
        for (int year = 2022; year <= 2024; year++) {
            // IMDi's 2024 figures run to about 27 November (refugee-settlement-by-municipality.csv)
            LocalDate from = LocalDate.of(year, 1, 1);
            LocalDate to = year == 2024 ? LocalDate.of(2024, 11, 27) : LocalDate.of(year, 12, 31);
            if (!to.isAfter(end)) {
                settlements.add(settlementByClass(from, to, true, recount, catalog));
                settlements.add(settlementByClass(from, to, false, recount, catalog));
            }
        }
        return new CalibrationReport(directory, scale, manifest.map(EventSetManifest::seed).orElse(null), rows, fits,
            settlements, recount);
    }

    private static SettlementByClass settlementByClass(LocalDate from, LocalDate to, boolean ukrainians, EventSetRecount r,
                                                       MunicipalityCatalog catalog) {
        double[] published = new double[CentralityClass.LEAST_CENTRAL];
        for (List<String> row : Csv.readResource("refugee-settlement-by-municipality.csv")) {
            if (Integer.parseInt(row.get(1)) == from.getYear()) {
                int centrality = catalog.byCode(row.get(0)).orElseThrow().getCentralityClass();
                published[centrality - 1] += Double.parseDouble(row.get(ukrainians ? 3 : 2));
            }
        }
        double[] generated = new double[CentralityClass.LEAST_CENTRAL];
        String[] codes = r.codes2024();
        long[] settled = r.settlementsByMunicipality(ukrainians, from, to);
        long count = 0;
        for (int m = 0; m < codes.length; m++) {
            generated[catalog.byCode(codes[m]).orElseThrow().getCentralityClass() - 1] += settled[m];
            count += settled[m];
        }
        String period = to.getMonthValue() == 12 && to.getDayOfMonth() == 31 ? Integer.toString(from.getYear()) : from + "/" + to;
        return new SettlementByClass(period, ukrainians, shares(published), shares(generated), count);
    }

    private static double[] shares(double[] counts) {
        double total = 0;
        for (double c : counts) {
            total += c;
        }
        double[] shares = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            shares[i] = total == 0 ? 0 : counts[i] / total;
        }
        return shares;
    }

    private static Row row(PublishedFigure f, EventSetRecount r, double scale, LocalDate end) {
        boolean stock = f.figure().endsWith("_JAN1");
        LocalDate needed = stock ? LocalDate.of(Integer.parseInt(f.period().substring(0, 4)), 1, 1).minusDays(1) : f.to();
        if (needed.isAfter(end) || f.from().isBefore(EventSetRecount.FIRST_DAY) && !stock) {
            return new Row(f, Double.NaN, Double.NaN, Double.NaN, Status.NOT_COVERED);
        }
        Value value = value(f, r, scale);
        if (value == null) {
            return new Row(f, Double.NaN, Double.NaN, Double.NaN, Status.NOT_COVERED);
        }
        double error = f.value() == 0 ? value.generated : (value.generated - f.value()) / Math.abs(f.value());
        double tolerance = FULL_SCALE_TOLERANCE + SIGMAS * value.relativeStandardError;
        Status status;
        if (!f.isCalibrated()) {
            status = Status.COMPARED;
        } else if (f.isLowerBound()) {
            status = error >= -tolerance ? Status.OK : Status.OFF;
        } else {
            status = Math.abs(error) <= tolerance ? Status.OK : Status.OFF;
        }
        return new Row(f, value.generated, error, tolerance, status);
    }

    /** A generated value at full size and its relative standard error from sampling at the set's scale. */
    private record Value(double generated, double relativeStandardError) {
    }

    private static Value count(long n, double scale) {
        double full = n / scale;
        return new Value(full, relativeStandardError(full, scale));
    }

    /** Relative standard error of a count whose full-scale value is {@code full}, thinned to {@code scale}. */
    static double relativeStandardError(double full, double scale) {
        return Math.sqrt((1 - scale) / Math.max(1.0, full * scale));
    }

    /** The tolerance of a calibrated count: 5 % plus three standard errors of sampling at {@code scale}. */
    public static double toleranceForCount(double fullScaleValue, double scale) {
        return FULL_SCALE_TOLERANCE + SIGMAS * relativeStandardError(fullScaleValue, scale);
    }

    private static Value difference(long a, long b, double scale) {
        double net = (a - b) / scale;
        double se = Math.sqrt((1 - scale) * (a + b)) / scale;
        return new Value(net, se / Math.max(1.0, Math.abs(net)));
    }

    private static Value share(long part, long whole, double scale) {
        if (whole == 0) {
            return new Value(0, 1);
        }
        double p = part / (double) whole;
        double se = Math.sqrt((1 - scale) * p * (1 - p) / whole);
        return new Value(p, se / Math.max(p, 1e-9));
    }

    private static Value stock(long n, double scale) {
        double full = n / scale;
        return new Value(full, relativeStandardError(full, scale));
    }

    private static Value value(PublishedFigure f, EventSetRecount r, double scale) {
        LocalDate from = f.from();
        LocalDate to = f.to();
        boolean oslo = f.region().equals(MunicipalityTable.OSLO);
        if (!oslo && !f.region().equals(PublishedFigure.NORWAY)) {
            return null;
        }
        int year = from.getYear();
        EventSetRecount.Flow births = oslo ? EventSetRecount.Flow.OSLO_BIRTHS : EventSetRecount.Flow.BIRTHS;
        EventSetRecount.Flow deaths = oslo ? EventSetRecount.Flow.OSLO_DEATHS : EventSetRecount.Flow.DEATHS;
        EventSetRecount.Flow immigrations = oslo ? EventSetRecount.Flow.OSLO_IMMIGRATIONS : EventSetRecount.Flow.IMMIGRATIONS;
        EventSetRecount.Flow emigrations = oslo ? EventSetRecount.Flow.OSLO_EMIGRATIONS : EventSetRecount.Flow.EMIGRATIONS;
        return switch (f.figure()) {
            case "BIRTHS" -> count(r.sum(births, from, to), scale);
            case "DEATHS" -> count(r.sum(deaths, from, to), scale);
            case "NATURAL_INCREASE" -> difference(r.sum(births, from, to), r.sum(deaths, from, to), scale);
            case "IMMIGRATIONS" -> count(r.sum(immigrations, from, to), scale);
            case "EMIGRATIONS" -> count(r.sum(emigrations, from, to), scale);
            case "NET_IMMIGRATION" -> difference(r.sum(immigrations, from, to), r.sum(emigrations, from, to), scale);
            case "MOVES_BETWEEN_MUNICIPALITIES", "MOVES_WITHIN_MUNICIPALITIES", "MOVES_BETWEEN_COUNTIES",
                 "MOVES_BETWEEN_REGIONS", "REFUGEES_SETTLED", "UKRAINIANS_SETTLED", "UKRAINIAN_IMMIGRATIONS",
                 "UKRAINIAN_EMIGRATIONS" -> count(r.sum(EventSetRecount.Flow.valueOf(f.figure()), from, to), scale);
            // UDI counts arrivals (applications for protection); the register has only the immigrations it recorded,
            // fewer than the arrivals: the arrivals are compared with them.
            case "UKRAINIAN_ARRIVALS" -> count(r.sum(EventSetRecount.Flow.UKRAINIAN_IMMIGRATIONS, from, to), scale);
            case "UKRAINIAN_NET_IMMIGRATION" -> difference(r.sum(EventSetRecount.Flow.UKRAINIAN_IMMIGRATIONS, from, to),
                r.sum(EventSetRecount.Flow.UKRAINIAN_EMIGRATIONS, from, to), scale);
            case "DOMESTIC_IN" -> count(r.sum(EventSetRecount.Flow.OSLO_DOMESTIC_IN, from, to), scale);
            case "DOMESTIC_OUT" -> count(r.sum(EventSetRecount.Flow.OSLO_DOMESTIC_OUT, from, to), scale);
            case "NET_DOMESTIC" -> difference(r.sum(EventSetRecount.Flow.OSLO_DOMESTIC_IN, from, to),
                r.sum(EventSetRecount.Flow.OSLO_DOMESTIC_OUT, from, to), scale);
            case "NET_MIGRATION" -> difference(
                r.sum(EventSetRecount.Flow.OSLO_DOMESTIC_IN, from, to) + r.sum(immigrations, from, to),
                r.sum(EventSetRecount.Flow.OSLO_DOMESTIC_OUT, from, to) + r.sum(emigrations, from, to), scale);
            case "OUT_MIGRATION_INCL_EMIGRATION" -> count(
                r.sum(EventSetRecount.Flow.OSLO_DOMESTIC_OUT, from, to) + r.sum(emigrations, from, to), scale);
            case "DOMESTIC_OUT_SHARE_TO_FORMER_VIKEN" -> share(r.sum(EventSetRecount.Flow.OSLO_OUT_TO_FORMER_VIKEN, from, to),
                r.sum(EventSetRecount.Flow.OSLO_DOMESTIC_OUT, from, to), scale);
            case "DOMESTIC_OUT_SHARE_TO_NEAR_NEIGHBOURS" -> share(r.sum(EventSetRecount.Flow.OSLO_OUT_TO_NEAR_NEIGHBOURS, from, to),
                r.sum(EventSetRecount.Flow.OSLO_DOMESTIC_OUT, from, to), scale);
            case "POPULATION_JAN1" -> stock(oslo ? r.population(MunicipalityTable.OSLO, year) : r.nationalPopulation(year), scale);
            case "POPULATION_GROWTH" -> oslo
                ? difference(r.population(MunicipalityTable.OSLO, year + 1), r.population(MunicipalityTable.OSLO, year), scale)
                : difference(r.nationalPopulation(year + 1), r.nationalPopulation(year), scale);
            case "IMMIGRANTS_JAN1" -> oslo ? stock(r.osloPopulation(ImmigrantCategory.IMMIGRANT, year), scale) : null;
            case "NORWEGIAN_BORN_TO_IMMIGRANT_PARENTS_JAN1" ->
                oslo ? stock(r.osloPopulation(ImmigrantCategory.NORWEGIAN_BORN_TWO_IMMIGRANT_PARENTS, year), scale) : null;
            case "IMMIGRANT_BACKGROUND_JAN1" -> oslo ? stock(r.osloPopulation(ImmigrantCategory.IMMIGRANT, year)
                + r.osloPopulation(ImmigrantCategory.NORWEGIAN_BORN_TWO_IMMIGRANT_PARENTS, year), scale) : null;
            default -> null;
        };
    }

    private static MunicipalityFit fit(int year, EventSetRecount r, Population population, double scale) {
        double weightedError = 0;
        double weights = 0;
        int within = 0;
        int compared = 0;
        String worst = null;
        double worstError = 0;
        long alesundAndHaram = 0;
        for (String code : r.codes2024()) {
            double published = population.onJanuary1(code, year).orElse(0);
            double generated = r.population(code, year) / scale;
            if (year < 2024 && (code.equals("1508") || code.equals("1580"))) {
                // SSB counts Haram inside Ålesund before 2024: compare the two together.
                alesundAndHaram += r.population(code, year);
                if (code.equals("1508")) {
                    continue;
                }
                published = population.onJanuary1("1508", year).orElse(0) + population.onJanuary1("1580", year).orElse(0);
                generated = alesundAndHaram / scale;
                code = "1508+1580";
            }
            if (published <= 0) {
                continue;
            }
            double error = (generated - published) / published;
            weightedError += Math.abs(error) * published;
            weights += published;
            compared++;
            if (Math.abs(error) <= 0.05) {
                within++;
            }
            if (Math.abs(error) > Math.abs(worstError)) {
                worstError = error;
                worst = code;
            }
        }
        return new MunicipalityFit(year, weightedError / weights, within / (double) compared, worst, worstError);
    }

    public Path directory() {
        return directory;
    }

    public double scale() {
        return scale;
    }

    public List<Row> rows() {
        return rows;
    }

    /** Calibrated figures outside their tolerance. */
    public List<Row> failures() {
        return rows.stream().filter(r -> r.status() == Status.OFF).toList();
    }

    public List<MunicipalityFit> municipalityFits() {
        return municipalityFits;
    }

    /** Refugee settlements by centrality class against IMDi's, 2022-2024 (as far as the set covers). */
    public List<SettlementByClass> settlementsByClass() {
        return settlementsByClass;
    }

    /** The report as a plain-text table. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Calibration of %s (scale %s%s): %,d baseline persons, %,d events "
                + "(%,d corrections, %,d annulments)%n", directory, scale, seed == null ? "" : ", seed " + seed,
            baselinePersons, newEvents + corrections + annulments, corrections, annulments));
        if (malformed > 0) {
            sb.append(String.format(Locale.ROOT, "%,d malformed lines were skipped.%n", malformed));
        }
        sb.append("Generated values are scaled to full size. Tolerance: 5 % + 3 standard errors of sampling at this scale.\n\n");
        sb.append(String.format(Locale.ROOT, "%-40s %-21s %-6s %12s %12s %8s %7s  %s%n",
            "figure", "period", "region", "published", "generated", "error", "toler.", "check"));
        for (Row row : rows) {
            PublishedFigure f = row.figure();
            String status = switch (row.status()) {
                case OK -> f.isLowerBound() ? "ok (at least)" : "ok";
                case OFF -> f.isLowerBound() ? "OFF (below lower bound)" : "OFF";
                case COMPARED -> "compared";
                case NOT_COVERED -> "not covered";
            };
            sb.append(String.format(Locale.ROOT, "%-40s %-21s %-6s %12s %12s %8s %7s  %s [%s]%n",
                f.figure(), f.period(), f.region(), number(f.value(), f.isShare()), number(row.generated(), f.isShare()),
                percent(row.relativeError()), tolerance(row.tolerance()), status, f.source()));
        }
        long calibrated = rows.stream().filter(r -> r.figure().isCalibrated() && r.status() != Status.NOT_COVERED).count();
        sb.append(String.format(Locale.ROOT, "%n%d calibrated figures: %d within tolerance, %d off; %d compared only.%n",
            calibrated, calibrated - failures().size(), failures().size(),
            rows.stream().filter(r -> r.status() == Status.COMPARED).count()));
        for (MunicipalityFit fit : municipalityFits) {
            sb.append(String.format(Locale.ROOT, "Municipality populations 1 January %d vs SSB 07459: weighted mean absolute "
                    + "error %.1f %%, %.0f %% of municipalities within 5 %%, largest error %s (%+.1f %%)%n",
                fit.year(), 100 * fit.weightedMeanAbsoluteError(), 100 * fit.shareWithin5Percent(), fit.worstMunicipality(),
                100 * fit.worstError()));
        }
        if (!settlementsByClass.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "%nRefugees settled by centrality class of the settling municipality, "
                + "IMDi (published) vs generated, %% of the period's settlements:%n"));
            sb.append(String.format(Locale.ROOT, "%-12s %-21s %-10s %6s %6s %6s %6s %6s %6s  %s%n",
                "refugees", "period", "", "1", "2", "3", "4", "5", "6", "largest difference"));
            for (SettlementByClass s : settlementsByClass) {
                for (boolean generated : new boolean[] {false, true}) {
                    double[] shares = generated ? s.generated() : s.published();
                    sb.append(String.format(Locale.ROOT, "%-12s %-21s %-10s", s.ukrainians() ? "Ukrainians" : "all",
                        s.period(), generated ? "generated" : "published"));
                    for (double share : shares) {
                        sb.append(String.format(Locale.ROOT, " %6.1f", 100 * share));
                    }
                    sb.append(generated ? String.format(Locale.ROOT, "  %.1f points (%,d settlements in the set)%n",
                        100 * s.largestDifference(), s.generatedCount()) : "\n");
                }
            }
        }
        return sb.toString();
    }

    private static String number(double value, boolean share) {
        if (Double.isNaN(value)) {
            return "-";
        }
        return share ? String.format(Locale.ROOT, "%.3f", value) : String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String tolerance(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1f %%", 100 * value);
    }

    private static String percent(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%+.1f %%", 100 * value);
    }
}
