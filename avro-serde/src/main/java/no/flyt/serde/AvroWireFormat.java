package no.flyt.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The Confluent wire format: magic byte 0, the schema id as a 4-byte big-endian int, then the Avro binary
 * encoding of the datum (no container, no schema). Encoders, decoders and output buffers are reused per
 * thread, so a record costs one allocation for its bytes plus what Avro needs for the datum itself.
 */
final class AvroWireFormat {

    static final byte MAGIC_BYTE = 0;
    static final int HEADER_SIZE = 5;

    /** A thread's buffer grown beyond this (by one large record) is dropped instead of kept for reuse. */
    private static final int MAX_RETAINED_BUFFER = 1 << 20;

    private static final Map<Class<?>, Schema> PRIMITIVE_SCHEMAS = Map.of(
            Boolean.class, Schema.create(Schema.Type.BOOLEAN),
            Integer.class, Schema.create(Schema.Type.INT),
            Long.class, Schema.create(Schema.Type.LONG),
            Float.class, Schema.create(Schema.Type.FLOAT),
            Double.class, Schema.create(Schema.Type.DOUBLE),
            String.class, Schema.create(Schema.Type.STRING),
            byte[].class, Schema.create(Schema.Type.BYTES));

    private static final ThreadLocal<OutputBuffer> OUTPUT = ThreadLocal.withInitial(OutputBuffer::new);
    private static final ThreadLocal<BinaryDecoder> DECODER = new ThreadLocal<>();

    private AvroWireFormat() {
    }

    /** A ByteArrayOutputStream that can tell how much memory it holds, with an encoder bound to it. */
    private static final class OutputBuffer extends ByteArrayOutputStream {
        BinaryEncoder encoder;

        OutputBuffer() {
            super(256);
        }

        int capacity() {
            return buf.length;
        }
    }

    /**
     * The Avro schema of a value the serializer accepts: any Avro container (records, enums, fixed, arrays)
     * or a Java primitive Avro has a type for; null if there is none.
     */
    static Schema schemaOf(Object value) {
        if (value instanceof GenericContainer container) {
            return container.getSchema();
        }
        if (value instanceof CharSequence) {
            return PRIMITIVE_SCHEMAS.get(String.class);
        }
        if (value instanceof ByteBuffer) {
            return PRIMITIVE_SCHEMAS.get(byte[].class);
        }
        return PRIMITIVE_SCHEMAS.get(value.getClass());
    }

    static byte[] write(int schemaId, DatumWriter<Object> writer, Object datum) throws IOException {
        OutputBuffer out = OUTPUT.get();
        // Rebinding first flushes whatever a failed earlier write left in the encoder, then reset drops it.
        out.encoder = EncoderFactory.get().binaryEncoder(out, out.encoder);
        out.reset();
        out.write(MAGIC_BYTE);
        out.write(schemaId >>> 24);
        out.write(schemaId >>> 16);
        out.write(schemaId >>> 8);
        out.write(schemaId);
        Object value = datum instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : datum;
        try {
            writer.write(value, out.encoder);
            out.encoder.flush();
            return out.toByteArray();
        } finally {
            if (out.capacity() > MAX_RETAINED_BUFFER) {
                OUTPUT.remove();
            }
        }
    }

    /** The header for {@code schemaId} followed by {@code datum}, an Avro binary encoding. */
    static byte[] withHeader(int schemaId, byte[] datum) {
        byte[] message = new byte[HEADER_SIZE + datum.length];
        message[0] = MAGIC_BYTE;
        message[1] = (byte) (schemaId >>> 24);
        message[2] = (byte) (schemaId >>> 16);
        message[3] = (byte) (schemaId >>> 8);
        message[4] = (byte) schemaId;
        System.arraycopy(datum, 0, message, HEADER_SIZE, datum.length);
        return message;
    }

    /** The schema id of a message, after checking its header; the message starts at offset. */
    static int schemaId(byte[] data, int offset, int length, String topic) {
        if (length < HEADER_SIZE) {
            throw new SerializationException("Cannot deserialize Avro data for topic '" + topic + "': " + length
                    + " bytes is too short for the Confluent wire format (magic byte 0, 4-byte schema id, Avro binary)");
        }
        if (data[offset] != MAGIC_BYTE) {
            throw new SerializationException("Cannot deserialize Avro data for topic '" + topic + "': unknown magic byte "
                    + data[offset] + " (expected 0); the data was not written by a Confluent wire format Avro serializer");
        }
        return ((data[offset + 1] & 0xff) << 24) | ((data[offset + 2] & 0xff) << 16)
                | ((data[offset + 3] & 0xff) << 8) | (data[offset + 4] & 0xff);
    }

    /** Decodes the Avro payload following the header; strings and bytes at the top level come back as Java types. */
    static Object read(DatumReader<Object> reader, Schema writerSchema, byte[] data, int offset, int length)
            throws IOException {
        BinaryDecoder decoder = DecoderFactory.get()
                .binaryDecoder(data, offset + HEADER_SIZE, length - HEADER_SIZE, DECODER.get());
        DECODER.set(decoder);
        Object value = reader.read(null, decoder);
        return switch (writerSchema.getType()) {
            case STRING -> value == null ? null : value.toString();
            case BYTES -> toBytes((ByteBuffer) value);
            default -> value;
        };
    }

    private static byte[] toBytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
