package no.flyt.serde;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Configuration of the Avro serdes and the registry client. The keys are those of Confluent's
 * {@code AbstractKafkaSchemaSerDeConfig}, so an existing Confluent configuration works unchanged.
 */
public final class AvroSerdeConfig {

    /** Comma-separated registry base URLs, tried in turn; {@code mock://<scope>} selects an in-JVM registry. */
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String USE_LATEST_VERSION = "use.latest.version";
    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
    public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
    public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";
    /** {@code USER_INFO} (credentials from {@link #BASIC_AUTH_USER_INFO}) or {@code URL} (user info in the URL). */
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    /** {@code <user>:<password>}, used when the credentials source is {@code USER_INFO}. */
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    /** Connect and request timeout of each registry call, in milliseconds. */
    public static final String SCHEMA_REGISTRY_REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";
    /** Maximum number of schemas and ids each cache holds. */
    public static final String SCHEMA_REGISTRY_CACHE_CAPACITY = "schema.registry.cache.capacity";

    public static final String MOCK_URL_PREFIX = "mock://";

    public static final boolean AUTO_REGISTER_SCHEMAS_DEFAULT = true;
    public static final boolean USE_LATEST_VERSION_DEFAULT = false;
    public static final boolean SPECIFIC_AVRO_READER_DEFAULT = false;
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE_DEFAULT = "URL";
    public static final int SCHEMA_REGISTRY_REQUEST_TIMEOUT_MS_DEFAULT = 10_000;
    public static final int SCHEMA_REGISTRY_CACHE_CAPACITY_DEFAULT = 1000;

    private final List<String> schemaRegistryUrls;
    private final boolean autoRegisterSchemas;
    private final boolean useLatestVersion;
    private final boolean specificAvroReader;
    private final SubjectNameStrategy keySubjectNameStrategy;
    private final SubjectNameStrategy valueSubjectNameStrategy;
    private final String basicAuthUserInfo;
    private final Duration requestTimeout;
    private final int cacheCapacity;

    public AvroSerdeConfig(Map<String, ?> props) {
        Object urls = props.get(SCHEMA_REGISTRY_URL);
        this.schemaRegistryUrls = urls == null ? List.of() : parseUrls(urls);
        this.autoRegisterSchemas = bool(props, AUTO_REGISTER_SCHEMAS, AUTO_REGISTER_SCHEMAS_DEFAULT);
        this.useLatestVersion = bool(props, USE_LATEST_VERSION, USE_LATEST_VERSION_DEFAULT);
        this.specificAvroReader = bool(props, SPECIFIC_AVRO_READER, SPECIFIC_AVRO_READER_DEFAULT);
        this.keySubjectNameStrategy = strategy(props, KEY_SUBJECT_NAME_STRATEGY);
        this.valueSubjectNameStrategy = strategy(props, VALUE_SUBJECT_NAME_STRATEGY);
        this.basicAuthUserInfo = basicAuthUserInfo(props);
        this.requestTimeout = Duration.ofMillis(
                positiveInt(props, SCHEMA_REGISTRY_REQUEST_TIMEOUT_MS, SCHEMA_REGISTRY_REQUEST_TIMEOUT_MS_DEFAULT));
        this.cacheCapacity =
                positiveInt(props, SCHEMA_REGISTRY_CACHE_CAPACITY, SCHEMA_REGISTRY_CACHE_CAPACITY_DEFAULT);
    }

    /** The configured registry URLs; fails with a clear message when none is set. */
    public List<String> schemaRegistryUrls() {
        if (schemaRegistryUrls.isEmpty()) {
            throw new ConfigException("Missing required configuration \"" + SCHEMA_REGISTRY_URL
                    + "\": set it to the Schema Registry base URL, e.g. http://localhost:8081"
                    + " (Apicurio: http://localhost:8080/apis/ccompat/v7), or mock://<scope> in tests");
        }
        return schemaRegistryUrls;
    }

    public boolean autoRegisterSchemas() {
        return autoRegisterSchemas;
    }

    public boolean useLatestVersion() {
        return useLatestVersion;
    }

    public boolean specificAvroReader() {
        return specificAvroReader;
    }

    public SubjectNameStrategy subjectNameStrategy(boolean isKey) {
        return isKey ? keySubjectNameStrategy : valueSubjectNameStrategy;
    }

    /** {@code <user>:<password>} for HTTP basic auth, or null for none (user info in a URL is read by the client). */
    public String basicAuthUserInfo() {
        return basicAuthUserInfo;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    public int cacheCapacity() {
        return cacheCapacity;
    }

    private static List<String> parseUrls(Object value) {
        List<String> urls;
        if (value instanceof List<?> list) {
            urls = list.stream().map(String::valueOf).map(String::trim).filter(s -> !s.isEmpty()).toList();
        } else {
            urls = Arrays.stream(String.valueOf(value).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }
        if (urls.isEmpty()) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, value, "no URL given");
        }
        long mocks = urls.stream().filter(u -> u.startsWith(MOCK_URL_PREFIX)).count();
        if (mocks > 0 && urls.size() > 1) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, value, "a mock:// URL cannot be combined with other URLs");
        }
        return urls;
    }

    private static String basicAuthUserInfo(Map<String, ?> props) {
        Object sourceValue = props.get(BASIC_AUTH_CREDENTIALS_SOURCE);
        String source = sourceValue == null ? BASIC_AUTH_CREDENTIALS_SOURCE_DEFAULT : sourceValue.toString().trim();
        switch (source.toUpperCase(Locale.ROOT)) {
            case "URL":
                return null;
            case "USER_INFO":
                Object userInfo = props.get(BASIC_AUTH_USER_INFO);
                String text = userInfo == null ? null : userInfo instanceof Password p
                        ? p.value() : userInfo.toString();
                if (text == null || !text.contains(":")) {
                    throw new ConfigException(BASIC_AUTH_USER_INFO + " must be set to <user>:<password> when "
                            + BASIC_AUTH_CREDENTIALS_SOURCE + "=USER_INFO");
                }
                return text;
            default:
                throw new ConfigException(BASIC_AUTH_CREDENTIALS_SOURCE, source, "supported sources are USER_INFO and URL");
        }
    }

    private static SubjectNameStrategy strategy(Map<String, ?> props, String key) {
        Object value = props.get(key);
        if (value == null) {
            return SubjectNameStrategy.TOPIC_NAME;
        }
        String name = value instanceof Class<?> c ? c.getName() : value.toString();
        try {
            return SubjectNameStrategy.forName(name);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, value, e.getMessage());
        }
    }

    private static boolean bool(Map<String, ?> props, String key, boolean defaultValue) {
        Object value = props.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = value.toString().trim();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new ConfigException(key, value, "expected true or false");
    }

    private static int positiveInt(Map<String, ?> props, String key, int defaultValue) {
        Object value = props.get(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = value instanceof Number n ? n.intValue() : Integer.parseInt(value.toString().trim());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(key, value, "expected a positive integer");
    }
}
