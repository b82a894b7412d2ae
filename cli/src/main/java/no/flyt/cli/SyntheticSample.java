package no.flyt.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import no.flyt.producers.io.EventSet;
import no.flyt.producers.synthetic.GenerationProgress;
import no.flyt.producers.synthetic.GenerationSummary;
import no.flyt.producers.synthetic.GeneratorSettings;
import no.flyt.producers.synthetic.ProgressListener;
import no.flyt.producers.synthetic.SyntheticRegister;

/** Generates a synthetic event set with visible progress, or reuses one generated earlier with the same settings. */
final class SyntheticSample {

    private SyntheticSample() {
    }

    /** The directory flyt keeps a generated sample in: one per scale and seed, since the output is deterministic. */
    static Path directory(Path parent, double scale, long seed) {
        return parent.resolve(String.format(Locale.ROOT, "sample-scale-%s-seed-%d", stripZeros(scale), seed));
    }

    static Path generateIfMissing(Path parent, double scale, long seed, PrintWriter out, PrintWriter progress) throws IOException {
        Path dir = directory(parent, scale, seed);
        if (Files.isDirectory(dir) && EventSet.open(dir).manifest().isPresent()) {
            return dir;
        }
        out.printf("Generating the synthetic register at scale %s (seed %d) into %s ...%n", stripZeros(scale), seed, dir);
        out.flush();
        generate(GeneratorSettings.of(scale, seed), dir, progress);
        return dir;
    }

    static GenerationSummary generate(GeneratorSettings settings, Path dir, PrintWriter progress) throws IOException {
        GenerationSummary summary = SyntheticRegister.generate(settings, dir, listener(progress));
        progress.printf(Locale.ROOT, "generated %,d baseline persons and %,d events in %.1f s (%,.0f records/s)%n",
            summary.baselinePersons(), summary.events(), summary.elapsed().toMillis() / 1000.0, summary.recordsPerSecond());
        progress.flush();
        return summary;
    }

    private static ProgressListener listener(PrintWriter progress) {
        ProgressLine line = new ProgressLine(progress);
        return (GenerationProgress p) -> line.show(String.format(Locale.ROOT, "generate %s %3.0f%% %s %,d records, simulated %s",
            ProgressLine.bar(p.fractionDone()), 100 * p.fractionDone(), p.phase().name().toLowerCase(Locale.ROOT),
            p.recordsWritten(), p.simulatedDate()), p.phase() == GenerationProgress.Phase.DONE);
    }

    static String stripZeros(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
