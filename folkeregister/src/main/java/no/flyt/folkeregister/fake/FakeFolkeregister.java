package no.flyt.folkeregister.fake;

import static no.flyt.folkeregister.feed.FeedFields.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fake Folkeregister on 127.0.0.1, built from the published OpenAPI description of "Folkeregisteret - offentlig
 * med hjemmel": the event feed ({@code GET …/v1/hendelser/feed?seq=N}, pages of {@value #PAGE_SIZE}), the last
 * sequence number, single and bulk look-ups of event documents and archived person documents, and an OAuth2 token
 * endpoint (client credentials, or a JWT bearer grant as Maskinporten takes it). Every API call needs a bearer token
 * that has not expired. It serves the files {@code flyt generate --format folkeregister} writes.
 *
 * <p>Besides the register it serves the side input of statistical attributes under {@value #ATTRIBUTES_PATH} (not a
 * Folkeregister API: see docs/FOLKEREGISTER.md).
 *
 * <p>For tests it can fail on purpose ({@link Faults}): answer 429 with Retry-After or 503, let tokens expire after a
 * short time, corrupt a document, or show the feed only up to a sequence number (a feed that grows).
 */
public final class FakeFolkeregister implements AutoCloseable {

    public static final int PAGE_SIZE = 1000;
    public static final String API_PATH = "/folkeregisteret/offentlig-med-hjemmel/api";
    public static final String TOKEN_PATH = "/token";
    public static final String ATTRIBUTES_PATH = "/statistikk/v1/personattributter/bulkoppslag";
    public static final String CLIENT_ID = "flyt-demo";
    public static final String CLIENT_SECRET = "flyt-demo-secret";

    private static final Logger log = LoggerFactory.getLogger(FakeFolkeregister.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FeedStore store;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, Long> tokens = new ConcurrentHashMap<>();
    private final Faults faults = new Faults();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong highestSequenceServed = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicBoolean askedPastEnd = new java.util.concurrent.atomic.AtomicBoolean();

    /** Switches for failing on purpose; all off at start. */
    public static final class Faults {
        private final AtomicInteger tooManyRequests = new AtomicInteger();
        private final AtomicInteger unavailable = new AtomicInteger();
        private volatile long retryAfterMs = 50;
        private volatile Duration tokenLifetime = Duration.ofMinutes(60);
        private final Map<Long, String> corruptDocuments = new ConcurrentHashMap<>();
        private volatile long visibleUpTo = Long.MAX_VALUE;

        /** The next {@code n} API calls answer 429 with a Retry-After of {@code retryAfterMs}. */
        public Faults tooManyRequests(int n, long retryAfterMs) {
            this.retryAfterMs = retryAfterMs;
            tooManyRequests.set(n);
            return this;
        }

        /** The next {@code n} API calls answer 503. */
        public Faults unavailable(int n) {
            unavailable.set(n);
            return this;
        }

        /** Tokens issued from now on expire after {@code lifetime}. */
        public Faults tokenLifetime(Duration lifetime) {
            this.tokenLifetime = lifetime;
            return this;
        }

        /** The event document of {@code sequence} is served as {@code body} instead (e.g. broken JSON). */
        public Faults corruptDocument(long sequence, String body) {
            corruptDocuments.put(sequence, body);
            return this;
        }

        /** The feed shows entries up to {@code sequence} only (MAX_VALUE: all). */
        public Faults visibleUpTo(long sequence) {
            this.visibleUpTo = sequence;
            return this;
        }
    }

    private FakeFolkeregister(FeedStore store, int port) throws IOException {
        this.store = store;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "fake-folkeregister");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext(TOKEN_PATH, this::token);
        server.createContext(API_PATH + "/v1/hendelser", exchange -> api(exchange, this::events));
        server.createContext(API_PATH + "/v1/personer", exchange -> api(exchange, this::persons));
        server.createContext(ATTRIBUTES_PATH, exchange -> api(exchange, this::attributes));
        server.start();
    }

    /** Serves the feed-shaped files of {@code files} on {@code port} (0: any free port). */
    public static FakeFolkeregister start(FeedFiles files, int port) throws IOException {
        FakeFolkeregister fake = new FakeFolkeregister(new FeedStore(files), port);
        log.info("Fake Folkeregister on {} serving {} feed entries from {}", fake.baseUrl(), fake.store.lastSequence(), files.directory());
        return fake;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The feed API's root, as the connector's {@code folkeregister.url} takes it. */
    public String apiUrl() {
        return baseUrl() + API_PATH;
    }

    public String tokenUrl() {
        return baseUrl() + TOKEN_PATH;
    }

    public String attributesUrl() {
        return baseUrl() + ATTRIBUTES_PATH;
    }

    public long lastSequence() {
        return Math.min(store.lastSequence(), faults.visibleUpTo);
    }

    public Faults faults() {
        return faults;
    }

    /** Every token issued so far stops working (as when a token expires before the client expects it to). */
    public void revokeTokens() {
        tokens.clear();
    }

    /** API calls answered so far (token requests not counted). */
    public long requests() {
        return requests.get();
    }

    /** The highest sequence number a feed page has shown so far. */
    public long highestSequenceServed() {
        return highestSequenceServed.get();
    }

    /**
     * Waits until a reader has asked for the page after the last entry of the files: it has read every entry and
     * handed the records of the last page on (a Connect task asks again only after its previous poll's records were
     * sent and, with exactly-once support, committed). {@code progress} gets the highest sequence number served.
     */
    public void awaitReadToEnd(Duration timeout, java.util.function.LongConsumer progress) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!askedPastEnd.get()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the feed was read up to " + highestSequenceServed.get() + " of " + store.lastSequence()
                    + " in " + timeout.toSeconds() + " s");
            }
            progress.accept(highestSequenceServed.get());
            Thread.sleep(200);
        }
        progress.accept(highestSequenceServed.get());
    }

    /** Forgets that the end was reached (before reading the feed again from a reset offset). */
    public void resetReadToEnd() {
        askedPastEnd.set(false);
    }

    // ------------------------------------------------------------------------------------------ token

    private void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "");
                return;
            }
            Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String grant = form.getOrDefault("grant_type", "");
            boolean ok;
            if ("client_credentials".equals(grant)) {
                String[] basic = basic(exchange.getRequestHeaders().getFirst("Authorization"));
                String id = basic != null ? basic[0] : form.get("client_id");
                String secret = basic != null ? basic[1] : form.get("client_secret");
                ok = CLIENT_ID.equals(id) && CLIENT_SECRET.equals(secret);
            } else if ("urn:ietf:params:oauth:grant-type:jwt-bearer".equals(grant)) {
                ok = jwtIssuer(form.get("assertion")).equals(CLIENT_ID);
            } else {
                send(exchange, 400, "{\"error\":\"unsupported_grant_type\"}");
                return;
            }
            if (!ok) {
                send(exchange, 401, "{\"error\":\"invalid_client\"}");
                return;
            }
            Duration lifetime = faults.tokenLifetime;
            String token = UUID.randomUUID().toString();
            tokens.put(token, System.nanoTime() + lifetime.toNanos());
            send(exchange, 200, JSON.createObjectNode().put("access_token", token).put("token_type", "Bearer")
                .put("expires_in", Math.max(1, lifetime.toSeconds())).put("scope", "skatteetaten:medhjemmel").toString());
        }
    }

    /** The issuer of an (unverified) JWT: the fake checks who asks, not the signature. */
    private static String jwtIssuer(String assertion) {
        try {
            String[] parts = assertion.split("\\.");
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            return claims.path("iss").asText("");
        } catch (RuntimeException | IOException e) {
            return "";
        }
    }

    // ------------------------------------------------------------------------------------------ API

    @FunctionalInterface
    private interface Handler {
        void handle(HttpExchange exchange, String path) throws IOException;
    }

    private void api(HttpExchange exchange, Handler handler) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            Long expires = auth == null || !auth.startsWith("Bearer ") ? null : tokens.get(auth.substring(7));
            if (expires == null || System.nanoTime() > expires) {
                send(exchange, 401, "{\"feilkode\":\"FREG-401\",\"feilmelding\":\"Autentisering feiler\",\"httpStatus\":401}");
                return;
            }
            if (faults.tooManyRequests.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                exchange.getResponseHeaders().set("Retry-After", String.valueOf(faults.retryAfterMs));
                send(exchange, 429, "");
                return;
            }
            if (faults.unavailable.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                send(exchange, 503, "{\"kode\":\"FREG-001\",\"melding\":\"Feil i tjenesten. Vennligst prøv igjen seinere.\"}");
                return;
            }
            handler.handle(exchange, exchange.getRequestURI().getPath());
        } catch (RuntimeException e) {
            log.warn("fake Folkeregister failed on {}", exchange.getRequestURI(), e);
            send(exchange, 500, "");
        }
    }

    private void events(HttpExchange exchange, String path) throws IOException {
        String rest = path.substring((API_PATH + "/v1/hendelser").length());
        String method = exchange.getRequestMethod();
        if ("GET".equals(method) && rest.equals("/feed")) {
            String seqParameter = query(exchange).get("seq");
            long from;
            try {
                from = Long.parseLong(seqParameter);
            } catch (NumberFormatException | NullPointerException e) {
                send(exchange, 400, "");
                return;
            }
            long to = Math.min(lastSequence(), Math.max(from, 1) + PAGE_SIZE - 1);
            if (from > lastSequence() && lastSequence() == store.lastSequence()) {
                askedPastEnd.set(true);
            }
            StringBuilder page = new StringBuilder(PAGE_SIZE * 300).append('[');
            for (long s = Math.max(from, 1); s <= to; s++) {
                if (page.length() > 1) {
                    page.append(',');
                }
                page.append(store.entry(s));
            }
            highestSequenceServed.accumulateAndGet(to, Math::max);
            send(exchange, 200, page.append(']').toString());
        } else if ("GET".equals(method) && rest.equals("/siste/sekvensnummer")) {
            send(exchange, 200, String.valueOf(lastSequence()));
        } else if ("POST".equals(method) && rest.equals("/bulkoppslag")) {
            bulk(exchange, this::eventDocument);
        } else if ("GET".equals(method) && rest.startsWith("/") && rest.length() > 1) {
            String document = eventDocument(rest.substring(1));
            send(exchange, document == null ? 404 : 200, document == null ? "" : document);
        } else {
            send(exchange, 404, "");
        }
    }

    private String eventDocument(String id) {
        String document = store.eventDocument(id);
        if (document != null && !faults.corruptDocuments.isEmpty()) {
            String corrupt = faults.corruptDocuments.get(Long.parseUnsignedLong(id.substring(0, 16), 16));
            if (corrupt != null) {
                return corrupt;
            }
        }
        return document;
    }

    private void persons(HttpExchange exchange, String path) throws IOException {
        String rest = path.substring((API_PATH + "/v1/personer").length());
        if ("POST".equals(exchange.getRequestMethod()) && rest.equals("/bulkoppslag/arkiv")) {
            bulk(exchange, store::personDocument);
        } else if ("GET".equals(exchange.getRequestMethod()) && rest.startsWith("/arkiv/")) {
            String document = store.personDocument(rest.substring("/arkiv/".length()));
            send(exchange, document == null ? 404 : 200, document == null ? "" : document);
        } else {
            send(exchange, 404, "");
        }
    }

    /**
     * A bulk look-up ({@code {"dokumentidentifikator": [...]}}): the documents as a JSON array in the order asked, null
     * for an unknown id. (The published description gives a single document as the response schema; a list in request
     * order is what a bulk look-up needs.)
     */
    private void bulk(HttpExchange exchange, java.util.function.Function<String, String> lookup) throws IOException {
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        StringBuilder out = new StringBuilder(64 * 1024).append('[');
        for (JsonNode id : request.path(DOCUMENT_IDS)) {
            if (out.length() > 1) {
                out.append(',');
            }
            String document = lookup.apply(id.asText());
            out.append(document == null ? "null" : document);
        }
        send(exchange, 200, out.append(']').toString());
    }

    private void attributes(HttpExchange exchange, String path) throws IOException {
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        StringBuilder out = new StringBuilder(64 * 1024).append("{\"").append(LOOKUPS).append("\":[");
        boolean first = true;
        for (JsonNode id : request.path(NATIONAL_ID_NUMBER)) {
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append("{\"").append(NATIONAL_ID_NUMBER).append("\":").append(JSON.writeValueAsString(id.asText()))
                .append(",\"").append(VERSIONS).append("\":[").append(String.join(",", store.attributes(id.asText()))).append("]}");
        }
        send(exchange, 200, out.append("]}").toString());
    }

    // ------------------------------------------------------------------------------------------ HTTP

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (!body.isEmpty()) {
            exchange.getResponseHeaders().set("Content-Type", body.startsWith("{") || body.startsWith("[") || body.equals("null")
                ? "application/json" : "text/plain");
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static Map<String, String> query(HttpExchange exchange) {
        String query = exchange.getRequestURI().getRawQuery();
        return query == null ? Map.of() : form(query);
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new HashMap<>();
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static String[] basic(String header) {
        if (header == null || !header.startsWith("Basic ")) {
            return null;
        }
        String decoded = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        return colon < 0 ? null : new String[] {URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
            URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)};
    }

    @Override
    public void close() throws IOException {
        server.stop(0);
        executor.shutdownNow();
        store.close();
    }
}
