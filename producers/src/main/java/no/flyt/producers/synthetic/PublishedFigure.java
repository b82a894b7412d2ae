package no.flyt.producers.synthetic;

import java.time.LocalDate;

/**
 * One published figure from {@code calibration-targets.csv}.
 *
 * @param figure      what is counted, e.g. IMMIGRATIONS, DOMESTIC_OUT, REFUGEES_SETTLED
 * @param period      a year (2021), a quarter (2021Q3), a span of years (2022-2023) or a date interval (2024-01-01/2024-11-27)
 * @param region      NO for Norway or a 2024 municipality code
 * @param value       the published count or share
 * @param precision   how exact the source is (exact, rounded_100, lower_bound, ...)
 * @param check       calibrate (asserted), at_least (a published lower bound, asserted) or compare (reported only)
 * @param source      the organisation behind the figure
 * @param publication title and address of the publication
 * @param note        remarks from the collection
 */
public record PublishedFigure(String figure, String period, String region, double value, String precision,
                              String check, String source, String publication, String note) {

    public static final String NORWAY = "NO";

    public boolean isCalibrated() {
        return check.equals("calibrate") || check.equals("at_least");
    }

    public boolean isLowerBound() {
        return check.equals("at_least");
    }

    /** Whether the period is exactly one calendar year. */
    public boolean isYear() {
        return period.matches("\\d{4}");
    }

    /** First day of the period. */
    public LocalDate from() {
        if (period.contains("/")) {
            return LocalDate.parse(period.substring(0, period.indexOf('/')));
        }
        if (period.matches("\\d{4}Q[1-4]")) {
            int quarter = period.charAt(5) - '0';
            return LocalDate.of(Integer.parseInt(period.substring(0, 4)), 3 * quarter - 2, 1);
        }
        return LocalDate.of(Integer.parseInt(period.substring(0, 4)), 1, 1);
    }

    /** Last day of the period. */
    public LocalDate to() {
        if (period.contains("/")) {
            return LocalDate.parse(period.substring(period.indexOf('/') + 1));
        }
        if (period.matches("\\d{4}Q[1-4]")) {
            return from().plusMonths(3).minusDays(1);
        }
        if (period.matches("\\d{4}-\\d{4}")) {
            return LocalDate.of(Integer.parseInt(period.substring(5, 9)), 12, 31);
        }
        return LocalDate.of(Integer.parseInt(period), 12, 31);
    }

    /** Whether the value is a share (0-1) rather than a count. */
    public boolean isShare() {
        return figure.contains("SHARE");
    }
}
