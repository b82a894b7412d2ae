package no.flyt.streams;

import java.util.List;
import java.util.Random;
import no.flyt.catalogue.Breakdown;
import no.flyt.catalogue.Dimension;
import no.flyt.catalogue.Measure;
import no.flyt.catalogue.Table;

/** Cells of the statistics catalogue for tests: one by its labels, or random ones of every table. */
public final class TestCells {

    private TestCells() {
    }

    /** The cell of a measure's table with the categories given by their labels, in the order of the table's parts. */
    public static int cell(Measure measure, Breakdown breakdown, String... labels) {
        Table table = measure.tableOf(breakdown);
        List<Dimension> dimensions = table.dimensions();
        int[] codes = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            codes[i] = dimensions.get(i).codeOf(labels[i]);
        }
        return table.cell(codes);
    }

    /** A cell of a random table of a random measure, each part a valid category. */
    public static int random(Random random) {
        Measure m = Measure.values()[random.nextInt(Measure.values().length)];
        Table t = m.tables().get(random.nextInt(m.tables().size()));
        List<Dimension> dimensions = t.dimensions();
        int[] codes = new int[dimensions.size()];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = randomCode(dimensions.get(i), random);
        }
        return t.cell(codes);
    }

    private static int randomCode(Dimension d, Random random) {
        if (d.isEnumerated()) {
            List<Integer> codes = List.copyOf(d.enumerated().values());
            return codes.get(random.nextInt(codes.size()));
        }
        return switch (d) {
            case PARTNER_COUNTY -> List.of(3, 11, 15, 18, 31, 32, 33, 34, 39, 40, 42, 46, 50, 55, 56).get(random.nextInt(15));
            case PARTNER_CENTRALITY_CLASS -> 1 + random.nextInt(6);
            default -> random.nextInt(d.maxCode() + 1);
        };
    }
}
