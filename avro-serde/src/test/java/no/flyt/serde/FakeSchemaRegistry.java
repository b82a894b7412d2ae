package no.flyt.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;

/**
 * A small Confluent-API registry in the test JVM (com.sun.net.httpserver), under the base path Apicurio uses.
 * It keeps schemas in a {@link MockSchemaRegistryClient} (BACKWARD compatibility), offsets the ids so they are
 * not 1, 2, 3 (id = internal id + {@link #ID_OFFSET}), records every request, and can demand basic auth or
 * answer slowly.
 */
final class FakeSchemaRegistry implements AutoCloseable {

    static final String BASE_PATH = "/apis/ccompat/v7";
    /** Makes every id use all four header bytes: the first schema gets id 0x01020304. */
    static final int ID_OFFSET = 0x01020303;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern SUBJECT_VERSIONS = Pattern.compile("/subjects/([^/]+)/versions");
    private static final Pattern SUBJECT_LATEST = Pattern.compile("/subjects/([^/]+)/versions/latest");
    private static final Pattern SUBJECT = Pattern.compile("/subjects/([^/]+)");
    private static final Pattern SCHEMA_BY_ID = Pattern.compile("/schemas/ids/(-?\\d+)");
    private static final Pattern COMPATIBILITY = Pattern.compile("/compatibility/subjects/([^/]+)/versions/latest");

    private final HttpServer server;
    private final MockSchemaRegistryClient schemas = new MockSchemaRegistryClient();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile String requiredAuthorization;
    private volatile long delayMillis;
    private final java.util.concurrent.atomic.AtomicInteger conflictsToAnswer = new java.util.concurrent.atomic.AtomicInteger();

    /** Started, for a test's field: {@code @AutoClose final FakeSchemaRegistry registry = FakeSchemaRegistry.start();} */
    static FakeSchemaRegistry start() {
        try {
            return new FakeSchemaRegistry();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    FakeSchemaRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(BASE_PATH, this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    /** The base URL a client is configured with, like Apicurio's {@code http://host:port/apis/ccompat/v7}. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + BASE_PATH;
    }

    /** Every request so far as "METHOD path", path relative to the base URL. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    void requireBasicAuth(String authorizationHeader) {
        this.requiredAuthorization = authorizationHeader;
    }

    /**
     * The next {@code n} registrations store the schema but answer 409 "already exists", as Apicurio answers the
     * loser of two clients registering a new subject at the same moment.
     */
    void answerRegistrationsWithConflict(int n) {
        conflictsToAnswer.set(n);
    }

    void delayResponses(long millis) {
        this.delayMillis = millis;
    }

    /** Registers directly, bypassing HTTP (and the request log); returns the external id. */
    int register(String subject, Schema schema) {
        return schemas.register(subject, schema) + ID_OFFSET;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath().substring(BASE_PATH.length());
        String query = exchange.getRequestURI().getRawQuery();
        String method = exchange.getRequestMethod();
        requests.add(method + " " + path + (query == null ? "" : "?" + query));
        try {
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            if (requiredAuthorization != null
                    && !requiredAuthorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                respond(exchange, 401, Map.of("error_code", 401, "message", "Unauthorized"));
                return;
            }
            Object body = route(method, path, query, exchange);
            if (body == null) {
                respond(exchange, 404, "<html>no such resource</html>");
            } else {
                respond(exchange, 200, body);
            }
        } catch (SchemaRegistryException e) {
            respond(exchange, e.status(), Map.of("error_code", e.errorCode(), "message", e.getMessage()));
        } catch (RuntimeException e) {
            respond(exchange, 500, Map.of("error_code", 50001, "message", String.valueOf(e)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    private Object route(String method, String path, String query, HttpExchange exchange) throws IOException {
        Matcher m;
        if (method.equals("POST") && (m = COMPATIBILITY.matcher(path)).matches()) {
            String subject = decode(m.group(1));
            if (!schemas.subjects().contains(subject)) {
                throw new SchemaRegistryException("Subject '" + subject + "' not found.", 404,
                        SchemaRegistryException.SUBJECT_NOT_FOUND);
            }
            return Map.of("is_compatible", schemas.testCompatibility(subject, schema(exchange)));
        }
        if (method.equals("POST") && (m = SUBJECT_VERSIONS.matcher(path)).matches()) {
            int id = register(decode(m.group(1)), schema(exchange));
            if (conflictsToAnswer.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new SchemaRegistryException("An artifact with ID '" + decode(m.group(1)) + "' in group 'null' already exists.",
                        409, 409);
            }
            return Map.of("id", id);
        }
        if (method.equals("GET") && (m = SUBJECT_LATEST.matcher(path)).matches()) {
            SchemaMetadata latest = schemas.getLatest(decode(m.group(1)));
            return Map.of("subject", decode(m.group(1)), "id", latest.id() + ID_OFFSET, "version", latest.version(),
                    "schema", latest.schema().toString());
        }
        if (method.equals("POST") && (m = SUBJECT.matcher(path)).matches()) {
            Schema schema = schema(exchange);
            int id = schemas.getId(decode(m.group(1)), schema) + ID_OFFSET;
            return Map.of("subject", decode(m.group(1)), "id", id, "version", 1, "schema", schema.toString());
        }
        if (method.equals("DELETE") && (m = SUBJECT.matcher(path)).matches()) {
            String subject = decode(m.group(1));
            if (query != null && query.contains("permanent=true") && !schemas.subjects().contains(subject)) {
                throw new SchemaRegistryException("Subject '" + subject + "' not found.", 404,
                        SchemaRegistryException.SUBJECT_NOT_FOUND);
            }
            schemas.deleteSubject(subject);
            return List.of(1);
        }
        if (method.equals("GET") && (m = SCHEMA_BY_ID.matcher(path)).matches()) {
            int id = Integer.parseInt(m.group(1)) - ID_OFFSET;
            try {
                return Map.of("schema", schemas.getById(id).toString());
            } catch (SchemaRegistryException e) {
                throw new SchemaRegistryException("Schema " + m.group(1) + " not found", 404,
                        SchemaRegistryException.SCHEMA_NOT_FOUND);
            }
        }
        if (method.equals("GET") && path.equals("/subjects")) {
            return schemas.subjects();
        }
        return null;
    }

    private static Schema schema(HttpExchange exchange) throws IOException {
        JsonNode request = MAPPER.readTree(exchange.getRequestBody());
        return new Schema.Parser().parse(request.get("schema").asText());
    }

    private static String decode(String segment) {
        return URLDecoder.decode(segment, StandardCharsets.UTF_8);
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = body instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : MAPPER.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
