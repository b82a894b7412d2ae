package no.flyt.producers.synthetic;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Benchmark of the generator (not a test): generates the decade and logs elapsed time, records per second and peak
 * heap. Run with the module's test classpath, e.g. for the full decade with a 2 GB heap:
 *
 * <pre>
 * ./mvnw -q -o -pl producers dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.cp
 * java -Xmx2g -cp "$(cat producers/target/bench.cp):producers/target/classes:producers/target/test-classes" \
 *     no.flyt.producers.synthetic.GeneratorBenchmark /tmp/flyt-full 1.0 42 AVRO
 * </pre>
 *
 * Arguments: output directory, scale (default 1.0), seed (default 42), format AVRO | JSON_LINES | BOTH (default AVRO),
 * and {@code no-employment} to leave out the employment register.
 */
public final class GeneratorBenchmark {

    private static final Logger log = LoggerFactory.getLogger(GeneratorBenchmark.class);

    private GeneratorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            log.error("usage: GeneratorBenchmark <output dir> [scale] [seed] [AVRO|JSON_LINES|BOTH]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        double scale = args.length > 1 ? Double.parseDouble(args[1]) : 1.0;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
        GeneratorSettings.OutputFormat format = args.length > 3 ? GeneratorSettings.OutputFormat.valueOf(args[3])
            : GeneratorSettings.OutputFormat.AVRO;
        boolean employment = !(args.length > 4 && args[4].equals("no-employment"));
        GeneratorSettings settings = GeneratorSettings.of(scale, seed).withFormat(format).withEmployment(employment);
        log.info("Generator benchmark: scale {}, seed {}, {}, employment {}, max heap {} MB, {} processors", scale, seed,
            format, employment, Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());

        int[] lastYear = {0};
        GenerationSummary summary = SyntheticRegister.generate(settings, out, progress -> {
            boolean baselineMillion = progress.phase() == GenerationProgress.Phase.BASELINE
                && progress.recordsWritten() % 1_000_000 == 0;
            boolean newYear = progress.phase() == GenerationProgress.Phase.EVENTS && progress.simulatedDate().getYear() != lastYear[0];
            if (baselineMillion || newYear || progress.phase() == GenerationProgress.Phase.DONE) {
                lastYear[0] = progress.simulatedDate().getYear();
                log.info("{} {} records written, simulated {}, {}% done, heap used {} MB", progress.phase(),
                    String.format(Locale.ROOT, "%,d", progress.recordsWritten()), progress.simulatedDate(),
                    Math.round(100 * progress.fractionDone()), usedHeapMb());
            }
        });

        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        long bytes;
        try (Stream<Path> files = Files.list(out)) {
            bytes = files.mapToLong(p -> p.toFile().length()).sum();
        }
        log.info(String.format(Locale.ROOT, "RESULT scale %s format %s: %,d baseline persons + %,d events + %,d employment "
                + "changes in %.1f s = %,.0f records/s; peak heap %d MB (sum of heap pool peaks; max heap %d MB); %,d MB on disk",
            scale, format, summary.baselinePersons(), summary.events(), summary.employmentEvents(),
            summary.elapsed().toMillis() / 1000.0,
            summary.recordsPerSecond(), peak >> 20, Runtime.getRuntime().maxMemory() >> 20, bytes >> 20));
    }

    private static long usedHeapMb() {
        Runtime runtime = Runtime.getRuntime();
        return (runtime.totalMemory() - runtime.freeMemory()) >> 20;
    }
}
