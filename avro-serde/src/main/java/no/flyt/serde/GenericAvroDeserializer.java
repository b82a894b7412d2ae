package no.flyt.serde;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/** A typed {@link KafkaAvroDeserializer} that always reads generic records, whatever classes are present. */
public class GenericAvroDeserializer implements Deserializer<GenericRecord> {

    private final KafkaAvroDeserializer inner;

    public GenericAvroDeserializer() {
        this.inner = new KafkaAvroDeserializer();
    }

    public GenericAvroDeserializer(SchemaRegistryClient client) {
        this.inner = new KafkaAvroDeserializer(client);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        Map<String, Object> generic = new HashMap<>(configs);
        generic.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, false);
        inner.configure(generic, isKey);
    }

    @Override
    public GenericRecord deserialize(String topic, byte[] bytes) {
        return (GenericRecord) inner.deserialize(topic, bytes);
    }

    @Override
    public GenericRecord deserialize(String topic, Headers headers, byte[] bytes) {
        return (GenericRecord) inner.deserialize(topic, headers, bytes);
    }

    @Override
    public GenericRecord deserialize(String topic, Headers headers, ByteBuffer bytes) {
        return (GenericRecord) inner.deserialize(topic, headers, bytes);
    }

    @Override
    public void close() {
        inner.close();
    }
}
