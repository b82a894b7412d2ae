package no.flyt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import no.flyt.embedded.testing.EmbeddedStackExtension;
import no.flyt.events.EmploymentEvent;
import no.flyt.events.RegisterEvent;
import no.flyt.events.RegistrationKind;
import no.flyt.producers.io.EventFileReader;
import no.flyt.producers.io.ReadResult;
import no.flyt.producers.replay.ReplayOptions;
import no.flyt.producers.replay.ReplayProducer;
import no.flyt.producers.synthetic.GeneratorSettings;
import no.flyt.producers.synthetic.ProgressListener;
import no.flyt.producers.synthetic.SyntheticRegister;
import no.flyt.streams.config.TopicSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flyt replay} sends an event set's employment register to {@code flyt.employment-events.v1} with the register
 * events: every change exactly once (duplicates and shuffling as asked), keyed and partitioned by person like the
 * register events, unreadable lines to the dead-letter topic.
 */
class EmploymentReplayIT {

    @RegisterExtension
    static EmbeddedStackExtension stack = new EmbeddedStackExtension();

    @TempDir
    static Path dir;
    static Path eventSet;
    static List<EmploymentEvent> employment;
    static List<RegisterEvent> events;

    @BeforeAll
    static void generate() throws IOException {
        eventSet = dir.resolve("register");
        SyntheticRegister.generate(GeneratorSettings.of(0.001, 3).withFormat(GeneratorSettings.OutputFormat.BOTH), eventSet,
            ProgressListener.NONE);
        employment = read(eventSet.resolve("employment.avro"), EmploymentEvent.class);
        events = read(eventSet.resolve("events.avro"), RegisterEvent.class);
    }

    @Test
    void anEventSetsEmploymentRegisterArrivesOnItsTopicExactlyAndPartitionedLikeTheRegisterEvents() throws Exception {
        ConnectionOptions connection = connection("employment-" + UUID.randomUUID().toString().substring(0, 8) + ".");
        SetupCommand.setUp(connection, (short) 1);
        TopicSpec<String, EmploymentEvent> topic = connection.topics().employmentEvents();
        try (Admin admin = admin()) {
            TopicDescription description = admin.describeTopics(List.of(topic.name())).allTopicNames().get(30, TimeUnit.SECONDS)
                .get(topic.name());
            assertThat(description.partitions()).hasSize(connection.partitions);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
            Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
            assertThat(config.get("retention.ms").value()).as("kept forever").isEqualTo("-1");
        }

        EventSetReplayer.Summary summary = EventSetReplayer.replay(connection, eventSet, ReplayOptions.AS_FAST_AS_POSSIBLE,
            new PrintWriter(Writer.nullWriter()));

        assertThat(employment).hasSizeGreaterThan(1_000);
        assertThat(employment).anyMatch(e -> e.getRegistration() == RegistrationKind.CORRECTION);
        assertThat(summary.employment().sent()).isEqualTo(employment.size());
        assertThat(summary.events().sent()).isEqualTo(events.size());
        List<ConsumerRecord<String, EmploymentEvent>> received = readAll(topic);
        assertThat(received).hasSize(employment.size());
        assertThat(received).extracting(r -> r.value().getEventId())
            .containsExactlyInAnyOrderElementsOf(employment.stream().map(EmploymentEvent::getEventId).toList());
        assertThat(received).allSatisfy(r -> {
            assertThat(r.key()).isEqualTo(r.value().getPersonId());
            assertThat(r.timestamp()).isEqualTo(r.value().getRecordedAt().toEpochMilli());
        });
        // the same person's employment and register events are in the same partition number, for a join by person
        Map<String, Integer> eventPartition = new HashMap<>();
        readAll(connection.topics().registerEvents()).forEach(r -> eventPartition.put(r.key(), r.partition()));
        long shared = received.stream().filter(r -> eventPartition.containsKey(r.key()))
            .peek(r -> assertThat(r.partition()).as(r.key()).isEqualTo(eventPartition.get(r.key())))
            .count();
        assertThat(shared).isGreaterThan(100);
    }

    @Test
    void jsonLinesWithDuplicatesShufflingAndABadLineCountEveryChangeOnce() throws Exception {
        Path jsonSet = Files.createDirectories(dir.resolve("jsonl"));
        Files.copy(eventSet.resolve("baseline.jsonl"), jsonSet.resolve("baseline.jsonl"));
        Files.copy(eventSet.resolve("events.jsonl"), jsonSet.resolve("events.jsonl"));
        List<String> lines = new ArrayList<>(Files.readAllLines(eventSet.resolve("employment.jsonl"), StandardCharsets.UTF_8));
        lines.add(10, "{\"eventId\":\"A-broken\",\"change\":\"STRAT\"}");
        Files.write(jsonSet.resolve("employment.jsonl"), lines, StandardCharsets.UTF_8);
        ConnectionOptions connection = connection("employment-json-" + UUID.randomUUID().toString().substring(0, 8) + ".");
        SetupCommand.setUp(connection, (short) 1);

        EventSetReplayer.Summary summary = EventSetReplayer.replay(connection, jsonSet, new ReplayOptions(0, 0.05, 200, 11),
            new PrintWriter(Writer.nullWriter()));

        assertThat(summary.employment().bad()).isEqualTo(1);
        assertThat(summary.employment().duplicates()).isPositive();
        List<ConsumerRecord<String, EmploymentEvent>> received = readAll(connection.topics().employmentEvents());
        assertThat(received).hasSize(employment.size() + (int) summary.employment().duplicates());
        assertThat(received.stream().map(r -> r.value().getEventId()).collect(Collectors.toSet()))
            .isEqualTo(employment.stream().map(EmploymentEvent::getEventId).collect(Collectors.toSet()));
        List<ConsumerRecord<String, byte[]>> dead = readAll(connection.topics().deadLetters());
        assertThat(dead).hasSize(1);
        assertThat(new String(dead.get(0).headers().lastHeader(ReplayProducer.LOCATION_HEADER).value(), StandardCharsets.UTF_8))
            .isEqualTo("employment.jsonl:11");
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).contains("employment.jsonl:11");
    }

    private static ConnectionOptions connection(String prefix) {
        ConnectionOptions connection = new ConnectionOptions();
        connection.bootstrapServers = stack.bootstrapServers();
        connection.schemaRegistryUrl = stack.schemaRegistryUrl();
        connection.topicPrefix = prefix;
        connection.partitions = 4;
        return connection;
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()));
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> List<T> read(Path file, Class<T> type) throws IOException {
        List<T> records = new ArrayList<>();
        try (EventFileReader<T> reader = EventFileReader.open(file, type)) {
            for (ReadResult<T> r : reader) {
                records.add(r.record());
            }
        }
        return records;
    }

    private static <K, V> List<ConsumerRecord<K, V>> readAll(TopicSpec<K, V> topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Deserializer<K> keys = topic.keySerde().deserializer();
        Deserializer<V> values = topic.valueSerde().deserializer();
        List<ConsumerRecord<K, V>> records = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(config, keys, values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic.name() + " to its end " + ends);
                }
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }
}
