package no.flyt.bench;

import java.time.Duration;

/** One timed run: how many records in how long. */
public record Measurement(String name, long records, Duration elapsed) {

    double recordsPerSecond() {
        return elapsed.isZero() ? 0 : records * 1e9 / elapsed.toNanos();
    }

    static Measurement best(Measurement a, Measurement b) {
        return a.recordsPerSecond() >= b.recordsPerSecond() ? a : b;
    }
}
