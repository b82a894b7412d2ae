package no.flyt.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import no.flyt.embedded.BrokerSettings;
import no.flyt.embedded.EmbeddedStack;
import no.flyt.embedded.Ports;
import no.flyt.embedded.RegistrySettings;
import no.flyt.events.BaselinePerson;
import no.flyt.events.RegisterEvent;
import no.flyt.producers.io.EventFileReader;
import no.flyt.producers.io.EventSet;
import no.flyt.producers.reference.ReferencePublisher;
import no.flyt.producers.replay.EventFileItems;
import no.flyt.producers.replay.ReplayOptions;
import no.flyt.producers.replay.ReplayProducer;
import no.flyt.producers.replay.ReplayProducerConfig;
import no.flyt.producers.replay.ReplayProgress;
import no.flyt.reference.Municipality;
import no.flyt.reference.MunicipalityCatalog;
import no.flyt.serde.AvroSerdeConfig;
import no.flyt.serde.KafkaAvroSerializer;
import no.flyt.streams.FlytStreamsApp;
import no.flyt.streams.config.CatchUp;
import no.flyt.streams.config.FlytTopics;
import no.flyt.streams.config.StreamsSettings;
import no.flyt.streams.config.TopicCreator;
import no.flyt.streams.config.TopicSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;

/**
 * `flyt bench`: flyt's replay producer and whole pipeline measured against raw Kafka clients on the same broker in the
 * same run, so that the headline figures are ratios that a noisy shared machine does not distort much.
 */
public final class Benchmarks {

    /**
     * @param eventSet        the event set to replay (baseline + events)
     * @param producerRecords how many events the producer comparison sends (each side, twice)
     * @param partitions      partitions of the input topics
     * @param timeout         how long the end-to-end runs may take
     */
    public record Settings(Path eventSet, int producerRecords, int partitions, Duration timeout) {
    }

    private Benchmarks() {
    }

    /** Runs on a fresh embedded broker and registry (free ports, temporary directories). */
    public static ResultTableView runEmbedded(Settings settings, PrintWriter out) throws Exception {
        Path work = Files.createTempDirectory("flyt-bench-");
        int[] ports = Ports.freePorts(3);
        try (EmbeddedStack stack = EmbeddedStack.start(
            BrokerSettings.defaults(work.resolve("kafka")).withPort(ports[0]).withControllerPort(ports[1]).withFresh(true).withMaxHeap("1g"),
            RegistrySettings.defaults(work.resolve("registry")).withPort(ports[2]))) {
            return run(stack.bootstrapServers(), stack.schemaRegistryUrl(), work.resolve("state"), settings, out);
        }
    }

    /** Runs against the given broker and registry. */
    public static ResultTableView run(String bootstrapServers, String registryUrl, Path stateDir, Settings settings, PrintWriter out)
        throws Exception {
        String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        Map<String, Object> serdeConfig = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
        FlytTopics topics = FlytTopics.create(prefix, serdeConfig, settings.partitions());
        EventSet eventSet = EventSet.open(settings.eventSet());
        Path eventsFile = eventSet.events().orElseThrow(() -> new IOException("no events file in " + settings.eventSet()));
        ResultTable table = new ResultTable();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
             KafkaAvroSerializer serializer = new KafkaAvroSerializer();
             MemorySampler memory = new MemorySampler()) {
            serializer.configure(serdeConfig, false);
            List<TopicSpec<?, ?>> benchTopics = new ArrayList<>(topics.all());
            for (String name : List.of("plain-1", "plain-2", "replay-1", "replay-2", "passthrough-baseline", "passthrough-events", "passthrough-out")) {
                benchTopics.add(new TopicSpec<>(prefix + name, Serdes.ByteArray(), Serdes.ByteArray(), settings.partitions(), Map.of("retention.ms", "-1")));
            }
            TopicCreator.ensure(admin, benchTopics, (short) 1);
            publishReference(bootstrapServers, topics);

            // 1. Replay producer vs plain producer with the same records already serialized.
            out.println("1/2 producer: reading " + eventsFile.getFileName() + " ...");
            SerializedRecords records = SerializedRecords.read(eventsFile, topics.registerEvents().name(), serializer, settings.producerRecords());
            ProducerBenchmark producers = new ProducerBenchmark(bootstrapServers, serializer);
            Measurement plain = producers.plain(records, prefix + "plain-1");
            Measurement replay = producers.replay(eventsFile, prefix + "replay-1", topics.deadLetters().name(), records.size());
            plain = Measurement.best(plain, producers.plain(records, prefix + "plain-2"));
            replay = Measurement.best(replay, producers.replay(eventsFile, prefix + "replay-2", topics.deadLetters().name(), records.size()));
            table.ratio("replay producer vs plain KafkaProducer", replay, plain, 0.8);

            // 2. End to end vs a raw exactly-once passthrough, both from the first produce until the input is absorbed.
            out.println("2/2 end to end: raw exactly-once passthrough ...");
            Measurement passthrough;
            List<String> passthroughInputs = List.of(prefix + "passthrough-baseline", prefix + "passthrough-events");
            try (PassthroughBenchmark copy = new PassthroughBenchmark(bootstrapServers, passthroughInputs, prefix + "passthrough-out")) {
                copy.start();
                long start = System.nanoTime();
                long sent = replayEventSet(bootstrapServers, serializer, eventSet, passthroughInputs.get(0), passthroughInputs.get(1), topics);
                CatchUp.await(admin, copy.groupId(), passthroughInputs, settings.timeout(), () -> { });
                passthrough = new Measurement("raw exactly-once passthrough", sent, Duration.ofNanos(System.nanoTime() - start));
            }
            out.println("2/2 end to end: flyt streams app ...");
            Properties overrides = new Properties();
            String applicationId = prefix + "streams";
            overrides.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
            Properties config = StreamsSettings.streamsConfig(bootstrapServers, registryUrl, stateDir, topics, overrides);
            Measurement endToEnd;
            try (FlytStreamsApp app = FlytStreamsApp.start(config, topics, new HostInfo("127.0.0.1", Ports.freePort()))) {
                app.awaitRunning(Duration.ofMinutes(2));
                long start = System.nanoTime();
                long sent = replayEventSet(bootstrapServers, serializer, eventSet, topics.baselinePersons().name(), topics.registerEvents().name(), topics);
                CatchUp.await(admin, applicationId, topics.streamsInputTopics(), settings.timeout(), app::ensureAlive);
                endToEnd = new Measurement("flyt end to end", sent, Duration.ofNanos(System.nanoTime() - start));
            }
            table.ratio("end to end (replay -> absorbed) vs raw EOS passthrough", endToEnd, passthrough, 0.33);
            table.value("peak heap of this JVM (producer + streams app)", mib(memory.peakHeapBytes()), "<= 1024 MiB",
                memory.peakHeapBytes() <= 1024L * 1024 * 1024);
            long rss = MemorySampler.peakRssBytes();
            table.value("peak RSS of this JVM", rss < 0 ? "unknown" : mib(rss), "<= 2560 MiB", rss >= 0 && rss <= 2560L * 1024 * 1024);
            table.value("state on disk after the run", mib(MemorySampler.directorySize(stateDir)), "", true);
        }
        out.println();
        table.print(out);
        return new ResultTableView(table.rows());
    }

    private static long replayEventSet(String bootstrapServers, KafkaAvroSerializer serializer, EventSet eventSet,
                                       String baselineTopic, String eventsTopic, FlytTopics topics) throws IOException {
        long sent = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(ReplayProducerConfig.producerConfig(bootstrapServers, new Properties()))) {
            ReplayProducer replay = new ReplayProducer(producer, serializer, topics.deadLetters().name());
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

    private static void publishReference(String bootstrapServers, FlytTopics topics) {
        Properties config = new Properties();
        config.put("bootstrap.servers", bootstrapServers);
        try (KafkaProducer<String, Municipality> producer = new KafkaProducer<>(config, new StringSerializer(),
            topics.municipalities().valueSerde().serializer())) {
            ReferencePublisher.publish(producer, topics.municipalities().name(), MunicipalityCatalog.bundled());
        }
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%,d MiB", bytes / (1024 * 1024));
    }

    /** The figures of a run, for tests and callers that record them. */
    public record ResultTableView(List<ResultTable.Row> rows) {
        public String ratio(String figure) {
            return rows.stream().filter(r -> r.figure().equals(figure)).findFirst().map(ResultTable.Row::ratio).orElseThrow();
        }
    }

}
