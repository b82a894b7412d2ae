package no.flyt.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class AvroSerdeConfigTest {

    @Test
    void defaultsAreConfluentsPlusFlytsOwn() {
        AvroSerdeConfig config = new AvroSerdeConfig(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "http://r:8081"));

        assertThat(config.schemaRegistryUrls()).containsExactly("http://r:8081");
        assertThat(config.autoRegisterSchemas()).isTrue();
        assertThat(config.useLatestVersion()).isFalse();
        assertThat(config.specificAvroReader()).isFalse();
        assertThat(config.subjectNameStrategy(false)).isEqualTo(SubjectNameStrategy.TOPIC_NAME);
        assertThat(config.basicAuthUserInfo()).isNull();
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.cacheCapacity()).isEqualTo(1000);
    }

    @Test
    void valuesAreReadFromStringsAsPropertiesFilesGiveThem() {
        AvroSerdeConfig config = new AvroSerdeConfig(Map.of(
                AvroSerdeConfig.SCHEMA_REGISTRY_URL, " http://a:8081 , http://b:8081 ",
                AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "false",
                AvroSerdeConfig.USE_LATEST_VERSION, "true",
                AvroSerdeConfig.SPECIFIC_AVRO_READER, "TRUE",
                AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
                AvroSerdeConfig.BASIC_AUTH_USER_INFO, "flyt:secret",
                AvroSerdeConfig.SCHEMA_REGISTRY_REQUEST_TIMEOUT_MS, "2500",
                AvroSerdeConfig.SCHEMA_REGISTRY_CACHE_CAPACITY, 50));

        assertThat(config.schemaRegistryUrls()).isEqualTo(List.of("http://a:8081", "http://b:8081"));
        assertThat(config.autoRegisterSchemas()).isFalse();
        assertThat(config.useLatestVersion()).isTrue();
        assertThat(config.specificAvroReader()).isTrue();
        assertThat(config.basicAuthUserInfo()).isEqualTo("flyt:secret");
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(config.cacheCapacity()).isEqualTo(50);
    }

    @Test
    void missingUrlIsReportedWhenAClientIsNeeded() {
        AvroSerdeConfig config = new AvroSerdeConfig(Map.of());

        assertThatThrownBy(config::schemaRegistryUrls)
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Missing required configuration \"schema.registry.url\"")
                .hasMessageContaining("/apis/ccompat/v7");
        assertThatThrownBy(() -> new KafkaAvroSerializer().configure(Map.of(), false))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void badValuesAreConfigErrorsNamingTheKey() {
        assertThatThrownBy(() -> new AvroSerdeConfig(Map.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "yes")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("auto.register.schemas");
        assertThatThrownBy(() -> new AvroSerdeConfig(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_REQUEST_TIMEOUT_MS, "-1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("schema.registry.request.timeout.ms");
        assertThatThrownBy(() -> new AvroSerdeConfig(Map.of(AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("basic.auth.user.info");
        assertThatThrownBy(() -> new CachedSchemaRegistryClient("localhost:8081"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("expected an http:// or https:// URL");
    }
}
