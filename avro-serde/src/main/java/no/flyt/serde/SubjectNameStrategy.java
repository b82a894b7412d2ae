package no.flyt.serde;

import org.apache.avro.Schema;

/**
 * How the registry subject of a record is named, as Confluent's {@code io.confluent.kafka.serializers.subject}
 * strategies do. Configured by {@link AvroSerdeConfig#KEY_SUBJECT_NAME_STRATEGY} and
 * {@link AvroSerdeConfig#VALUE_SUBJECT_NAME_STRATEGY} with either the short or the Confluent class name.
 */
public enum SubjectNameStrategy {

    /** {@code <topic>-key} / {@code <topic>-value}: one schema lineage per topic (the default). */
    TOPIC_NAME("TopicNameStrategy") {
        @Override
        public String subjectName(String topic, boolean isKey, Schema schema) {
            return topic + (isKey ? "-key" : "-value");
        }
    },

    /** The record's full name: one lineage per record type, shared by all topics. */
    RECORD_NAME("RecordNameStrategy") {
        @Override
        public String subjectName(String topic, boolean isKey, Schema schema) {
            return schema.getFullName();
        }
    },

    /** {@code <topic>-<record full name>}: several record types per topic, each with its own lineage. */
    TOPIC_RECORD_NAME("TopicRecordNameStrategy") {
        @Override
        public String subjectName(String topic, boolean isKey, Schema schema) {
            return topic + "-" + schema.getFullName();
        }
    };

    private static final String CONFLUENT_PACKAGE = "io.confluent.kafka.serializers.subject.";

    private final String className;

    SubjectNameStrategy(String className) {
        this.className = className;
    }

    /** The subject a record with this schema is registered under when written to the topic. */
    public abstract String subjectName(String topic, boolean isKey, Schema schema);

    /**
     * Accepts {@code TopicNameStrategy}, {@code io.confluent.kafka.serializers.subject.TopicNameStrategy}
     * (and the same for the other two) or the enum constant name.
     */
    public static SubjectNameStrategy forName(String name) {
        String trimmed = name.trim();
        String simple = trimmed.startsWith(CONFLUENT_PACKAGE) ? trimmed.substring(CONFLUENT_PACKAGE.length()) : trimmed;
        for (SubjectNameStrategy strategy : values()) {
            if (strategy.className.equals(simple) || strategy.name().equals(simple)) {
                return strategy;
            }
        }
        throw new IllegalArgumentException("unknown subject name strategy '" + name
                + "': use TopicNameStrategy, RecordNameStrategy or TopicRecordNameStrategy");
    }
}
