package no.flyt.streams.output;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import no.flyt.aggregates.RegionStatistics;
import no.flyt.aggregates.YearlyRegionStatistics;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.serialization.Serializer;
import no.flyt.streams.codec.CellCounts;
import no.flyt.streams.codec.CellSums;
import no.flyt.streams.regions.RegionKey;
import org.apache.kafka.streams.KeyValue;

/**
 * Writes a region-month's (or region-year's) cells as the {@link RegionStatistics} ({@link YearlyRegionStatistics})
 * record the configured Avro serializer would write, byte for byte, without building thousands of
 * {@code StatisticsCell} objects and walking them with Avro's reflective datum writer (one of the larger costs of each
 * commit). The configured serializer writes the record with an empty cell list (Confluent framing and schema id,
 * region and period); cells are the record's last field, so the last byte is the empty array's end marker, which is
 * replaced by the cells in Avro's binary encoding: one block of items, then the end marker. A cell's fields other than
 * its count are encoded once per distinct cell and copied from then on.
 */
public final class RegionStatisticsSerializer<R> implements Serializer<KeyValue<String, CellCounts>> {

    private final Serializer<R> avro;
    private final Function<String, R> withoutCells;

    private RegionStatisticsSerializer(Serializer<R> avro, Function<String, R> withoutCells) {
        this.avro = avro;
        this.withoutCells = withoutCells;
    }

    /** For records keyed {@code REGION_TYPE:code:yyyy-MM}. */
    public static RegionStatisticsSerializer<RegionStatistics> monthly(Serializer<RegionStatistics> avro) {
        return new RegionStatisticsSerializer<>(avro, key -> new RegionStatistics(RegionKey.typeOf(key), RegionKey.codeOf(key),
            RegionKey.monthOf(key).toString(), List.of()));
    }

    /** For records keyed {@code REGION_TYPE:code:yyyy}. */
    public static RegionStatisticsSerializer<YearlyRegionStatistics> yearly(Serializer<YearlyRegionStatistics> avro) {
        return new RegionStatisticsSerializer<>(avro, key -> new YearlyRegionStatistics(RegionKey.typeOf(key), RegionKey.codeOf(key),
            RegionKey.yearOf(key), List.of()));
    }

    @Override
    public byte[] serialize(String topic, KeyValue<String, CellCounts> keyed) {
        if (keyed == null) {
            return null;
        }
        String key = keyed.key;
        CellCounts counts = keyed.value;
        byte[] head = avro.serialize(topic, withoutCells.apply(key));
        // one serializer serves every task and stream thread: nothing mutable is shared between calls but the
        // thread's own cache of cell encodings
        Output out = new Output(head.length + 16 * counts.size() + 16);
        out.write(head, head.length - 1); // without the end marker of the empty array
        if (counts.size() > 0) {
            CellFields cellFields = CELL_FIELDS.get();
            out.writeLong(counts.size()); // one block of items
            CellCounts.Cursor cells = counts.cursor();
            while (cells.next()) {
                byte[] fields = cellFields.of(cells.cell());
                out.write(fields, fields.length);
                out.writeLong(cells.count());
            }
        }
        out.writeLong(0); // the end of the array
        return out.bytes();
    }

    /**
     * The Avro encoding of each cell's fields before its count: a function of the cell alone, so encoded once per cell
     * (a few thousand distinct cells) and stream thread rather than once per cell of every record published.
     */
    private static final ThreadLocal<CellFields> CELL_FIELDS = ThreadLocal.withInitial(CellFields::new);

    /** An open-addressing map from cell to its encoded fields, confined to one thread. */
    private static final class CellFields {
        private int[] cells = new int[1024];
        private byte[][] fields = new byte[1024][];
        private int used;

        byte[] of(int cell) {
            int mask = cells.length - 1;
            int i = CellSums.hash(cell) & mask;
            while (fields[i] != null) {
                if (cells[i] == cell) {
                    return fields[i];
                }
                i = (i + 1) & mask;
            }
            byte[] encoded = encodeFields(cell);
            cells[i] = cell;
            fields[i] = encoded;
            if (++used * 2 > cells.length) {
                grow();
            }
            return encoded;
        }

        private void grow() {
            int[] oldCells = cells;
            byte[][] oldFields = fields;
            cells = new int[oldCells.length * 2];
            fields = new byte[cells.length][];
            int mask = cells.length - 1;
            for (int k = 0; k < oldCells.length; k++) {
                if (oldFields[k] != null) {
                    int i = CellSums.hash(oldCells[k]) & mask;
                    while (fields[i] != null) {
                        i = (i + 1) & mask;
                    }
                    cells[i] = oldCells[k];
                    fields[i] = oldFields[k];
                }
            }
        }
    }

    /** The fields of StatisticsCell in schema order without the last (the count). */
    private static byte[] encodeFields(int cell) {
        PublishedCell published = PublishedCell.of(cell);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(32);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(buffer, null);
        try {
            encoder.writeEnum(published.measure().ordinal()); // the symbol's position in the generated schema
            encoder.writeEnum(published.dimension().ordinal());
            encoder.writeString(published.category());
            writeOptional(encoder, published.ageBand());
            writeOptional(encoder, published.age());
            writeOptional(encoder, published.birthYear());
            writeOptional(encoder, published.settlementYear());
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return buffer.toByteArray();
    }

    /** A ["null", T] union: the branch index, then the value. */
    private static void writeOptional(BinaryEncoder encoder, Object value) throws IOException {
        if (value == null) {
            encoder.writeIndex(0);
            return;
        }
        encoder.writeIndex(1);
        if (value instanceof Integer i) {
            encoder.writeInt(i);
        } else {
            encoder.writeString((String) value);
        }
    }

    /** A growing byte array with Avro's zig-zag varint longs. */
    private static final class Output {
        private byte[] bytes;
        private int size;

        Output(int capacity) {
            bytes = new byte[capacity];
        }

        void write(byte[] b, int length) {
            ensure(length);
            System.arraycopy(b, 0, bytes, size, length);
            size += length;
        }

        void writeLong(long value) {
            ensure(10);
            long n = (value << 1) ^ (value >> 63);
            while ((n & ~0x7FL) != 0) {
                bytes[size++] = (byte) ((n & 0x7F) | 0x80);
                n >>>= 7;
            }
            bytes[size++] = (byte) n;
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }

        byte[] bytes() {
            return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
        }
    }
}
