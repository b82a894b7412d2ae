package no.flyt.producers.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Conversion;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * The flyt JSON mapping of Avro records, driven by the record's schema so that it works for any record type.
 *
 * <p>One JSON object per record with the schema's field names. Nested records are objects, enums their symbol
 * strings, nullable unions the plain value or {@code null} (not Avro's own {"string": ...} wrapping), {@code date}
 * an ISO date ("2020-03-15"), {@code timestamp-millis} an ISO-8601 instant ("2020-03-20T10:15:30Z"), bytes and
 * fixed base64. When reading, a missing field takes the schema's default, unknown fields are ignored (a newer
 * writer may have added them), and an enum symbol the reader does not know falls back to the enum's default.
 * Errors name the field path, e.g. {@code person.birthDate}.
 */
public final class AvroJson {

    private static final JsonFactory JSON_FACTORY = JsonFactory.builder()
        .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .build();
    private static final ObjectMapper MAPPER = new ObjectMapper(JSON_FACTORY);

    private AvroJson() {
    }

    /** Thrown when JSON cannot be mapped onto a schema (or a record onto JSON); the message names the field. */
    public static final class MappingException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String fieldPath;

        MappingException(String fieldPath, String message) {
            super(fieldPath.isEmpty() ? message : "field '" + fieldPath + "': " + message);
            this.fieldPath = fieldPath;
        }

        /** Dotted path of the offending field, empty for the record itself. */
        public String fieldPath() {
            return fieldPath;
        }
    }

    // ---------------------------------------------------------------------------------------------- writing

    /** The record as one line of JSON (no trailing newline). */
    public static String toJson(IndexedRecord record) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator generator = JSON_FACTORY.createGenerator(out)) {
            write(generator, record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Writes the record as one JSON object to the generator. */
    public static void write(JsonGenerator generator, IndexedRecord record) throws IOException {
        writeRecord(generator, record.getSchema(), record, modelOf(record), "");
    }

    private static void writeRecord(JsonGenerator out, Schema schema, IndexedRecord record, GenericData model,
                                    String path) throws IOException {
        out.writeStartObject();
        for (Schema.Field field : schema.getFields()) {
            out.writeFieldName(field.name());
            writeValue(out, field.schema(), record.get(field.pos()), model, join(path, field.name()));
        }
        out.writeEndObject();
    }

    private static void writeValue(JsonGenerator out, Schema schema, Object value, GenericData model, String path)
        throws IOException {
        LogicalType logicalType = schema.getLogicalType();
        if (logicalType != null && value != null && writeLogical(out, logicalType.getName(), value)) {
            return;
        }
        switch (schema.getType()) {
            case NULL -> out.writeNull();
            case BOOLEAN -> out.writeBoolean(expect(value, Boolean.class, path));
            case INT -> out.writeNumber(expect(value, Integer.class, path));
            case LONG -> out.writeNumber(expect(value, Long.class, path));
            case FLOAT -> out.writeNumber(expect(value, Float.class, path));
            case DOUBLE -> out.writeNumber(expect(value, Double.class, path));
            case STRING -> out.writeString(expect(value, CharSequence.class, path).toString());
            case ENUM -> {
                if (!(value instanceof Enum<?> || value instanceof GenericEnumSymbol<?>)) {
                    throw new MappingException(path, "expected an enum symbol of " + schema.getFullName() + ", found " + describe(value));
                }
                out.writeString(value.toString());
            }
            case BYTES -> {
                ByteBuffer buffer = expect(value, ByteBuffer.class, path).duplicate();
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                out.writeString(Base64.getEncoder().encodeToString(bytes));
            }
            case FIXED -> out.writeString(Base64.getEncoder().encodeToString(expect(value, GenericFixed.class, path).bytes()));
            case RECORD -> writeRecord(out, schema, expect(value, IndexedRecord.class, path), model, path);
            case ARRAY -> {
                out.writeStartArray();
                int i = 0;
                for (Object element : expect(value, Collection.class, path)) {
                    writeValue(out, schema.getElementType(), element, model, path + "[" + i++ + "]");
                }
                out.writeEndArray();
            }
            case MAP -> {
                out.writeStartObject();
                Map<?, ?> map = expect(value, Map.class, path);
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    String key = entry.getKey().toString();
                    out.writeFieldName(key);
                    writeValue(out, schema.getValueType(), entry.getValue(), model, join(path, key));
                }
                out.writeEndObject();
            }
            case UNION -> {
                if (value == null) {
                    if (!schema.isNullable()) {
                        throw new MappingException(path, "null is not allowed by " + schema);
                    }
                    out.writeNull();
                    return;
                }
                writeValue(out, unionBranch(schema, value, model, path), value, model, path);
            }
        }
    }

    private static Schema unionBranch(Schema union, Object value, GenericData model, String path) {
        Schema only = null;
        for (Schema branch : union.getTypes()) {
            if (branch.getType() != Schema.Type.NULL) {
                if (only != null) {
                    only = null;
                    break;
                }
                only = branch;
            }
        }
        if (only != null && union.getTypes().size() <= 2) {
            return only;
        }
        try {
            return union.getTypes().get(model.resolveUnion(union, value));
        } catch (RuntimeException e) {
            throw new MappingException(path, describe(value) + " matches no branch of " + union);
        }
    }

    /** Writes the logical-type representation; false when the value is in its raw form and needs no special case. */
    private static boolean writeLogical(JsonGenerator out, String logicalType, Object value) throws IOException {
        switch (logicalType) {
            case "date" -> {
                LocalDate date = value instanceof LocalDate d ? d : value instanceof Integer days ? LocalDate.ofEpochDay(days) : null;
                if (date == null) {
                    return false;
                }
                out.writeString(date.toString());
                return true;
            }
            case "timestamp-millis" -> {
                Instant instant = value instanceof Instant i ? i : value instanceof Long ms ? Instant.ofEpochMilli(ms) : null;
                if (instant == null) {
                    return false;
                }
                out.writeString(instant.truncatedTo(ChronoUnit.MILLIS).toString());
                return true;
            }
            case "timestamp-micros" -> {
                Instant instant = value instanceof Instant i ? i
                    : value instanceof Long us ? Instant.EPOCH.plus(us, ChronoUnit.MICROS) : null;
                if (instant == null) {
                    return false;
                }
                out.writeString(instant.truncatedTo(ChronoUnit.MICROS).toString());
                return true;
            }
            case "local-timestamp-millis" -> {
                LocalDateTime time = value instanceof LocalDateTime t ? t
                    : value instanceof Long ms ? LocalDateTime.ofEpochSecond(Math.floorDiv(ms, 1000), Math.floorMod(ms, 1000) * 1_000_000, ZoneOffset.UTC) : null;
                if (time == null) {
                    return false;
                }
                out.writeString(time.toString());
                return true;
            }
            case "time-millis" -> {
                LocalTime time = value instanceof LocalTime t ? t
                    : value instanceof Integer ms ? LocalTime.ofNanoOfDay(ms * 1_000_000L) : null;
                if (time == null) {
                    return false;
                }
                out.writeString(time.toString());
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- reading

    /** Parses one JSON object into a record of the given generated class. */
    public static <T extends SpecificRecord> T fromJson(String json, Class<T> type) {
        SpecificData model = SpecificData.getForClass(type);
        Schema schema = model.getSchema(type);
        @SuppressWarnings("unchecked")
        T record = (T) fromJson(json, schema, model);
        return record;
    }

    /**
     * Parses one JSON object into a record of {@code schema}, built by {@code model} (a {@link SpecificData} gives
     * generated classes, {@link GenericData} generic records).
     */
    public static IndexedRecord fromJson(String json, Schema schema, GenericData model) {
        JsonNode node;
        try (JsonParser parser = JSON_FACTORY.createParser(json)) {
            node = MAPPER.readTree(parser);
            if (parser.nextToken() != null) {
                throw new MappingException("", "unexpected content after the JSON object at column "
                    + parser.currentLocation().getColumnNr());
            }
        } catch (MappingException e) {
            throw e;
        } catch (IOException e) {
            throw new MappingException("", "not valid JSON: " + firstLine(e.getMessage()));
        }
        return fromJson(node, schema, model);
    }

    /** Maps an already parsed JSON object onto a record of {@code schema}. */
    public static IndexedRecord fromJson(JsonNode node, Schema schema, GenericData model) {
        if (schema.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException("expected a record schema, got " + schema.getType());
        }
        if (node == null || !node.isObject()) {
            throw new MappingException("", "expected a JSON object for " + schema.getName() + ", found " + nodeType(node));
        }
        return readRecord(node, schema, model, "");
    }

    private static IndexedRecord readRecord(JsonNode node, Schema schema, GenericData model, String path) {
        IndexedRecord record = (IndexedRecord) model.newRecord(null, schema);
        for (Schema.Field field : schema.getFields()) {
            String fieldPath = join(path, field.name());
            JsonNode value = node.get(field.name());
            if (value == null) {
                if (!field.hasDefaultValue()) {
                    throw new MappingException(fieldPath, "is missing and has no default");
                }
                record.put(field.pos(), model.getDefaultValue(field));
            } else {
                record.put(field.pos(), readValue(value, field.schema(), model, fieldPath));
            }
        }
        return record;
    }

    private static Object readValue(JsonNode node, Schema schema, GenericData model, String path) {
        LogicalType logicalType = schema.getLogicalType();
        if (logicalType != null && !node.isNull()) {
            return readLogical(node, schema, logicalType, model, path);
        }
        switch (schema.getType()) {
            case NULL -> {
                if (!node.isNull()) {
                    throw mismatch(path, "null", node);
                }
                return null;
            }
            case BOOLEAN -> {
                if (!node.isBoolean()) {
                    throw mismatch(path, "true or false", node);
                }
                return node.booleanValue();
            }
            case INT -> {
                if (!node.isIntegralNumber() || !node.canConvertToInt()) {
                    throw mismatch(path, "a 32-bit integer", node);
                }
                return node.intValue();
            }
            case LONG -> {
                if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                    throw mismatch(path, "a 64-bit integer", node);
                }
                return node.longValue();
            }
            case FLOAT -> {
                if (!node.isNumber()) {
                    throw mismatch(path, "a number", node);
                }
                return node.floatValue();
            }
            case DOUBLE -> {
                if (!node.isNumber()) {
                    throw mismatch(path, "a number", node);
                }
                return node.doubleValue();
            }
            case STRING -> {
                if (!node.isTextual()) {
                    throw mismatch(path, "a string", node);
                }
                return node.textValue();
            }
            case ENUM -> {
                if (!node.isTextual()) {
                    throw mismatch(path, "one of " + schema.getEnumSymbols(), node);
                }
                String symbol = node.textValue();
                if (!schema.hasEnumSymbol(symbol)) {
                    if (schema.getEnumDefault() == null) {
                        throw new MappingException(path, "'" + symbol + "' is not one of " + schema.getEnumSymbols());
                    }
                    symbol = schema.getEnumDefault();
                }
                return model.createEnum(symbol, schema);
            }
            case BYTES -> {
                return ByteBuffer.wrap(base64(node, path));
            }
            case FIXED -> {
                byte[] bytes = base64(node, path);
                if (bytes.length != schema.getFixedSize()) {
                    throw new MappingException(path, "expected " + schema.getFixedSize() + " bytes, found " + bytes.length);
                }
                return model.createFixed(null, bytes, schema);
            }
            case RECORD -> {
                if (!node.isObject()) {
                    throw mismatch(path, "an object", node);
                }
                return readRecord(node, schema, model, path);
            }
            case ARRAY -> {
                if (!node.isArray()) {
                    throw mismatch(path, "an array", node);
                }
                List<Object> list = new ArrayList<>(node.size());
                for (int i = 0; i < node.size(); i++) {
                    list.add(readValue(node.get(i), schema.getElementType(), model, path + "[" + i + "]"));
                }
                return list;
            }
            case MAP -> {
                if (!node.isObject()) {
                    throw mismatch(path, "an object", node);
                }
                Map<String, Object> map = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> entry : node.properties()) {
                    map.put(entry.getKey(), readValue(entry.getValue(), schema.getValueType(), model, join(path, entry.getKey())));
                }
                return map;
            }
            case UNION -> {
                return readUnion(node, schema, model, path);
            }
            default -> throw new MappingException(path, "unsupported schema type " + schema.getType());
        }
    }

    private static Object readUnion(JsonNode node, Schema union, GenericData model, String path) {
        if (node.isNull()) {
            if (!union.isNullable()) {
                throw new MappingException(path, "null is not allowed by " + union);
            }
            return null;
        }
        List<Schema> branches = union.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).toList();
        if (branches.size() == 1) {
            return readValue(node, branches.get(0), model, path);
        }
        // Several non-null branches: take the first whose JSON shape fits.
        for (Schema branch : branches) {
            if (fits(node, branch)) {
                try {
                    return readValue(node, branch, model, path);
                } catch (MappingException e) {
                    // try the next branch
                }
            }
        }
        throw new MappingException(path, nodeType(node) + " matches no branch of " + union);
    }

    private static boolean fits(JsonNode node, Schema schema) {
        if (schema.getLogicalType() != null && node.isTextual()) {
            return true;
        }
        return switch (schema.getType()) {
            case BOOLEAN -> node.isBoolean();
            case INT, LONG -> node.isIntegralNumber();
            case FLOAT, DOUBLE -> node.isNumber();
            case STRING, ENUM, BYTES, FIXED -> node.isTextual();
            case RECORD, MAP -> node.isObject();
            case ARRAY -> node.isArray();
            default -> false;
        };
    }

    private static Object readLogical(JsonNode node, Schema schema, LogicalType logicalType, GenericData model, String path) {
        Object converted;
        Object raw;
        try {
            switch (logicalType.getName()) {
                case "date" -> {
                    if (node.isIntegralNumber()) {
                        converted = LocalDate.ofEpochDay(node.longValue());
                    } else {
                        converted = LocalDate.parse(text(node, path, "a date like 2020-03-15"));
                    }
                    raw = (int) ((LocalDate) converted).toEpochDay();
                }
                case "timestamp-millis" -> {
                    converted = node.isIntegralNumber() ? Instant.ofEpochMilli(node.longValue())
                        : Instant.parse(text(node, path, "an ISO-8601 instant like 2020-03-20T10:15:30Z"));
                    raw = ((Instant) converted).toEpochMilli();
                }
                case "timestamp-micros" -> {
                    converted = node.isIntegralNumber() ? Instant.EPOCH.plus(node.longValue(), ChronoUnit.MICROS)
                        : Instant.parse(text(node, path, "an ISO-8601 instant like 2020-03-20T10:15:30.123456Z"));
                    raw = ChronoUnit.MICROS.between(Instant.EPOCH, (Instant) converted);
                }
                case "local-timestamp-millis" -> {
                    LocalDateTime time = LocalDateTime.parse(text(node, path, "a local date-time like 2020-03-20T10:15:30"));
                    converted = time;
                    raw = time.toInstant(ZoneOffset.UTC).toEpochMilli();
                }
                case "time-millis" -> {
                    LocalTime time = LocalTime.parse(text(node, path, "a time like 10:15:30"));
                    converted = time;
                    raw = (int) (time.toNanoOfDay() / 1_000_000);
                }
                default -> {
                    // Logical types without a JSON special case (uuid, decimal...) are read as their underlying type.
                    return readValue(node, withoutLogicalType(schema), model, path);
                }
            }
        } catch (DateTimeParseException e) {
            throw new MappingException(path, "cannot parse '" + node.asText() + "' as " + logicalType.getName()
                + " (" + e.getMessage() + ")");
        }
        Conversion<?> conversion = model.getConversionFor(logicalType);
        if (conversion != null && conversion.getConvertedType().isInstance(converted)) {
            return converted;
        }
        return raw;
    }

    private static Schema withoutLogicalType(Schema schema) {
        if (schema.getType() == Schema.Type.FIXED) {
            return Schema.createFixed(schema.getName(), schema.getDoc(), schema.getNamespace(), schema.getFixedSize());
        }
        return Schema.create(schema.getType());
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private static GenericData modelOf(IndexedRecord record) {
        if (record instanceof SpecificRecord) {
            return SpecificData.getForClass(record.getClass());
        }
        return GenericData.get();
    }

    private static String text(JsonNode node, String path, String expected) {
        if (!node.isTextual()) {
            throw mismatch(path, expected, node);
        }
        return node.textValue();
    }

    private static byte[] base64(JsonNode node, String path) {
        try {
            return Base64.getDecoder().decode(text(node, path, "a base64 string"));
        } catch (IllegalArgumentException e) {
            throw new MappingException(path, "not valid base64: " + e.getMessage());
        }
    }

    private static <T> T expect(Object value, Class<T> type, String path) {
        if (!type.isInstance(value)) {
            throw new MappingException(path, "expected " + type.getSimpleName() + ", found " + describe(value));
        }
        return type.cast(value);
    }

    private static MappingException mismatch(String path, String expected, JsonNode node) {
        return new MappingException(path, "expected " + expected + ", found " + nodeType(node)
            + (node != null && node.isValueNode() && !node.isNull() ? " " + abbreviate(node.toString()) : ""));
    }

    private static String nodeType(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case NULL -> "null";
            case BOOLEAN -> "a boolean";
            case NUMBER -> "a number";
            case STRING -> "a string";
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            default -> node.getNodeType().toString().toLowerCase();
        };
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName() + " " + abbreviate(String.valueOf(value));
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int newline = s.indexOf('\n');
        return newline < 0 ? s : s.substring(0, newline);
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
