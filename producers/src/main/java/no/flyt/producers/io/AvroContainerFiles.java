package no.flyt.producers.io;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the framing of Avro object container files without decoding their records. */
final class AvroContainerFiles {

    private static final int SYNC_SIZE = 16;

    private AvroContainerFiles() {
    }

    /** The number of records in the file, summed from the block headers (each block's data is skipped). */
    static long countRecords(Path path) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            byte[] magic = in.readNBytes(4);
            if (magic.length != 4 || magic[0] != 'O' || magic[1] != 'b' || magic[2] != 'j' || magic[3] != 1) {
                throw new IOException(path + " is not an Avro object container file");
            }
            skipMetadata(in);
            in.skipNBytes(SYNC_SIZE);
            long total = 0;
            while (true) {
                in.mark(1);
                if (in.read() < 0) {
                    return total;
                }
                in.reset();
                long count = readLong(in);
                long size = readLong(in);
                in.skipNBytes(size + SYNC_SIZE);
                total += count;
            }
        }
    }

    private static void skipMetadata(InputStream in) throws IOException {
        for (long count = readLong(in); count != 0; count = readLong(in)) {
            if (count < 0) {
                in.skipNBytes(readLong(in));
                continue;
            }
            for (long i = 0; i < count; i++) {
                in.skipNBytes(readLong(in));
                in.skipNBytes(readLong(in));
            }
        }
    }

    /** Avro's zig-zag variable-length long. */
    private static long readLong(InputStream in) throws IOException {
        long value = 0;
        int shift = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("truncated Avro container file");
            }
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return (value >>> 1) ^ -(value & 1);
            }
            shift += 7;
            if (shift > 63) {
                throw new IOException("malformed varint in Avro container file");
            }
        }
    }
}
