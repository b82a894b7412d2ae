package no.flyt.cli.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import no.flyt.embedded.BrokerSettings;
import no.flyt.embedded.EmbeddedStack;
import no.flyt.embedded.Ports;
import no.flyt.embedded.RegistrySettings;
import no.flyt.serde.AvroSerdeConfig;
import no.flyt.streams.FlytStreamsApp;
import no.flyt.streams.config.CatchUp;
import no.flyt.streams.config.FlytTopics;
import no.flyt.streams.config.StreamsSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upgrade from the first released format: the state a735095 wrote (a stored fixture: its topics, changelogs, group
 * offsets and state directory, and the answers it gave) restored into a fresh broker and registry, and this version
 * started on it, as an operator upgrading would (the topics this version adds are created first). Started on the
 * restored state directory, it reads the old RocksDB stores as they are (no restore from the changelogs); started on
 * an empty one, it restores every store from the old changelogs. Either way it answers every recorded question with
 * the same numbers, writes nothing until new input arrives, and then counts the new input on top of the old state.
 */
class UpgradeIT {

    /** The fixture on the test classpath; {@code -Dflyt.upgrade.fixture=DIR} tests another one. */
    static final String FIXTURE_RESOURCE = "/upgrade/a735095/" + UpgradeFixture.MANIFEST;

    @TempDir
    Path dir;

    private static UpgradeFixture fixture;

    @BeforeAll
    static void openFixture() throws Exception {
        String override = System.getProperty("flyt.upgrade.fixture");
        Path path = override != null && !override.isBlank() ? Path.of(override)
            : Path.of(UpgradeIT.class.getResource(FIXTURE_RESOURCE).toURI()).getParent();
        fixture = UpgradeFixture.open(path);
    }

    @Test
    void onTheRestoredStateDirectoryTheStoresAreTakenAsTheyAreAndAnswerAsRecorded() throws Exception {
        try (EmbeddedStack stack = freshStack(dir.resolve("stack"))) {
            Path stateDir = dir.resolve("state");
            fixture.restore(stack.bootstrapServers(), stack.schemaRegistryUrl(), stateDir);
            createTheTopicsThisVersionAdds(stack);
            try (FlytStreamsApp app = start(stack, stateDir)) {
                assertAnswersAsRecorded(app);
                assertThat(restoreConsumerRecords(app)).as("records read from the changelogs to restore stores").isZero();
                assertNothingWritten(stack);
                assertNewInputCountsOnTopOfTheOldState(stack, app);
            }
        }
    }

    @Test
    void onAnEmptyStateDirectoryTheStoresAreRestoredFromTheChangelogsAndAnswerAsRecorded() throws Exception {
        try (EmbeddedStack stack = freshStack(dir.resolve("stack"))) {
            fixture.restore(stack.bootstrapServers(), stack.schemaRegistryUrl(), null);
            assertTopicsAsDumped(stack);
            createTheTopicsThisVersionAdds(stack);
            try (FlytStreamsApp app = start(stack, dir.resolve("empty-state"))) {
                assertAnswersAsRecorded(app);
                long changelogRecords = fixture.topics().stream().filter(t -> t.role().equals("changelog"))
                    .flatMap(t -> t.partitionOffsets().stream()).mapToLong(UpgradeFixture.PartitionDump::records).sum();
                assertThat(changelogRecords).as("the fixture's changelogs hold records").isPositive();
                assertThat(restoreConsumerRecords(app)).as("records read from the changelogs to restore stores")
                    .isEqualTo(changelogRecords);
                assertNothingWritten(stack);
            }
        }
    }

    private static EmbeddedStack freshStack(Path workDir) {
        int[] ports = Ports.freePorts(3);
        return EmbeddedStack.start(new BrokerSettings(ports[0], ports[1], workDir.resolve("kafka"), true, BrokerSettings.DEFAULT_MAX_HEAP),
            new RegistrySettings(ports[2], workDir.resolve("registry")));
    }

    private static FlytTopics topics(EmbeddedStack stack) {
        Properties serde = new Properties();
        serde.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl());
        return FlytTopics.create(fixture.topicPrefix(), StreamsSettings.serdeConfig(serde), fixture.partitions());
    }

    /** What {@code flyt setup} does to the topics: creates those this version adds (the employment register's). */
    private static void createTheTopicsThisVersionAdds(EmbeddedStack stack) {
        FlytTopics topics = topics(stack);
        List<String> existing = fixture.topics().stream().map(UpgradeFixture.TopicDump::name).toList();
        List<no.flyt.streams.config.TopicSpec<?, ?>> added = topics.all().stream().filter(t -> !existing.contains(t.name())).toList();
        assertThat(added).extracting(no.flyt.streams.config.TopicSpec::name).contains(topics.employmentEvents().name());
        try (Admin admin = admin(stack)) {
            no.flyt.streams.config.TopicCreator.ensure(admin, added, (short) 1);
        }
    }

    /**
     * One more immigration to Oslo after the upgrade: the month's flows grow by exactly one on top of the old state,
     * and a correction of an event the old version counted moves the numbers as it should.
     */
    private static void assertNewInputCountsOnTopOfTheOldState(EmbeddedStack stack, FlytStreamsApp app) throws Exception {
        String flows = "/api/municipalities/0301/flows?from=2024-12&to=2024-12";
        JsonNode before = UpgradeFixture.JSON.readTree(get(app, flows));
        FlytTopics topics = topics(stack);
        Properties producerConfig = new Properties();
        producerConfig.put(org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        var immigration = no.flyt.events.RegisterEvent.newBuilder().setEventId("upgrade-1").setPersonId("upgrade-person")
            .setEventType(no.flyt.events.EventType.IMMIGRATION).setEventDate(java.time.LocalDate.of(2024, 12, 10))
            .setRecordedAt(java.time.Instant.parse("2024-12-12T10:00:00Z")).setToMunicipality("0301").setFromCountry("SE")
            .setPerson(no.flyt.events.PersonAttributes.newBuilder().setBirthDate(java.time.LocalDate.of(1990, 1, 1))
                .setSex(no.flyt.events.Sex.FEMALE).setImmigrantCategory(no.flyt.events.ImmigrantCategory.IMMIGRANT)
                .setCountryBackground(no.flyt.events.CountryBackground.EU_EEA_UK).setImmigrationReason(no.flyt.events.ImmigrationReason.WORK)
                .build())
            .build();
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<>(producerConfig,
            new org.apache.kafka.common.serialization.StringSerializer(), topics.registerEvents().valueSerde().serializer())) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topics.registerEvents().name(), immigration.getPersonId(),
                immigration)).get(30, TimeUnit.SECONDS);
        }
        try (Admin admin = admin(stack)) {
            CatchUp.await(admin, fixture.applicationId(), topics.streamsInputTopics(), Duration.ofMinutes(2), app::ensureAlive);
        }
        JsonNode after = UpgradeFixture.JSON.readTree(get(app, flows));
        assertThat(after.path("total").path("immigrations").asLong()).as("Oslo's immigrations in December 2024 after the upgrade")
            .isEqualTo(before.path("total").path("immigrations").asLong() + 1);
        assertThat(after.path("total").path("domesticIn").asLong()).isEqualTo(before.path("total").path("domesticIn").asLong());
    }

    private static String get(FlytStreamsApp app, String path) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.api().port() + path))
                .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200 || attempt == 20) {
                assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
                return response.body();
            }
            Thread.sleep(500);
        }
    }

    /** Starts the streams app as {@code flyt streams} does, under the fixture's application id and topic names. */
    private static FlytStreamsApp start(EmbeddedStack stack, Path stateDir) throws Exception {
        FlytTopics topics = topics(stack);
        Properties overrides = new Properties();
        overrides.put(StreamsConfig.APPLICATION_ID_CONFIG, fixture.applicationId());
        Properties config = StreamsSettings.streamsConfig(stack.bootstrapServers(), stack.schemaRegistryUrl(), stateDir.toAbsolutePath(),
            topics, overrides);
        FlytStreamsApp app = FlytStreamsApp.start(config, topics, new HostInfo("127.0.0.1", Ports.freePort()));
        try (Admin admin = admin(stack)) {
            app.awaitRunning(Duration.ofMinutes(3));
            assertThat(CatchUp.lag(admin, fixture.applicationId(), topics.streamsInputTopics()))
                .as("the restored committed offsets are at the end of the inputs").isZero();
        } catch (Exception | Error e) {
            app.close();
            throw e;
        }
        return app;
    }

    /** Every recorded answer, asked again: the same status and JSON (of a process-local answer, its state only). */
    private static void assertAnswersAsRecorded(FlytStreamsApp app) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<String> differing = new ArrayList<>();
        List<UpgradeFixture.RecordedAnswer> answers = fixture.answers();
        assertThat(answers).as("recorded answers").hasSizeGreaterThan(50);
        for (UpgradeFixture.RecordedAnswer recorded : answers) {
            HttpResponse<String> response = null;
            for (int attempt = 1; attempt <= 20; attempt++) {
                response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.api().port() + recorded.request()))
                    .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 503) {
                    break;
                }
                Thread.sleep(500);
            }
            JsonNode body = UpgradeFixture.JSON.readTree(response.body());
            boolean same = response.statusCode() == recorded.status()
                && (recorded.processLocal() ? body.path("state").equals(recorded.body().path("state")) : body.equals(recorded.body()));
            if (!same) {
                differing.add(recorded.request() + " answered " + response.statusCode() + " " + abbreviate(response.body())
                    + ", recorded " + recorded.status() + " " + abbreviate(recorded.body().toString()));
            }
        }
        assertThat(differing).as("answers that differ from the recorded ones").isEmpty();
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "…";
    }

    /**
     * Records the restore consumers read (changelog records applied to stores while restoring), from the consumer
     * metric of every client whose id says it is a restore consumer.
     */
    private static long restoreConsumerRecords(FlytStreamsApp app) {
        double total = 0;
        for (Map.Entry<MetricName, ? extends Metric> e : app.streams().metrics().entrySet()) {
            MetricName name = e.getKey();
            if (name.group().equals("consumer-fetch-manager-metrics") && name.name().equals("records-consumed-total")
                && !name.tags().containsKey("topic") && name.tags().getOrDefault("client-id", "").endsWith("restore-consumer")) {
                total += ((Number) e.getValue().metricValue()).doubleValue();
            }
        }
        return (long) total;
    }

    /** The restored app wrote nothing: every topic ends where the fixture's did, the committed offsets are the fixture's. */
    private static void assertNothingWritten(EmbeddedStack stack) throws Exception {
        try (Admin admin = admin(stack)) {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            Map<TopicPartition, Long> expected = new HashMap<>();
            for (UpgradeFixture.TopicDump t : fixture.topics()) {
                for (UpgradeFixture.PartitionDump p : t.partitionOffsets()) {
                    TopicPartition tp = new TopicPartition(t.name(), p.partition());
                    request.put(tp, OffsetSpec.latest());
                    expected.put(tp, p.endOffset());
                }
            }
            Map<TopicPartition, Long> actual = new HashMap<>();
            admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> actual.put(tp, info.offset()));
            assertThat(actual).as("end offsets of the topics").isEqualTo(expected);

            Map<TopicPartition, Long> committed = new HashMap<>();
            admin.listConsumerGroupOffsets(fixture.applicationId()).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                .forEach((tp, o) -> committed.put(tp, o.offset()));
            Map<TopicPartition, Long> fixtureCommitted = new HashMap<>();
            for (Map.Entry<TopicPartition, OffsetAndMetadata> e : fixture.committedOffsets(fixture.applicationId()).entrySet()) {
                fixtureCommitted.put(e.getKey(), e.getValue().offset());
            }
            assertThat(committed).as("committed offsets of " + fixture.applicationId()).isEqualTo(fixtureCommitted);
        }
    }

    /** Every committed record of the fixture is in its restored topic: same partition, offset, timestamp, key, value, headers. */
    private static void assertTopicsAsDumped(EmbeddedStack stack) throws Exception {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        long compared = 0;
        for (UpgradeFixture.TopicDump topic : fixture.topics()) {
            List<String> dumped = new ArrayList<>();
            for (UpgradeFixture.DumpedRecord r : fixture.records(topic)) {
                if (!r.aborted()) {
                    dumped.add(describe(r.partition(), r.offset(), r.timestamp(), r.key(), r.value(), r.headers()));
                }
            }
            List<String> restored = new ArrayList<>();
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = topic.partitionOffsets().stream()
                    .map(p -> new TopicPartition(topic.name(), p.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
                long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
                while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        restored.add(describe(r.partition(), r.offset(), r.timestamp(), r.key(), r.value(), List.of(r.headers().toArray())));
                    }
                }
            }
            restored.sort(null);
            dumped.sort(null);
            assertThat(restored).as("committed records of " + topic.name()).isEqualTo(dumped);
            compared += dumped.size();
        }
        assertThat(compared).as("records compared").isPositive();
    }

    private static String describe(int partition, long offset, long timestamp, byte[] key, byte[] value, List<Header> headers) {
        StringBuilder s = new StringBuilder().append(partition).append('@').append(String.format("%012d", offset)).append(' ')
            .append(timestamp).append(' ').append(key == null ? "null" : HexFormat.of().formatHex(key)).append(' ')
            .append(value == null ? "null" : HexFormat.of().formatHex(value));
        for (Header h : headers) {
            s.append(' ').append(h.key()).append('=').append(h.value() == null ? "null" : HexFormat.of().formatHex(h.value()));
        }
        return s.toString();
    }

    private static Admin admin(EmbeddedStack stack) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()));
    }
}
