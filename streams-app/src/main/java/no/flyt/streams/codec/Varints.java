package no.flyt.streams.codec;

import java.nio.ByteBuffer;

/**
 * Writes unsigned LEB128 varints and zig-zag varlongs, as in Avro and protobuf, for the compact internal encodings;
 * {@link VarintReader} reads them.
 */
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

    static void writeSigned(long value, ByteBuffer buffer) {
        writeUnsigned((value << 1) ^ (value >> 63), buffer);
    }
}
