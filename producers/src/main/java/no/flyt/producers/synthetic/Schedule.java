package no.flyt.producers.synthetic;

import java.time.LocalDate;

/**
 * Spreads a yearly count over the days of the year by a seasonal profile, exactly: systematic sampling on the
 * cumulative day weights gives every stream its published yearly count and realistic dates.
 */
final class Schedule {

    /** Moves peak in summer (Q3 about a third of the year, as Oslo's 2021 quarters) and on the 1st of a month. */
    static final double[] MOVES = {0.070, 0.066, 0.075, 0.076, 0.080, 0.098, 0.100, 0.125, 0.092, 0.078, 0.070, 0.070};
    static final double[] BIRTHS = {0.080, 0.075, 0.085, 0.085, 0.088, 0.086, 0.089, 0.087, 0.086, 0.082, 0.077, 0.080};
    static final double[] DEATHS = {0.095, 0.088, 0.090, 0.083, 0.080, 0.076, 0.077, 0.076, 0.076, 0.083, 0.085, 0.091};
    static final double[] IMMIGRATIONS = {0.070, 0.070, 0.080, 0.080, 0.085, 0.090, 0.090, 0.100, 0.095, 0.085, 0.075, 0.060};
    static final double[] EMIGRATIONS = {0.070, 0.065, 0.070, 0.075, 0.085, 0.100, 0.110, 0.110, 0.090, 0.080, 0.075, 0.070};
    static final double[] SETTLEMENTS = {0.080, 0.085, 0.090, 0.085, 0.090, 0.085, 0.060, 0.080, 0.090, 0.090, 0.090, 0.075};
    /** The asylum wave of autumn 2015. */
    static final double[] REFUGEES_2015 = {0.05, 0.05, 0.05, 0.05, 0.06, 0.07, 0.08, 0.09, 0.12, 0.15, 0.15, 0.08};
    static final double[] FLAT = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    /**
     * Ukrainian immigrations as the register records them: from the invasion on 24 February 2022, highest in spring
     * 2022; SSB counts more in each of the second and third quarters of 2022 than the 8 200 of 2023's third quarter.
     */
    static final double[] UKRAINIANS_2022 = {0, 0.01, 0.15, 0.14, 0.11, 0.10, 0.09, 0.09, 0.09, 0.08, 0.08, 0.06};
    /**
     * 2023 by SSB's quarters: 6 000 and 7 700 in the first two (the cumulative 46 000 to mid-2023 less 2022's 32 600
     * gives 13 400), 8 200 in the third, the rest of the year in the fourth; rising within the year as UDI's arrivals.
     */
    static final double[] UKRAINIANS_2023 = {1900, 2000, 2100, 2400, 2600, 2700, 2600, 2800, 2800, 3700, 3800, 3500};
    /** UDI's applications per month January-September 2024 (October-December assumed). */
    static final double[] UKRAINIANS_2024 = {1639, 1361, 1383, 1255, 1248, 1538, 1443, 1908, 2099, 2000, 1900, 1500};
    /** Ukrainian settlements start some weeks after the first arrivals. */
    static final double[] UKRAINIAN_SETTLEMENTS_2022 = {0, 0, 0.02, 0.08, 0.11, 0.11, 0.09, 0.11, 0.12, 0.13, 0.13, 0.10};
    static final double[] UKRAINIAN_EMIGRATIONS_2022 = {0, 0, 0, 0, 0.1, 0.12, 0.13, 0.14, 0.13, 0.13, 0.13, 0.12};

    private Schedule() {
    }

    /**
     * Events per day of {@code year} ({@code [0]} = 1 January), summing to {@code count}, or to the share of it that
     * falls on or before {@code lastDay} when the run ends inside the year. {@code firstOfMonthBoost} weights the 1st
     * of each month up (moves).
     */
    static int[] daily(int year, int count, double[] monthly, boolean firstOfMonthBoost, int lastDay, Rng rng) {
        int first = Dates.firstDayOf(year);
        int days = Dates.lastDayOf(year) - first + 1;
        double[] cumulative = new double[days];
        double sum = 0;
        double inRun = 0;
        for (int d = 0; d < days; d++) {
            LocalDate date = LocalDate.ofEpochDay(first + d);
            double w = monthly[date.getMonthValue() - 1] / date.lengthOfMonth();
            if (firstOfMonthBoost && date.getDayOfMonth() == 1) {
                w *= 2;
            }
            sum += w;
            if (first + d <= lastDay) {
                inRun = sum;
            }
            cumulative[d] = sum;
        }
        int[] perDay = new int[days];
        if (count <= 0 || sum <= 0) {
            return perDay;
        }
        int n = inRun == sum ? count : (int) Math.round(count * inRun / sum);
        double u = rng.nextDouble();
        int d = 0;
        for (int k = 0; k < n; k++) {
            double position = (k + u) / n * inRun;
            while (d < days - 1 && cumulative[d] <= position) {
                d++;
            }
            perDay[d]++;
        }
        return perDay;
    }
}
