package no.flyt.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import no.flyt.producers.synthetic.GenerationSummary;
import no.flyt.producers.synthetic.GeneratorSettings;
import no.flyt.producers.synthetic.ProgressListener;
import no.flyt.producers.synthetic.SyntheticRegister;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Folkeregister benchmark at a tiny scale, so that it keeps working; its figures are in docs/BENCHMARKS.md. */
class FolkeregisterBenchmarkIT {

    @TempDir
    Path dir;

    @Test
    void measuresReplayAndConnectorOnTheSameEvents() throws Exception {
        Path eventSet = dir.resolve("events");
        GenerationSummary generated = SyntheticRegister.generate(GeneratorSettings.of(0.0005, 7).withEmployment(false), eventSet,
            ProgressListener.NONE);
        StringWriter printed = new StringWriter();
        FolkeregisterBenchmark.Result result = FolkeregisterBenchmark.runEmbedded(eventSet, Duration.ofMinutes(5), new PrintWriter(printed));
        assertThat(result.events()).as("the feed's register events: the files' minus settlements without a move")
            .isPositive().isLessThanOrEqualTo(generated.events()).isGreaterThan(generated.events() * 9 / 10);
        assertThat(result.feedEntries()).isGreaterThan(result.events());
        assertThat(result.replay()).isPositive();
        assertThat(result.connector()).isPositive();
        assertThat(printed.toString()).contains("connector / replay").contains("events/s");
    }
}
