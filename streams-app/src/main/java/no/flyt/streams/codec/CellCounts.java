package no.flyt.streams.codec;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import no.flyt.catalogue.Cell;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A sparse vector of signed counts over {@link Cell}s, sorted by cell: both a contribution (what one event adds to
 * one region-month) and an aggregate (the sum of all contributions to it). Zero cells are dropped, so a
 * contribution and its negation add up to {@link #EMPTY} exactly.
 *
 * <p>The binary encoding (state store, changelog, repartition topic) is a varint count, then per cell the
 * varint gap to the previous cell and the zig-zag varint count: a few bytes per cell, no registry round trip.
 *
 * <p>A deserialized value keeps its bytes and is decoded only when its cells are read by index. Adding a delta to
 * such a value merges the delta into the bytes directly, copying the unchanged runs, and the result serializes to
 * those bytes without another encoding: the aggregate of a large municipality's baseline month has a few thousand
 * cells, and each of its updates would otherwise decode, merge and encode all of them. Code that reads every cell once
 * (publishing, summing a year) walks the bytes with a {@link Cursor} instead of decoding them.
 */
public final class CellCounts {

    public static final CellCounts EMPTY = new CellCounts(new int[0], new long[0]);

    static final byte FORMAT_VERSION = 1;
    /** Values up to this many bytes (deltas, small aggregates) are decoded when read; larger ones when used. */
    private static final int DECODE_EAGERLY_MAX_BYTES = 256;

    private int[] cells;
    private long[] counts;
    /** The serialized form (format version first) when this value was read or merged from bytes, else null. */
    private final byte[] encoded;
    private final int size;

    private CellCounts(int[] cells, long[] counts) {
        this.cells = cells;
        this.counts = counts;
        this.encoded = null;
        this.size = cells.length;
    }

    private CellCounts(byte[] encoded, int size) {
        this.encoded = encoded;
        this.size = size;
    }

    /** Decodes the bytes on first use. */
    private void decode() {
        if (cells == null) {
            int[] c = new int[size];
            long[] n = new long[size];
            Cursor cursor = cursor();
            for (int i = 0; cursor.next(); i++) {
                c[i] = cursor.cell();
                n[i] = cursor.count();
            }
            counts = n;
            cells = c;
        }
    }

    /**
     * Reads the cells in order without decoding them into arrays: an encoded value's bytes are walked as they are.
     * Large values (a region-month's statistics) are read once for each use, so arrays of them would only be garbage.
     */
    public Cursor cursor() {
        return new Cursor(this);
    }

    /** A value of the given cells, sorted ascending, with their non-zero counts (the arrays are taken, not copied). */
    static CellCounts ofSorted(int[] cells, long[] counts) {
        return cells.length == 0 ? EMPTY : new CellCounts(cells, counts);
    }

    /** A value whose cells are the given encoded ones (format version first); {@code size} is their number. */
    static CellCounts ofEncoded(byte[] encoded, int size) {
        return size == 0 ? EMPTY : new CellCounts(encoded, size);
    }

    public static Builder builder() {
        return new Builder();
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public int cellAt(int i) {
        decode();
        return cells[i];
    }

    public long countAt(int i) {
        decode();
        return counts[i];
    }

    public long get(int cell) {
        decode();
        int i = Arrays.binarySearch(cells, cell);
        return i >= 0 ? counts[i] : 0;
    }

    public CellCounts negate() {
        decode();
        long[] negated = new long[counts.length];
        for (int i = 0; i < counts.length; i++) {
            negated[i] = -counts[i];
        }
        return new CellCounts(cells, negated);
    }

    /** The cell-wise sum; a merge of two sorted arrays. */
    public CellCounts plus(CellCounts other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        if (encoded != null && cells == null) {
            // the sum is stored next, as bytes: merging into the bytes is one walk, decoding and encoding two
            return EncodedMerge.of(encoded, size, other);
        }
        decode();
        other.decode();
        int[] c = new int[cells.length + other.cells.length];
        long[] n = new long[c.length];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < cells.length || j < other.cells.length) {
            int cell;
            long count;
            if (j == other.cells.length || (i < cells.length && cells[i] < other.cells[j])) {
                cell = cells[i];
                count = counts[i++];
            } else if (i == cells.length || other.cells[j] < cells[i]) {
                cell = other.cells[j];
                count = other.counts[j++];
            } else {
                cell = cells[i];
                count = counts[i++] + other.counts[j++];
            }
            if (count != 0) {
                c[k] = cell;
                n[k++] = count;
            }
        }
        return k == 0 ? EMPTY : new CellCounts(Arrays.copyOf(c, k), Arrays.copyOf(n, k));
    }

    /**
     * The cell-wise sum of several values (a year of months) in one walk over all of them, rather than a chain of
     * {@link #plus} that walks the growing sum once per value.
     */
    public static CellCounts sumOf(List<CellCounts> values) {
        Cursor[] active = new Cursor[values.size()];
        int live = 0;
        int largest = 0;
        for (CellCounts value : values) {
            Cursor cursor = value.cursor();
            if (cursor.next()) {
                active[live++] = cursor;
                largest = Math.max(largest, value.size);
            }
        }
        if (live <= 1) {
            return live == 0 ? EMPTY : active[0].value;
        }
        int[] c = new int[largest + largest / 4];
        long[] n = new long[c.length];
        int k = 0;
        while (live > 0) {
            int min = Integer.MAX_VALUE; // cells are not negative
            for (int i = 0; i < live; i++) {
                min = Math.min(min, active[i].cell());
            }
            long sum = 0;
            for (int i = 0; i < live; i++) {
                if (active[i].cell() == min) {
                    sum += active[i].count();
                    if (!active[i].next()) {
                        active[i--] = active[--live];
                    }
                }
            }
            if (sum != 0) {
                if (k == c.length) {
                    c = Arrays.copyOf(c, k * 2);
                    n = Arrays.copyOf(n, k * 2);
                }
                c[k] = min;
                n[k++] = sum;
            }
        }
        return k == 0 ? EMPTY : new CellCounts(Arrays.copyOf(c, k), Arrays.copyOf(n, k));
    }

    /** The non-zero cells as a sorted map (tests and comparisons). */
    public Map<Integer, Long> toMap() {
        decode();
        Map<Integer, Long> map = new TreeMap<>();
        for (int i = 0; i < cells.length; i++) {
            map.put(cells[i], counts[i]);
        }
        return map;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CellCounts other) || other.size != size) {
            return false;
        }
        decode();
        other.decode();
        return Arrays.equals(cells, other.cells) && Arrays.equals(counts, other.counts);
    }

    @Override
    public int hashCode() {
        decode();
        return 31 * Arrays.hashCode(cells) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        decode();
        StringBuilder s = new StringBuilder("CellCounts{");
        for (int i = 0; i < cells.length; i++) {
            int cell = cells[i];
            s.append(i == 0 ? "" : ", ").append(describe(cell)).append(": ").append(counts[i]);
        }
        return s.append('}').toString();
    }

    /** A cell as the catalogue names it, or in hex when no declaration has it. */
    private static String describe(int cell) {
        try {
            return Cell.describe(cell);
        } catch (IllegalArgumentException e) {
            return "0x" + Integer.toHexString(cell);
        }
    }

    void writeTo(ByteBuffer buffer) {
        decode();
        Varints.writeUnsigned(cells.length, buffer);
        int previous = 0;
        for (int i = 0; i < cells.length; i++) {
            // cells are sorted as signed ints; measure ordinals stay far below the sign bit, so gaps are non-negative
            Varints.writeUnsigned(cells[i] - previous, buffer);
            Varints.writeSigned(counts[i], buffer);
            previous = cells[i];
        }
    }

    int maxEncodedSize() {
        return 5 + size * (5 + 10);
    }

    /** The serde of the repartition topic and of small stores: every value is checked whole when it is read. */
    public static Serde<CellCounts> serde() {
        return Serdes.serdeFrom(SERIALIZER, deserializer(true));
    }

    /**
     * The serde of the region-statistics store, whose values it wrote itself: a large value is checked when it is
     * walked (merged into, published, summed) rather than once more when it is read, which the aggregation does for
     * every delta. A corrupt value is a {@link SerializationException} either way.
     */
    public static Serde<CellCounts> storeSerde() {
        return Serdes.serdeFrom(SERIALIZER, deserializer(false));
    }

    private static final Serializer<CellCounts> SERIALIZER = (topic, value) -> {
        if (value == null) {
            return null;
        }
        if (value.encoded != null) {
            return value.encoded;
        }
        ByteBuffer buffer = ByteBuffer.allocate(1 + value.maxEncodedSize());
        buffer.put(FORMAT_VERSION);
        value.writeTo(buffer);
        return Arrays.copyOf(buffer.array(), buffer.position());
    };

    private static Deserializer<CellCounts> deserializer(boolean validateWhole) {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                if (bytes[0] != FORMAT_VERSION) {
                    throw new SerializationException("unknown cell-counts format " + bytes[0] + " on " + topic);
                }
                boolean small = bytes.length <= DECODE_EAGERLY_MAX_BYTES;
                VarintReader header = new VarintReader(bytes, 1);
                long n = header.readUnsigned();
                if (n == 0 && small) {
                    return EMPTY;
                }
                if (n < 1 || n > bytes.length - header.position) {
                    throw new SerializationException("cell count " + n + " does not fit the record on " + topic);
                }
                CellCounts value = new CellCounts(bytes, (int) n);
                if (small) {
                    value.decode();
                } else if (validateWhole) {
                    for (Cursor cells = value.cursor(); cells.next(); ) {
                        // each cell read is a cell checked
                    }
                }
                return value;
            } catch (RuntimeException e) {
                throw e instanceof SerializationException s ? s : new SerializationException("corrupt cell-counts record on " + topic, e);
            }
        };
    }

    /**
     * Walks the cells of a value in order: {@link #next()} moves to the next cell, {@link #cell()} and
     * {@link #count()} read it. Reads an encoded value's varints in place; a corrupt value is a
     * {@link SerializationException} when the walk reaches the damage.
     */
    public static final class Cursor extends VarintReader {
        private final CellCounts value;
        private int index = -1;
        private int cell;
        private long count;

        private Cursor(CellCounts value) {
            super(value.cells == null ? value.encoded : null, 1);
            this.value = value;
            if (bytes != null) {
                skipVarint(); // the count, known as size
            }
        }

        public boolean next() {
            if (++index >= value.size) {
                return false;
            }
            if (bytes == null) {
                cell = value.cells[index];
                count = value.counts[index];
                return true;
            }
            try {
                cell += (int) readUnsigned();
                count = readSigned();
            } catch (ArrayIndexOutOfBoundsException e) {
                throw new SerializationException("corrupt cell-counts value: " + value.size + " cells announced, "
                    + index + " found in " + bytes.length + " bytes");
            }
            return true;
        }

        public int cell() {
            return cell;
        }

        public long count() {
            return count;
        }
    }

    /**
     * Accumulates cells in any order: a contribution's few hundred cells are appended to arrays and sorted once by
     * {@link #build()}, which sums repeated cells and drops zeroes.
     */
    public static final class Builder {
        private int[] cells = new int[64];
        private long[] counts = new long[64];
        private int n;

        public Builder add(int cell, long count) {
            if (n == cells.length) {
                cells = Arrays.copyOf(cells, n * 2);
                counts = Arrays.copyOf(counts, n * 2);
            }
            cells[n] = cell;
            counts[n++] = count;
            return this;
        }

        public Builder add(CellCounts other) {
            for (Cursor c = other.cursor(); c.next(); ) {
                add(c.cell(), c.count());
            }
            return this;
        }

        public CellCounts build() {
            // cells are not negative, so sorting them with their index in the low half sorts by cell
            long[] cellAndIndex = new long[n];
            for (int i = 0; i < n; i++) {
                cellAndIndex[i] = (long) cells[i] << 32 | i;
            }
            Arrays.sort(cellAndIndex);
            int[] c = new int[n];
            long[] k = new long[n];
            int size = 0;
            for (int i = 0; i < n; ) {
                int cell = (int) (cellAndIndex[i] >>> 32);
                long sum = 0;
                for (; i < n && (int) (cellAndIndex[i] >>> 32) == cell; i++) {
                    sum += counts[(int) cellAndIndex[i]];
                }
                if (sum != 0) {
                    c[size] = cell;
                    k[size++] = sum;
                }
            }
            return size == 0 ? EMPTY : new CellCounts(Arrays.copyOf(c, size), Arrays.copyOf(k, size));
        }
    }
}
