package no.flyt.reference;

import java.time.LocalDate;
import java.time.Period;

/** The age bands the statistics break down by. Ages are whole years on the date asked. */
public enum AgeBand {
    AGE_0_19(0, 19), AGE_20_29(20, 29), AGE_30_64(30, 64), AGE_65_PLUS(65, Integer.MAX_VALUE);

    private final int from;
    private final int to;

    AgeBand(int from, int to) {
        this.from = from;
        this.to = to;
    }

    public static AgeBand ofAge(int age) {
        if (age < 0) {
            throw new IllegalArgumentException("age must not be negative, was " + age);
        }
        for (AgeBand band : values()) {
            if (age <= band.to) {
                return band;
            }
        }
        throw new AssertionError("unreachable");
    }

    public static int age(LocalDate birthDate, LocalDate on) {
        return Period.between(birthDate, on).getYears();
    }

    public static AgeBand of(LocalDate birthDate, LocalDate on) {
        return ofAge(age(birthDate, on));
    }

    public int from() {
        return from;
    }

    public int to() {
        return to;
    }
}
