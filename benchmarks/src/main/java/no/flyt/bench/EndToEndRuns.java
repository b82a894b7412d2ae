package no.flyt.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import no.flyt.embedded.Directories;
import no.flyt.events.BaselinePerson;
import no.flyt.events.RegisterEvent;
import no.flyt.producers.io.EventFileReader;
import no.flyt.producers.io.EventSet;
import no.flyt.producers.replay.EventFileItems;
import no.flyt.producers.replay.ReplayOptions;
import no.flyt.producers.replay.ReplayProducer;
import no.flyt.producers.replay.ReplayProducerConfig;
import no.flyt.producers.replay.ReplayProgress;
import no.flyt.serde.KafkaAvroSerializer;
import no.flyt.streams.FlytStreamsApp;
import no.flyt.streams.config.CatchUp;
import no.flyt.streams.config.FlytTopics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * The three end-to-end runs of the benchmark — the raw exactly-once passthrough, flyt's streams app and the per-person
 * floor — each from the first produce of an event set until the pipeline has absorbed it, with the CPU it took. The
 * same runs serve as the warm-up (on a small event set and topics of their own) and as the measured ones.
 */
final class EndToEndRuns {

    /** One run: records in how long, the CPU of this JVM (and the broker) over it, and that CPU by group of threads. */
    record Absorbed(Measurement elapsed, Measurement cpu, Map<String, Double> threads) {
    }

    /** The run that took less time. */
    static Absorbed faster(Absorbed a, Absorbed b) {
        return b.elapsed().elapsed().compareTo(a.elapsed().elapsed()) < 0 ? b : a;
    }

    /** What is done with flyt's app after its run, before it is closed. */
    @FunctionalInterface
    interface WhileRunning {
        void accept(FlytStreamsApp app) throws Exception;
    }

    private final String bootstrapServers;
    private final String registryUrl;
    private final KafkaAvroSerializer serializer;
    private final Admin admin;
    private final ThreadCpu cpu;
    private final Benchmarks.Settings settings;
    private final String deadLetterTopic;

    /** @param deadLetterTopic where the replays put items they cannot read */
    EndToEndRuns(String bootstrapServers, String registryUrl, KafkaAvroSerializer serializer, Admin admin, ThreadCpu cpu,
                 Benchmarks.Settings settings, String deadLetterTopic) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.serializer = serializer;
        this.admin = admin;
        this.cpu = cpu;
        this.settings = settings;
        this.deadLetterTopic = deadLetterTopic;
    }

    /** A consume-transform-produce copy of {@code <prefix>passthrough-baseline} and {@code -events}. */
    Absorbed passthrough(String prefix, EventSet eventSet) throws Exception {
        List<String> inputs = List.of(prefix + "passthrough-baseline", prefix + "passthrough-events");
        try (PassthroughBenchmark copy = new PassthroughBenchmark(bootstrapServers, inputs, prefix + "passthrough-out")) {
            copy.start();
            return replayUntilAbsorbed("raw exactly-once passthrough", eventSet, inputs, copy.groupId(), inputs, () -> { });
        }
    }

    /** flyt's streams app on {@code topics}; {@code whileRunning} gets it after the run, before it is closed. */
    Absorbed flyt(StreamsInstances instances, FlytTopics topics, Path stateDir, EventSet eventSet, WhileRunning whileRunning)
        throws Exception {
        FlytStreamsApp app = instances.start(stateDir, 0);
        try {
            app.awaitRunning(Duration.ofMinutes(2));
            Absorbed run = replayUntilAbsorbed("flyt end to end", eventSet,
                List.of(topics.baselinePersons().name(), topics.registerEvents().name()), instances.applicationId(),
                topics.streamsInputTopics(), app::ensureAlive);
            whileRunning.accept(app);
            return run;
        } finally {
            app.close();
        }
    }

    /** The per-person floor ({@link StatefulFloorBenchmark}) on {@code <prefix>floor-baseline} and {@code -events}; its state is deleted after. */
    Absorbed floor(String prefix, FlytTopics topics, Path stateDir, EventSet eventSet) throws Exception {
        List<String> inputs = List.of(prefix + "floor-baseline", prefix + "floor-events");
        try (StatefulFloorBenchmark floorApp = new StatefulFloorBenchmark(bootstrapServers, registryUrl, stateDir, topics,
            prefix + "floor", inputs, settings.streamsConfig())) {
            floorApp.start(Duration.ofMinutes(2));
            return replayUntilAbsorbed("per-person Kafka Streams floor", eventSet, inputs, prefix + "floor", inputs, floorApp::ensureAlive);
        } finally {
            Directories.deleteRecursively(stateDir); // a gigabyte at full scale
        }
    }

    /** Replays the baseline into {@code inputs.get(0)} and the events into {@code inputs.get(1)}, then waits for {@code groupId}. */
    private Absorbed replayUntilAbsorbed(String name, EventSet eventSet, List<String> inputs, String groupId, List<String> lagTopics,
                                         Runnable ensureAlive) throws Exception {
        long start = System.nanoTime();
        Duration cpuStart = cpu.total();
        Map<String, Double> threadsStart = cpu.snapshot();
        long sent = replay(eventSet, inputs.get(0), inputs.get(1));
        CatchUp.await(admin, groupId, lagTopics, settings.timeout(), ensureAlive);
        return new Absorbed(new Measurement(name, sent, Duration.ofNanos(System.nanoTime() - start)),
            new Measurement(name + " CPU", sent, cpu.total().minus(cpuStart)), ThreadCpu.between(threadsStart, cpu.snapshot()));
    }

    private long replay(EventSet eventSet, String baselineTopic, String eventsTopic) throws IOException {
        long sent = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(ReplayProducerConfig.producerConfig(bootstrapServers, new Properties()))) {
            ReplayProducer replay = new ReplayProducer(producer, serializer, deadLetterTopic);
            if (eventSet.baseline().isPresent()) {
                try (EventFileReader<BaselinePerson> reader = EventFileReader.open(eventSet.baseline().get(), BaselinePerson.class)) {
                    sent += replay.replay(EventFileItems.baseline(reader), baselineTopic, ReplayOptions.AS_FAST_AS_POSSIBLE, -1, ReplayProgress.NONE).sent();
                }
            }
            try (EventFileReader<RegisterEvent> reader = EventFileReader.open(eventSet.events().orElseThrow(), RegisterEvent.class)) {
                sent += replay.replay(EventFileItems.events(reader), eventsTopic, ReplayOptions.AS_FAST_AS_POSSIBLE, -1, ReplayProgress.NONE).sent();
            }
        }
        return sent;
    }
}
