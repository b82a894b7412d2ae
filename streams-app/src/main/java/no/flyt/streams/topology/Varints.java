package no.flyt.streams.topology;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/** Unsigned LEB128 varints and zig-zag varlongs, as in Avro and protobuf, for the compact internal encodings. */
final class Varints {

    private Varints() {
    }

    static void writeUnsigned(long value, ByteBuffer buffer) {
        while ((value & ~0x7FL) != 0) {
            buffer.put((byte) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        buffer.put((byte) value);
    }

    static long readUnsigned(ByteBuffer buffer) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = buffer.get();
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new SerializationException("varint longer than 10 bytes");
    }

    static void writeSigned(long value, ByteBuffer buffer) {
        writeUnsigned((value << 1) ^ (value >> 63), buffer);
    }

    static long readSigned(ByteBuffer buffer) {
        long raw = readUnsigned(buffer);
        return (raw >>> 1) ^ -(raw & 1);
    }
}
