package no.flyt.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import no.flyt.events.RegisterEvent;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubjectNameStrategyTest {

    @AutoClose
    private final FakeSchemaRegistry registry = FakeSchemaRegistry.start();

    @Test
    void strategiesNameSubjectsAsConfluentDoes() {
        assertThat(SubjectNameStrategy.TOPIC_NAME.subjectName("events", false, RegisterEvent.SCHEMA$))
                .isEqualTo("events-value");
        assertThat(SubjectNameStrategy.TOPIC_NAME.subjectName("events", true, RegisterEvent.SCHEMA$))
                .isEqualTo("events-key");
        assertThat(SubjectNameStrategy.RECORD_NAME.subjectName("events", false, RegisterEvent.SCHEMA$))
                .isEqualTo("no.flyt.events.RegisterEvent");
        assertThat(SubjectNameStrategy.TOPIC_RECORD_NAME.subjectName("events", true, RegisterEvent.SCHEMA$))
                .isEqualTo("events-no.flyt.events.RegisterEvent");
    }

    @ParameterizedTest
    @CsvSource({
            "TopicNameStrategy, TOPIC_NAME",
            "io.confluent.kafka.serializers.subject.TopicNameStrategy, TOPIC_NAME",
            "RecordNameStrategy, RECORD_NAME",
            "io.confluent.kafka.serializers.subject.RecordNameStrategy, RECORD_NAME",
            "TopicRecordNameStrategy, TOPIC_RECORD_NAME",
            "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy, TOPIC_RECORD_NAME",
            "TOPIC_RECORD_NAME, TOPIC_RECORD_NAME"
    })
    void acceptsShortAndConfluentClassNames(String configured, SubjectNameStrategy expected) {
        AvroSerdeConfig config = new AvroSerdeConfig(Map.of(AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, configured));

        assertThat(config.subjectNameStrategy(false)).isEqualTo(expected);
        assertThat(config.subjectNameStrategy(true)).isEqualTo(SubjectNameStrategy.TOPIC_NAME);
    }

    @Test
    void unknownStrategyIsAConfigErrorListingTheKnownOnes() {
        assertThatThrownBy(() -> new AvroSerdeConfig(Map.of(AvroSerdeConfig.KEY_SUBJECT_NAME_STRATEGY, "MyStrategy")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("key.subject.name.strategy")
                .hasMessageContaining("TopicNameStrategy, RecordNameStrategy or TopicRecordNameStrategy");
    }

    @Test
    void serializerRegistersUnderTheConfiguredStrategysSubjects() {
        KafkaAvroSerializer keys = new KafkaAvroSerializer();
        keys.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url(),
                AvroSerdeConfig.KEY_SUBJECT_NAME_STRATEGY, "io.confluent.kafka.serializers.subject.RecordNameStrategy"), true);
        KafkaAvroSerializer values = new KafkaAvroSerializer();
        values.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url(),
                AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, "TopicRecordNameStrategy"), false);

        keys.serialize("mixed", TestRecords.reading("s", 1.0));
        values.serialize("mixed", TestRecords.immigration("e1"));
        values.serialize("mixed", TestRecords.reading("s", 1.0));

        assertThat(new CachedSchemaRegistryClient(registry.url()).subjects()).containsExactlyInAnyOrder(
                "no.flyt.test.Reading", "mixed-no.flyt.events.RegisterEvent", "mixed-no.flyt.test.Reading");
    }
}
