package no.flyt.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import no.flyt.events.RegisterEvent;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Every failure names what failed (topic, subject, id, URL) and says what to do. */
class SerdeErrorsTest {

    @AutoClose
    private final FakeSchemaRegistry registry = FakeSchemaRegistry.start();

    @Test
    void registryThatIsDownIsReportedAsNotReachable() throws Exception {
        String url = "http://127.0.0.1:" + closedPort();
        KafkaAvroSerializer serializer = serializer(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, url));

        assertThatThrownBy(() -> serializer.serialize("events", TestRecords.immigration("e1")))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("topic 'events'")
                .hasMessageContaining("Schema Registry at " + url + " is not reachable (connection refused)")
                .hasMessageContaining("is it running? check schema.registry.url")
                .asInstanceOf(type(SchemaRegistryException.class))
                .extracting(SchemaRegistryException::status).isEqualTo(-1);
    }

    @Test
    void registryThatDoesNotAnswerInTimeIsReportedWithTheTimeout() {
        registry.delayResponses(3_000);
        KafkaAvroSerializer serializer = serializer(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url(),
                AvroSerdeConfig.SCHEMA_REGISTRY_REQUEST_TIMEOUT_MS, 200));

        assertThatThrownBy(() -> serializer.serialize("events", TestRecords.immigration("e1")))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("Schema Registry at " + registry.url() + " is not reachable (no answer within 200 ms)")
                .hasMessageContaining("check schema.registry.url");
    }

    @Test
    void nextUrlIsTriedWhenTheFirstCannotBeReached() throws Exception {
        String down = "http://127.0.0.1:" + closedPort();
        KafkaAvroSerializer serializer = serializer(
                Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, down + "," + registry.url()));

        byte[] bytes = serializer.serialize("events", TestRecords.immigration("e1"));

        assertThat(bytes[0]).isZero();
        assertThat(registry.requests()).containsExactly("POST /subjects/events-value/versions");
    }

    @Test
    void incompatibleSchemaIsRejectedWithTheSubjectAndTheRegistrysReason() {
        registry.register("readings-value", TestRecords.READING_V1);
        KafkaAvroSerializer serializer = serializer(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url()));
        GenericRecord incompatible = new GenericData.Record(TestRecords.READING_INCOMPATIBLE);
        incompatible.put("sensor", "s");
        incompatible.put("value", 1.0);
        incompatible.put("site", "x");

        assertThatThrownBy(() -> serializer.serialize("readings", incompatible))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("subject 'readings-value'")
                .hasMessageContaining("as incompatible")
                .hasMessageContaining("BACKWARD") // the registry's own message
                .asInstanceOf(type(SchemaRegistryException.class))
                .satisfies(e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.INCOMPATIBLE_SCHEMA);
                });
    }

    @Test
    void unregisteredSchemaWithoutAutoRegisterSaysSo() {
        KafkaAvroSerializer serializer = serializer(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url(),
                AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "false"));

        assertThatThrownBy(() -> serializer.serialize("events", TestRecords.immigration("e1")))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("subject 'events-value'")
                .hasMessageContaining("not registered under the subject and auto.register.schemas=false")
                .hasMessageContaining("not found");
    }

    @Test
    void useLatestVersionWithoutAnyVersionSaysSo() {
        KafkaAvroSerializer serializer = serializer(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url(),
                AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false, AvroSerdeConfig.USE_LATEST_VERSION, true));

        assertThatThrownBy(() -> serializer.serialize("events", TestRecords.immigration("e1")))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("use.latest.version=true but the subject has no version to use")
                .hasMessageContaining("Subject 'events-value' not found");
    }

    @Test
    void useLatestVersionRejectsARecordTheLatestSchemaCannotRepresent() {
        registry.register("readings-value", TestRecords.READING_V1);
        KafkaAvroSerializer serializer = serializer(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url(),
                AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false, AvroSerdeConfig.USE_LATEST_VERSION, true));
        // The latest version (sensor: string) cannot read a record whose sensor is an int.
        GenericRecord other = new GenericData.Record(new Schema.Parser().parse("""
                {"type": "record", "name": "Reading", "namespace": "no.flyt.test",
                  "fields": [{"name": "sensor", "type": "int"}]}"""));
        other.put("sensor", 1);

        assertThatThrownBy(() -> serializer.serialize("readings", other))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("does not match the latest version 1")
                .hasMessageContaining("subject 'readings-value'");
    }

    @Test
    void missingCredentialsAreReportedAsAnAuthProblem() {
        registry.requireBasicAuth(basic("flyt:secret"));
        KafkaAvroSerializer serializer = serializer(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url()));

        assertThatThrownBy(() -> serializer.serialize("events", TestRecords.immigration("e1")))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("refused access (HTTP 401)")
                .hasMessageContaining("basic.auth.credentials.source=USER_INFO and basic.auth.user.info=<user>:<password>");
    }

    @Test
    void credentialsFromUserInfoOrFromTheUrlAreSent() {
        registry.requireBasicAuth(basic("flyt:secret"));
        KafkaAvroSerializer fromUserInfo = serializer(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url(),
                AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO", AvroSerdeConfig.BASIC_AUTH_USER_INFO, "flyt:secret"));
        KafkaAvroSerializer fromUrl = serializer(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL,
                registry.url().replace("http://", "http://flyt:secret@")));

        assertThat(fromUserInfo.serialize("events", TestRecords.immigration("e1"))).isNotEmpty();
        assertThat(fromUrl.serialize("readings", TestRecords.reading("s", 1.0))).isNotEmpty();
    }

    @Test
    void wrongBaseUrlIsReportedWithAHintAboutTheApicurioPath() {
        String root = registry.url().replace(FakeSchemaRegistry.BASE_PATH, "");
        KafkaAvroSerializer serializer = serializer(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, root));

        assertThatThrownBy(() -> serializer.serialize("events", TestRecords.immigration("e1")))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("answered 404 Not Found to POST /subjects/events-value/versions")
                .hasMessageContaining("/apis/ccompat/v7");
    }

    @Test
    void unknownSchemaIdNamesTheTopicAndTheId() {
        KafkaAvroDeserializer deserializer = deserializer(false);

        assertThatThrownBy(() -> deserializer.deserialize("events", new byte[] {0, 0, 0, 0, 99, 2, 'x'}))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("topic 'events'")
                .hasMessageContaining("schema id 99")
                .hasMessageContaining("not found");
    }

    @Test
    void badMagicByteIsRejectedWithoutAskingTheRegistry() {
        KafkaAvroDeserializer deserializer = deserializer(false);

        assertThatThrownBy(() -> deserializer.deserialize("events", "{\"json\": true}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("topic 'events'")
                .hasMessageContaining("unknown magic byte 123");
        assertThatThrownBy(() -> deserializer.deserialize("events", new byte[] {0, 0, 1}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("3 bytes is too short");
        assertThat(registry.requests()).isEmpty();
    }

    @Test
    void truncatedAvroDataNamesTheTopicAndTheId() {
        KafkaAvroSerializer serializer = serializer(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url()));
        byte[] bytes = serializer.serialize("events", TestRecords.immigration("e1"));
        KafkaAvroDeserializer deserializer = deserializer(true);

        assertThatThrownBy(() -> deserializer.deserialize("events", Arrays.copyOf(bytes, 12)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("topic 'events' with schema id " + (FakeSchemaRegistry.ID_OFFSET + 1));
    }

    @Test
    void specificReaderWithoutTheGeneratedClassSaysWhichClassIsMissing() {
        KafkaAvroSerializer serializer = serializer(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url()));
        byte[] bytes = serializer.serialize("readings", TestRecords.reading("s", 1.0));
        SpecificAvroDeserializer<RegisterEvent> deserializer = new SpecificAvroDeserializer<>();
        deserializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url()), false);

        assertThatThrownBy(() -> deserializer.deserialize("readings", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("no generated class no.flyt.test.Reading on the classpath");
    }

    @Test
    void valueAvroCannotRepresentIsRejectedWithItsType() {
        KafkaAvroSerializer serializer = serializer(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url()));

        assertThatThrownBy(() -> serializer.serialize("events", new HashMap<>()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Cannot serialize a java.util.HashMap as Avro value for topic 'events'");
    }

    @Test
    void unconfiguredSerializerSaysHowToConfigureIt() {
        assertThatThrownBy(() -> new KafkaAvroSerializer().serialize("events", TestRecords.immigration("e1")))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("call configure() with schema.registry.url");
    }

    private KafkaAvroSerializer serializer(Map<String, Object> config) {
        KafkaAvroSerializer serializer = new KafkaAvroSerializer();
        serializer.configure(config, false);
        return serializer;
    }

    private KafkaAvroDeserializer deserializer(boolean specific) {
        KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
        deserializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url(),
                AvroSerdeConfig.SPECIFIC_AVRO_READER, specific), false);
        return deserializer;
    }

    private static String basic(String userInfo) {
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
