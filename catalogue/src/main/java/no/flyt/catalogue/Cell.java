package no.flyt.catalogue;

/**
 * A stored cell: one counter of a region-month, packed into an int so that a value is a small sorted array:
 * {@code measure code << 24 | breakdown code << 16 | the codes of the table's parts in the low 16 bits}, the first
 * part highest. Codes, not enum ordinals: the cells in state stores, changelogs and topics mean the same to every
 * version, whatever the order of the declarations. Cells sort by measure, then breakdown, then parts.
 */
public final class Cell {

    private Cell() {
    }

    /** The codes of the dimensions of one thing counted: what the rules know of a fact, asked for by a table. */
    @FunctionalInterface
    public interface Codes {
        /** The code of {@code dimension}; a rule asked for a dimension it does not know throws. */
        int code(Dimension dimension);
    }

    /** The cell of {@code table} for the codes {@code codes} gives its dimensions: the hot path of every contribution. */
    public static int of(Table table, Codes codes) {
        int payload = 0;
        for (int i = 0; i < table.shifts.length; i++) {
            payload |= table.check(codes.code(table.dimensionArray[i]), i) << table.shifts[i];
        }
        return table.head | payload;
    }

    /** The measure and breakdown bits of every cell of {@code table}. */
    public static int head(Table table) {
        return table.head;
    }

    public static int measureCode(int cell) {
        return cell >>> 24;
    }

    public static int breakdownCode(int cell) {
        return (cell >>> 16) & 0xFF;
    }

    public static Measure measure(int cell) {
        return Catalogue.measure(measureCode(cell));
    }

    public static Breakdown breakdown(int cell) {
        return Catalogue.breakdown(breakdownCode(cell));
    }

    /** The table a cell belongs to; an {@link IllegalArgumentException} for a cell no declaration has. */
    public static Table table(int cell) {
        return Catalogue.table(measureCode(cell), breakdownCode(cell));
    }

    /** The code of the cell's part {@code index} (in the order of {@link Table#parts()}). */
    public static int code(int cell, Table table, int index) {
        return (cell >>> table.shifts[index]) & table.masks[index];
    }

    /** The code of {@code dimension} in the cell, or -1 when its table does not have it. */
    public static int code(int cell, Dimension dimension) {
        Table table = table(cell);
        for (int i = 0; i < table.dimensionArray.length; i++) {
            if (table.dimensionArray[i] == dimension) {
                return code(cell, table, i);
            }
        }
        return -1;
    }

    /** A readable form, for logs and test failures: {@code DOMESTIC_IN/IMMIGRANT_CATEGORY IMMIGRANT 20-29}. */
    public static String describe(int cell) {
        Table table = table(cell);
        StringBuilder s = new StringBuilder(table.toString());
        var parts = table.parts();
        for (int i = 0; i < parts.size(); i++) {
            Dimension d = parts.get(i).dimension();
            if (d.placement() != Dimension.Placement.NONE) {
                s.append(' ').append(d.label(code(cell, table, i)));
            }
        }
        return s.toString();
    }
}
