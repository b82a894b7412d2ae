package no.flyt.folkeregister.connect;

import static no.flyt.folkeregister.feed.FeedFields.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import no.flyt.events.RegisterEvent;
import no.flyt.folkeregister.client.FeedException;
import no.flyt.folkeregister.client.FolkeregisterClient;
import no.flyt.folkeregister.client.FolkeregisterClient.Document;
import no.flyt.folkeregister.client.TokenSource;
import no.flyt.folkeregister.feed.FeedMapper;
import no.flyt.folkeregister.feed.Pseudonyms;
import no.flyt.folkeregister.feed.StatisticalAttributes;
import no.flyt.folkeregister.feed.UnmappableException;
import no.flyt.serde.SpecificAvroSerializer;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads pages of the feed (up to {@code max.entries.per.poll} entries per poll, one transaction): the thin entries from
 * the task's sequence number, then in bulk and at once the event and person documents of the entries whose type flyt
 * reads and the side input's attributes of their persons, while the next page is fetched; maps each
 * entry with {@link FeedMapper}; and hands Connect, in feed order, a record per register event (key the person's
 * pseudonym, value the bytes of flyt's Avro serde, timestamp the recording time) and a dead letter per entry that
 * cannot be mapped. Every record carries its sequence number as the source offset, so a restarted task goes on after
 * the last record Connect committed: with exactly-once source support that is the last one on the topic.
 *
 * <p>Records go to Connect as bytes (the worker's value converter is {@code ByteArrayConverter}): flyt's serde
 * writes them, as {@code flyt replay} does.
 */
public final class FolkeregisterSourceTask extends SourceTask {

    static final String VERSION = "1";
    /** The source partition: the feed, by its URL. */
    static final String PARTITION_KEY = "feed";
    /** The source offset: the sequence number of the last entry a record covers. */
    static final String OFFSET_KEY = "sekvensnummer";
    public static final String SEQUENCE_HEADER = "flyt.folkeregister.sekvensnummer";
    public static final String REASON_HEADER = "flyt.folkeregister.reason";

    private static final Logger log = LoggerFactory.getLogger(FolkeregisterSourceTask.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(30);

    private static final int PAGE_SIZE = 1000;

    private final CountDownLatch stopped = new CountDownLatch(1);
    private final ExecutorService calls = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "folkeregister-feed-call");
        t.setDaemon(true);
        return t;
    });
    private long maxEntriesPerPoll;
    private final Map<String, Long> skippedByType = new TreeMap<>();
    private FolkeregisterSourceConfig config;
    private FolkeregisterClient client;
    private Pseudonyms pseudonyms;
    private SpecificAvroSerializer<RegisterEvent> serializer;
    private Map<String, String> partition;
    private String topic;
    private String deadLetterTopic;
    private boolean sideInput;
    private long next;
    private long events;
    private long deadLetters;
    private long lastProgress = System.nanoTime();

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        config = new FolkeregisterSourceConfig(props);
        pseudonyms = new Pseudonyms(config.getPassword(FolkeregisterSourceConfig.PSEUDONYM_SECRET).value());
        topic = config.getString(FolkeregisterSourceConfig.TOPIC);
        deadLetterTopic = config.getString(FolkeregisterSourceConfig.DEAD_LETTER_TOPIC);
        String url = config.getString(FolkeregisterSourceConfig.URL);
        partition = Map.of(PARTITION_KEY, url);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
        client = new FolkeregisterClient(http, URI.create(url), attributesUrl(), tokens(http),
            Duration.ofMillis(config.getLong(FolkeregisterSourceConfig.RETRY_FOR_MS)),
            Duration.ofMillis(config.getLong(FolkeregisterSourceConfig.MAX_BACKOFF_MS)),
            d -> !stopped.await(d.toMillis(), TimeUnit.MILLISECONDS));
        sideInput = attributesUrl() != null;
        maxEntriesPerPoll = config.getLong(FolkeregisterSourceConfig.MAX_ENTRIES_PER_POLL);
        serializer = new SpecificAvroSerializer<>();
        serializer.configure(new HashMap<>(props), false);
        Map<String, Object> offset = context.offsetStorageReader().offset(partition);
        next = offset != null && offset.get(OFFSET_KEY) != null
            ? ((Number) offset.get(OFFSET_KEY)).longValue() + 1
            : config.getLong(FolkeregisterSourceConfig.START_SEQUENCE);
        log.info("Reading the Folkeregister feed {} from sequence number {}{}", url, next,
            offset == null ? " (configured start)" : " (after the committed offset)");
    }

    private URI attributesUrl() {
        String url = config.getString(FolkeregisterSourceConfig.ATTRIBUTES_URL);
        return url == null || url.isBlank() ? null : URI.create(url);
    }

    private TokenSource tokens(HttpClient http) {
        URI tokenUrl = URI.create(config.getString(FolkeregisterSourceConfig.TOKEN_URL));
        String clientId = config.getString(FolkeregisterSourceConfig.CLIENT_ID);
        String scope = config.getString(FolkeregisterSourceConfig.SCOPE);
        if ("client-credentials".equals(config.getString(FolkeregisterSourceConfig.TOKEN_GRANT))) {
            var secret = config.getPassword(FolkeregisterSourceConfig.CLIENT_SECRET);
            if (secret == null) {
                throw new ConnectException(FolkeregisterSourceConfig.CLIENT_SECRET + " is needed for the client-credentials grant");
            }
            return TokenSource.clientCredentials(http, tokenUrl, clientId, secret.value(), scope);
        }
        String keyFile = config.getString(FolkeregisterSourceConfig.PRIVATE_KEY_FILE);
        if (keyFile == null) {
            throw new ConnectException(FolkeregisterSourceConfig.PRIVATE_KEY_FILE + " is needed for the jwt-bearer grant");
        }
        return TokenSource.jwtBearer(http, tokenUrl, clientId, Path.of(keyFile), config.getString(FolkeregisterSourceConfig.AUDIENCE), scope);
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        try {
            // Several pages per poll: each poll is one transaction, and a commit costs a round trip to the broker.
            // The next page is fetched while the current one's documents are looked up and mapped.
            List<SourceRecord> records = new ArrayList<>();
            long entries = 0;
            long from = next;
            CompletableFuture<List<JsonNode>> page = async(() -> client.feedPage(from));
            while (page != null) {
                List<JsonNode> entriesOfPage = await(page);
                if (entriesOfPage.isEmpty()) {
                    break;
                }
                entries += entriesOfPage.size();
                long after = entriesOfPage.get(entriesOfPage.size() - 1).path(SEQUENCE).asLong() + 1;
                page = entries < maxEntriesPerPoll && entriesOfPage.size() >= PAGE_SIZE ? async(() -> client.feedPage(after)) : null;
                records.addAll(read(entriesOfPage));
            }
            if (entries == 0) {
                logProgress(true);
                stopped.await(config.getLong(FolkeregisterSourceConfig.POLL_INTERVAL_MS), TimeUnit.MILLISECONDS);
                return null;
            }
            logProgress(false);
            return records;
        } catch (FeedException e) {
            if (e.retriable()) {
                // Connect polls again; the task goes on from the same sequence number
                throw new RetriableException(e.getMessage(), e);
            }
            throw new ConnectException(e.getMessage(), e);
        } catch (IOException e) {
            throw new RetriableException(e.getMessage(), e);
        }
    }

    /** A call to the feed on the task's small pool of threads. */
    private <T> CompletableFuture<T> async(FeedCall<T> call) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return call.call();
            } catch (IOException e) {
                throw new CompletionException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException(e);
            }
        }, calls);
    }

    private static <T> T await(CompletableFuture<T> future) throws IOException, InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException && e.getCause().getCause() != null ? e.getCause().getCause() : e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof InterruptedException ie) {
                throw ie;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(cause);
        }
    }

    @FunctionalInterface
    private interface FeedCall<T> {
        T call() throws IOException, InterruptedException;
    }

    /** The records of one page; moves {@code next} past it. */
    List<SourceRecord> read(List<JsonNode> page) throws IOException, InterruptedException {
        List<String> documentIds = new ArrayList<>();
        List<String> personIds = new ArrayList<>();
        Set<String> nationalIds = new LinkedHashSet<>();
        for (JsonNode entry : page) {
            JsonNode thin = entry.path(EVENT);
            if (FeedMapper.isRead(thin.path(FEED_EVENT_TYPE).asText())) {
                documentIds.add(thin.path(EVENT_DOCUMENT).asText());
                personIds.add(thin.path(PERSON_DOCUMENT).asText());
                nationalIds.add(thin.path(NATIONAL_ID).asText());
            }
        }
        // the three look-ups at once
        CompletableFuture<List<Document>> eventDocuments = async(() -> client.eventDocuments(documentIds));
        CompletableFuture<List<Document>> personDocuments = async(() -> client.personDocuments(personIds));
        CompletableFuture<Map<String, List<StatisticalAttributes>>> attributesOfPersons = async(() -> client.attributes(nationalIds));
        Map<String, Document> documents = byId(await(eventDocuments));
        Map<String, Document> persons = byId(await(personDocuments));
        Map<String, List<StatisticalAttributes>> attributes = await(attributesOfPersons);
        FeedMapper mapper = new FeedMapper(pseudonyms, sideInput ? (id, at) -> StatisticalAttributes.validAt(attributes.get(id), at) : null);

        List<SourceRecord> records = new ArrayList<>(page.size());
        long last = next - 1;
        for (JsonNode entry : page) {
            long sequence = entry.path(SEQUENCE).asLong(-1);
            if (sequence <= last) {
                throw new ConnectException("the feed page from " + next + " is out of order at sequence number " + sequence);
            }
            last = sequence;
            JsonNode thin = entry.path(EVENT);
            Document document = documents.get(thin.path(EVENT_DOCUMENT).asText());
            Document person = persons.get(thin.path(PERSON_DOCUMENT).asText());
            FeedMapper.Result result;
            try {
                String error = document != null && document.error() != null ? document.error()
                    : person != null && person.error() != null ? person.error() : null;
                if (error != null) {
                    throw new UnmappableException(error);
                }
                result = mapper.map(entry, document == null ? null : document.json(), person == null ? null : person.json());
            } catch (RuntimeException e) {
                // unmappable (or a document that breaks the mapper in a way nobody foresaw): kept, not lost
                String reason = e instanceof UnmappableException ? e.getMessage() : e.toString();
                records.add(deadLetter(sequence, entry, document, person, reason));
                deadLetters++;
                continue;
            }
            if (result instanceof FeedMapper.Mapped mapped) {
                RegisterEvent event = mapped.event();
                records.add(new SourceRecord(partition, offset(sequence), topic, null, Schema.STRING_SCHEMA, event.getPersonId(),
                    Schema.BYTES_SCHEMA, serializer.serialize(topic, event), event.getRecordedAt().toEpochMilli()));
                events++;
            } else if (result instanceof FeedMapper.Skipped skipped) {
                skippedByType.merge(skipped.eventType(), 1L, Long::sum);
            }
        }
        next = last + 1;
        return records;
    }

    private static Map<String, Document> byId(List<Document> documents) {
        Map<String, Document> byId = new HashMap<>();
        documents.forEach(d -> byId.put(d.id(), d));
        return byId;
    }

    /**
     * A dead letter: the entry and its documents as JSON, every national identity number in them replaced by its
     * pseudonym; the sequence number and the reason in headers.
     */
    private SourceRecord deadLetter(long sequence, JsonNode entry, Document document, Document person, String reason) {
        ObjectNode value = JSON.createObjectNode();
        value.set("entry", entry);
        putDocument(value, "document", document);
        putDocument(value, "personDocument", person);
        String nationalId = entry.path(EVENT).path(NATIONAL_ID).asText(null);
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(SEQUENCE_HEADER, String.valueOf(sequence));
        headers.addString(REASON_HEADER, pseudonyms.scrub(reason));
        log.warn("Feed entry {} to the dead-letter topic: {}", sequence, pseudonyms.scrub(reason));
        return new SourceRecord(partition, offset(sequence), deadLetterTopic, null, Schema.OPTIONAL_STRING_SCHEMA,
            nationalId == null ? null : pseudonyms.personId(nationalId), Schema.BYTES_SCHEMA,
            pseudonyms.scrub(value.toString()).getBytes(StandardCharsets.UTF_8), null, headers);
    }

    private static void putDocument(ObjectNode value, String field, Document document) {
        if (document == null) {
            return;
        }
        if (document.json() != null) {
            value.set(field, document.json());
        } else if (document.raw() != null) {
            value.put(field, document.raw());
        }
    }

    private static Map<String, Long> offset(long sequence) {
        return Map.of(OFFSET_KEY, sequence);
    }

    private void logProgress(boolean atEnd) {
        if (atEnd || System.nanoTime() - lastProgress > PROGRESS_EVERY.toNanos()) {
            lastProgress = System.nanoTime();
            log.info("Folkeregister feed read up to sequence number {}{}: {} register events, {} dead letters, {} retried calls, "
                + "skipped by type {}", next - 1, atEnd ? " (the end for now)" : "", events, deadLetters, client.retries(), skippedByType);
        }
    }

    /** Entries of types flyt does not count, by type, since the task started. */
    Map<String, Long> skippedByType() {
        return Map.copyOf(skippedByType);
    }

    long nextSequence() {
        return next;
    }

    @Override
    public void stop() {
        stopped.countDown();
        calls.shutdownNow();
    }
}
