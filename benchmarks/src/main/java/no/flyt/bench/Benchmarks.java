package no.flyt.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import no.flyt.embedded.BrokerSettings;
import no.flyt.embedded.Directories;
import no.flyt.embedded.EmbeddedStack;
import no.flyt.embedded.Ports;
import no.flyt.embedded.RegistrySettings;
import no.flyt.producers.io.EventSet;
import no.flyt.producers.reference.ReferencePublisher;
import no.flyt.reference.Municipality;
import no.flyt.reference.MunicipalityCatalog;
import no.flyt.serde.AvroSerdeConfig;
import no.flyt.serde.KafkaAvroSerializer;
import no.flyt.streams.FlytStreamsApp;
import no.flyt.streams.config.CatchUp;
import no.flyt.streams.config.FlytTopics;
import no.flyt.streams.config.TopicCreator;
import no.flyt.streams.config.TopicSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * `flyt bench`: flyt's replay producer and whole pipeline measured against raw Kafka clients on the same broker in the
 * same run, so that the headline figures are ratios that a noisy shared machine does not distort much; the end-to-end
 * run also against the least a per-person Kafka Streams app does ({@link StatefulFloorBenchmark}). Then, with the
 * streams app of the end-to-end run: latency at a steady paced rate ({@link LatencyBenchmark}), the independent batch
 * recount as a floor ({@link BatchFloorBenchmark}) and the recovery of the query API after restarts and a failover
 * ({@link RecoveryBenchmark}).
 */
public final class Benchmarks {

    /**
     * @param eventSet        the event set to replay (baseline + events)
     * @param producerRecords how many events the producer comparison sends (each side, twice)
     * @param partitions      partitions of the input topics
     * @param timeout         how long the end-to-end runs (and each recovery) may take
     * @param latency         the paced latency run; null to skip it
     * @param recovery        whether to time the recovery of the query API after restarts and a failover
     * @param batchFloor      whether to time the independent batch recount of the same event set
     * @param batchHeap       maximum heap of the JVM the batch recount runs in (as for -Xmx, e.g. "4g")
     * @param streamsConfig   Kafka Streams (and flyt) properties for the streams app, over flyt's defaults: what an
     *                        optimisation experiment changes (commit interval, cache size, combining interval, ...)
     * @param warmUp          a small event set replayed through each end-to-end pipeline before the measured runs, or
     *                        null to measure them with code not compiled yet
     */
    public record Settings(Path eventSet, int producerRecords, int partitions, Duration timeout, LatencySettings latency,
                           boolean recovery, boolean batchFloor, String batchHeap, Properties streamsConfig, Path warmUp) {

        public static final String DEFAULT_BATCH_HEAP = "4g";

        /** Every part, the latency run with its defaults, the streams app with flyt's defaults. */
        public Settings(Path eventSet, int producerRecords, int partitions, Duration timeout) {
            this(eventSet, producerRecords, partitions, timeout, LatencySettings.DEFAULT, true, true, DEFAULT_BATCH_HEAP, new Properties(), null);
        }
    }

    /**
     * @param eventsPerSecond the rate of all events sent, latency probes included
     * @param warmUp          sent at the same rate before latencies are counted
     * @param measured        how long latencies are counted
     */
    public record LatencySettings(int eventsPerSecond, Duration warmUp, Duration measured) {

        public static final LatencySettings DEFAULT = new LatencySettings(2_000, Duration.ofSeconds(15), Duration.ofSeconds(60));

        public LatencySettings {
            if (eventsPerSecond < 1 || measured.isZero() || measured.isNegative() || warmUp.isNegative()) {
                throw new IllegalArgumentException("latency: the rate and the measured time must be positive, the warm-up not negative");
            }
        }
    }

    public static final String PRODUCER = "replay producer vs plain KafkaProducer";
    public static final String WARM_UP = "warm-up before the end-to-end runs (not measured)";
    public static final String PEAK_HEAP_KEPT = "peak heap after a garbage collection (producer + streams app)";
    public static final String PEAK_HEAP_IN_USE = "peak heap in use of this JVM (uncollected garbage included)";
    public static final String END_TO_END = "end to end (replay -> absorbed) vs raw EOS passthrough";
    public static final String END_TO_END_CPU = "CPU per record, end to end vs passthrough";
    public static final String STATEFUL_FLOOR = "per-person Kafka Streams floor vs raw EOS passthrough";
    public static final String STATEFUL_FLOOR_CPU = "CPU per record, per-person floor vs passthrough";
    public static final String END_TO_END_VS_FLOOR = "end to end vs per-person Kafka Streams floor";
    public static final String LATENCY_P50 = "latency produce -> query API, p50";
    public static final String LATENCY_P95 = "latency produce -> query API, p95";
    public static final String LATENCY_P99 = "latency produce -> query API, p99";
    public static final String LATENCY_MAX = "latency produce -> query API, max";
    public static final String LATENCY_PROBES = "latency probes visible";
    public static final String BATCH_FLOOR = "end to end vs independent batch recount (floor)";
    public static final String BATCH_HEAP = "peak heap of the batch recount (own JVM)";
    public static final String RESTART_KEPT = "recovery: restart, state kept -> correct answers";
    public static final String RESTART_DELETED = "recovery: restart, state dir deleted -> correct answers";
    public static final String FAILOVER = "recovery: stop 1 of 2, standby replica -> correct answers";
    /**
     * The name of the batch recount's {@link Measurement} in {@link ResultTableView#measurement(String)}; the recovery
     * figures are there under their own names (records restored, time until correct).
     */
    public static final String BATCH_RECOUNT = "batch recount";

    /** Name prefix of the temporary directory of {@link #runEmbedded} (broker logs, registry, streams state). */
    public static final String WORK_DIRECTORY_PREFIX = "flyt-bench-";

    private static final Logger log = LoggerFactory.getLogger(Benchmarks.class);
    private static final double LATENCY_P99_TARGET_MILLIS = 1_500;

    private Benchmarks() {
    }

    /**
     * Runs on a fresh embedded broker and registry (free ports, a temporary directory that is deleted afterwards: at
     * full scale it holds gigabytes of logs and state).
     */
    public static ResultTableView runEmbedded(Settings settings, PrintWriter out) throws Exception {
        Path work = Files.createTempDirectory(WORK_DIRECTORY_PREFIX);
        try {
            int[] ports = Ports.freePorts(3);
            try (EmbeddedStack stack = EmbeddedStack.start(
                BrokerSettings.defaults(work.resolve("kafka")).withPort(ports[0]).withControllerPort(ports[1]).withFresh(true).withMaxHeap("1g"),
                RegistrySettings.defaults(work.resolve("registry")).withPort(ports[2]))) {
                return run(stack.bootstrapServers(), stack.schemaRegistryUrl(), work.resolve("state"), settings,
                    new ThreadCpu(stack.broker().process()), out);
            }
        } finally {
            Directories.deleteRecursively(work);
        }
    }

    /** Runs against the given broker and registry (the CPU figures count this JVM only). */
    public static ResultTableView run(String bootstrapServers, String registryUrl, Path stateDir, Settings settings, PrintWriter out)
        throws Exception {
        return run(bootstrapServers, registryUrl, stateDir, settings, new ThreadCpu(null), out);
    }

    private static ResultTableView run(String bootstrapServers, String registryUrl, Path stateDir, Settings settings, ThreadCpu cpu,
                                       PrintWriter out) throws Exception {
        String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        Map<String, Object> serdeConfig = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
        FlytTopics topics = FlytTopics.create(prefix, serdeConfig, settings.partitions());
        EventSet eventSet = EventSet.open(settings.eventSet());
        Path eventsFile = eventSet.events().orElseThrow(() -> new IOException("no events file in " + settings.eventSet()));
        ResultTable table = new ResultTable();
        Map<String, Measurement> measurements = new LinkedHashMap<>();
        // the three end-to-end runs, whose CPU is printed by group of threads after the table
        EndToEndRuns.Absorbed passthroughRun;
        EndToEndRuns.Absorbed flytRun;
        EndToEndRuns.Absorbed floorRun;
        Steps steps = new Steps(out, 2 + (settings.warmUp() != null ? 1 : 0) + (settings.latency() != null ? 1 : 0) + (settings.batchFloor() ? 1 : 0) + (settings.recovery() ? 1 : 0));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
             KafkaAvroSerializer serializer = new KafkaAvroSerializer();
             MemorySampler memory = new MemorySampler()) {
            serializer.configure(serdeConfig, false);
            List<TopicSpec<?, ?>> benchTopics = new ArrayList<>(topics.all());
            List<String> names = new ArrayList<>(List.of("plain-1", "plain-2", "replay-1", "replay-2"));
            List<String> passthroughRuns = settings.warmUp() == null ? List.of("", "second-") : List.of("", "second-", "warmup-");
            List<String> floorRuns = settings.warmUp() == null ? List.of("") : List.of("", "warmup-");
            passthroughRuns.forEach(run -> names.addAll(List.of(run + "passthrough-baseline", run + "passthrough-events", run + "passthrough-out")));
            floorRuns.forEach(run -> names.addAll(List.of(run + "floor-baseline", run + "floor-events")));
            for (String name : names) {
                benchTopics.add(new TopicSpec<>(prefix + name, Serdes.ByteArray(), Serdes.ByteArray(), settings.partitions(), Map.of("retention.ms", "-1")));
            }
            TopicCreator.ensure(admin, benchTopics, (short) 1);
            publishReference(bootstrapServers, topics);

            // 1. Replay producer vs plain producer with the same records already serialized.
            steps.next("producer: reading " + eventsFile.getFileName() + " ...");
            SerializedRecords records = SerializedRecords.read(eventsFile, topics.registerEvents().name(), serializer, settings.producerRecords());
            ProducerBenchmark producers = new ProducerBenchmark(bootstrapServers, serializer);
            Measurement plain = producers.plain(records, prefix + "plain-1");
            Measurement replay = producers.replay(eventsFile, prefix + "replay-1", topics.deadLetters().name(), records.size());
            plain = Measurement.best(plain, producers.plain(records, prefix + "plain-2"));
            replay = Measurement.best(replay, producers.replay(eventsFile, prefix + "replay-2", topics.deadLetters().name(), records.size()));
            records = null; // up to hundreds of MB, not needed by the parts below
            table.ratio(PRODUCER, replay, plain, 0.8);

            EndToEndRuns runs = new EndToEndRuns(bootstrapServers, registryUrl, serializer, admin, cpu, settings,
                topics.deadLetters().name());
            // Each pipeline once on a small event set first, unmeasured, so that none of the measured runs pays for
            // compiling its code (the JIT) and whichever runs first is not at a disadvantage.
            if (settings.warmUp() != null) {
                EventSet warmUpSet = EventSet.open(settings.warmUp());
                steps.next("warm-up: " + settings.warmUp().getFileName() + " through the passthrough, flyt and the floor (not measured) ...");
                String warm = prefix + "warmup-";
                FlytTopics warmTopics = FlytTopics.create(warm, serdeConfig, settings.partitions());
                TopicCreator.ensure(admin, warmTopics.all(), (short) 1);
                publishReference(bootstrapServers, warmTopics);
                Path warmState = stateDir.resolveSibling(stateDir.getFileName() + "-warmup");
                long warmed = runs.passthrough(warm, warmUpSet).elapsed().records();
                runs.flyt(new StreamsInstances(bootstrapServers, registryUrl, warmTopics, warm + "streams", settings.streamsConfig()),
                    warmTopics, warmState, warmUpSet, app -> { });
                runs.floor(warm, warmTopics, warmState.resolveSibling(warmState.getFileName() + "-floor"), warmUpSet);
                Directories.deleteRecursively(warmState);
                table.value(WARM_UP, String.format(Locale.ROOT, "%,d records (%s) through each pipeline first", warmed,
                    settings.warmUp().getFileName()), warmed, "", true);
            }

            // 2. End to end vs a raw exactly-once passthrough, both from the first produce until the input is absorbed.
            // Twice, the faster run counting: it lasts a few seconds at scale 0.1, where one run moves by a fifth.
            steps.next("end to end: raw exactly-once passthrough (best of two) ...");
            passthroughRun = EndToEndRuns.faster(runs.passthrough(prefix, eventSet),
                runs.passthrough(prefix + "second-", eventSet));
            Measurement passthrough = passthroughRun.elapsed();
            out.println("      end to end: flyt streams app ...");
            String applicationId = prefix + "streams";
            StreamsInstances instances = new StreamsInstances(bootstrapServers, registryUrl, topics, applicationId,
                settings.streamsConfig());
            List<QueryAnswers> afterReplay = new ArrayList<>(1);
            flytRun = runs.flyt(instances, topics, stateDir, eventSet, app -> {
                if (settings.recovery()) {
                    afterReplay.add(QueryAnswers.take(new ApiClient(app.api().port()), settings.timeout()));
                }
            });
            Measurement endToEnd = flytRun.elapsed();
            table.ratio(END_TO_END, endToEnd, passthrough, 0.33);
            table.cpu(END_TO_END_CPU, flytRun.cpu(), passthroughRun.cpu(), cpu.scope());
            measurements.put(END_TO_END, endToEnd);
            measurements.put(END_TO_END_CPU, flytRun.cpu());
            // the target is on what the run keeps; the heap in use also holds garbage, the more the larger -Xmx is
            long kept = memory.peakHeapAfterCollectionBytes();
            table.value(PEAK_HEAP_KEPT, mib(kept), kept / MIB, "<= 1024 MiB", kept <= 1024L * MIB);
            table.value(PEAK_HEAP_IN_USE, mib(memory.peakHeapBytes()),
                memory.peakHeapBytes() / MIB, "", true);
            long rss = MemorySampler.peakRssBytes();
            table.value("peak RSS of this JVM", rss < 0 ? "unknown" : mib(rss), rss < 0 ? Double.NaN : rss / MIB, "<= 2560 MiB",
                rss >= 0 && rss <= 2560L * MIB);
            long stateBytes = MemorySampler.directorySize(stateDir);
            table.value("state on disk after the run", mib(stateBytes), stateBytes / MIB, "", true);

            // The same with the least a per-person Kafka Streams app does: a store read and write per record. After flyt's
            // run, so that flyt's figures (memory included) are taken as before this reference point existed.
            out.println("      end to end: per-person Kafka Streams floor ...");
            floorRun = runs.floor(prefix, topics, stateDir.resolveSibling(stateDir.getFileName() + "-floor"), eventSet);
            Measurement floor = floorRun.elapsed();
            table.ratio(STATEFUL_FLOOR, floor, passthrough);
            table.cpu(STATEFUL_FLOOR_CPU, floorRun.cpu(), passthroughRun.cpu(), cpu.scope());
            table.ratio(END_TO_END_VS_FLOOR, endToEnd, floor);
            measurements.put(STATEFUL_FLOOR, floor);

            // The latency run and the recoveries use the same streams app, restarted on the state the end-to-end run left.
            RecoveryBenchmark recovery = new RecoveryBenchmark(instances, settings.timeout(), out);
            RecoveryBenchmark.Restarted restartKept = null;
            QueryAnswers beforeStop = afterReplay.isEmpty() ? null : afterReplay.get(0);
            if (settings.latency() != null || settings.recovery()) {
                FlytStreamsApp running;
                if (settings.recovery()) {
                    out.println("      restarting the streams app on its state ...");
                    restartKept = recovery.restart(stateDir, false, beforeStop);
                    running = restartKept.app();
                } else {
                    running = instances.start(stateDir, 0);
                    running.awaitRunning(settings.timeout());
                }
                try {
                    // 4. Latency at a steady paced rate.
                    if (settings.latency() != null) {
                        LatencySettings l = settings.latency();
                        steps.next(String.format(Locale.ROOT, "latency: %,d events/s, %d s warm-up + %d s measured ...",
                            l.eventsPerSecond(), l.warmUp().toSeconds(), l.measured().toSeconds()));
                        LatencyBenchmark.Result result = new LatencyBenchmark(bootstrapServers, serializer, topics.registerEvents().name(),
                            settings.partitions(), eventsFile).run(new ApiClient(running.api().port()), l, out);
                        addLatencyRows(table, result);
                    }
                    if (settings.recovery()) {
                        // The reference answers now include what the latency run added.
                        CatchUp.await(admin, applicationId, topics.streamsInputTopics(), settings.timeout(), running::ensureAlive);
                        beforeStop = QueryAnswers.take(new ApiClient(running.api().port()), settings.timeout());
                    }
                } finally {
                    running.close();
                }
            }

            // 6. The batch floor, while no streams app runs, so that the two do not share the cores.
            if (settings.batchFloor()) {
                steps.next("batch floor: independent batch recount of " + settings.eventSet().getFileName()
                    + " in a JVM with -Xmx" + settings.batchHeap() + " ...");
                try {
                    BatchFloorBenchmark.Result batch = BatchFloorBenchmark.runInChildJvm(settings.eventSet(), settings.batchHeap(), settings.timeout());
                    measurements.put(BATCH_RECOUNT, batch.measurement());
                    table.ratio(BATCH_FLOOR, endToEnd, batch.measurement());
                    table.value(BATCH_HEAP, mib(batch.peakHeapBytes()) + " (-Xmx" + settings.batchHeap() + ")", batch.peakHeapBytes() / MIB, "", true);
                } catch (IOException e) {
                    // The other parts still count; the row says what went wrong.
                    log.warn("Batch floor failed", e);
                    table.value(BATCH_FLOOR, "failed: " + e.getMessage(), "", true);
                }
            }

            // 7. Recovery.
            if (settings.recovery()) {
                steps.next("recovery: restart with the state directory deleted ...");
                RecoveryBenchmark.Restarted restartDeleted = recovery.restart(stateDir, true, beforeStop);
                restartDeleted.app().close();
                out.println("      recovery: failover to a standby replica on a second instance ...");
                RecoveryBenchmark.Recovered failover = recovery.failover(stateDir, stateDir.resolveSibling(stateDir.getFileName() + "-standby"), beforeStop);
                addRecoveryRow(table, measurements, RESTART_KEPT, restartKept.recovered());
                addRecoveryRow(table, measurements, RESTART_DELETED, restartDeleted.recovered());
                addRecoveryRow(table, measurements, FAILOVER, failover);
            }
        }
        out.println();
        table.print(out);
        out.println();
        out.println("Where the CPU of the end-to-end runs went (" + cpu.scope() + "):");
        out.println();
        ThreadCpu.print(out, List.of(threadsOf("flyt", flytRun), threadsOf("passthrough", passthroughRun),
            threadsOf("per-person floor", floorRun)));
        return new ResultTableView(table.rows(), measurements, flytRun.threads());
    }

    private static ThreadCpu.Run threadsOf(String name, EndToEndRuns.Absorbed run) {
        return new ThreadCpu.Run(name, run.threads(), run.cpu().elapsed().toMillis() / 1000.0);
    }

    private static void addRecoveryRow(ResultTable table, Map<String, Measurement> measurements, String figure, RecoveryBenchmark.Recovered r) {
        measurements.put(figure, new Measurement("records restored until correct", r.restoredRecords(), r.untilCorrect()));
        table.value(figure, String.format(Locale.ROOT, "%s (%,d changelog records read; %d answers compared)", seconds(r.untilCorrect()),
            r.restoredRecords(), QueryAnswers.QUESTIONS.size()), r.untilCorrect().toMillis() / 1000.0, "", true);
    }

    private static void addLatencyRows(ResultTable table, LatencyBenchmark.Result r) {
        LatencySettings l = r.settings();
        boolean allVisible = r.probesVisible() == r.probesCounted() && r.probesCounted() > 0;
        if (r.probesVisible() > 0) {
            double p99 = r.millisAtPercentile(99);
            table.value(LATENCY_P50, millis(r.millisAtPercentile(50)), r.millisAtPercentile(50), "", true);
            table.value(LATENCY_P95, millis(r.millisAtPercentile(95)), r.millisAtPercentile(95), "", true);
            table.value(LATENCY_P99, millis(p99), p99, String.format(Locale.ROOT, "<= %,.0f ms", LATENCY_P99_TARGET_MILLIS),
                allVisible && p99 <= LATENCY_P99_TARGET_MILLIS);
            table.value(LATENCY_MAX, millis(r.maxMillis()), r.maxMillis(), "", true);
            log.info("Latency: {} probes, p50 {} ms, p99 {} ms, max {} ms", r.probesVisible(), r.millisAtPercentile(50), p99, r.maxMillis());
        }
        table.value(LATENCY_PROBES, String.format(Locale.ROOT, "%,d of %,d (%,d ev/s asked, %,.0f sent, %d s after %d s warm-up)",
                r.probesVisible(), r.probesCounted(), l.eventsPerSecond(), r.achievedRate(), l.measured().toSeconds(), l.warmUp().toSeconds()),
            r.probesVisible(), "all", allVisible);
    }

    private static void publishReference(String bootstrapServers, FlytTopics topics) {
        Properties config = new Properties();
        config.put("bootstrap.servers", bootstrapServers);
        try (KafkaProducer<String, Municipality> producer = new KafkaProducer<>(config, new StringSerializer(),
            topics.municipalities().valueSerde().serializer())) {
            ReferencePublisher.publish(producer, topics.municipalities().name(), MunicipalityCatalog.bundled());
        }
    }

    private static final long MIB = 1024 * 1024;

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%,d MiB", bytes / MIB);
    }

    private static String millis(double ms) {
        return String.format(Locale.ROOT, "%,.0f ms", ms);
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%,.1f s", d.toMillis() / 1000.0);
    }

    /** Numbered progress lines for the parts of the run. */
    private static final class Steps {
        private final PrintWriter out;
        private final int total;
        private int done;

        Steps(PrintWriter out, int total) {
            this.out = out;
            this.total = total;
        }

        void next(String what) {
            out.printf("%d/%d %s%n", ++done, total, what);
            out.flush();
        }
    }

    /**
     * The figures of a run, for tests and callers that record them; {@code endToEndCpuByThreads}: CPU seconds of the
     * end-to-end run per group of threads ({@link ThreadCpu}).
     */
    public record ResultTableView(List<ResultTable.Row> rows, Map<String, Measurement> measurements,
                                  Map<String, Double> endToEndCpuByThreads) {

        public Optional<ResultTable.Row> row(String figure) {
            return rows.stream().filter(r -> r.figure().equals(figure)).findFirst();
        }

        public String ratio(String figure) {
            return row(figure).map(ResultTable.Row::ratio).orElseThrow();
        }

        /** The number in the flyt column of a figure, in its unit. */
        public double amount(String figure) {
            return row(figure).map(ResultTable.Row::amount).orElseThrow();
        }

        public Measurement measurement(String name) {
            return Optional.ofNullable(measurements.get(name)).orElseThrow();
        }
    }

}
