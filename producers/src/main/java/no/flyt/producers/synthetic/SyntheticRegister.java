package no.flyt.producers.synthetic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import no.flyt.events.BaselinePerson;
import no.flyt.events.EmploymentEvent;
import no.flyt.events.RegisterEvent;
import no.flyt.producers.io.EventFileFormat;
import no.flyt.producers.io.EventSet;
import no.flyt.producers.io.EventSetManifest;
import no.flyt.reference.MunicipalityCatalog;
import no.flyt.reference.Population;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates a synthetic Norwegian population register for 2015-2024: the register's extract of 1 January 2015
 * ({@code baseline.*}), the change events after it in order of recording time ({@code events.*}), the linked
 * employer-reported employment register ({@code employment.*}, unless switched off) and {@code manifest.json}. Deterministic: the same settings give the same bytes. See docs/SYNTHETIC-DATA.md.
 *
 * <pre>{@code
 * GenerationSummary summary = SyntheticRegister.generate(GeneratorSettings.of(0.01, 42), Path.of("sample"),
 *     progress -> System.out.printf("%s %,d records %s%n", progress.phase(), progress.recordsWritten(), progress.simulatedDate()));
 * }</pre>
 */
public final class SyntheticRegister {

    private static final Logger log = LoggerFactory.getLogger(SyntheticRegister.class);

    public static final String GENERATOR = "flyt synthetic register";
    /** Bumped whenever the model changes what a seed produces. */
    public static final String MODEL_VERSION = "2";

    private SyntheticRegister() {
    }

    public static GenerationSummary generate(GeneratorSettings settings, Path directory, ProgressListener listener)
        throws IOException {
        long started = System.nanoTime();
        Files.createDirectories(directory);
        removeOldFiles(directory);
        MunicipalityTable table = new MunicipalityTable(MunicipalityCatalog.bundled(), Population.bundled());
        ModelParameters parameters = ModelParameters.bundled();
        log.info("Generating the synthetic register 2015-01-01..{} at scale {} with seed {} into {}",
            settings.endDate(), settings.scale(), settings.seed(), directory);

        List<Path> files = new ArrayList<>();
        long baseline;
        long events;
        Map<String, Long> counts = new TreeMap<>();
        EventSink sink = new EventSink(directory, settings, listener);
        try {
            Simulation simulation = new Simulation(settings, table, parameters, sink);
            simulation.buildBaseline();
            sink.writeBaseline(simulation.persons(), table);
            sink.openEvents();
            if (settings.employment()) {
                simulation.startEmployment();
            }
            simulation.run();
        } finally {
            sink.close();
        }
        baseline = sink.baselineCount();
        events = sink.eventCount();
        sink.byType().forEach((type, n) -> counts.put("events." + type, n));
        sink.byRegistration().forEach((kind, n) -> counts.put("registration." + kind, n));
        sink.byEmploymentChange().forEach((change, n) -> counts.put("employment." + change, n));
        sink.byEmploymentRegistration().forEach((kind, n) -> counts.put("employment.registration." + kind, n));
        List<EventSetManifest.FileEntry> entries = new ArrayList<>();
        for (EventFileFormat format : sink.formats()) {
            String baselineFile = sink.fileName(format, EventSet.BASELINE);
            String eventsFile = sink.fileName(format, EventSet.EVENTS);
            entries.add(new EventSetManifest.FileEntry(baselineFile, BaselinePerson.getClassSchema().getFullName(), baseline));
            entries.add(new EventSetManifest.FileEntry(eventsFile, RegisterEvent.getClassSchema().getFullName(), events));
            files.add(directory.resolve(baselineFile));
            files.add(directory.resolve(eventsFile));
            if (settings.employment()) {
                String employmentFile = sink.fileName(format, EventSet.EMPLOYMENT);
                entries.add(new EventSetManifest.FileEntry(employmentFile, EmploymentEvent.getClassSchema().getFullName(),
                    sink.employmentCount()));
                files.add(directory.resolve(employmentFile));
            }
        }
        counts.put("baselinePersons", baseline);
        counts.put("events", events);
        if (settings.employment()) {
            counts.put("employment", sink.employmentCount());
        }
        new EventSetManifest(GENERATOR, MODEL_VERSION, settings.seed(), settings.scale(),
            GeneratorSettings.EXTRACT_DATE.toString(), GeneratorSettings.EXTRACT_DATE.toString(),
            settings.endDate().toString(), entries, counts).write(directory);
        files.add(directory.resolve(EventSetManifest.FILE_NAME));
        sink.done();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        log.info("Wrote {} baseline persons, {} events and {} employment changes in {} s", baseline, events,
            sink.employmentCount(), elapsed.toMillis() / 1000.0);
        return new GenerationSummary(directory, files, baseline, events, sink.employmentCount(), counts, elapsed);
    }

    /** Earlier output in the directory would be mistaken for part of this set (e.g. JSON left from a run with both formats). */
    private static void removeOldFiles(Path directory) throws IOException {
        for (String base : List.of(EventSet.BASELINE, EventSet.EVENTS, EventSet.EMPLOYMENT)) {
            for (EventFileFormat format : EventFileFormat.values()) {
                Files.deleteIfExists(directory.resolve(format.fileName(base, false)));
                Files.deleteIfExists(directory.resolve(format.fileName(base, true)));
            }
        }
        Files.deleteIfExists(directory.resolve(EventSetManifest.FILE_NAME));
    }
}
