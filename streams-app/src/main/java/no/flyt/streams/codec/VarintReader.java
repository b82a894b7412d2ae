package no.flyt.streams.codec;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Reads the varints {@link Varints} writes, from a byte array in place, from {@link #position} on: what the walks over
 * encoded cells share ({@link CellCounts.Cursor}, {@link EncodedMerge}), without a {@code ByteBuffer} per value.
 */
class VarintReader {

    final byte[] bytes;
    int position;

    VarintReader(byte[] bytes, int position) {
        this.bytes = bytes;
        this.position = position;
    }

    final long readUnsigned() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = bytes[position++];
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new SerializationException("varint longer than 10 bytes");
    }

    final long readSigned() {
        long raw = readUnsigned();
        return (raw >>> 1) ^ -(raw & 1);
    }

    final void skipVarint() {
        while (bytes[position++] < 0) {
            // continuation bit set
        }
    }
}
