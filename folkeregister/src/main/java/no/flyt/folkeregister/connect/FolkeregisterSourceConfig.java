package no.flyt.folkeregister.connect;

import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/** The connector's settings (documented with an example for the real feed in docs/FOLKEREGISTER.md). */
public final class FolkeregisterSourceConfig extends AbstractConfig {

    public static final String URL = "folkeregister.url";
    public static final String TOKEN_URL = "token.url";
    public static final String TOKEN_GRANT = "token.grant";
    public static final String CLIENT_ID = "client.id";
    public static final String CLIENT_SECRET = "client.secret";
    public static final String PRIVATE_KEY_FILE = "jwt.private.key.file";
    public static final String AUDIENCE = "jwt.audience";
    public static final String SCOPE = "token.scope";
    public static final String START_SEQUENCE = "start.sequence";
    public static final String PSEUDONYM_SECRET = "pseudonym.secret";
    public static final String TOPIC = "topic";
    public static final String DEAD_LETTER_TOPIC = "dead.letter.topic";
    public static final String ATTRIBUTES_URL = "attributes.url";
    public static final String POLL_INTERVAL_MS = "poll.interval.ms";
    public static final String MAX_ENTRIES_PER_POLL = "max.entries.per.poll";
    public static final String RETRY_FOR_MS = "retry.for.ms";
    public static final String MAX_BACKOFF_MS = "retry.max.backoff.ms";
    /** flyt's serde reads its own keys (schema.registry.url, auto.register.schemas, …) from the same configuration. */
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";

    public static final ConfigDef DEFINITION = new ConfigDef()
        .define(URL, Type.STRING, Importance.HIGH,
            "Root of the feed API, e.g. https://folkeregisteret.api.skatteetaten.no/folkeregisteret/offentlig-med-hjemmel/api")
        .define(TOKEN_URL, Type.STRING, Importance.HIGH, "OAuth2 token endpoint (Maskinporten's for the real feed)")
        .define(TOKEN_GRANT, Type.STRING, "jwt-bearer", ConfigDef.ValidString.in("jwt-bearer", "client-credentials"), Importance.HIGH,
            "jwt-bearer: Maskinporten's JWT grant signed with jwt.private.key.file; client-credentials: client.id and client.secret")
        .define(CLIENT_ID, Type.STRING, Importance.HIGH, "OAuth2 client id (Maskinporten: the integration's client id)")
        .define(CLIENT_SECRET, Type.PASSWORD, null, Importance.MEDIUM, "Client secret, for the client-credentials grant")
        .define(PRIVATE_KEY_FILE, Type.STRING, null, Importance.MEDIUM, "PKCS#8 PEM file with the RSA key the JWT grant is signed with")
        .define(AUDIENCE, Type.STRING, null, Importance.MEDIUM, "The JWT grant's aud (Maskinporten: its issuer URL)")
        .define(SCOPE, Type.STRING, "skatteetaten:medhjemmel", Importance.MEDIUM, "OAuth2 scope of the feed's rights package")
        .define(START_SEQUENCE, Type.LONG, 1L, ConfigDef.Range.atLeast(0), Importance.HIGH,
            "Sequence number to start from when the connector has no offset yet; afterwards its committed offset rules")
        .define(PSEUDONYM_SECRET, Type.PASSWORD, Importance.HIGH,
            "Secret key of the HMAC that replaces national identity numbers by person ids (at least 16 characters; keep it: "
                + "another key gives every person another id)")
        .define(TOPIC, Type.STRING, Importance.HIGH, "Topic for the register events (flyt.register-events.v1)")
        .define(DEAD_LETTER_TOPIC, Type.STRING, Importance.HIGH,
            "Topic for feed entries that cannot be mapped, with the sequence number and reason in headers")
        .define(ATTRIBUTES_URL, Type.STRING, null, Importance.MEDIUM,
            "Bulk look-up of statistical person attributes (side input); none: derived from the register as far as it goes")
        .define(SCHEMA_REGISTRY_URL, Type.STRING, Importance.HIGH, "Schema Registry of flyt's Avro serde")
        .define(POLL_INTERVAL_MS, Type.LONG, 5_000L, Importance.LOW, "How long to wait before asking again at the end of the feed")
        .define(MAX_ENTRIES_PER_POLL, Type.LONG, 5_000L, ConfigDef.Range.atLeast(1), Importance.LOW,
            "Feed entries read per poll (whole pages of 1000); a poll's records and offset are one transaction")
        .define(RETRY_FOR_MS, Type.LONG, 300_000L, Importance.LOW,
            "How long one call is retried (429, 5xx, broken connections) before the poll gives up and Connect polls again")
        .define(MAX_BACKOFF_MS, Type.LONG, 30_000L, Importance.LOW, "Longest wait between two attempts");

    public FolkeregisterSourceConfig(Map<String, String> props) {
        super(DEFINITION, props);
    }
}
