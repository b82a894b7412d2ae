package no.flyt.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DatumReader;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the Confluent wire format. The writer schema comes from the registry by the id in the header (once
 * per id); the reader schema is the generated class's schema when {@code specific.avro.reader=true}, so data
 * written with an older or newer schema resolves to the classes on the classpath, and the writer schema
 * otherwise (a {@link org.apache.avro.generic.GenericRecord}). Thread-safe.
 */
public class KafkaAvroDeserializer implements Deserializer<Object> {

    /** The writer schema of an id and the reader resolving it to the reader schema. */
    private record Reader(Schema writerSchema, DatumReader<Object> datumReader) {
    }

    private SchemaRegistryClient client;
    private boolean isKey;
    private boolean specificAvroReader = AvroSerdeConfig.SPECIFIC_AVRO_READER_DEFAULT;
    private BoundedCache<Integer, Reader> readers =
            new BoundedCache<>(AvroSerdeConfig.SCHEMA_REGISTRY_CACHE_CAPACITY_DEFAULT);

    /** For Kafka to instantiate from configuration; {@link #configure} creates the registry client. */
    public KafkaAvroDeserializer() {
    }

    /** Uses the given client; {@link #configure} is optional (generic reading without it). */
    public KafkaAvroDeserializer(SchemaRegistryClient client) {
        this.client = client;
    }

    public KafkaAvroDeserializer(SchemaRegistryClient client, Map<String, ?> configs) {
        this.client = client;
        configure(configs, false);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        AvroSerdeConfig config = new AvroSerdeConfig(configs);
        this.isKey = isKey;
        this.specificAvroReader = config.specificAvroReader();
        this.readers = new BoundedCache<>(config.cacheCapacity());
        if (client == null) {
            client = SchemaRegistryClient.forConfig(config);
        }
    }

    /** For the typed deserializers, which read one way also before or without {@link #configure}. */
    void readSpecific(boolean specific) {
        this.specificAvroReader = specific;
    }

    @Override
    public Object deserialize(String topic, byte[] data) {
        return data == null ? null : deserialize(topic, data, 0, data.length);
    }

    /** Decodes straight from the consumer's fetch buffer when it has an array, saving a copy per record. */
    @Override
    public Object deserialize(String topic, Headers headers, ByteBuffer data) {
        if (data == null) {
            return null;
        }
        if (data.hasArray()) {
            return deserialize(topic, data.array(), data.arrayOffset() + data.position(), data.remaining());
        }
        byte[] copy = new byte[data.remaining()];
        data.duplicate().get(copy);
        return deserialize(topic, copy, 0, copy.length);
    }

    private Object deserialize(String topic, byte[] data, int offset, int length) {
        if (client == null) {
            throw new SerializationException(getClass().getSimpleName() + " is not configured: call configure() with "
                    + AvroSerdeConfig.SCHEMA_REGISTRY_URL + " or pass a SchemaRegistryClient to the constructor");
        }
        int id = AvroWireFormat.schemaId(data, offset, length, topic);
        Reader reader = reader(topic, id);
        try {
            return AvroWireFormat.read(reader.datumReader(), reader.writerSchema(), data, offset, length);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException(context(topic, id) + ": " + e, e);
        }
    }

    private Reader reader(String topic, int id) {
        Reader reader = readers.get(id);
        if (reader == null) {
            Schema writerSchema;
            try {
                writerSchema = client.getById(id);
            } catch (SchemaRegistryException e) {
                throw e.withContext(context(topic, id));
            }
            reader = new Reader(writerSchema, datumReader(topic, id, writerSchema));
            readers.put(id, reader);
        }
        return reader;
    }

    @SuppressWarnings("unchecked")
    private DatumReader<Object> datumReader(String topic, int id, Schema writerSchema) {
        if (!specificAvroReader || !isNamed(writerSchema)) {
            return new GenericDatumReader<>(writerSchema, writerSchema, GenericData.get());
        }
        Class<?> generated = SpecificData.get().getClass(writerSchema);
        if (generated == null) {
            throw new SerializationException(context(topic, id) + ": no generated class " + writerSchema.getFullName()
                    + " on the classpath for " + AvroSerdeConfig.SPECIFIC_AVRO_READER + "=true; add the generated classes"
                    + " or read generic records (" + AvroSerdeConfig.SPECIFIC_AVRO_READER + "=false)");
        }
        Schema readerSchema = SpecificData.get().getSchema(generated);
        return new SpecificDatumReader<>(writerSchema, readerSchema);
    }

    private static boolean isNamed(Schema schema) {
        return switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> true;
            default -> false;
        };
    }

    private String context(String topic, int id) {
        return "Error deserializing Avro " + (isKey ? "key" : "value") + " for topic '" + topic + "' with schema id " + id;
    }

    @Override
    public void close() {
        // Nothing to release: see KafkaAvroSerializer#close.
    }
}
