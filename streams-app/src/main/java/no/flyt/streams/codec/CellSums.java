package no.flyt.streams.codec;

import java.util.Arrays;

/**
 * A mutable sum of {@link CellCounts}, for adding many small deltas: each addition costs the size of the delta, not
 * of the sum (an open-addressing hash table of cell to count). {@link #toCellCounts()} sorts once at the end.
 */
public final class CellSums {

    /** Not a cell: measure ordinals are far below the sign bit. */
    private static final int FREE = Integer.MIN_VALUE;

    private int[] cells = newTable(16);
    private long[] counts = new long[16];
    private int used;

    /** A well-spread hash of a cell, for open-addressing tables keyed by cell (its low bits alone are one dimension). */
    public static int hash(int cell) {
        int h = cell * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    public void add(CellCounts delta) {
        for (CellCounts.Cursor c = delta.cursor(); c.next(); ) {
            add(c.cell(), c.count());
        }
    }

    /** Adds {@code delta} times {@code sign} (1 or -1). */
    public void add(CellCounts delta, int sign) {
        for (CellCounts.Cursor c = delta.cursor(); c.next(); ) {
            add(c.cell(), sign * c.count());
        }
    }

    /** Calls {@code action} with every cell and its count (in no particular order), zero counts included. */
    public void forEach(CellAction action) {
        for (int i = 0; i < cells.length; i++) {
            if (cells[i] != FREE) {
                action.accept(cells[i], counts[i]);
            }
        }
    }

    @FunctionalInterface
    public interface CellAction {
        void accept(int cell, long count);
    }

    public void add(CellSums other) {
        for (int i = 0; i < other.cells.length; i++) {
            if (other.cells[i] != FREE) {
                add(other.cells[i], other.counts[i]);
            }
        }
    }

    public void add(int cell, long count) {
        int mask = cells.length - 1;
        int i = hash(cell) & mask;
        while (cells[i] != FREE && cells[i] != cell) {
            i = (i + 1) & mask;
        }
        if (cells[i] == FREE) {
            cells[i] = cell;
            counts[i] = count;
            if (++used * 2 > cells.length) {
                grow();
            }
        } else {
            counts[i] += count;
        }
    }

    /** The count of one cell; 0 when it was never added. */
    public long get(int cell) {
        int mask = cells.length - 1;
        int i = hash(cell) & mask;
        while (cells[i] != FREE) {
            if (cells[i] == cell) {
                return counts[i];
            }
            i = (i + 1) & mask;
        }
        return 0;
    }

    /** The non-zero cells, sorted. */
    public CellCounts toCellCounts() {
        // cells are not negative, so sorting them with their slot in the low half sorts by cell
        long[] cellAndSlot = new long[used];
        int n = 0;
        for (int i = 0; i < cells.length; i++) {
            if (cells[i] != FREE && counts[i] != 0) {
                cellAndSlot[n++] = (long) cells[i] << 32 | i;
            }
        }
        Arrays.sort(cellAndSlot, 0, n);
        int[] sortedCells = new int[n];
        long[] sortedCounts = new long[n];
        for (int k = 0; k < n; k++) {
            sortedCells[k] = (int) (cellAndSlot[k] >>> 32);
            sortedCounts[k] = counts[(int) cellAndSlot[k]];
        }
        return CellCounts.ofSorted(sortedCells, sortedCounts);
    }

    private void grow() {
        int[] oldCells = cells;
        long[] oldCounts = counts;
        cells = newTable(oldCells.length * 2);
        counts = new long[cells.length];
        used = 0;
        for (int i = 0; i < oldCells.length; i++) {
            if (oldCells[i] != FREE) {
                add(oldCells[i], oldCounts[i]);
            }
        }
    }

    private static int[] newTable(int size) {
        int[] table = new int[size];
        Arrays.fill(table, FREE);
        return table;
    }
}
