package no.flyt.cli.upgrade;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An upgrade fixture: what a flyt version left in Kafka, the schema registry and its state directory after processing
 * a register, with the query API's answers at that moment (see {@code README.md} beside the fixture for the files).
 * This class reads a fixture and restores it into a running broker and registry, and a state directory, so that
 * another flyt version can be started on it and asked the same questions.
 *
 * <p>Topics are restored with every offset as it was: committed records at their offsets, and the offsets that held
 * transaction markers or records of aborted transactions hold transaction markers of this restore. So the consumer group's committed offsets and the changelog offsets the stores committed
 * (Kafka Streams 4.4 keeps them inside each RocksDB store, in its {@code offsets} column family) are valid as they
 * are, and Kafka Streams takes the stores of the state directory without restoring them again. With other offsets it
 * would find a store ahead of its changelog, take the task for corrupted, wipe the store and rebuild it from the
 * changelog. This class uses only Kafka's clients, the registry's Confluent-compatible REST API, Jackson and zstd.
 */
public final class UpgradeFixture {

    private static final Logger log = LoggerFactory.getLogger(UpgradeFixture.class);

    /** The format of the fixture directory; the manifest's {@code format}. */
    public static final String FORMAT = "flyt-upgrade-fixture/1";
    public static final String MANIFEST = "manifest.json";
    public static final String SCHEMAS = "schemas.json";
    public static final String CONSUMER_GROUPS = "consumer-groups.json";
    public static final String STATE_DIRECTORY = "state-dir.tar.zst";
    public static final String TOPICS_DIR = "topics";
    public static final String API_DIR = "api";
    public static final String API_INDEX = API_DIR + "/index.json";
    /** The first bytes of a topic file (see {@link #writeRecords}). */
    public static final String RECORDS_MAGIC = "FLYTREC1";
    /** zstd's level for every compressed file of the fixture (high: written once, read a few times). */
    static final int ZSTD_LEVEL = 19;
    /** The transactional id of the restoring producer (it writes the transaction markers). */
    static final String RESTORE_TRANSACTIONAL_ID = "flyt-upgrade-fixture-restore";
    /** Header of the records the restore writes and deletes or has refused (they never stay in a topic). */
    public static final String FILLER_HEADER = "flyt.upgrade-fixture.filler";

    static final ObjectMapper JSON = new ObjectMapper();
    /** The broker's default {@code message.max.bytes}, the limit of a topic that sets no {@code max.message.bytes}. */
    private static final int BROKER_MAX_MESSAGE_BYTES = 1_048_588;
    private static final java.util.Random RANDOM = new java.util.Random(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final JsonNode manifest;

    private UpgradeFixture(Path dir, JsonNode manifest) {
        this.dir = dir;
        this.manifest = manifest;
    }

    /** Opens the fixture in {@code dir}, checking its format. */
    public static UpgradeFixture open(Path dir) throws IOException {
        JsonNode manifest = JSON.readTree(dir.resolve(MANIFEST).toFile());
        if (!FORMAT.equals(manifest.path("format").asText())) {
            throw new IllegalArgumentException(dir + " is not a fixture of format " + FORMAT + ": " + manifest.path("format"));
        }
        return new UpgradeFixture(dir, manifest);
    }

    public Path directory() {
        return dir;
    }

    public JsonNode manifest() {
        return manifest;
    }

    /** The Kafka Streams application id whose consumer group, internal topics and state directory the fixture holds. */
    public String applicationId() {
        return manifest.path("applicationId").asText();
    }

    /** The prefix of flyt's topic names ("" : the production names). */
    public String topicPrefix() {
        return manifest.path("topicPrefix").asText();
    }

    /** The partition count of flyt's partitioned topics. */
    public int partitions() {
        return manifest.path("partitions").asInt();
    }

    /** Every topic of the fixture with how it was created and what each of its partitions held. */
    public List<TopicDump> topics() {
        List<TopicDump> topics = new ArrayList<>();
        for (JsonNode t : manifest.path("topics")) {
            Map<String, String> configs = new TreeMap<>();
            t.path("configs").fields().forEachRemaining(e -> configs.put(e.getKey(), e.getValue().asText()));
            List<PartitionDump> partitions = new ArrayList<>();
            for (JsonNode p : t.path("partitionOffsets")) {
                partitions.add(new PartitionDump(p.path("partition").asInt(), p.path("logStartOffset").asLong(),
                    p.path("endOffset").asLong(), p.path("records").asLong(), p.path("abortedRecords").asLong()));
            }
            topics.add(new TopicDump(t.path("name").asText(), t.path("role").asText(), t.path("partitions").asInt(),
                (short) t.path("replicationFactor").asInt(), configs, partitions, t.path("file").asText()));
        }
        return topics;
    }

    /** What a topic was created with and what it held. */
    public record TopicDump(String name, String role, int partitions, short replicationFactor, Map<String, String> configs,
                            List<PartitionDump> partitionOffsets, String file) {
    }

    /**
     * One partition: its first offset ({@code logStartOffset}: records below it were deleted, e.g. repartition records
     * purged by Kafka Streams), its end offset (the next offset to be written), how many committed records and records
     * of aborted transactions it held. The other offsets held transaction markers.
     */
    public record PartitionDump(int partition, long logStartOffset, long endOffset, long records, long abortedRecords) {
    }

    /** A record as the topic file holds it; {@code aborted} marks a record of an aborted transaction. */
    public record DumpedRecord(int partition, long offset, long timestamp, String timestampType, byte[] key, byte[] value,
                               List<Header> headers, boolean aborted) {
    }

    /**
     * Writes records as a topic file: {@link #RECORDS_MAGIC}, then per record, big-endian as {@link DataOutputStream}
     * writes them: partition (int), offset (long), timestamp (long), timestamp type (byte: 0 CreateTime, 1
     * LogAppendTime, -1 none), flags (byte: 1 = aborted), key (bytes), value (bytes), header count (int) and per
     * header its key (int length + UTF-8) and value (bytes); bytes are an int length (-1: null) and the bytes. The
     * whole file is one zstd frame.
     */
    public static void writeRecords(Path file, Iterable<DumpedRecord> records) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (ZstdOutputStream zstd = new ZstdOutputStream(Files.newOutputStream(file), ZSTD_LEVEL);
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(zstd, 1 << 16))) {
            out.write(RECORDS_MAGIC.getBytes(StandardCharsets.US_ASCII));
            for (DumpedRecord r : records) {
                out.writeInt(r.partition());
                out.writeLong(r.offset());
                out.writeLong(r.timestamp());
                out.writeByte(timestampTypeId(r.timestampType()));
                out.writeByte(r.aborted() ? 1 : 0);
                writeBytes(out, r.key());
                writeBytes(out, r.value());
                out.writeInt(r.headers().size());
                for (Header h : r.headers()) {
                    writeBytes(out, h.key().getBytes(StandardCharsets.UTF_8));
                    writeBytes(out, h.value());
                }
            }
        }
    }

    /** Every record of a topic file, committed and aborted, in the order of the file (partition, then offset). */
    public List<DumpedRecord> records(TopicDump topic) throws IOException {
        List<DumpedRecord> records = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(
            new ZstdInputStream(Files.newInputStream(dir.resolve(topic.file()))), 1 << 16))) {
            byte[] magic = in.readNBytes(RECORDS_MAGIC.length());
            if (!RECORDS_MAGIC.equals(new String(magic, StandardCharsets.US_ASCII))) {
                throw new IOException(topic.file() + " is not a records file of format " + RECORDS_MAGIC);
            }
            while (true) {
                int partition;
                try {
                    partition = in.readInt();
                } catch (EOFException end) {
                    break;
                }
                long offset = in.readLong();
                long timestamp = in.readLong();
                String timestampType = timestampTypeName(in.readByte());
                boolean aborted = (in.readByte() & 1) != 0;
                byte[] key = readBytes(in);
                byte[] value = readBytes(in);
                int headerCount = in.readInt();
                List<Header> headers = new ArrayList<>(headerCount);
                for (int i = 0; i < headerCount; i++) {
                    headers.add(new RecordHeader(new String(readBytes(in), StandardCharsets.UTF_8), readBytes(in)));
                }
                records.add(new DumpedRecord(partition, offset, timestamp, timestampType, key, value, headers, aborted));
            }
        }
        return records;
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        if (bytes == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(bytes.length);
            out.write(bytes);
        }
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        return length < 0 ? null : in.readNBytes(length);
    }

    private static int timestampTypeId(String name) {
        return switch (name) {
            case "CreateTime" -> 0;
            case "LogAppendTime" -> 1;
            default -> -1;
        };
    }

    private static String timestampTypeName(byte id) {
        return switch (id) {
            case 0 -> "CreateTime";
            case 1 -> "LogAppendTime";
            default -> "NoTimestampType";
        };
    }

    // ---------------------------------------------------------------- the whole restore

    /**
     * Restores the schemas, every topic, the consumer groups' offsets and (when {@code stateDir} is not null) the state
     * directory. The broker and the registry must not know any of the fixture's topics, groups or subjects yet; the
     * registry must be empty, so that every schema gets its id back.
     */
    public void restore(String bootstrapServers, String schemaRegistryUrl, Path stateDir) throws IOException, InterruptedException {
        restoreSchemas(schemaRegistryUrl);
        restoreTopics(bootstrapServers);
        restoreConsumerGroupOffsets(bootstrapServers);
        if (stateDir != null) {
            unpackStateDirectory(stateDir);
        }
    }

    // ---------------------------------------------------------------- schemas

    /**
     * Registers every schema version of {@code schemas.json} under its subject, in the order of the original ids, and
     * checks that the registry gave each the id the records carry (the 4 bytes after the magic byte of every Avro
     * value). A fresh Apicurio Registry gives the same ids when the schemas come in the same order; a registry that
     * already holds other schemas would not, and the records could not be read: that fails here.
     *
     * @param schemaRegistryUrl the Confluent-compatible API, e.g. {@code http://127.0.0.1:8081/apis/ccompat/v7}
     */
    public void restoreSchemas(String schemaRegistryUrl) throws IOException, InterruptedException {
        JsonNode schemas = JSON.readTree(dir.resolve(SCHEMAS).toFile());
        List<JsonNode> versions = new ArrayList<>();
        schemas.path("schemas").forEach(versions::add);
        versions.sort(Comparator.<JsonNode>comparingInt(s -> s.path("id").asInt())
            .thenComparing(s -> s.path("subject").asText()).thenComparingInt(s -> s.path("version").asInt()));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<String> wrong = new ArrayList<>();
        for (JsonNode s : versions) {
            ObjectNode body = JSON.createObjectNode().put("schema", s.path("schema").asText());
            if (s.hasNonNull("schemaType") && !"AVRO".equals(s.path("schemaType").asText())) {
                body.put("schemaType", s.path("schemaType").asText());
            }
            String subject = s.path("subject").asText();
            HttpRequest request = HttpRequest.newBuilder(URI.create(schemaRegistryUrl + "/subjects/"
                    + URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20") + "/versions"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("registering " + subject + " version " + s.path("version") + " answered "
                    + response.statusCode() + ": " + response.body());
            }
            int id = JSON.readTree(response.body()).path("id").asInt();
            if (id != s.path("id").asInt()) {
                wrong.add(subject + " v" + s.path("version").asInt() + ": id " + id + ", the records carry " + s.path("id").asInt());
            }
        }
        if (!wrong.isEmpty()) {
            throw new IllegalStateException("the registry gave schemas other ids than the fixture's records carry "
                + "(restore the schemas into an empty registry, before anything else registers one): " + wrong);
        }
        log.info("Restored {} schema versions with their ids", versions.size());
    }

    // ---------------------------------------------------------------- topics

    /**
     * Creates every topic of the fixture with its partition count and configs and writes its records back at their
     * offsets (see the class comment), then deletes the records below each partition's log start offset. Checks
     * every record's offset as it is acknowledged and every partition's end offset at the end.
     */
    public void restoreTopics(String bootstrapServers) throws IOException, InterruptedException {
        List<TopicDump> topics = topics();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            List<NewTopic> newTopics = topics.stream()
                .map(t -> new NewTopic(t.name(), t.partitions(), t.replicationFactor()).configs(t.configs())).toList();
            get(admin.createTopics(newTopics).all());

            Map<TopicPartition, RecordsToDelete> deletions = new HashMap<>();
            Map<TopicPartition, Long> ends = new HashMap<>();
            try (PartitionWriter writer = new PartitionWriter(bootstrapServers, admin)) {
                for (TopicDump topic : topics) {
                    Map<Integer, List<DumpedRecord>> byPartition = new TreeMap<>();
                    for (DumpedRecord r : records(topic)) {
                        byPartition.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add(r);
                    }
                    long transactions = 0;
                    int maxMessageBytes = Integer.parseInt(topic.configs().getOrDefault("max.message.bytes", String.valueOf(BROKER_MAX_MESSAGE_BYTES)));
                    for (PartitionDump p : topic.partitionOffsets()) {
                        TopicPartition tp = new TopicPartition(topic.name(), p.partition());
                        List<DumpedRecord> committed = byPartition.getOrDefault(p.partition(), List.of()).stream()
                            .filter(r -> !r.aborted()).toList();
                        transactions += writer.write(tp, p.logStartOffset(), p.endOffset(), committed, maxMessageBytes);
                        ends.put(tp, p.endOffset());
                        if (p.logStartOffset() > 0) {
                            deletions.put(tp, RecordsToDelete.beforeOffset(p.logStartOffset()));
                        }
                    }
                    log.info("Restored {} ({} partitions, {} transactions)", topic.name(), topic.partitions(), transactions);
                }
            }
            if (!deletions.isEmpty()) {
                get(admin.deleteRecords(deletions).all());
            }
            checkOffsets(admin, ends, OffsetSpec.latest(), "end");
            Map<TopicPartition, Long> starts = new HashMap<>();
            topics.forEach(t -> t.partitionOffsets().forEach(p -> starts.put(new TopicPartition(t.name(), p.partition()), p.logStartOffset())));
            checkOffsets(admin, starts, OffsetSpec.earliest(), "start");
        }
    }

    private static void checkOffsets(Admin admin, Map<TopicPartition, Long> expected, OffsetSpec spec, String what)
        throws InterruptedException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        expected.keySet().forEach(tp -> request.put(tp, spec));
        Map<TopicPartition, Long> actual = new TreeMap<>(Comparator.comparing(TopicPartition::toString));
        get(admin.listOffsets(request).all()).forEach((tp, info) -> actual.put(tp, info.offset()));
        Map<TopicPartition, Long> wanted = new TreeMap<>(Comparator.comparing(TopicPartition::toString));
        wanted.putAll(expected);
        if (!actual.equals(wanted)) {
            throw new IllegalStateException("restored " + what + " offsets differ from the fixture's: " + actual + " instead of " + wanted);
        }
    }

    /**
     * Writes the records of one partition at a time so that they land at their original offsets.
     *
     * <p>Between two runs of consecutive committed records lie offsets no consumer with {@code read_committed} sees —
     * a gap of g offsets, in the original topics transaction markers (several in a row where transactions of two
     * producers ended together, or where a transaction had the partition but wrote nothing to it) or records of
     * aborted transactions. A run followed by a gap is written in a transaction and committed (its commit marker
     * takes the gap's first offset), the other g − 1 offsets get abort markers of transactions that wrote nothing
     * ({@link #emptyAborts}); the same fills a gap before the first record. The last run, with no gap after it, is
     * written without a transaction. A deleted prefix (log start offset &gt; 0) is written and deleted afterwards.
     */
    private static final class PartitionWriter implements AutoCloseable {

        private final Admin admin;
        private final KafkaProducer<byte[], byte[]> plain;
        private final KafkaProducer<byte[], byte[]> transactional;
        private final List<Future<RecordMetadata>> pending = new ArrayList<>();
        private final List<Long> pendingExpected = new ArrayList<>();
        private TopicPartition partition;
        private long next;
        private long transactions;
        private boolean markerPending;
        private long lastTimestamp;
        private int tooLarge;

        PartitionWriter(String bootstrapServers, Admin admin) {
            this.admin = admin;
            Properties config = new Properties();
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
            config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 64 * 1024 * 1024);
            config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
            this.plain = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
            Properties txConfig = new Properties();
            txConfig.putAll(config);
            txConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, RESTORE_TRANSACTIONAL_ID);
            this.transactional = new KafkaProducer<>(txConfig, new ByteArraySerializer(), new ByteArraySerializer());
            transactional.initTransactions();
        }

        /** Writes one partition; returns the number of transactions it took. */
        long write(TopicPartition tp, long logStart, long end, List<DumpedRecord> committed, int maxMessageBytes)
            throws InterruptedException {
            partition = tp;
            next = 0;
            transactions = 0;
            markerPending = false;
            tooLarge = maxMessageBytes * 2;
            lastTimestamp = committed.isEmpty() ? 0 : committed.get(0).timestamp();
            for (DumpedRecord r : committed) {
                if (r.offset() < logStart || r.offset() >= end) {
                    throw new IllegalArgumentException(tp + ": record at offset " + r.offset() + " outside [" + logStart + ", " + end + ")");
                }
            }
            plainFillers(logStart);
            emptyAborts((committed.isEmpty() ? end : committed.get(0).offset()) - logStart);
            int i = 0;
            while (i < committed.size()) {
                int j = i;
                while (j + 1 < committed.size() && committed.get(j + 1).offset() == committed.get(j).offset() + 1) {
                    j++;
                }
                List<DumpedRecord> run = committed.subList(i, j + 1);
                long after = j + 1 < committed.size() ? committed.get(j + 1).offset() : end;
                long gap = after - committed.get(j).offset() - 1;
                if (gap == 0) {
                    plainRun(run);
                } else {
                    transactionalRun(run);
                    emptyAborts(gap - 1);
                }
                i = j + 1;
            }
            flushPlain();
            if (next != end) {
                throw new IllegalStateException(tp + ": wrote up to offset " + next + " instead of " + end);
            }
            return transactions;
        }

        private void plainRun(List<DumpedRecord> run) throws InterruptedException {
            awaitMarker();
            for (DumpedRecord r : run) {
                send(plain, r, r.offset());
            }
        }

        private void transactionalRun(List<DumpedRecord> run) throws InterruptedException {
            beginTransaction();
            for (DumpedRecord r : run) {
                send(transactional, r, r.offset());
            }
            commit();
        }

        /** Records below the log start offset: they are deleted once the topic is written. */
        private void plainFillers(long count) throws InterruptedException {
            awaitMarker();
            for (long i = 0; i < count; i++) {
                send(plain, new DumpedRecord(partition.partition(), -1, lastTimestamp, "CreateTime", new byte[0], new byte[0],
                    List.of(new RecordHeader(FILLER_HEADER, new byte[0])), false), next);
            }
        }

        /**
         * {@code count} abort markers with no record before them, each one offset: a transaction whose only record the
         * broker refuses (larger than the topic's max.message.bytes) has the partition in it without writing to it,
         * and its abort writes the marker there — the way such markers came about in the original topics.
         */
        private void emptyAborts(long count) throws InterruptedException {
            for (long i = 0; i < count; i++) {
                beginTransaction();
                byte[] value = new byte[tooLarge];
                RANDOM.nextBytes(value);
                Future<RecordMetadata> refused = transactional.send(new ProducerRecord<>(partition.topic(), partition.partition(),
                    lastTimestamp, new byte[0], value, List.of(new RecordHeader(FILLER_HEADER, new byte[0]))));
                transactional.flush();
                try {
                    RecordMetadata written = refused.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                    throw new IllegalStateException(partition + ": the broker took a record of " + tooLarge + " bytes at offset "
                        + written.offset() + "; cannot write an empty abort");
                } catch (ExecutionException expected) {
                    if (!(expected.getCause() instanceof RecordTooLargeException)) {
                        throw new IllegalStateException(partition + ": an oversized record failed otherwise: " + expected.getCause(), expected);
                    }
                } catch (TimeoutException e) {
                    throw new IllegalStateException(partition + ": no answer to an oversized record", e);
                }
                transactional.abortTransaction();
                next++;
                markerPending = true;
            }
        }

        private void beginTransaction() throws InterruptedException {
            flushPlain();
            transactional.beginTransaction();
            transactions++;
        }

        private void commit() {
            transactional.commitTransaction();
            checkPending();
            next++;
            markerPending = true;
        }

        private void send(KafkaProducer<byte[], byte[]> producer, DumpedRecord r, long expectedOffset) {
            if (expectedOffset != next) {
                throw new IllegalStateException(partition + ": record of offset " + expectedOffset + " would be written at " + next);
            }
            lastTimestamp = r.timestamp();
            pending.add(producer.send(new ProducerRecord<>(partition.topic(), partition.partition(), r.timestamp(), r.key(), r.value(),
                r.headers())));
            pendingExpected.add(next);
            next++;
        }

        private void flushPlain() {
            plain.flush();
            checkPending();
        }

        private void checkPending() {
            try {
                for (int k = 0; k < pending.size(); k++) {
                    long offset = pending.get(k).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).offset();
                    if (offset != pendingExpected.get(k)) {
                        throw new IllegalStateException(partition + ": a record expected at offset " + pendingExpected.get(k)
                            + " was written at " + offset);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while restoring " + partition, e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("could not write to " + partition + ": " + e.getMessage(), e);
            } finally {
                pending.clear();
                pendingExpected.clear();
            }
        }

        /**
         * The coordinator writes a transaction's marker after the commit or abort returns: a record written without the
         * transaction must wait for it, or it would take the marker's offset.
         */
        private void awaitMarker() throws InterruptedException {
            if (!markerPending) {
                return;
            }
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (get(admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition)).offset() < next) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(partition + ": the transaction marker at offset " + (next - 1) + " was not written");
                }
                Thread.sleep(2);
            }
            markerPending = false;
        }

        @Override
        public void close() {
            plain.close(TIMEOUT);
            transactional.close(TIMEOUT);
        }
    }

    // ---------------------------------------------------------------- consumer groups

    /**
     * Sets the committed offsets of every consumer group of the fixture (the streams application's group), with their
     * metadata (Kafka Streams keeps the partition's stream time there). The groups must have no members.
     */
    public void restoreConsumerGroupOffsets(String bootstrapServers) throws IOException, InterruptedException {
        JsonNode groups = JSON.readTree(dir.resolve(CONSUMER_GROUPS).toFile());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            for (JsonNode group : groups.path("groups")) {
                Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
                for (JsonNode o : group.path("offsets")) {
                    offsets.put(new TopicPartition(o.path("topic").asText(), o.path("partition").asInt()),
                        new OffsetAndMetadata(o.path("offset").asLong(), Optional.empty(), o.path("metadata").asText("")));
                }
                get(admin.alterConsumerGroupOffsets(group.path("groupId").asText(), offsets).all());
                log.info("Restored {} committed offsets of group {}", offsets.size(), group.path("groupId").asText());
            }
        }
    }

    /** The committed offsets of {@code groupId} in the fixture, offset and metadata per partition. */
    public Map<TopicPartition, OffsetAndMetadata> committedOffsets(String groupId) throws IOException {
        Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
        for (JsonNode group : JSON.readTree(dir.resolve(CONSUMER_GROUPS).toFile()).path("groups")) {
            if (group.path("groupId").asText().equals(groupId)) {
                for (JsonNode o : group.path("offsets")) {
                    offsets.put(new TopicPartition(o.path("topic").asText(), o.path("partition").asInt()),
                        new OffsetAndMetadata(o.path("offset").asLong(), Optional.empty(), o.path("metadata").asText("")));
                }
            }
        }
        return offsets;
    }

    // ---------------------------------------------------------------- state directory

    /**
     * Unpacks the state directory (what was the app's {@code state.dir}: {@code <application id>/<task id>/rocksdb/<store>}
     * with each store's committed changelog offsets inside it, {@code global/rocksdb/municipalities}, the process id)
     * into {@code stateDir}, which must be empty or missing.
     */
    public void unpackStateDirectory(Path stateDir) throws IOException {
        Files.createDirectories(stateDir);
        try (var existing = Files.list(stateDir)) {
            if (existing.findAny().isPresent()) {
                throw new IllegalArgumentException(stateDir + " is not empty");
            }
        }
        int files;
        try (InputStream in = new ZstdInputStream(Files.newInputStream(dir.resolve(STATE_DIRECTORY)))) {
            files = extractTar(in, stateDir);
        }
        log.info("Unpacked the state directory into {} ({} files)", stateDir, files);
    }

    private static final int TAR_BLOCK = 512;

    /**
     * Writes {@code dir}'s contents as a POSIX ustar archive (paths relative to {@code dir}, directories included), the
     * form {@code tar} reads: each entry a 512-byte header and its data padded to 512 bytes, two zero blocks at the end.
     */
    public static void writeTar(Path dir, OutputStream out) throws IOException {
        List<Path> paths;
        try (var walk = Files.walk(dir)) {
            paths = walk.filter(p -> !p.equals(dir)).sorted().toList();
        }
        for (Path p : paths) {
            boolean directory = Files.isDirectory(p);
            String name = dir.relativize(p).toString().replace('\\', '/') + (directory ? "/" : "");
            long size = directory ? 0 : Files.size(p);
            out.write(tarHeader(name, size, directory, Files.getLastModifiedTime(p).toMillis() / 1000));
            if (!directory) {
                try (InputStream in = Files.newInputStream(p)) {
                    if (in.transferTo(out) != size) {
                        throw new IOException(p + " changed while it was archived");
                    }
                }
                out.write(new byte[(int) ((TAR_BLOCK - size % TAR_BLOCK) % TAR_BLOCK)]);
            }
        }
        out.write(new byte[2 * TAR_BLOCK]);
    }

    private static byte[] tarHeader(String name, long size, boolean directory, long mtime) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length > 100) {
            throw new IllegalArgumentException("path longer than a ustar name: " + name);
        }
        byte[] h = new byte[TAR_BLOCK];
        System.arraycopy(nameBytes, 0, h, 0, nameBytes.length);
        tarField(h, 100, 8, directory ? 0755 : 0644);
        tarField(h, 108, 8, 0);
        tarField(h, 116, 8, 0);
        tarField(h, 124, 12, size);
        tarField(h, 136, 12, mtime);
        h[156] = (byte) (directory ? '5' : '0');
        System.arraycopy("ustar\0".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 6);
        h[263] = '0';
        h[264] = '0';
        java.util.Arrays.fill(h, 148, 156, (byte) ' ');
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        byte[] checksum = String.format("%06o", sum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(checksum, 0, h, 148, 6);
        h[154] = 0;
        return h;
    }

    private static void tarField(byte[] header, int at, int width, long value) {
        byte[] octal = String.format("%0" + (width - 1) + "o", value).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(octal, 0, header, at, width - 1);
    }

    /** Extracts a ustar archive (regular files and directories) into {@code target}; returns the number of files. */
    static int extractTar(InputStream in, Path target) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        int files = 0;
        while (true) {
            byte[] h = in.readNBytes(TAR_BLOCK);
            if (h.length < TAR_BLOCK) {
                throw new EOFException("the archive ends inside a header");
            }
            boolean zero = true;
            for (byte b : h) {
                zero &= b == 0;
            }
            if (zero) {
                return files;
            }
            String name = tarString(h, 0, 100);
            String prefix = tarString(h, 345, 155);
            if (!prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
            long size = Long.parseLong(tarString(h, 124, 12).trim(), 8);
            char type = (char) h[156];
            Path path = root.resolve(name).normalize();
            if (!path.startsWith(root)) {
                throw new IOException("entry " + name + " points outside " + root);
            }
            if (type == '5') {
                Files.createDirectories(path);
            } else if (type == '0' || type == 0) {
                Files.createDirectories(path.getParent());
                try (OutputStream out = Files.newOutputStream(path)) {
                    copy(in, out, size);
                }
                files++;
            } else {
                throw new IOException("entry " + name + " is of a type this reader does not take: " + type);
            }
            long padding = (TAR_BLOCK - size % TAR_BLOCK) % TAR_BLOCK;
            in.skipNBytes(padding);
        }
    }

    private static String tarString(byte[] h, int at, int width) {
        int end = at;
        while (end < at + width && h[end] != 0) {
            end++;
        }
        return new String(h, at, end - at, StandardCharsets.UTF_8);
    }

    private static void copy(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long left = size;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new EOFException("the archive ends inside a file");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    // ---------------------------------------------------------------- recorded answers

    /** One request to the query API and the answer recorded when the fixture was written. */
    public record RecordedAnswer(String request, int status, String file, boolean processLocal, JsonNode body) {
    }

    /** The recorded answers, in the order they were asked. */
    public List<RecordedAnswer> answers() throws IOException {
        List<RecordedAnswer> answers = new ArrayList<>();
        for (JsonNode a : JSON.readTree(dir.resolve(API_INDEX).toFile()).path("answers")) {
            String file = a.path("file").asText();
            JsonNode body;
            try (InputStream in = Files.newInputStream(dir.resolve(API_DIR).resolve(file))) {
                body = JSON.readTree(file.endsWith(".zst") ? new ZstdInputStream(in) : in);
            }
            answers.add(new RecordedAnswer(a.path("request").asText(), a.path("status").asInt(), file,
                a.path("processLocal").asBoolean(false), body));
        }
        return answers;
    }

    /** The file name of a request's recorded answer: the path and query with {@code /?&} replaced, e.g. {@code municipalities_0301_flows@from=2015-01,to=2024-12.json.zst}. */
    public static String answerFileName(String request) {
        String name = request.startsWith("/api/") ? request.substring("/api/".length()) : request;
        return name.replace('/', '_').replace('?', '@').replace('&', ',') + ".json.zst";
    }

    // ---------------------------------------------------------------- helpers

    static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) throws InterruptedException {
        try {
            return future.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer from the broker after " + TIMEOUT, e);
        }
    }

    static void writeJson(Path file, JsonNode node) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), node);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }
}
