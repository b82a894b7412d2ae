package no.flyt.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.time.Duration;
import no.flyt.producers.synthetic.GeneratorSettings;
import no.flyt.producers.synthetic.GenerationSummary;
import no.flyt.producers.synthetic.ProgressListener;
import no.flyt.producers.synthetic.SyntheticRegister;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the whole benchmark at a tiny scale so that it keeps working: every figure is printed and plausible; whether
 * the targets are met is not judged here.
 */
class BenchmarksIT {

    private static final Logger log = LoggerFactory.getLogger(BenchmarksIT.class);

    @TempDir
    Path dir;

    @Test
    void benchmarkRunsEveryPartAndPrintsEveryFigure() throws Exception {
        Path eventSet = dir.resolve("events");
        GenerationSummary generated = SyntheticRegister.generate(GeneratorSettings.of(0.0005, 7), eventSet, ProgressListener.NONE);
        Path warmUpSet = dir.resolve("warm-up");
        GenerationSummary warmUp = SyntheticRegister.generate(GeneratorSettings.of(0.0002, 8), warmUpSet, ProgressListener.NONE);
        StringWriter printed = new StringWriter();
        Set<Path> workDirectoriesBefore = workDirectories();

        Benchmarks.ResultTableView result = Benchmarks.runEmbedded(
            new Benchmarks.Settings(eventSet, 2_000, 2, Duration.ofMinutes(5),
                new Benchmarks.LatencySettings(200, Duration.ofSeconds(2), Duration.ofSeconds(5)), true, true, "512m",
                new java.util.Properties(), warmUpSet),
            new PrintWriter(printed, true));

        String table = printed.toString();
        log.info("Benchmark at a tiny scale:\n{}", table);
        assertThat(table).contains("| " + Benchmarks.PRODUCER, "| " + Benchmarks.END_TO_END, "| peak heap", "| peak RSS",
            "| " + Benchmarks.LATENCY_P50, "| " + Benchmarks.LATENCY_P95, "| " + Benchmarks.LATENCY_P99, "| " + Benchmarks.LATENCY_MAX,
            "| " + Benchmarks.LATENCY_PROBES, "| " + Benchmarks.BATCH_FLOOR,
            "| " + Benchmarks.RESTART_KEPT, "| " + Benchmarks.RESTART_DELETED, "| " + Benchmarks.FAILOVER);
        assertThat(result.amount(Benchmarks.WARM_UP)).as("the warm-up replayed its own event set")
            .isEqualTo(warmUp.baselinePersons() + warmUp.events());
        // what the collections leave is the data the run keeps: some, and within the heap the JVM has
        assertThat(result.amount(Benchmarks.PEAK_HEAP_KEPT)).isPositive()
            .isLessThanOrEqualTo(Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0));
        assertThat(result.amount(Benchmarks.PEAK_HEAP_IN_USE)).isPositive();
        assertThat(Double.parseDouble(result.ratio(Benchmarks.PRODUCER))).isPositive();
        assertThat(Double.parseDouble(result.ratio(Benchmarks.END_TO_END))).isPositive();
        // the broker's CPU counts too: a run costs its records at least some microseconds each
        assertThat(result.row(Benchmarks.END_TO_END_CPU).orElseThrow().value()).contains("this JVM + broker");
        assertThat(result.amount(Benchmarks.END_TO_END_CPU)).isPositive();
        assertThat(Double.parseDouble(result.ratio(Benchmarks.END_TO_END_CPU))).isPositive();
        assertThat(result.endToEndCpuByThreads().get(ThreadCpu.STREAM_THREADS)).as("stream threads' CPU").isPositive();
        // the per-person floor absorbed the same records as the others
        assertThat(result.measurement(Benchmarks.STATEFUL_FLOOR).records()).isEqualTo(generated.baselinePersons() + generated.events());
        assertThat(Double.parseDouble(result.ratio(Benchmarks.STATEFUL_FLOOR))).isPositive();
        assertThat(result.amount(Benchmarks.STATEFUL_FLOOR_CPU)).isPositive();
        assertThat(Double.parseDouble(result.ratio(Benchmarks.END_TO_END_VS_FLOOR))).isPositive();
        assertThat(table).contains("Where the CPU of the end-to-end runs went", "| threads | flyt, CPU s | passthrough, CPU s | per-person floor, CPU s |", "| **all** |");

        // 5 s at 200 events/s with 10 probes a second: about 50 probes, all of them visible.
        double probes = result.amount(Benchmarks.LATENCY_PROBES);
        assertThat(probes).isBetween(40.0, 60.0);
        assertThat(result.row(Benchmarks.LATENCY_PROBES).orElseThrow().verdict()).isEqualTo("ok");
        double p50 = result.amount(Benchmarks.LATENCY_P50);
        assertThat(p50).isPositive();
        assertThat(result.amount(Benchmarks.LATENCY_P95)).isBetween(p50, result.amount(Benchmarks.LATENCY_P99));
        assertThat(result.amount(Benchmarks.LATENCY_P99)).isLessThanOrEqualTo(result.amount(Benchmarks.LATENCY_MAX));
        assertThat(result.amount(Benchmarks.LATENCY_MAX)).isLessThan(60_000);

        Measurement batch = result.measurement(Benchmarks.BATCH_RECOUNT);
        assertThat(batch.records()).isEqualTo(generated.baselinePersons() + generated.events());
        assertThat(batch.elapsed()).isPositive();
        assertThat(Double.parseDouble(result.ratio(Benchmarks.BATCH_FLOOR))).isPositive();
        assertThat(result.amount(Benchmarks.BATCH_HEAP)).isPositive();

        for (String recovery : new String[] {Benchmarks.RESTART_KEPT, Benchmarks.RESTART_DELETED, Benchmarks.FAILOVER}) {
            assertThat(result.amount(recovery)).as(recovery).isGreaterThan(0).isLessThan(300);
        }
        // With the state directory deleted every store is restored from its changelog: at least one record per person.
        assertThat(result.measurement(Benchmarks.RESTART_DELETED).records()).isGreaterThan(generated.baselinePersons());
        assertThat(workDirectories()).as("the benchmark's broker logs and state are deleted").isSubsetOf(workDirectoriesBefore);
    }

    private static Set<Path> workDirectories() throws IOException {
        try (Stream<Path> tmp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return tmp.filter(p -> p.getFileName().toString().startsWith(Benchmarks.WORK_DIRECTORY_PREFIX)).collect(Collectors.toSet());
        }
    }
}
