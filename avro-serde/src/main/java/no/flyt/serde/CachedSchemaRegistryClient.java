package no.flyt.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schema Registry client over {@link HttpClient}, speaking the Confluent REST API (also served by Apicurio
 * Registry under {@code /apis/ccompat/v7}). Caches subject+schema to id and id to schema, so the serdes call
 * the registry once per schema, not per record. With several URLs it moves to the next one when a URL
 * cannot be reached and stays with the one that answered.
 */
public final class CachedSchemaRegistryClient implements SchemaRegistryClient {

    private static final Logger log = LoggerFactory.getLogger(CachedSchemaRegistryClient.class);

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT =
            "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /**
     * Every HttpClient runs a selector thread, and an application configures a serde (each with its own
     * registry client) per key and value type; they share one HttpClient and its connection pool instead.
     */
    private static final Map<Duration, HttpClient> SHARED_HTTP_CLIENTS = new ConcurrentHashMap<>();

    private record Endpoint(String baseUrl, String authorization) {
    }

    private record SubjectSchema(String subject, Schema schema) {
    }

    private final List<Endpoint> endpoints;
    private final AtomicInteger currentEndpoint = new AtomicInteger();
    private final Duration requestTimeout;
    private final HttpClient http;
    private final BoundedCache<SubjectSchema, Integer> idBySubjectSchema;
    private final BoundedCache<Integer, Schema> schemaById;

    /** A client for comma-separated base URLs with the default timeout and cache capacity. */
    public CachedSchemaRegistryClient(String urls) {
        this(new AvroSerdeConfig(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, urls)));
    }

    public CachedSchemaRegistryClient(AvroSerdeConfig config) {
        this(config.schemaRegistryUrls(), config.cacheCapacity(), config.requestTimeout(), config.basicAuthUserInfo());
    }

    /**
     * @param basicAuthUserInfo {@code <user>:<password>} for HTTP basic auth on every URL, or null to use the
     *     user info of each URL (if any)
     */
    public CachedSchemaRegistryClient(List<String> urls, int cacheCapacity, Duration requestTimeout,
            String basicAuthUserInfo) {
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("at least one Schema Registry URL is required");
        }
        this.endpoints = urls.stream().map(url -> endpoint(url, basicAuthUserInfo)).toList();
        this.requestTimeout = requestTimeout;
        this.http = SHARED_HTTP_CLIENTS.computeIfAbsent(requestTimeout, timeout -> HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build());
        this.idBySubjectSchema = new BoundedCache<>(cacheCapacity);
        this.schemaById = new BoundedCache<>(cacheCapacity);
    }

    @Override
    public int register(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode response;
        try {
            response = call("POST", subjectPath(subject) + "/versions", schemaBody(schema), about(subject));
        } catch (SchemaRegistryException e) {
            // Two clients registering a new subject at the same moment: Apicurio answers the loser with 409
            // "already exists" although the schema is the same. If a lookup finds it, it was registered.
            if (e.status() == 409) {
                try {
                    return getId(subject, schema);
                } catch (SchemaRegistryException lookup) {
                    e.addSuppressed(lookup);
                }
            }
            throw e;
        }
        int id = requiredInt(response, "id");
        log.info("Schema {} is registered under subject '{}' with id {}", schema.getFullName(), subject, id);
        remember(key, id);
        return id;
    }

    @Override
    public int getId(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode response = call("POST", subjectPath(subject), schemaBody(schema), about(subject));
        int id = requiredInt(response, "id");
        remember(key, id);
        return id;
    }

    @Override
    public Schema getById(int id) {
        Schema cached = schemaById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode response = call("GET", "/schemas/ids/" + id, null, "schema id " + id);
        Schema schema = parseSchema(response, "schema id " + id);
        schemaById.put(id, schema);
        return schema;
    }

    @Override
    public SchemaMetadata getLatest(String subject) {
        JsonNode response = call("GET", subjectPath(subject) + "/versions/latest", null, about(subject));
        int id = requiredInt(response, "id");
        Schema schema = parseSchema(response, "the latest version of subject '" + subject + "'");
        schemaById.put(id, schema);
        return new SchemaMetadata(id, requiredInt(response, "version"), schema);
    }

    @Override
    public boolean testCompatibility(String subject, Schema schema) {
        try {
            JsonNode response = call("POST", "/compatibility" + subjectPath(subject) + "/versions/latest",
                    schemaBody(schema), about(subject));
            return response.path("is_compatible").asBoolean(false);
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND
                    || e.errorCode() == SchemaRegistryException.VERSION_NOT_FOUND) {
                return true;
            }
            throw e;
        }
    }

    @Override
    public List<String> subjects() {
        JsonNode response = call("GET", "/subjects", null, "the subject list");
        List<String> subjects = new ArrayList<>();
        response.forEach(node -> subjects.add(node.asText()));
        return subjects;
    }

    @Override
    public void deleteSubject(String subject) {
        call("DELETE", subjectPath(subject), null, about(subject));
        // Confluent only soft-deletes first; the permanent delete frees the subject for good. A registry that
        // already removed it (Apicurio) answers 404, which is the result we want.
        try {
            call("DELETE", subjectPath(subject) + "?permanent=true", null, about(subject));
        } catch (SchemaRegistryException e) {
            if (!e.isNotFound()) {
                throw e;
            }
        }
        idBySubjectSchema.removeIf(key -> key.subject().equals(subject));
        log.info("Deleted subject '{}'", subject);
    }

    private void remember(SubjectSchema key, int id) {
        idBySubjectSchema.put(key, id);
        if (schemaById.get(id) == null) {
            schemaById.put(id, key.schema());
        }
    }

    /**
     * Sends the request to the current endpoint, moving on to the next while they cannot be reached.
     *
     * @param about what the call is about, for error messages: "subject 'x'" or "schema id 5"
     */
    private JsonNode call(String method, String path, String body, String about) {
        int start = currentEndpoint.get();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < endpoints.size(); i++) {
            int index = (start + i) % endpoints.size();
            Endpoint endpoint = endpoints.get(index);
            HttpResponse<String> response;
            try {
                response = http.send(request(endpoint, method, path, body), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                String reason = describe(e);
                log.warn("Schema Registry at {} is not reachable ({})", endpoint.baseUrl(), reason);
                failures.add(endpoints.size() == 1 ? reason : endpoint.baseUrl() + ": " + reason);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException("Interrupted while calling the Schema Registry at "
                        + endpoint.baseUrl(), -1, -1, e);
            }
            if (index != start) {
                currentEndpoint.set(index);
            }
            return handle(endpoint, method, path, response, about);
        }
        String urls = String.join(", ", endpoints.stream().map(Endpoint::baseUrl).toList());
        throw new SchemaRegistryException("Schema Registry at " + urls + " is not reachable (" + String.join("; ", failures)
                + "): is it running? check " + AvroSerdeConfig.SCHEMA_REGISTRY_URL, -1, -1);
    }

    private HttpRequest request(Endpoint endpoint, String method, String path, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(endpoint.baseUrl() + path))
                .timeout(requestTimeout)
                .header("Accept", ACCEPT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            builder.header("Content-Type", CONTENT_TYPE);
        }
        if (endpoint.authorization() != null) {
            builder.header("Authorization", endpoint.authorization());
        }
        return builder.build();
    }

    private static JsonNode handle(Endpoint endpoint, String method, String path, HttpResponse<String> response,
            String about) {
        int status = response.statusCode();
        String body = response.body();
        if (status >= 200 && status < 300) {
            try {
                return body == null || body.isBlank() ? MissingNode.getInstance() : MAPPER.readTree(body);
            } catch (JsonProcessingException e) {
                throw new SchemaRegistryException("Schema Registry at " + endpoint.baseUrl() + " answered " + method + " "
                        + path + " with a body that is not JSON: " + abbreviate(body), status, status, e);
            }
        }
        JsonNode error = parseQuietly(body);
        int errorCode = error.path("error_code").asInt(status);
        String registryMessage = error.hasNonNull("message") ? error.get("message").asText() : abbreviate(body);
        String url = endpoint.baseUrl();
        String message = switch (status) {
            case 401, 403 -> "Schema Registry at " + url + " refused access (HTTP " + status + "): " + registryMessage
                    + ". Check " + AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE + "=USER_INFO and "
                    + AvroSerdeConfig.BASIC_AUTH_USER_INFO + "=<user>:<password>";
            case 409 -> "Schema Registry at " + url + " rejected the schema for " + about
                    + " as incompatible with the registered versions: " + registryMessage
                    + ". Make the change compatible (e.g. give new fields a default) or change the subject's compatibility level";
            case 422 -> "Schema Registry at " + url + " rejected the schema for " + about
                    + " as invalid: " + registryMessage;
            case 404 -> notFoundMessage(url, method, path, errorCode, registryMessage, about);
            default -> "Schema Registry at " + url + " failed " + method + " " + path + " with HTTP " + status + ": "
                    + registryMessage;
        };
        throw new SchemaRegistryException(message, status, errorCode);
    }

    private static String notFoundMessage(String url, String method, String path, int errorCode,
            String registryMessage, String about) {
        // The registry's own 404s carry a 404xx code; a bare 404 means the path itself is unknown.
        if (errorCode / 100 != 404) {
            return "Schema Registry at " + url + " answered 404 Not Found to " + method + " " + path + " (" + registryMessage
                    + "): is " + url + " the registry's base URL? (Apicurio Registry: http://<host>:<port>/apis/ccompat/v7)";
        }
        String what = switch (errorCode) {
            case SchemaRegistryException.SCHEMA_NOT_FOUND -> about.startsWith("subject")
                    ? "Schema not found under " + about : capitalize(about) + " not found";
            case SchemaRegistryException.VERSION_NOT_FOUND -> "No version found under " + about;
            default -> capitalize(about) + " not found";
        };
        return what + " in Schema Registry at " + url + ": " + registryMessage;
    }

    private static String about(String subject) {
        return "subject '" + subject + "'";
    }

    private static String capitalize(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static Schema parseSchema(JsonNode response, String what) {
        String type = response.path("schemaType").asText("AVRO");
        if (!"AVRO".equals(type)) {
            throw new SchemaRegistryException(what + " is a " + type + " schema, not Avro", 200, 200);
        }
        JsonNode schema = response.get("schema");
        if (schema == null || !schema.isTextual()) {
            throw new SchemaRegistryException("The registry's answer for " + what + " holds no schema: "
                    + abbreviate(response.toString()), 200, 200);
        }
        try {
            return new Schema.Parser().parse(schema.asText());
        } catch (SchemaParseException e) {
            throw new SchemaRegistryException(what + " is not a valid Avro schema: " + e.getMessage(), 200, 200, e);
        }
    }

    private static int requiredInt(JsonNode response, String field) {
        JsonNode value = response.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw new SchemaRegistryException("The Schema Registry's answer has no '" + field + "': "
                    + abbreviate(response.toString()), 200, 200);
        }
        return value.asInt();
    }

    private static String schemaBody(Schema schema) {
        try {
            return MAPPER.writeValueAsString(Map.of("schema", schema.toString()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a schema as JSON", e);
        }
    }

    private static String subjectPath(String subject) {
        return "/subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static JsonNode parseQuietly(String body) {
        try {
            JsonNode node = body == null || body.isBlank() ? null : MAPPER.readTree(body);
            return node == null ? MissingNode.getInstance() : node;
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }

    private String describe(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "connect timed out after " + requestTimeout.toMillis() + " ms";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + requestTimeout.toMillis() + " ms";
        }
        String message = null;
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            root = t;
            message = message == null ? t.getMessage() : message;
        }
        if (root instanceof UnresolvedAddressException || root instanceof UnknownHostException) {
            return "unknown host";
        }
        if (e instanceof ConnectException) {
            // java.net.http reports a refused connection as a ConnectException without a message.
            return message == null ? "connection refused" : message;
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }

    private static String abbreviate(String text) {
        if (text == null || text.isBlank()) {
            return "(no message)";
        }
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    private static Endpoint endpoint(String url, String basicAuthUserInfo) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(AvroSerdeConfig.SCHEMA_REGISTRY_URL, url,
                    "not a valid URL: " + e.getMessage());
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getHost() == null) {
            throw new ConfigException(AvroSerdeConfig.SCHEMA_REGISTRY_URL, url,
                    "expected an http:// or https:// URL such as http://localhost:8081");
        }
        String userInfo = basicAuthUserInfo;
        String base = uri.toString();
        if (uri.getRawUserInfo() != null) {
            if (userInfo == null) {
                userInfo = URLDecoder.decode(uri.getRawUserInfo(), StandardCharsets.UTF_8);
            }
            base = base.replace(uri.getRawUserInfo() + "@", "");
        }
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        String authorization = userInfo == null ? null
                : "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
        return new Endpoint(base, authorization);
    }
}
