package no.flyt.producers.synthetic;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a generation run wrote.
 *
 * @param directory       the event set directory
 * @param files           the data files written (baseline and events, per format) and manifest.json
 * @param baselinePersons persons in the 2015 extract
 * @param events          change events, corrections and annulments included
 * @param employmentEvents employment starts and ends (0 without the employment register)
 * @param counts          the manifest's counts: events by type and by registration kind
 * @param elapsed         wall-clock time of the run
 */
public record GenerationSummary(Path directory, List<Path> files, long baselinePersons, long events,
                                long employmentEvents, Map<String, Long> counts, Duration elapsed) {

    public GenerationSummary {
        files = List.copyOf(files);
        counts = Map.copyOf(counts);
    }

    /** Every record written (baseline, events, employment) per second of the run. */
    public double recordsPerSecond() {
        double seconds = Math.max(1e-3, elapsed.toNanos() / 1e9);
        return (baselinePersons + events + employmentEvents) / seconds;
    }
}
