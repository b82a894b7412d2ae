package no.flyt.producers.synthetic;

import java.util.ArrayList;
import java.util.List;

/**
 * The published figures of {@code calibration-targets.csv} (built by {@code producers/src/build/BuildCalibrationTargets.java}
 * from SSB, IMDi, UDI and Oslo kommune figures).
 */
public final class CalibrationTargets {

    static final String RESOURCE = "calibration-targets.csv";

    private final List<PublishedFigure> figures;

    private CalibrationTargets(List<PublishedFigure> figures) {
        this.figures = List.copyOf(figures);
    }

    private static CalibrationTargets bundled;

    public static synchronized CalibrationTargets bundled() {
        if (bundled == null) {
            List<PublishedFigure> figures = new ArrayList<>();
            for (List<String> row : Csv.readResource(RESOURCE)) {
                if (row.size() != 9) {
                    throw new IllegalStateException(RESOURCE + ": expected 9 fields, found " + row.size() + " in " + row);
                }
                figures.add(new PublishedFigure(row.get(0), row.get(1), row.get(2), Double.parseDouble(row.get(3)),
                    row.get(4), row.get(5), row.get(6), row.get(7), row.get(8)));
            }
            bundled = new CalibrationTargets(figures);
        }
        return bundled;
    }

    public List<PublishedFigure> all() {
        return figures;
    }
}
