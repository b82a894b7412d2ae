package no.flyt.folkeregister;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import no.flyt.embedded.Ports;
import no.flyt.embedded.testing.EmbeddedStackExtension;
import no.flyt.events.BaselinePerson;
import no.flyt.events.RegisterEvent;
import no.flyt.folkeregister.connect.FolkeregisterSourceTask;
import no.flyt.folkeregister.fake.FakeFolkeregister;
import no.flyt.folkeregister.fake.FeedFiles;
import no.flyt.folkeregister.fake.FeedWriter;
import no.flyt.folkeregister.fake.RegisterView;
import no.flyt.producers.io.EventFileReader;
import no.flyt.producers.io.EventSet;
import no.flyt.producers.io.ReadResult;
import no.flyt.producers.synthetic.GeneratorSettings;
import no.flyt.producers.synthetic.ProgressListener;
import no.flyt.producers.synthetic.SyntheticRegister;
import no.flyt.serde.SpecificAvroDeserializer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connector on a real Kafka Connect worker (distributed mode, exactly-once source support) against the fake
 * Folkeregister serving a small synthetic register: it writes exactly the register's events of the files, keyed by
 * pseudonyms; no national identity number reaches any topic; and through 429s, 503s, expired tokens, a broken
 * document and a worker killed outright midway it loses nothing and repeats nothing.
 */
class FolkeregisterConnectorIT {

    @RegisterExtension
    static final EmbeddedStackExtension stack = new EmbeddedStackExtension();

    private static final String SECRET = "a test secret of some length";
    private static final Pattern ELEVEN_DIGITS = Pattern.compile("(?<!\\d)\\d{11}(?!\\d)");

    @TempDir
    static Path dir;
    private static FeedFiles files;
    private static FeedWriter.Summary written;
    private static List<RegisterEvent> expectedEvents;
    private static List<BaselinePerson> expectedBaseline;
    private static Set<String> nationalIds;

    @BeforeAll
    static void writeFeed() throws Exception {
        Path eventSet = dir.resolve("register");
        SyntheticRegister.generate(GeneratorSettings.of(0.002, 7).withEmployment(false), eventSet, ProgressListener.NONE);
        files = new FeedFiles(dir.resolve("feed"));
        written = FeedWriter.write(eventSet, files.directory());
        EventSet set = EventSet.open(eventSet);
        expectedEvents = read(set.events().orElseThrow(), RegisterEvent.class).stream()
            .map(RegisterView::of).flatMap(java.util.Optional::stream).toList();
        expectedBaseline = read(set.baseline().orElseThrow(), BaselinePerson.class).stream().map(RegisterView::of).toList();
        nationalIds = new HashSet<>();
        Matcher m = ELEVEN_DIGITS.matcher(Files.readString(files.feed()));
        while (m.find()) {
            nationalIds.add(m.group());
        }
        assertThat(written.events()).as("events in the feed").isEqualTo(expectedEvents.size()).isGreaterThan(5_000);
        assertThat(nationalIds).as("persons in the feed").hasSizeGreaterThan(1_000);
    }

    @Test
    void writesTheRegistersEventsAndNoNationalIdentityNumber() throws Exception {
        try (FakeFolkeregister fake = FakeFolkeregister.start(files, 0)) {
            FolkeregisterSource.Settings s = settings("clean");
            try (FolkeregisterSource source = FolkeregisterSource.start(fake, files, s)) {
                fake.awaitReadToEnd(Duration.ofMinutes(5), n -> { });
                List<RegisterEvent> events = values(s.registerEventsTopic(), RegisterEvent.class);
                List<BaselinePerson> baseline = values(s.baselineTopic(), BaselinePerson.class);
                assertThat(events).hasSize(expectedEvents.size());
                assertThat(Canonical.persons(baseline, events)).as("every person's baseline and events, ids aside")
                    .isEqualTo(Canonical.persons(expectedBaseline, expectedEvents));
                assertThat(events).allMatch(e -> e.getPersonId().startsWith("F") && e.getPersonId().length() == 21);
                assertThat(readRaw(s.deadLetterTopic())).as("dead letters").isEmpty();
                String log = Files.readString(source.worker().logFile());
                assertThat(skippedInLastProgressLine(log)).as("entries of types flyt does not count, from the task's log")
                    .isEqualTo(written.otherEntries());
            }
            assertNoNationalIdentityNumberInAnyTopic();
        }
    }

    @Test
    void losesAndRepeatsNothingThroughFaultsAndAWorkerKilledMidway() throws Exception {
        try (FakeFolkeregister fake = FakeFolkeregister.start(files, 0)) {
            long broken = 3;
            while (!Files.readAllLines(files.feed()).get((int) broken - 1).contains("endringIBostedsadresse\"")) {
                broken++;
            }
            fake.faults().tooManyRequests(3, 200).unavailable(2).tokenLifetime(Duration.ofSeconds(2))
                .corruptDocument(broken, "{\"dokumentidentifikator\": \"x\", \"hendelse\": {\"folkeregisteridentifikator\": ");
            fake.faults().visibleUpTo(fake.lastSequence() / 2);
            FolkeregisterSource.Settings s = settings("faults");
            FolkeregisterSource first = FolkeregisterSource.start(fake, files, s);
            try {
                long half = fake.lastSequence();
                long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
                while (fake.highestSequenceServed() < half && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                fake.revokeTokens(); // a 401: the task must fetch a new token
                fake.faults().visibleUpTo(Long.MAX_VALUE);
                Thread.sleep(300); // into the second half
                first.worker().process().destroyForcibly(); // kill -9: no clean stop, no last commit
                first.worker().process().onExit().get();
            } finally {
                first.close();
            }
            try (FolkeregisterSource second = FolkeregisterSource.startWorker(fake, s)) {
                fake.awaitReadToEnd(Duration.ofMinutes(5), n -> { });
                List<RegisterEvent> events = values(s.registerEventsTopic(), RegisterEvent.class);
                List<ConsumerRecord<byte[], byte[]>> deadLetters = readRaw(s.deadLetterTopic());
                assertThat(deadLetters).as("the broken document, once").hasSize(1);
                ConsumerRecord<byte[], byte[]> letter = deadLetters.get(0);
                assertThat(header(letter, FolkeregisterSourceTask.SEQUENCE_HEADER)).isEqualTo(String.valueOf(broken));
                assertThat(header(letter, FolkeregisterSourceTask.REASON_HEADER)).contains("malformed document");
                assertThat(events).as("every other event once: nothing skipped, nothing repeated").hasSize(expectedEvents.size() - 1);
                Map<String, Integer> expected = new HashMap<>();
                expectedEvents.forEach(e -> expected.merge(Canonical.event(e), 1, Integer::sum));
                Map<String, Integer> actual = new HashMap<>();
                events.forEach(e -> actual.merge(Canonical.event(e), 1, Integer::sum));
                Map<String, Integer> missing = new HashMap<>(expected);
                actual.forEach((k, n) -> missing.merge(k, -n, Integer::sum));
                missing.values().removeIf(n -> n == 0);
                assertThat(missing).as("expected minus written: the broken document's event only").hasSize(1).containsValue(1);
                assertThat(missing.keySet().iterator().next()).startsWith("MOVE ");
                assertThat(Files.readString(second.worker().logFile()) + Files.readString(first.worker().logFile()))
                    .as("the faults happened").contains("retried calls");
            }
        }
    }

    private static long skippedInLastProgressLine(String log) {
        Matcher m = Pattern.compile("skipped by type \\{([^}]*)}").matcher(log);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        assertThat(last).as("a progress line in the worker's log").isNotNull();
        long sum = 0;
        for (String part : last.split(", ")) {
            sum += Long.parseLong(part.substring(part.indexOf('=') + 1));
        }
        return sum;
    }

    private void assertNoNationalIdentityNumberInAnyTopic() throws Exception {
        Set<String> topics = stack.admin().listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(true)).names().get();
        long records = 0;
        List<String> found = new ArrayList<>();
        for (String topic : topics) {
            for (ConsumerRecord<byte[], byte[]> r : readRaw(topic, "read_uncommitted")) {
                records++;
                StringBuilder text = new StringBuilder();
                text.append(latin1(r.key())).append(' ').append(latin1(r.value()));
                for (Header h : r.headers()) {
                    text.append(' ').append(h.key()).append(' ').append(latin1(h.value()));
                }
                Matcher m = ELEVEN_DIGITS.matcher(text);
                while (m.find()) {
                    if (nationalIds.contains(m.group())) {
                        found.add(topic + ": " + m.group());
                    }
                }
            }
        }
        assertThat(records).as("records scanned in " + topics).isGreaterThan(expectedEvents.size());
        assertThat(found).as("national identity numbers on any topic").isEmpty();
    }

    private static String latin1(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private FolkeregisterSource.Settings settings(String name) {
        String id = name + "-" + UUID.randomUUID().toString().substring(0, 6);
        return new FolkeregisterSource.Settings(stack.bootstrapServers(), stack.schemaRegistryUrl(), id + ".register-events",
            id + ".baseline", id + ".dead-letters", id + ".connect", SECRET, Ports.freePort(), dir.resolve(id));
    }

    private <T extends SpecificRecord> List<T> values(String topic, Class<T> type) {
        SpecificAvroDeserializer<T> d = new SpecificAvroDeserializer<>();
        d.configure(Map.of("schema.registry.url", stack.schemaRegistryUrl(), "specific.avro.reader", true), false);
        List<T> values = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : readRaw(topic)) {
            values.add(d.deserialize(topic, r.value()));
        }
        return values;
    }

    private List<ConsumerRecord<byte[], byte[]>> readRaw(String topic) {
        return readRaw(topic, "read_committed");
    }

    private List<ConsumerRecord<byte[], byte[]>> readRaw(String topic, String isolation) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Deserializer<byte[]> bytes = new ByteArrayDeserializer();
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, bytes, bytes)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(300)).forEach(records::add);
            }
        }
        return records;
    }

    private static <T extends SpecificRecord> List<T> read(Path file, Class<T> type) throws Exception {
        List<T> records = new ArrayList<>();
        try (EventFileReader<T> reader = EventFileReader.open(file, type)) {
            for (ReadResult<T> r : reader) {
                records.add(r.record());
            }
        }
        return records;
    }
}
