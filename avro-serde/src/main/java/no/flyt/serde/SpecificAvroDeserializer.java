package no.flyt.serde;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/** A typed {@link KafkaAvroDeserializer} that always reads into the generated classes. */
public class SpecificAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private final KafkaAvroDeserializer inner;

    public SpecificAvroDeserializer() {
        this.inner = new KafkaAvroDeserializer();
        inner.readSpecific(true);
    }

    public SpecificAvroDeserializer(SchemaRegistryClient client) {
        this.inner = new KafkaAvroDeserializer(client);
        inner.readSpecific(true);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        Map<String, Object> specific = new HashMap<>(configs);
        specific.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
        inner.configure(specific, isKey);
    }

    @Override
    public T deserialize(String topic, byte[] bytes) {
        return cast(inner.deserialize(topic, bytes));
    }

    @Override
    public T deserialize(String topic, Headers headers, byte[] bytes) {
        return cast(inner.deserialize(topic, headers, bytes));
    }

    @Override
    public T deserialize(String topic, Headers headers, ByteBuffer bytes) {
        return cast(inner.deserialize(topic, headers, bytes));
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }

    @Override
    public void close() {
        inner.close();
    }
}
