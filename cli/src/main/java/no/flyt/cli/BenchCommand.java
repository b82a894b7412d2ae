package no.flyt.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import no.flyt.bench.Benchmarks;
import no.flyt.bench.FolkeregisterBenchmark;
import no.flyt.streams.config.StreamsSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Measures flyt against raw Kafka clients on the same (embedded) broker in the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Benchmark flyt against raw Kafka on the same broker, in the same run.",
        "Starts a fresh embedded broker and registry, then measures the replay producer against a plain KafkaProducer and "
            + "the whole pipeline against a raw exactly-once passthrough and a per-person Kafka Streams floor (each of the three "
            + "warmed up first on a small register, not measured); then, with the same streams app, the latency from "
            + "produce to the query API at a paced rate, the independent batch recount of the same events (the floor), and "
            + "how long the query API takes to answer correctly again after restarts and after a failover to a standby "
            + "replica. Prints a Markdown table for docs/BENCHMARKS.md."})
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--scale", defaultValue = "0.1", description = "Scale of the synthetic register to replay (default ${DEFAULT-VALUE}).")
    double scale;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the synthetic register (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--events", description = "Replay this event set instead of a generated one.")
    Path events;

    @Option(names = "--data-dir", defaultValue = "${env:FLYT_DATA_DIR:-.flyt}", description = "Where generated samples are kept (default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--producer-records", defaultValue = "500000", description = "Events per producer run (default ${DEFAULT-VALUE}).")
    int producerRecords;

    @Option(names = "--partitions", defaultValue = "4", description = "Partitions of the input topics (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--timeout-minutes", defaultValue = "60", description = "Limit for each end-to-end run and each recovery (default ${DEFAULT-VALUE}).")
    int timeoutMinutes;

    @Option(names = "--skip-latency", description = "Leave out the latency run.")
    boolean skipLatency;

    @Option(names = "--latency-rate", defaultValue = "2000", description = "Events per second of the latency run, probes included (default ${DEFAULT-VALUE}).")
    int latencyRate;

    @Option(names = "--latency-seconds", defaultValue = "60", description = "Seconds the latency run measures (default ${DEFAULT-VALUE}).")
    int latencySeconds;

    @Option(names = "--latency-warmup-seconds", defaultValue = "15", description = "Seconds at the same rate before the latency run measures (default ${DEFAULT-VALUE}).")
    int latencyWarmupSeconds;

    @Option(names = "--skip-batch-floor", description = "Leave out the independent batch recount (a JVM of its own that holds the whole event set in memory, see --batch-heap).")
    boolean skipBatchFloor;

    @Option(names = "--batch-heap", defaultValue = "4g",
        description = "Maximum heap of the JVM the batch recount runs in, as for -Xmx (default ${DEFAULT-VALUE}; about 3 GiB are used at scale 0.1).")
    String batchHeap;

    @Option(names = "--skip-recovery", description = "Leave out the restart and failover timings.")
    boolean skipRecovery;

    @Option(names = "--warmup-scale", defaultValue = "0.01",
        description = "Scale of the synthetic register replayed through each end-to-end pipeline before the measured runs, "
            + "so that none of them pays for compiling its code (default ${DEFAULT-VALUE}; 0 for none).")
    double warmUpScale;

    @Option(names = "--folkeregister",
        description = {"Measure only the Folkeregister source: flyt replay of the Avro events against the fake feed read by the",
            "Kafka Connect connector (exactly once), on a fresh broker (see docs/FOLKEREGISTER.md)."})
    boolean folkeregister;

    @Option(names = "--streams-config",
        description = "A properties file of Kafka Streams (and flyt) settings for the streams app, over flyt's defaults: for experiments.")
    Path streamsConfig;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        Path input = events != null ? events
            : SyntheticSample.generateIfMissing(dataDir.toAbsolutePath(), scale, seed, out, spec.commandLine().getErr());
        if (folkeregister) {
            out.printf("flyt bench --folkeregister: %s, %d cores, Java %s%n", input, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
            out.flush();
            FolkeregisterBenchmark.runEmbedded(input, Duration.ofMinutes(timeoutMinutes), out);
            return 0;
        }
        Path warmUp = warmUpScale > 0
            ? SyntheticSample.generateIfMissing(dataDir.toAbsolutePath(), warmUpScale, seed, out, spec.commandLine().getErr()) : null;
        out.printf("flyt bench: %s (warm-up: %s), %d cores, max heap %d MiB, Java %s%n", input, warmUp == null ? "none" : warmUp.getFileName(), Runtime.getRuntime().availableProcessors(),
            Runtime.getRuntime().maxMemory() / (1024 * 1024), System.getProperty("java.version"));
        out.flush();
        Benchmarks.LatencySettings latency = skipLatency ? null
            : new Benchmarks.LatencySettings(latencyRate, Duration.ofSeconds(latencyWarmupSeconds), Duration.ofSeconds(latencySeconds));
        Benchmarks.runEmbedded(new Benchmarks.Settings(input, producerRecords, partitions, Duration.ofMinutes(timeoutMinutes),
            latency, !skipRecovery, !skipBatchFloor, batchHeap, StreamsSettings.load(streamsConfig), warmUp), out);
        return 0;
    }
}
