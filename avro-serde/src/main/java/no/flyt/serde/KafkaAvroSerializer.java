package no.flyt.serde;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro records (generated {@link SpecificRecord}s and {@link org.apache.avro.generic.GenericRecord}s),
 * enums, arrays and Java primitives in the Confluent wire format, registering or looking up the schema in the
 * Schema Registry once per topic and schema. Thread-safe, as a producer's serializer must be.
 */
public class KafkaAvroSerializer implements Serializer<Object> {

    /** Generic data that also accepts java.time and BigDecimal values for logical types (raw values still work). */
    private static final GenericData GENERIC_MODEL = genericModelWithConversions();

    /**
     * Where a schema's records go: the id in the header and the writer producing the body; {@code writesRecordSchema}
     * when the body is written under the record's own schema (not under a different latest version).
     */
    private record Target(int id, DatumWriter<Object> writer, boolean writesRecordSchema) {
    }

    private SchemaRegistryClient client;
    private boolean isKey;
    private boolean autoRegisterSchemas = AvroSerdeConfig.AUTO_REGISTER_SCHEMAS_DEFAULT;
    private boolean useLatestVersion = AvroSerdeConfig.USE_LATEST_VERSION_DEFAULT;
    private SubjectNameStrategy subjectNameStrategy = SubjectNameStrategy.TOPIC_NAME;
    private int cacheCapacity = AvroSerdeConfig.SCHEMA_REGISTRY_CACHE_CAPACITY_DEFAULT;

    // Per topic, per record schema; specific and generic records need different writers for one schema.
    private final Map<String, BoundedCache<Schema, Target>> specificTargets = new ConcurrentHashMap<>();
    private final Map<String, BoundedCache<Schema, Target>> genericTargets = new ConcurrentHashMap<>();

    /** For Kafka to instantiate from configuration; {@link #configure} creates the registry client. */
    public KafkaAvroSerializer() {
    }

    /** Uses the given client; {@link #configure} is optional (the defaults apply without it). */
    public KafkaAvroSerializer(SchemaRegistryClient client) {
        this.client = client;
    }

    public KafkaAvroSerializer(SchemaRegistryClient client, Map<String, ?> configs) {
        this.client = client;
        configure(configs, false);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        AvroSerdeConfig config = new AvroSerdeConfig(configs);
        this.isKey = isKey;
        this.autoRegisterSchemas = config.autoRegisterSchemas();
        this.useLatestVersion = config.useLatestVersion();
        this.subjectNameStrategy = config.subjectNameStrategy(isKey);
        this.cacheCapacity = config.cacheCapacity();
        if (client == null) {
            client = SchemaRegistryClient.forConfig(config);
        }
        specificTargets.clear();
        genericTargets.clear();
    }

    @Override
    public byte[] serialize(String topic, Object data) {
        if (data == null) {
            return null;
        }
        if (client == null) {
            throw new SerializationException(getClass().getSimpleName() + " is not configured: call configure() with "
                    + AvroSerdeConfig.SCHEMA_REGISTRY_URL + " or pass a SchemaRegistryClient to the constructor");
        }
        Schema schema = AvroWireFormat.schemaOf(data);
        if (schema == null) {
            throw new SerializationException("Cannot serialize a " + data.getClass().getName() + " as Avro " + keyOrValue()
                    + " for topic '" + topic + "': expected an Avro record, enum, array or fixed, or a Boolean, Integer, Long,"
                    + " Float, Double, CharSequence, byte[] or ByteBuffer");
        }
        boolean specific = data instanceof SpecificRecord;
        Target target = target(topic, schema, specific);
        try {
            return AvroWireFormat.write(target.id(), target.writer(), data);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Error serializing Avro " + keyOrValue() + " for topic '" + topic
                    + "' with schema " + schema.getFullName() + " (id " + target.id() + "): " + e, e);
        }
    }

    /**
     * The same bytes as {@link #serialize}, for a record whose Avro binary encoding under its own schema is already at
     * hand (a datum of an Avro container file written with that schema): the header is put in front of those bytes
     * instead of encoding the record again. Where the record would be written under another schema
     * ({@code use.latest.version} with a different latest version) it is serialized as usual.
     *
     * @param record  the record, for its schema (and for serializing it when the encoding cannot be used)
     * @param encoded the record's Avro binary encoding under {@code record}'s schema
     */
    public byte[] serializeEncoded(String topic, SpecificRecord record, byte[] encoded) {
        if (record == null || client == null) {
            return serialize(topic, record);
        }
        Target target = target(topic, record.getSchema(), true);
        return target.writesRecordSchema() ? AvroWireFormat.withHeader(target.id(), encoded) : serialize(topic, record);
    }

    private Target target(String topic, Schema schema, boolean specific) {
        Map<String, BoundedCache<Schema, Target>> byTopic = specific ? specificTargets : genericTargets;
        BoundedCache<Schema, Target> targets = byTopic.get(topic);
        if (targets == null) {
            targets = byTopic.computeIfAbsent(topic, t -> new BoundedCache<>(cacheCapacity));
        }
        Target target = targets.get(schema);
        if (target == null) {
            target = resolveTarget(topic, schema, specific);
            targets.put(schema, target);
        }
        return target;
    }

    private Target resolveTarget(String topic, Schema schema, boolean specific) {
        String subject = subjectNameStrategy.subjectName(topic, isKey, schema);
        String context = "Error serializing Avro " + keyOrValue() + " for topic '" + topic + "' (subject '" + subject + "')";
        try {
            if (useLatestVersion) {
                SchemaMetadata latest = client.getLatest(subject);
                requireReadableBy(latest, schema, subject, context);
                boolean same = latest.schema().equals(schema);
                DatumWriter<Object> writer = specific && !same ? new ByNameSpecificDatumWriter(latest.schema()) : writer(latest.schema(), specific);
                return new Target(latest.id(), writer, same);
            }
            int id = autoRegisterSchemas ? client.register(subject, schema) : client.getId(subject, schema);
            return new Target(id, writer(schema, specific), true);
        } catch (SchemaRegistryException e) {
            if (e.isNotFound() && useLatestVersion) {
                throw e.withContext(context + ": " + AvroSerdeConfig.USE_LATEST_VERSION
                        + "=true but the subject has no version to use; register the schema first");
            }
            if (e.isNotFound() && !autoRegisterSchemas) {
                throw e.withContext(context + ": schema " + schema.getFullName() + " is not registered under the subject and "
                        + AvroSerdeConfig.AUTO_REGISTER_SCHEMAS + "=false; register it first or set "
                        + AvroSerdeConfig.AUTO_REGISTER_SCHEMAS + "=true");
            }
            throw e.withContext(context);
        }
    }

    /** With use.latest.version the latest version is the writer schema, so it must be able to read the record's. */
    private static void requireReadableBy(SchemaMetadata latest, Schema schema, String subject, String context) {
        if (latest.schema().equals(schema)) {
            return;
        }
        SchemaCompatibility.SchemaPairCompatibility compatibility =
                SchemaCompatibility.checkReaderWriterCompatibility(latest.schema(), schema);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new SerializationException(context + ": the record's schema " + schema.getFullName()
                    + " does not match the latest version " + latest.version() + " (id " + latest.id() + ") of subject '"
                    + subject + "' used by " + AvroSerdeConfig.USE_LATEST_VERSION + "=true: " + compatibility.getDescription());
        }
    }

    @SuppressWarnings("unchecked")
    private static DatumWriter<Object> writer(Schema schema, boolean specific) {
        // SpecificDatumWriter finds the generated class's model, with its logical type conversions.
        return specific ? new SpecificDatumWriter<>(schema) : new GenericDatumWriter<>(schema, GENERIC_MODEL);
    }

    private String keyOrValue() {
        return isKey ? "key" : "value";
    }

    private static GenericData genericModelWithConversions() {
        GenericData model = new GenericData();
        model.addLogicalTypeConversion(new TimeConversions.DateConversion());
        model.addLogicalTypeConversion(new TimeConversions.TimeMillisConversion());
        model.addLogicalTypeConversion(new TimeConversions.TimeMicrosConversion());
        model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        model.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
        model.addLogicalTypeConversion(new Conversions.DecimalConversion());
        model.addLogicalTypeConversion(new Conversions.UUIDConversion());
        return model;
    }

    @Override
    public void close() {
        // The client holds no resources that need closing; java.net.http releases idle connections itself.
    }
}
