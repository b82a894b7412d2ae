package no.flyt.producers.synthetic;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What to generate.
 *
 * @param scale        share of the real population and flows, e.g. 0.01; every count is scaled, every ratio kept
 * @param seed         the same seed (and settings) gives the same bytes
 * @param format       AVRO, JSON_LINES or BOTH
 * @param gzipJson     write {@code .jsonl.gz} instead of {@code .jsonl}
 * @param endDate      last event date (at most 2024-12-31); the baseline is always 2015-01-01
 * @param deflateLevel Avro deflate level 0-9 (1 is fast and already compact)
 * @param employment   also write the linked employment register ({@code employment.*})
 */
public record GeneratorSettings(double scale, long seed, OutputFormat format, boolean gzipJson, LocalDate endDate,
                                int deflateLevel, boolean employment) {

    public static final LocalDate EXTRACT_DATE = LocalDate.of(2015, 1, 1);
    public static final LocalDate LAST_DATE = LocalDate.of(2024, 12, 31);

    /** Which files to write. */
    public enum OutputFormat { AVRO, JSON_LINES, BOTH }

    public GeneratorSettings {
        if (!(scale > 0 && scale <= 1.0)) {
            throw new IllegalArgumentException("scale must be above 0 and at most 1.0 (full size), was " + scale);
        }
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(endDate, "endDate");
        if (endDate.isBefore(EXTRACT_DATE) || endDate.isAfter(LAST_DATE)) {
            throw new IllegalArgumentException("endDate must lie in " + EXTRACT_DATE + ".." + LAST_DATE + ", was " + endDate);
        }
        if (deflateLevel < 0 || deflateLevel > 9) {
            throw new IllegalArgumentException("deflate level must be 0-9, was " + deflateLevel);
        }
    }

    /** The full decade 2015-2024 in Avro at the given scale and seed, with the employment register. */
    public static GeneratorSettings of(double scale, long seed) {
        return new GeneratorSettings(scale, seed, OutputFormat.AVRO, false, LAST_DATE, 1, true);
    }

    public GeneratorSettings withFormat(OutputFormat format) {
        return new GeneratorSettings(scale, seed, format, gzipJson, endDate, deflateLevel, employment);
    }

    public GeneratorSettings withGzipJson(boolean gzip) {
        return new GeneratorSettings(scale, seed, format, gzip, endDate, deflateLevel, employment);
    }

    public GeneratorSettings withEndDate(LocalDate endDate) {
        return new GeneratorSettings(scale, seed, format, gzipJson, endDate, deflateLevel, employment);
    }

    /** Without the employment register: only baseline and population events (a little faster, smaller). */
    public GeneratorSettings withEmployment(boolean employment) {
        return new GeneratorSettings(scale, seed, format, gzipJson, endDate, deflateLevel, employment);
    }

    public GeneratorSettings withDeflateLevel(int level) {
        return new GeneratorSettings(scale, seed, format, gzipJson, endDate, level, employment);
    }
}
