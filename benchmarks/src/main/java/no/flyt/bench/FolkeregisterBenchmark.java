package no.flyt.bench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import no.flyt.embedded.BrokerSettings;
import no.flyt.embedded.Directories;
import no.flyt.embedded.EmbeddedStack;
import no.flyt.embedded.Ports;
import no.flyt.embedded.RegistrySettings;
import no.flyt.events.RegisterEvent;
import no.flyt.folkeregister.FolkeregisterSource;
import no.flyt.folkeregister.connect.ConnectWorker;
import no.flyt.folkeregister.fake.FakeFolkeregister;
import no.flyt.folkeregister.fake.FeedFiles;
import no.flyt.folkeregister.fake.FeedWriter;
import no.flyt.producers.io.EventFileReader;
import no.flyt.producers.io.EventSet;
import no.flyt.producers.replay.EventFileItems;
import no.flyt.producers.replay.ReplayOptions;
import no.flyt.producers.replay.ReplayProducer;
import no.flyt.producers.replay.ReplayProducerConfig;
import no.flyt.producers.replay.ReplayProgress;
import no.flyt.serde.AvroSerdeConfig;
import no.flyt.serde.KafkaAvroSerializer;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * The Folkeregister connector's throughput against {@code flyt replay}, on one fresh broker: the register events of an
 * event set replayed from its Avro file, against the same events read from the fake Folkeregister's feed (with the
 * feed's other entries, the bulk look-ups and the side input) by the connector on a Kafka Connect worker with
 * exactly-once source support, each until the last event is on its topic. The worker starts before the clock does;
 * the connector's start is measured.
 */
public final class FolkeregisterBenchmark {

    /** What was measured. */
    public record Result(long replayed, long events, long feedEntries, Duration replay, Duration connector) {
        public double ratio() {
            // per event: the feed holds the files' events but the settlements the register does not record
            return (connector.toNanos() / (double) events) / (replay.toNanos() / (double) replayed);
        }

        public String table() {
            return String.format(Locale.ROOT, """
                | run | events | feed entries | seconds | events/s |
                |---|---:|---:|---:|---:|
                | `flyt replay` of the Avro events | %,d | | %.1f | %,.0f |
                | fake feed → connector (exactly once) | %,d | %,d | %.1f | %,.0f |
                | connector / replay, time per event | | | %.2f× | |
                """, replayed, seconds(replay), replayed / seconds(replay), events, feedEntries, seconds(connector),
                events / seconds(connector), ratio());
        }

        private static double seconds(Duration d) {
            return d.toNanos() / 1e9;
        }
    }

    private FolkeregisterBenchmark() {
    }

    /** On a fresh embedded broker and registry in a temporary directory (deleted afterwards). */
    public static Result runEmbedded(Path eventSet, Duration timeout, PrintWriter out) throws Exception {
        Path work = Files.createTempDirectory(Benchmarks.WORK_DIRECTORY_PREFIX);
        try {
            int[] ports = Ports.freePorts(3);
            try (EmbeddedStack stack = EmbeddedStack.start(
                BrokerSettings.defaults(work.resolve("kafka")).withPort(ports[0]).withControllerPort(ports[1]).withFresh(true).withMaxHeap("1g"),
                RegistrySettings.defaults(work.resolve("registry")).withPort(ports[2]))) {
                return run(stack.bootstrapServers(), stack.schemaRegistryUrl(), eventSet, work, timeout, out);
            }
        } finally {
            Directories.deleteRecursively(work);
        }
    }

    public static Result run(String bootstrapServers, String registryUrl, Path eventSet, Path work, Duration timeout, PrintWriter out)
        throws Exception {
        FeedFiles files = FeedFiles.of(eventSet);
        if (!Files.exists(files.feed())) {
            files = new FeedFiles(work.resolve("feed"));
            out.println("Writing the feed (not measured) ...");
            out.flush();
            FeedWriter.write(eventSet, files.directory());
        }
        String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        Path eventsFile = EventSet.open(eventSet).events().orElseThrow();

        out.println("flyt replay of " + eventsFile + " ...");
        out.flush();
        long start = System.nanoTime();
        long replayed;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(ReplayProducerConfig.producerConfig(bootstrapServers, new Properties()));
             KafkaAvroSerializer serializer = new KafkaAvroSerializer();
             EventFileReader<RegisterEvent> reader = EventFileReader.open(eventsFile, RegisterEvent.class)) {
            serializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl), false);
            ReplayProducer replay = new ReplayProducer(producer, serializer, prefix + "replay-dead-letters");
            replayed = replay.replay(EventFileItems.events(reader), prefix + "replay-events", ReplayOptions.AS_FAST_AS_POSSIBLE,
                reader.totalRecords().orElse(-1), ReplayProgress.NONE).sent();
        }
        Duration replay = Duration.ofNanos(System.nanoTime() - start);

        try (FakeFolkeregister fake = FakeFolkeregister.start(files, 0)) {
            FolkeregisterSource.Settings s = new FolkeregisterSource.Settings(bootstrapServers, registryUrl, prefix + "feed-events",
                prefix + "feed-baseline", prefix + "feed-dead-letters", prefix + "connect", "the benchmark's pseudonym secret",
                Ports.freePort(), work.resolve("connect"));
            try (ConnectWorker worker = ConnectWorker.start(ConnectWorker.workerProperties(bootstrapServers, s.connectGroup(), (short) 1,
                s.restPort()), s.workDir())) {
                out.println("connector reading " + fake.lastSequence() + " feed entries ...");
                out.flush();
                start = System.nanoTime();
                worker.putConnector(FolkeregisterSource.CONNECTOR, FolkeregisterSource.connectorConfig(fake, s));
                fake.awaitReadToEnd(timeout, n -> { });
                Duration connector = Duration.ofNanos(System.nanoTime() - start);
                long events = new com.fasterxml.jackson.databind.ObjectMapper().readTree(files.manifest().toFile()).path("events").asLong();
                Result result = new Result(replayed, events, fake.lastSequence(), replay, connector);
                if (events > replayed) {
                    throw new IllegalStateException("the feed has more events (" + events + ") than were replayed (" + replayed + ")");
                }
                out.println(result.table());
                out.flush();
                return result;
            }
        }
    }
}
