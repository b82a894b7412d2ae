package no.flyt.streams.topology;

import java.util.Arrays;

/**
 * A mutable sum of {@link CellCounts}, for adding many small deltas: each addition costs the size of the delta, not
 * of the sum (an open-addressing hash table of cell to count). {@link #toCellCounts()} sorts once at the end.
 */
final class CellSums {

    /** Not a cell: measure ordinals are far below the sign bit. */
    private static final int FREE = Integer.MIN_VALUE;

    private int[] cells = newTable(16);
    private long[] counts = new long[16];
    private int used;

    void add(CellCounts delta) {
        for (int i = 0; i < delta.size(); i++) {
            add(delta.cellAt(i), delta.countAt(i));
        }
    }

    void add(CellSums other) {
        for (int i = 0; i < other.cells.length; i++) {
            if (other.cells[i] != FREE) {
                add(other.cells[i], other.counts[i]);
            }
        }
    }

    void add(int cell, long count) {
        int mask = cells.length - 1;
        int i = Cell.hash(cell) & mask;
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

    /** The non-zero cells, sorted. */
    CellCounts toCellCounts() {
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
