package no.flyt.producers.synthetic;

import java.time.LocalDate;

/** Epoch-day helpers (the simulation counts days as {@link LocalDate#toEpochDay()}). */
final class Dates {

    private static final int FIRST = (int) LocalDate.of(1900, 1, 1).toEpochDay();
    private static final int LAST = (int) LocalDate.of(2100, 1, 1).toEpochDay();
    private static final short[] YEAR = new short[LAST - FIRST];

    static {
        for (int d = FIRST; d < LAST; d++) {
            YEAR[d - FIRST] = (short) LocalDate.ofEpochDay(d).getYear();
        }
    }

    private Dates() {
    }

    static int year(int epochDay) {
        return YEAR[epochDay - FIRST];
    }

    static int day(int year, int month, int dayOfMonth) {
        return (int) LocalDate.of(year, month, dayOfMonth).toEpochDay();
    }

    static int firstDayOf(int year) {
        return day(year, 1, 1);
    }

    static int lastDayOf(int year) {
        return day(year, 12, 31);
    }

    /** The 1st of the month after the one {@code epochDay} falls in. */
    static int firstDayOfMonthAfter(int epochDay) {
        return (int) LocalDate.ofEpochDay(epochDay).withDayOfMonth(1).plusMonths(1).toEpochDay();
    }

    /** The 1st of the month {@code months} months before the one {@code epochDay} falls in. */
    static int firstDayOfMonthBefore(int epochDay, int months) {
        return (int) LocalDate.ofEpochDay(epochDay).withDayOfMonth(1).minusMonths(months).toEpochDay();
    }
}
