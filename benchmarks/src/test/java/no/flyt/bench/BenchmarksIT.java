package no.flyt.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import no.flyt.producers.synthetic.GeneratorSettings;
import no.flyt.producers.synthetic.ProgressListener;
import no.flyt.producers.synthetic.SyntheticRegister;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the whole benchmark at a tiny scale so that it keeps working; the figures themselves are not judged here. */
class BenchmarksIT {

    @TempDir
    Path dir;

    @Test
    void benchmarkRunsEndToEndAndPrintsEveryFigure() throws Exception {
        Path eventSet = dir.resolve("events");
        SyntheticRegister.generate(GeneratorSettings.of(0.0005, 7), eventSet, ProgressListener.NONE);
        StringWriter printed = new StringWriter();

        Benchmarks.ResultTableView result = Benchmarks.runEmbedded(
            new Benchmarks.Settings(eventSet, 2_000, 2, Duration.ofMinutes(5)), new PrintWriter(printed, true));

        String table = printed.toString();
        assertThat(table).contains("| replay producer vs plain KafkaProducer", "| end to end (replay -> absorbed) vs raw EOS passthrough",
            "| peak heap", "| peak RSS");
        assertThat(Double.parseDouble(result.ratio("replay producer vs plain KafkaProducer"))).isPositive();
        assertThat(Double.parseDouble(result.ratio("end to end (replay -> absorbed) vs raw EOS passthrough"))).isPositive();
    }
}
