package no.flyt.catalogue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One breakdown of one measure: the cells of the measure under {@code breakdown}, each also by the measure's
 * {@code axis} (age band, birth year or settlement year) where it has one. The 16 low bits of a cell hold the codes
 * of the parts, the first part in the highest bits; the layout is fixed with the codes (the codes registry test
 * guards it), so a stored cell means the same to every version.
 */
public final class Table {

    /** The bits a cell has for the parts of a table. */
    public static final int PAYLOAD_BITS = 16;

    private final Measure measure;
    private final Breakdown breakdown;
    private final Dimension axis;
    private final int since;
    private final List<Breakdown.Part> parts;
    private final List<Dimension> dimensions;
    final int head;
    final Dimension[] dimensionArray;
    final int[] shifts;
    final int[] masks;

    /** @param since the catalogue generation whose contributions include this table ({@link Catalogue#GENERATION}) */
    Table(Measure measure, Breakdown breakdown, Dimension axis, int since) {
        this.measure = measure;
        this.breakdown = breakdown;
        this.axis = axis;
        this.since = since;
        List<Breakdown.Part> all = new ArrayList<>(breakdown.parts());
        if (axis != null) {
            all.add(Breakdown.Part.of(axis, 8));
        }
        this.parts = Collections.unmodifiableList(all);
        this.dimensions = all.stream().map(Breakdown.Part::dimension).toList();
        this.head = measure.code() << 24 | breakdown.code() << 16;
        this.dimensionArray = dimensions.toArray(new Dimension[0]);
        this.shifts = new int[all.size()];
        this.masks = new int[all.size()];
        int shift = PAYLOAD_BITS;
        for (int i = 0; i < all.size(); i++) {
            shift -= all.get(i).bits();
            if (shift < 0) {
                throw new IllegalStateException(measure + "/" + breakdown + ": its parts " + all + " need more than " + PAYLOAD_BITS + " bits");
            }
            shifts[i] = shift;
            masks[i] = (1 << all.get(i).bits()) - 1;
        }
    }

    public Measure measure() {
        return measure;
    }

    public Breakdown breakdown() {
        return breakdown;
    }

    /** The measure's axis in this table (age band, birth year, settlement year), or null. */
    public Dimension axis() {
        return axis;
    }

    /** The catalogue generation whose contributions include this table ({@link Catalogue#GENERATION}). */
    public int since() {
        return since;
    }

    /** The parts in the order they are packed: the breakdown's, then the axis (8 bits). */
    public List<Breakdown.Part> parts() {
        return parts;
    }

    /** The dimensions of the table, its axis last. */
    public List<Dimension> dimensions() {
        return dimensions;
    }

    public boolean has(Dimension dimension) {
        return dimensions.contains(dimension);
    }

    /** The cell of this table with the given codes of its parts (in the order of {@link #parts()}). */
    public int cell(int... codes) {
        if (codes.length != shifts.length) {
            throw new IllegalArgumentException(this + " has " + shifts.length + " parts, " + codes.length + " codes given");
        }
        int payload = 0;
        for (int i = 0; i < codes.length; i++) {
            payload |= check(codes[i], i) << shifts[i];
        }
        return head | payload;
    }

    int check(int code, int index) {
        if (code < 0 || code > masks[index]) {
            throw new IllegalArgumentException("code " + code + " of " + dimensionArray[index] + " does not fit " + this);
        }
        return code;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Table t && t.measure == measure && t.breakdown == breakdown && Objects.equals(t.axis, axis) && t.since == since;
    }

    @Override
    public int hashCode() {
        return Objects.hash(measure, breakdown, axis, since);
    }

    @Override
    public String toString() {
        return measure + "/" + breakdown;
    }
}
