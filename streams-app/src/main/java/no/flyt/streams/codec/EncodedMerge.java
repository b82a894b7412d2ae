package no.flyt.streams.codec;

import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Adds a small {@link CellCounts} to an encoded one without decoding it: walks the encoded cells once, copies every
 * cell the delta does not touch byte for byte (its gap is unchanged while the previous cell is), and writes only the
 * cells that are added, changed or dropped. The result is exactly what encoding the decoded sum would give.
 */
final class EncodedMerge extends VarintReader {

    /** Room for the format version and a count of up to 5 varint bytes. */
    private static final int HEADER_ROOM = 6;

    private final byte[] out;
    private int written;
    private int n;
    private int previousIn;
    private int previousOut;
    /** The input cell read but not written yet, and where its gap, its count and its end are. */
    private int cell;
    private int cellStart;
    private int countStart;
    private int cellEnd;
    /** Input bytes before this are in the output; the ones after it up to the pending cell are still to be copied. */
    private int copied;

    private EncodedMerge(byte[] in, int outCapacity) {
        super(in, 1); // after the format version
        this.out = new byte[outCapacity];
    }

    /** {@code encoded} (format version first, {@code size} cells) plus {@code delta}. */
    static CellCounts of(byte[] encoded, int size, CellCounts delta) {
        EncodedMerge m = new EncodedMerge(encoded, encoded.length + delta.size() * 15 + HEADER_ROOM);
        try {
            m.readUnsigned(); // the count, known as size
            m.written = HEADER_ROOM; // the version and the new count are written in front when it is known
            return m.merge(size, delta.cursor());
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new SerializationException("corrupt cell-counts value: " + size + " cells announced in " + encoded.length + " bytes", e);
        }
    }

    private CellCounts merge(int size, CellCounts.Cursor delta) {
        int remaining = size;
        boolean deltaLeft = delta.next();
        boolean pending = false;
        copied = position;
        while (true) {
            if (!pending && remaining > 0) {
                cellStart = position;
                cell = previousIn + (int) readUnsigned();
                countStart = position;
                skipVarint();
                cellEnd = position;
                remaining--;
                pending = true;
            }
            if (!pending) {
                if (!deltaLeft) {
                    break;
                }
                flushRun(position);
                writeCell(delta.cell(), delta.count());
                deltaLeft = delta.next();
            } else if (!deltaLeft) {
                // the rest of the input is unchanged, and so are its gaps once the pending cell is written
                emitPending();
                flushRun(bytes.length);
                n += remaining;
                break;
            } else if (cell < delta.cell()) {
                emitPending();
                pending = false;
            } else if (cell > delta.cell()) {
                flushRun(cellStart);
                writeCell(delta.cell(), delta.count());
                deltaLeft = delta.next();
            } else {
                flushRun(cellStart);
                long sum = readSignedAt(bytes, countStart) + delta.count();
                if (sum != 0) {
                    writeCell(cell, sum);
                }
                copied = cellEnd;
                previousIn = cell;
                pending = false;
                deltaLeft = delta.next();
            }
        }
        return finish();
    }

    /**
     * Takes the pending input cell unchanged. While the previous cell is the same in input and output its bytes are
     * the same too and stay in the run of input bytes copied in one go; otherwise its gap is written anew.
     */
    private void emitPending() {
        if (previousIn != previousOut) {
            flushRun(cellStart);
            writeUnsigned(cell - previousOut);
            copy(countStart, cellEnd - countStart);
            copied = cellEnd;
        }
        previousIn = cell;
        previousOut = cell;
        n++;
    }

    /** Copies the run of unchanged input bytes up to {@code end}. */
    private void flushRun(int end) {
        if (end > copied) {
            copy(copied, end - copied);
            copied = end;
        }
    }

    private void writeCell(int c, long count) {
        writeUnsigned(c - previousOut);
        writeSigned(count);
        previousOut = c;
        n++;
    }

    private CellCounts finish() {
        if (n == 0) {
            return CellCounts.EMPTY;
        }
        int end = written;
        int start = HEADER_ROOM - 1 - unsignedSize(n);
        out[start] = CellCounts.FORMAT_VERSION;
        written = start + 1;
        writeUnsigned(n);
        return CellCounts.ofEncoded(Arrays.copyOfRange(out, start, end), n);
    }

    private void copy(int from, int length) {
        System.arraycopy(bytes, from, out, written, length);
        written += length;
    }

    private static long readSignedAt(byte[] bytes, int position) {
        long raw = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = bytes[position++];
            raw |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                break;
            }
        }
        return (raw >>> 1) ^ -(raw & 1);
    }

    private void writeUnsigned(long value) {
        while ((value & ~0x7FL) != 0) {
            out[written++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out[written++] = (byte) value;
    }

    private void writeSigned(long value) {
        writeUnsigned((value << 1) ^ (value >> 63));
    }

    private static int unsignedSize(long value) {
        int size = 1;
        while ((value & ~0x7FL) != 0) {
            value >>>= 7;
            size++;
        }
        return size;
    }
}
