package no.flyt.folkeregister.client;

import static no.flyt.folkeregister.feed.FeedFields.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import no.flyt.folkeregister.feed.StatisticalAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Folkeregister feed over HTTP: feed pages, bulk look-ups of event documents and archived person documents, the
 * last sequence number, and the side input of statistical attributes. Every call carries a bearer token from the
 * {@link TokenSource}; a 401 fetches a new token and tries again; 429 waits as long as Retry-After says (in ms, as the
 * register documents it) and 5xx or a broken connection back off exponentially (with jitter, up to
 * {@code maxBackoff}), until {@code retryFor} has passed: then the call fails as retriable, and the caller tries
 * again from the same place later. Nothing is skipped.
 */
public final class FolkeregisterClient {

    private static final Logger log = LoggerFactory.getLogger(FolkeregisterClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);

    /** Waits between attempts; returns false when the caller is being stopped. */
    @FunctionalInterface
    public interface Sleeper {
        boolean sleep(Duration duration) throws InterruptedException;
    }

    /** A document from a bulk look-up: parsed, or why it could not be (with its raw text, for the dead letter). */
    public record Document(String id, JsonNode json, String raw, String error) {
    }

    private final HttpClient http;
    private final URI api;
    private final URI attributesUrl;
    private final TokenSource tokens;
    private final Duration retryFor;
    private final Duration maxBackoff;
    private final Sleeper sleeper;
    private long retries;

    public FolkeregisterClient(HttpClient http, URI api, URI attributesUrl, TokenSource tokens, Duration retryFor,
                               Duration maxBackoff, Sleeper sleeper) {
        this.http = http;
        this.api = URI.create(api.toString().replaceAll("/+$", "") + "/");
        this.attributesUrl = attributesUrl;
        this.tokens = tokens;
        this.retryFor = retryFor;
        this.maxBackoff = maxBackoff;
        this.sleeper = sleeper;
    }

    /** The feed from {@code sequence} (inclusive): up to a page of entries, none at the end. */
    public List<JsonNode> feedPage(long sequence) throws IOException, InterruptedException {
        String body = call(() -> request("v1/hendelser/feed?seq=" + sequence).GET().build(), "feed page " + sequence);
        JsonNode page = JSON.readTree(body);
        if (!page.isArray()) {
            throw new FeedException("the feed page from " + sequence + " is not a JSON array", false);
        }
        List<JsonNode> entries = new ArrayList<>(page.size());
        page.forEach(entries::add);
        return entries;
    }

    /** How far the feed has come. */
    public long lastSequence() throws IOException, InterruptedException {
        String body = call(() -> request("v1/hendelser/siste/sekvensnummer").header("Accept", "application/json").GET().build(),
            "last sequence number");
        JsonNode node = JSON.readTree(body);
        return node.isNumber() ? node.asLong() : node.path(SEQUENCE).asLong();
    }

    /** Event documents (DokumentForHendelse) by id, in the order asked. */
    public List<Document> eventDocuments(List<String> ids) throws IOException, InterruptedException {
        return bulk("v1/hendelser/bulkoppslag", "v1/hendelser/", ids);
    }

    /** Archived person documents (Folkeregisterperson as after the event) by id, in the order asked. */
    public List<Document> personDocuments(List<String> ids) throws IOException, InterruptedException {
        return bulk("v1/personer/bulkoppslag/arkiv", "v1/personer/arkiv/", ids);
    }

    /**
     * One bulk look-up. When its answer cannot be parsed as a whole (a broken document inside), each document is
     * fetched on its own, so that only the broken ones fail.
     */
    private List<Document> bulk(String bulkPath, String singlePath, List<String> ids) throws IOException, InterruptedException {
        if (ids.isEmpty()) {
            return List.of();
        }
        ObjectNode request = JSON.createObjectNode();
        ArrayNode list = request.putArray(DOCUMENT_IDS);
        ids.forEach(list::add);
        String body = call(() -> request(bulkPath).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(request.toString())).build(), bulkPath);
        List<Document> documents = new ArrayList<>(ids.size());
        try {
            JsonNode answer = JSON.readTree(body);
            JsonNode array = answer.isArray() ? answer : JSON.createArrayNode().add(answer);
            if (array.size() != ids.size()) {
                throw new FeedException(bulkPath + " answered " + array.size() + " documents for " + ids.size() + " ids", true);
            }
            for (int i = 0; i < ids.size(); i++) {
                JsonNode d = array.get(i);
                documents.add(d == null || d.isNull() ? new Document(ids.get(i), null, null, "no document " + ids.get(i))
                    : new Document(ids.get(i), d, null, null));
            }
            return documents;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            log.warn("{}: the answer for {} ids is not valid JSON; fetching them one by one", bulkPath, ids.size());
        }
        for (String id : ids) {
            String raw = callOrNotFound(() -> request(singlePath + id).GET().build(), singlePath + id);
            if (raw == null) {
                documents.add(new Document(id, null, null, "no document " + id));
                continue;
            }
            try {
                documents.add(new Document(id, JSON.readTree(raw), raw, null));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                documents.add(new Document(id, null, raw, "malformed document " + id + ": " + e.getOriginalMessage()));
            }
        }
        return documents;
    }

    /** The versions of statistical attributes of each person (empty when no side input is configured). */
    public Map<String, List<StatisticalAttributes>> attributes(Collection<String> nationalIds) throws IOException, InterruptedException {
        Map<String, List<StatisticalAttributes>> out = new HashMap<>();
        if (attributesUrl == null || nationalIds.isEmpty()) {
            return out;
        }
        ObjectNode request = JSON.createObjectNode();
        ArrayNode list = request.putArray(NATIONAL_ID_NUMBER);
        nationalIds.forEach(list::add);
        String body = call(() -> authorized(HttpRequest.newBuilder(attributesUrl)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(request.toString())).build(), "statistical attributes");
        for (JsonNode lookup : JSON.readTree(body).path(LOOKUPS)) {
            List<StatisticalAttributes> versions = new ArrayList<>();
            for (JsonNode v : lookup.path(VERSIONS)) {
                versions.add(StatisticalAttributes.fromJson(v));
            }
            out.put(lookup.path(NATIONAL_ID_NUMBER).asText(), versions);
        }
        return out;
    }

    /** Attempts that were retried after a 401, 429, 5xx or broken connection, since the start. */
    public long retries() {
        return retries;
    }

    private HttpRequest.Builder request(String path) {
        return authorized(HttpRequest.newBuilder(api.resolve(path)));
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder builder) {
        return builder.timeout(Duration.ofSeconds(60)).header("Accept", "application/json");
    }

    private String call(Supplier<HttpRequest> request, String what) throws IOException, InterruptedException {
        String body = callOrNotFound(request, what);
        if (body == null) {
            throw new FeedException(what + ": 404 not found", false);
        }
        return body;
    }

    /** The body of a 200 answer, null for 404; retries as the class says. */
    private String callOrNotFound(Supplier<HttpRequest> request, String what) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + retryFor.toNanos();
        Duration backoff = FIRST_BACKOFF;
        boolean freshToken = false;
        while (true) {
            Duration wait;
            String failure;
            try {
                HttpRequest r = HttpRequest.newBuilder(request.get(), (n, v) -> true)
                    .header("Authorization", "Bearer " + tokens.token()).build();
                HttpResponse<String> response = http.send(r, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status == 200) {
                    return response.body();
                }
                if (status == 404) {
                    return null;
                }
                if (status == 401 && !freshToken) {
                    // the token expired (or was revoked) before we thought: fetch a new one and go again at once
                    tokens.invalidate();
                    freshToken = true;
                    retries++;
                    continue;
                }
                if (status == 429) {
                    long retryAfter = response.headers().firstValueAsLong("Retry-After").orElse(backoff.toMillis());
                    wait = Duration.ofMillis(Math.max(retryAfter, 1));
                    failure = "429 too many requests";
                } else if (status >= 500) {
                    wait = jitter(backoff);
                    backoff = min(backoff.multipliedBy(2), maxBackoff);
                    failure = status + " " + response.body();
                } else {
                    throw new FeedException(what + ": " + status + " " + response.body(), false);
                }
            } catch (FeedException e) {
                if (!e.retriable()) {
                    throw e;
                }
                wait = jitter(backoff);
                backoff = min(backoff.multipliedBy(2), maxBackoff);
                failure = e.getMessage();
            } catch (IOException e) {
                wait = jitter(backoff);
                backoff = min(backoff.multipliedBy(2), maxBackoff);
                failure = e.toString();
            }
            freshToken = false;
            if (System.nanoTime() + wait.toNanos() > deadline) {
                throw new FeedException(what + " still failing after " + retryFor.toSeconds() + " s: " + failure, true);
            }
            retries++;
            log.debug("{}: {}; trying again in {} ms", what, failure, wait.toMillis());
            if (!sleeper.sleep(wait)) {
                throw new InterruptedException("stopped while waiting to retry " + what);
            }
        }
    }

    private static Duration jitter(Duration d) {
        return Duration.ofMillis(d.toMillis() / 2 + ThreadLocalRandom.current().nextLong(d.toMillis() / 2 + 1));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
