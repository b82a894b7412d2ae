package no.flyt.cli.upgrade;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.luben.zstd.ZstdOutputStream;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import no.flyt.cli.FlytCli;
import no.flyt.embedded.BrokerSettings;
import no.flyt.embedded.Directories;
import no.flyt.embedded.EmbeddedStack;
import no.flyt.embedded.Ports;
import no.flyt.embedded.RegistrySettings;
import no.flyt.events.BaselinePerson;
import no.flyt.events.RegisterEvent;
import no.flyt.producers.io.EventFileReader;
import no.flyt.producers.io.EventSet;
import no.flyt.producers.io.ReadResult;
import no.flyt.producers.synthetic.GeneratorSettings;
import no.flyt.reference.MunicipalityCatalog;
import no.flyt.producers.synthetic.ProgressListener;
import no.flyt.producers.synthetic.SyntheticRegister;
import no.flyt.serde.AvroSerdeConfig;
import no.flyt.streams.FlytStreamsApp;
import no.flyt.streams.config.CatchUp;
import no.flyt.streams.config.FlytTopics;
import no.flyt.streams.config.StreamsSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Writes an upgrade fixture ({@link UpgradeFixture}): runs the pipeline of this version the way {@code flyt run}
 * does on a fresh embedded broker and registry — production topic names, 4 partitions, application id
 * {@code flyt-streams} — replays a synthetic register, waits until everything is absorbed and published, records the
 * query API's answers, stops the app cleanly and dumps every topic, the consumer group's offsets, the schemas and the
 * state directory. Run by hand (see the fixture's README.md):
 *
 * <pre>
 * UpgradeFixtureWriter OUT_DIR [--scale 0.0005] [--seed 11] [--events EVENT_SET_DIR]
 * </pre>
 */
public final class UpgradeFixtureWriter {

    private static final Logger log = LoggerFactory.getLogger(UpgradeFixtureWriter.class);

    static final String APPLICATION_ID = StreamsSettings.DEFAULT_APPLICATION_ID;
    static final int PARTITIONS = 4;
    /** Longer than the yearly topic's republishing interval (10 s): no topic changed for this long means all is published. */
    private static final Duration QUIET = Duration.ofSeconds(15);
    private static final Duration TIMEOUT = Duration.ofMinutes(15);

    private final Path out;
    private final double scale;
    private final long seed;
    private final Path events;

    private UpgradeFixtureWriter(Path out, double scale, long seed, Path events) {
        this.out = out;
        this.scale = scale;
        this.seed = seed;
        this.events = events;
    }

    public static void main(String[] args) throws Exception {
        Path out = null;
        double scale = 0.0005;
        long seed = 11;
        Path events = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--scale" -> scale = Double.parseDouble(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--events" -> events = Path.of(args[++i]);
                default -> {
                    if (args[i].startsWith("-") || out != null) {
                        throw new IllegalArgumentException("usage: UpgradeFixtureWriter OUT_DIR [--scale S] [--seed N] [--events DIR]");
                    }
                    out = Path.of(args[i]);
                }
            }
        }
        if (out == null) {
            throw new IllegalArgumentException("usage: UpgradeFixtureWriter OUT_DIR [--scale S] [--seed N] [--events DIR]");
        }
        new UpgradeFixtureWriter(out, scale, seed, events).write();
        System.exit(0);
    }

    private void write() throws Exception {
        if (Files.exists(out)) {
            try (Stream<Path> existing = Files.list(out)) {
                if (existing.anyMatch(p -> !p.getFileName().toString().equals("README.md"))) {
                    throw new IllegalArgumentException(out + " already holds files; give an empty or new directory");
                }
            }
        }
        Files.createDirectories(out);
        Path work = Files.createTempDirectory("flyt-upgrade-fixture-");
        int[] ports = Ports.freePorts(3);
        try (EmbeddedStack stack = EmbeddedStack.start(
            new BrokerSettings(ports[0], ports[1], work.resolve("kafka"), true, BrokerSettings.DEFAULT_MAX_HEAP),
            new RegistrySettings(ports[2], work.resolve("registry")));
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            Path eventSet = events;
            if (eventSet == null) {
                eventSet = work.resolve("register");
                SyntheticRegister.generate(GeneratorSettings.of(scale, seed).withEmployment(false), eventSet, ProgressListener.NONE);
            }
            String[] connection = {"--bootstrap-servers", stack.bootstrapServers(), "--schema-registry-url", stack.schemaRegistryUrl(),
                "--topic-prefix=", "--partitions", String.valueOf(PARTITIONS)};
            flyt("setup", connection);

            Path stateDir = work.resolve("state");
            FlytTopics topics = topics(stack.schemaRegistryUrl());
            List<JsonNode> answers;
            // as `flyt streams` starts it (StreamsCommand): flyt's defaults, the application id, the query API's address
            Properties overrides = new Properties();
            overrides.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
            Properties config = StreamsSettings.streamsConfig(stack.bootstrapServers(), stack.schemaRegistryUrl(), stateDir.toAbsolutePath(),
                topics, overrides);
            FlytStreamsApp app = FlytStreamsApp.start(config, topics, new HostInfo("127.0.0.1", Ports.freePort()));
            try {
                String[] replay = java.util.Arrays.copyOf(connection, connection.length - 2);
                flyt("replay", append(replay, eventSet.toString()));
                Path rejected = writeRejectedEvents(work.resolve("rejected-events.jsonl"));
                flyt("replay", append(replay, rejected.toString()));
                CatchUp.await(admin, APPLICATION_ID, topics.streamsInputTopics(), TIMEOUT, app::ensureAlive);
                app.awaitRunning(Duration.ofMinutes(1));
                Map<TopicPartition, Long> quiet = awaitQuiet(admin, topics, app);
                answers = recordAnswers(app.api().port());
                Map<TopicPartition, Long> after = endOffsets(admin, topicNames(admin));
                if (!after.equals(quiet)) {
                    throw new IllegalStateException("topics changed while the answers were recorded: " + quiet + " -> " + after);
                }
            } finally {
                // a clean close: the app commits, the stores with the changelog offsets they hold
                app.close();
            }

            ObjectNode manifest = UpgradeFixture.JSON.createObjectNode();
            manifest.put("format", UpgradeFixture.FORMAT);
            manifest.set("writtenBy", writtenBy());
            ObjectNode register = manifest.putObject("register");
            if (events == null) {
                register.put("source", "synthetic register (SyntheticRegister, employment source off)");
                register.put("scale", scale);
                register.put("seed", seed);
            } else {
                register.put("source", events.toAbsolutePath().toString());
            }
            register.put("replay", "flyt replay: baseline, then events in recording order, as fast as possible, no duplicates");
            register.put("rejectedEvents", "then flyt replay of " + REJECTED_EVENTS.size() + " lines that end in the dead-letter topic "
                + "(an unreadable line, an unknown municipality code, an event dated after its recording): " + String.join(" | ", REJECTED_EVENTS));
            register.set("contents", contents(eventSet));
            manifest.put("applicationId", APPLICATION_ID);
            manifest.put("topicPrefix", "");
            manifest.put("partitions", PARTITIONS);
            manifest.put("streamsConfig", "StreamsSettings defaults of this version (exactly-once v2, 2 stream threads, "
                + "1 s commit interval), application.id " + APPLICATION_ID + ", nothing else overridden");
            manifest.set("topics", dumpTopics(admin, stack.bootstrapServers(), topics));
            dumpConsumerGroups(admin);
            int schemas = dumpSchemas(stack.schemaRegistryUrl());
            archive(stateDir, out.resolve(UpgradeFixture.STATE_DIRECTORY));
            manifest.put("schemaVersions", schemas);
            ObjectNode api = manifest.putObject("api");
            api.put("index", UpgradeFixture.API_INDEX);
            api.put("answers", answers.size());
            manifest.set("files", files());
            UpgradeFixture.writeJson(out.resolve(UpgradeFixture.MANIFEST), manifest);
        } finally {
            Directories.deleteRecursively(work);
        }
        log.info("Fixture written to {}: {} bytes", out, size(out));
    }

    /**
     * Lines replayed after the register, each rejected to the dead-letter topic (with the reason in its headers) and
     * counting nothing: an unreadable line (dead-lettered by the replay), an unknown municipality code and an event
     * dated after it was recorded (dead-lettered by the streams app).
     */
    static final List<String> REJECTED_EVENTS = List.of(
        "{\"not\": \"a register event\"}",
        rejectedMove("EUPGRADE1", "PUPGRADE1", "2024-12-01", "2024-12-31T12:00:00Z", "0301", "9999"),
        rejectedMove("EUPGRADE2", "PUPGRADE2", "2025-01-15", "2024-12-31T12:00:01Z", "0301", "3201"));

    private static String rejectedMove(String eventId, String personId, String eventDate, String recordedAt, String from, String to) {
        return "{\"eventId\":\"" + eventId + "\",\"personId\":\"" + personId + "\",\"eventType\":\"MOVE\",\"registration\":\"NEW\","
            + "\"correctsEventId\":null,\"eventDate\":\"" + eventDate + "\",\"recordedAt\":\"" + recordedAt + "\","
            + "\"fromMunicipality\":\"" + from + "\",\"toMunicipality\":\"" + to + "\",\"fromCountry\":null,\"toCountry\":null,"
            + "\"person\":{\"birthDate\":\"1990-04-02\",\"sex\":\"FEMALE\",\"immigrantCategory\":\"REST_OF_POPULATION\","
            + "\"countryBackground\":\"NORWAY\",\"countryBackgroundCode\":null,\"immigrationReason\":null,"
            + "\"educationLevel\":\"TERTIARY_SHORT\",\"collectiveProtection\":false}}";
    }

    private static Path writeRejectedEvents(Path file) throws IOException {
        Files.write(file, REJECTED_EVENTS);
        return file;
    }

    /**
     * What the register holds, so that a reader sees the cases the fixture covers: events by type, registration kind
     * and year, events naming a municipality code that is not a 2024 code, refugees settled who moved on.
     */
    private static ObjectNode contents(Path eventSet) throws IOException {
        EventSet set = EventSet.open(eventSet);
        MunicipalityCatalog catalog = MunicipalityCatalog.bundled();
        Map<String, Long> byType = new TreeMap<>();
        Map<String, Long> byRegistration = new TreeMap<>();
        Map<String, Long> byYear = new TreeMap<>();
        long oldCodes = 0;
        long events = 0;
        Set<String> settled = new HashSet<>();
        Set<String> settledAndMoved = new HashSet<>();
        try (EventFileReader<RegisterEvent> reader = EventFileReader.open(set.events().orElseThrow(), RegisterEvent.class)) {
            for (ReadResult<RegisterEvent> r : reader) {
                RegisterEvent e = r.record();
                events++;
                byType.merge(e.getEventType().name(), 1L, Long::sum);
                byRegistration.merge(e.getRegistration().name(), 1L, Long::sum);
                byYear.merge(String.valueOf(e.getEventDate().getYear()), 1L, Long::sum);
                for (String code : java.util.Arrays.asList(e.getFromMunicipality(), e.getToMunicipality())) {
                    if (code != null && catalog.code2024(code).filter(c -> !c.equals(code)).isPresent()) {
                        oldCodes++;
                        break;
                    }
                }
                if (e.getEventType().name().equals("REFUGEE_SETTLEMENT")) {
                    settled.add(e.getPersonId());
                } else if (settled.contains(e.getPersonId()) && (e.getEventType().name().equals("MOVE")
                    || e.getEventType().name().equals("EMIGRATION"))) {
                    settledAndMoved.add(e.getPersonId());
                }
            }
        }
        long persons;
        try (EventFileReader<BaselinePerson> reader = EventFileReader.open(set.baseline().orElseThrow(), BaselinePerson.class)) {
            persons = reader.totalRecords().orElse(-1);
        }
        ObjectNode node = UpgradeFixture.JSON.createObjectNode();
        node.put("baselinePersons", persons);
        node.put("events", events);
        node.set("eventsByType", UpgradeFixture.JSON.valueToTree(byType));
        node.set("eventsByRegistration", UpgradeFixture.JSON.valueToTree(byRegistration));
        node.set("eventsByYearOfEventDate", UpgradeFixture.JSON.valueToTree(byYear));
        node.put("eventsNamingAPre2024MunicipalityCode", oldCodes);
        node.put("refugeesSettled", settled.size());
        node.put("settledRefugeesWhoMovedOrEmigratedLater", settledAndMoved.size());
        return node;
    }

    private static FlytTopics topics(String schemaRegistryUrl) {
        Properties serde = new Properties();
        serde.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl);
        return FlytTopics.create("", StreamsSettings.serdeConfig(serde), PARTITIONS);
    }

    private static void flyt(String command, String... args) {
        int exit = new CommandLine(new FlytCli()).execute(append(new String[] {command}, args));
        if (exit != 0) {
            throw new IllegalStateException("flyt " + command + " exited with " + exit);
        }
    }

    private static String[] append(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    /**
     * Waits until no topic's end offset has changed for {@link #QUIET} (the yearly records are published a few seconds
     * after the last change of their months) and the app has absorbed everything; returns the end offsets then.
     */
    private static Map<TopicPartition, Long> awaitQuiet(Admin admin, FlytTopics topics, FlytStreamsApp app) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        Map<TopicPartition, Long> last = endOffsets(admin, topicNames(admin));
        long quietSince = System.nanoTime();
        while (true) {
            app.ensureAlive();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the topics did not come to rest within " + TIMEOUT);
            }
            Thread.sleep(1_000);
            Map<TopicPartition, Long> now = endOffsets(admin, topicNames(admin));
            if (!now.equals(last)) {
                last = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > QUIET.toNanos()
                && CatchUp.lag(admin, APPLICATION_ID, topics.streamsInputTopics()) == 0) {
                long yearly = now.entrySet().stream().filter(e -> e.getKey().topic().equals(topics.yearlyRegionStatistics().name()))
                    .mapToLong(Map.Entry::getValue).sum();
                if (yearly == 0) {
                    throw new IllegalStateException("nothing was published to " + topics.yearlyRegionStatistics().name());
                }
                return now;
            }
        }
    }

    private static Set<String> topicNames(Admin admin) throws Exception {
        return admin.listTopics().names().get(30, TimeUnit.SECONDS);
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, Set<String> topics) throws Exception {
        return offsets(admin, topics, OffsetSpec.latest());
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, Set<String> topics, OffsetSpec spec) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (TopicDescription d : admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values()) {
            d.partitions().forEach(p -> request.put(new TopicPartition(d.name(), p.partition()), spec));
        }
        Map<TopicPartition, Long> offsets = new TreeMap<>(Comparator.comparing(TopicPartition::topic).thenComparing(TopicPartition::partition));
        admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> offsets.put(tp, info.offset()));
        return offsets;
    }

    // ---------------------------------------------------------------- the query API's answers

    /** The requests whose answers the fixture records: every endpoint of the query API, over the register's decade. */
    static List<String> requests() {
        List<String> requests = new ArrayList<>();
        String decade = "from=2015-01&to=2024-12";
        String pandemic = "from=2020-01&to=2021-12";
        requests.add("/api/health");
        requests.add("/api/municipalities");
        // 3024 is Bærum's code of 2020-2023, answered for 3201; 1804 Bodø, 4601 Bergen, 5001 Trondheim, 1868 Øksnes (small)
        for (String code : List.of("0301", "3024", "3201", "4601", "5001", "1804", "1868")) {
            requests.add("/api/municipalities/" + code + "/flows?" + decade);
        }
        requests.add("/api/municipalities/0301/flows?" + pandemic);
        for (String code : List.of("03", "32", "46")) {
            requests.add("/api/counties/" + code + "/flows?" + decade);
        }
        for (String c : List.of("1", "3", "6")) {
            requests.add("/api/centrality-classes/" + c + "/flows?" + decade);
        }
        for (String band : List.of("UNDER_1000", "FROM_1000_TO_49999", "FROM_50000")) {
            requests.add("/api/size-bands/" + band + "/flows?" + decade);
        }
        List<String> scopes = List.of("municipalities/0301", "municipalities/3024", "counties/03", "counties/32",
            "centrality-classes/1", "centrality-classes/6", "size-bands/FROM_50000", "norway");
        for (String scope : scopes) {
            for (String period : List.of("month", "year", "total")) {
                requests.add("/api/" + scope + "/statistics?" + decade + "&period=" + period);
            }
        }
        requests.add("/api/centrality-classes/5/statistics?" + decade + "&period=year");
        requests.add("/api/counties/03/statistics?" + pandemic + "&period=total");
        for (String scope : scopes) {
            requests.add("/api/" + scope + "/population?at=2024-12");
            requests.add("/api/" + scope + "/population?" + decade + "&step=12");
        }
        requests.add("/api/counties/03/population?at=2020-12");
        requests.add("/api/norway/population?from=2015-01&to=2015-12&step=1");
        for (String scope : List.of("norway", "centrality-classes/1", "centrality-classes/6", "counties/03", "municipalities/0301",
            "size-bands/FROM_1000_TO_49999")) {
            requests.add("/api/" + scope + "/refugee-retention?at=2024-12");
        }
        requests.add("/api/norway/refugee-retention?at=2021-12");
        requests.add("/api/centrality-classes/immigrant-distribution?" + decade + "&step=12");
        for (String kind : List.of("counties", "centrality-classes", "size-bands")) {
            requests.add("/api/origin-destination/" + kind + "?" + decade);
        }
        requests.add("/api/origin-destination/counties?" + pandemic);
        // answers that are errors are part of the API too
        requests.add("/api/municipalities/9999/flows?" + decade);
        requests.add("/api/norway/statistics?" + decade + "&period=week");
        return requests;
    }

    /** Asks every request of {@link #requests()} and writes each answer's body as it was served, plus an index. */
    private List<JsonNode> recordAnswers(int apiPort) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Path dir = out.resolve(UpgradeFixture.API_DIR);
        Files.createDirectories(dir);
        List<JsonNode> index = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String request : requests()) {
            HttpResponse<String> response = null;
            for (int attempt = 1; attempt <= 20; attempt++) {
                response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + request))
                    .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 503) {
                    break;
                }
                Thread.sleep(500);
            }
            String file = UpgradeFixture.answerFileName(request);
            if (!names.add(file)) {
                throw new IllegalStateException("two requests share the file name " + file);
            }
            UpgradeFixture.JSON.readTree(response.body()); // every answer is JSON
            try (OutputStream body = new ZstdOutputStream(Files.newOutputStream(dir.resolve(file)), UpgradeFixture.ZSTD_LEVEL)) {
                body.write(response.body().getBytes(StandardCharsets.UTF_8));
            }
            ObjectNode entry = UpgradeFixture.JSON.createObjectNode();
            entry.put("request", request);
            entry.put("status", response.statusCode());
            entry.put("file", file);
            if (request.equals("/api/health")) {
                // its counters are metrics of the process that processed the register, not of the stored state
                entry.put("processLocal", true);
            }
            index.add(entry);
        }
        ObjectNode root = UpgradeFixture.JSON.createObjectNode();
        root.put("note", "GET http://<query API>/<request>; the file holds the body as served. processLocal: the answer holds "
            + "counters of the process that answered (metrics), not of the restored state: compare its state only");
        root.putArray("answers").addAll(index);
        UpgradeFixture.writeJson(out.resolve(UpgradeFixture.API_INDEX), root);
        log.info("Recorded {} answers of the query API", index.size());
        return index;
    }

    // ---------------------------------------------------------------- topics

    private ArrayNode dumpTopics(Admin admin, String bootstrapServers, FlytTopics topics) throws Exception {
        Set<String> names = new java.util.TreeSet<>(topicNames(admin));
        Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
        List<ConfigResource> resources = names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
        Map<TopicPartition, Long> starts = offsets(admin, names, OffsetSpec.earliest());
        Map<TopicPartition, Long> ends = offsets(admin, names, OffsetSpec.latest());
        ArrayNode dumped = UpgradeFixture.JSON.createArrayNode();
        for (String name : names) {
            TopicDescription description = descriptions.get(name);
            List<TopicPartition> partitions = description.partitions().stream()
                .map(p -> new TopicPartition(name, p.partition())).toList();
            List<ConsumerRecord<byte[], byte[]>> committed = read(bootstrapServers, partitions, "read_committed", ends);
            List<ConsumerRecord<byte[], byte[]>> all = read(bootstrapServers, partitions, "read_uncommitted", ends);
            Set<TopicPartition> seenAt = new HashSet<>();
            Set<String> committedOffsets = new HashSet<>();
            committed.forEach(r -> committedOffsets.add(r.partition() + ":" + r.offset()));
            List<UpgradeFixture.DumpedRecord> records = new ArrayList<>();
            Map<Integer, long[]> counts = new TreeMap<>();
            for (ConsumerRecord<byte[], byte[]> r : all) {
                boolean aborted = !committedOffsets.contains(r.partition() + ":" + r.offset());
                records.add(new UpgradeFixture.DumpedRecord(r.partition(), r.offset(), r.timestamp(), r.timestampType().name,
                    r.key(), r.value(), List.of(r.headers().toArray()), aborted));
                counts.computeIfAbsent(r.partition(), p -> new long[2])[aborted ? 1 : 0]++;
                seenAt.add(new TopicPartition(name, r.partition()));
            }
            if (committed.size() != all.size() - counts.values().stream().mapToLong(c -> c[1]).sum()) {
                throw new IllegalStateException(name + ": a committed record was not read with read_uncommitted");
            }
            records.sort(Comparator.comparingInt(UpgradeFixture.DumpedRecord::partition).thenComparingLong(UpgradeFixture.DumpedRecord::offset));
            String file = UpgradeFixture.TOPICS_DIR + "/" + name + ".records.zst";
            UpgradeFixture.writeRecords(out.resolve(file), records);

            ObjectNode topic = dumped.addObject();
            topic.put("name", name);
            topic.put("role", role(name, topics));
            topic.put("partitions", partitions.size());
            topic.put("replicationFactor", description.partitions().get(0).replicas().size());
            ObjectNode topicConfigs = topic.putObject("configs");
            configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name)).entries().stream()
                .filter(e -> e.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG)
                .sorted(Comparator.comparing(ConfigEntry::name))
                .forEach(e -> topicConfigs.put(e.name(), e.value()));
            topic.put("file", file);
            ArrayNode partitionOffsets = topic.putArray("partitionOffsets");
            long total = 0;
            for (TopicPartition tp : partitions) {
                long[] c = counts.getOrDefault(tp.partition(), new long[2]);
                partitionOffsets.addObject()
                    .put("partition", tp.partition())
                    .put("logStartOffset", starts.get(tp))
                    .put("endOffset", ends.get(tp))
                    .put("records", c[0])
                    .put("abortedRecords", c[1])
                    .put("markerOrEmptyOffsets", ends.get(tp) - starts.get(tp) - c[0] - c[1]);
                total += c[0];
            }
            log.info("Dumped {}: {} committed records", name, total);
        }
        return dumped;
    }

    private static String role(String name, FlytTopics topics) {
        if (topics.streamsInputTopics().contains(name)) {
            return "input";
        }
        if (name.equals(topics.municipalities().name())) {
            return "reference";
        }
        if (name.equals(topics.deadLetters().name())) {
            return "dead-letters";
        }
        if (topics.outputs().stream().anyMatch(t -> t.name().equals(name))) {
            return "output";
        }
        if (name.startsWith(APPLICATION_ID + "-") && name.endsWith("-changelog")) {
            return "changelog";
        }
        if (name.startsWith(APPLICATION_ID + "-") && name.endsWith("-repartition")) {
            return "repartition";
        }
        return "other";
    }

    /** Every record of {@code partitions} up to {@code ends}, read with the given isolation level. */
    private static List<ConsumerRecord<byte[], byte[]>> read(String bootstrapServers, List<TopicPartition> partitions, String isolation,
                                                            Map<TopicPartition, Long> ends) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + partitions + " to " + ends);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    // ---------------------------------------------------------------- consumer groups, schemas, state directory

    private void dumpConsumerGroups(Admin admin) throws Exception {
        ObjectNode root = UpgradeFixture.JSON.createObjectNode();
        ArrayNode groups = root.putArray("groups");
        List<GroupListing> listings = new ArrayList<>(admin.listGroups().all().get(30, TimeUnit.SECONDS));
        listings.sort(Comparator.comparing(GroupListing::groupId));
        for (GroupListing listing : listings) {
            ObjectNode group = groups.addObject();
            group.put("groupId", listing.groupId());
            group.put("type", listing.type().map(Object::toString).orElse(null));
            group.put("protocol", listing.protocol());
            group.put("state", listing.groupState().map(Object::toString).orElse(null));
            Map<TopicPartition, OffsetAndMetadata> offsets = new TreeMap<>(Comparator.comparing(TopicPartition::topic)
                .thenComparing(TopicPartition::partition));
            offsets.putAll(admin.listConsumerGroupOffsets(listing.groupId()).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS));
            ArrayNode list = group.putArray("offsets");
            offsets.forEach((tp, o) -> list.addObject().put("topic", tp.topic()).put("partition", tp.partition())
                .put("offset", o.offset()).put("metadata", o.metadata())
                .put("leaderEpoch", o.leaderEpoch().orElse(null)));
        }
        UpgradeFixture.writeJson(out.resolve(UpgradeFixture.CONSUMER_GROUPS), root);
        log.info("Dumped the committed offsets of {} consumer groups", listings.size());
    }

    private int dumpSchemas(String registryUrl) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ObjectNode root = UpgradeFixture.JSON.createObjectNode();
        root.put("registry", "Apicurio Registry 2.6 (embedded), Confluent-compatible API; ids are the ids the records carry");
        ArrayNode schemas = root.putArray("schemas");
        List<String> subjects = new ArrayList<>();
        getJson(http, registryUrl + "/subjects").forEach(s -> subjects.add(s.asText()));
        subjects.sort(null);
        for (String subject : subjects) {
            String path = registryUrl + "/subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20") + "/versions";
            for (JsonNode version : getJson(http, path)) {
                JsonNode v = getJson(http, path + "/" + version.asInt());
                ObjectNode s = schemas.addObject();
                s.put("subject", subject);
                s.put("version", v.path("version").asInt());
                s.put("id", v.path("id").asInt());
                s.put("schemaType", v.path("schemaType").asText("AVRO"));
                s.put("schema", v.path("schema").asText());
            }
        }
        UpgradeFixture.writeJson(out.resolve(UpgradeFixture.SCHEMAS), root);
        log.info("Dumped {} schema versions of {} subjects", schemas.size(), subjects.size());
        return schemas.size();
    }

    private static JsonNode getJson(HttpClient http, String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return UpgradeFixture.JSON.readTree(response.body());
    }

    /** Archives {@code dir}'s contents as a zstd-compressed tar file. */
    private static void archive(Path dir, Path file) throws IOException {
        try (OutputStream out = new java.io.BufferedOutputStream(
            new ZstdOutputStream(Files.newOutputStream(file), UpgradeFixture.ZSTD_LEVEL), 1 << 16)) {
            UpgradeFixture.writeTar(dir, out);
        }
        log.info("Archived the state directory {}", dir);
    }

    // ---------------------------------------------------------------- manifest

    /**
     * Which code wrote the fixture: the commit checked out, the last commit that changed flyt's production code, and
     * whether tracked files outside the fixture differed from the commit.
     */
    private ObjectNode writtenBy() throws IOException, InterruptedException {
        ObjectNode node = UpgradeFixture.JSON.createObjectNode();
        node.put("program", UpgradeFixtureWriter.class.getName());
        node.put("commit", git("rev-parse", "HEAD"));
        node.put("productionCodeCommit", git("log", "-1", "--format=%H", "--", "pom.xml", ":(glob)*/pom.xml", ":(glob)*/src/main/**"));
        // the fixture's own directory does not count: rewriting a fixture replaces the files committed there
        node.put("uncommittedChanges", !git("status", "--porcelain", "--untracked-files=no", "--", ".",
            ":(exclude)" + out.toAbsolutePath().normalize()).isEmpty());
        Properties kafka = new Properties();
        try (InputStream in = KafkaConsumer.class.getResourceAsStream("/kafka/kafka-version.properties")) {
            if (in != null) {
                kafka.load(in);
            }
        }
        node.put("kafkaVersion", kafka.getProperty("version", "unknown"));
        node.put("writtenAt", Instant.now().toString());
        return node;
    }

    private static String git(String... args) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(append(new String[] {"git"}, args)).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        if (process.waitFor() != 0) {
            throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + output);
        }
        return output;
    }

    private ObjectNode files() {
        ObjectNode files = UpgradeFixture.JSON.createObjectNode();
        files.put(UpgradeFixture.MANIFEST, "this file: what wrote the fixture, the topics with their configs, partitions and offsets");
        files.put(UpgradeFixture.TOPICS_DIR + "/<topic>.records.zst", "every record of the topic, committed and aborted, in partition and "
            + "offset order; binary, zstd-compressed: see README.md");
        files.put(UpgradeFixture.CONSUMER_GROUPS, "the committed offsets (with their metadata) of every consumer group");
        files.put(UpgradeFixture.SCHEMAS, "every schema version of the registry: subject, version, id, schema");
        files.put(UpgradeFixture.STATE_DIRECTORY, "the streams app's state.dir after a clean close (RocksDB stores with their committed changelog offsets, global store), a zstd-compressed tar");
        files.put(UpgradeFixture.API_INDEX, "the requests asked of the query API, with status and the file of each answer");
        files.put(UpgradeFixture.API_DIR + "/<request>.json.zst", "the body of one answer as served, zstd-compressed");
        return files;
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
