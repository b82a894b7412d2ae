package no.flyt.producers.synthetic;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The yearly figures that drive the generator, at full scale: a calibrated published figure where there is one for
 * the year, else the value of {@code model-parameters.csv} with the reason it was chosen.
 */
public final class ModelParameters {

    static final String RESOURCE = "model-parameters.csv";

    /** One yearly parameter and where its value comes from. */
    public record Parameter(String figure, int year, String region, double value, String basis) {
    }

    private final Map<String, Parameter> parameters;

    private ModelParameters(Map<String, Parameter> parameters) {
        this.parameters = parameters;
    }

    private static ModelParameters bundled;

    public static synchronized ModelParameters bundled() {
        if (bundled == null) {
            bundled = load(CalibrationTargets.bundled());
        }
        return bundled;
    }

    static ModelParameters load(CalibrationTargets targets) {
        Map<String, Parameter> parameters = new TreeMap<>();
        for (PublishedFigure f : targets.all()) {
            if (f.isYear() && f.check().equals("calibrate")) {
                int year = Integer.parseInt(f.period());
                parameters.putIfAbsent(key(f.figure(), f.region(), year), new Parameter(f.figure(), year, f.region(),
                    f.value(), "published: " + f.source() + (f.precision().equals("exact") ? "" : " (" + f.precision() + ")")));
            }
        }
        for (List<String> row : Csv.readResource(RESOURCE)) {
            int year = Integer.parseInt(row.get(1));
            parameters.put(key(row.get(0), row.get(2), year),
                new Parameter(row.get(0), year, row.get(2), Double.parseDouble(row.get(3)), row.get(4)));
        }
        return new ModelParameters(Collections.unmodifiableMap(parameters));
    }

    private static String key(String figure, String region, int year) {
        return figure + "|" + region + "|" + year;
    }

    /** The value of a parameter; fails naming the missing parameter, which must then be added to model-parameters.csv. */
    public double get(String figure, String region, int year) {
        Parameter p = parameters.get(key(figure, region, year));
        if (p == null) {
            throw new IllegalStateException("no value for " + figure + " " + region + " " + year
                + ": add it to " + RESOURCE + " or publish it in calibration-targets.csv");
        }
        return p.value();
    }

    public double national(String figure, int year) {
        return get(figure, PublishedFigure.NORWAY, year);
    }

    public double oslo(String figure, int year) {
        return get(figure, MunicipalityTable.OSLO, year);
    }

    /** Every parameter, ordered by figure, region and year. */
    public List<Parameter> all() {
        return new ArrayList<>(parameters.values());
    }
}
