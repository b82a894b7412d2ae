package no.flyt.producers.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A directory holding a baseline and the change events after it: {@code baseline.avro} + {@code events.avro}
 * and/or {@code baseline.jsonl} + {@code events.jsonl} (optionally {@code .gz}), plus {@code manifest.json}, and
 * optionally the linked employment register {@code employment.avro} / {@code employment.jsonl}.
 * When both formats are present, Avro is preferred.
 */
public final class EventSet {

    public static final String BASELINE = "baseline";
    public static final String EVENTS = "events";
    /** The optional linked employment register (EmploymentEvent records). */
    public static final String EMPLOYMENT = "employment";

    private final Path directory;
    private final Path baseline;
    private final Path events;
    private final Path employment;
    private final EventSetManifest manifest;

    private EventSet(Path directory, Path baseline, Path events, Path employment, EventSetManifest manifest) {
        this.directory = directory;
        this.baseline = baseline;
        this.events = events;
        this.employment = employment;
        this.manifest = manifest;
    }

    /** Finds the files of the event set in {@code directory}; fails with a list of what was expected when none is there. */
    public static EventSet open(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new IOException("event set " + directory + " is not a directory");
        }
        Path baseline = find(directory, BASELINE).orElse(null);
        Path events = find(directory, EVENTS).orElse(null);
        if (baseline == null && events == null) {
            throw new IOException("no event files in " + directory + ": expected baseline.avro and events.avro, or "
                + "baseline.jsonl and events.jsonl (optionally .gz)");
        }
        return new EventSet(directory, baseline, events, find(directory, EMPLOYMENT).orElse(null),
            EventSetManifest.find(directory).orElse(null));
    }

    /** Whether a single file is an employment register file by its name ({@code employment.avro}, {@code employment.jsonl[.gz]}). */
    public static boolean isEmploymentFile(Path file) {
        Path name = file.getFileName();
        return name != null && candidates(EMPLOYMENT).contains(name.toString());
    }

    /** The file holding {@code baseName} records, preferring Avro over JSON Lines over gzipped JSON Lines. */
    public static Optional<Path> find(Path directory, String baseName) {
        for (String name : candidates(baseName)) {
            Path file = directory.resolve(name);
            if (Files.isRegularFile(file)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    private static List<String> candidates(String baseName) {
        List<String> names = new ArrayList<>();
        names.add(EventFileFormat.AVRO.fileName(baseName, false));
        names.add(EventFileFormat.JSON_LINES.fileName(baseName, false));
        names.add(EventFileFormat.JSON_LINES.fileName(baseName, true));
        return names;
    }

    public Path directory() {
        return directory;
    }

    public Optional<Path> baseline() {
        return Optional.ofNullable(baseline);
    }

    public Optional<Path> events() {
        return Optional.ofNullable(events);
    }

    /** The employment register ({@code employment.avro} / {@code .jsonl}), if the set has one. */
    public Optional<Path> employment() {
        return Optional.ofNullable(employment);
    }

    public Optional<EventSetManifest> manifest() {
        return Optional.ofNullable(manifest);
    }
}
