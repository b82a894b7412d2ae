package no.flyt.streams.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import no.flyt.catalogue.Breakdown;
import no.flyt.catalogue.Measure;
import org.junit.jupiter.api.Test;

class CellSumsTest {

    @Test
    void sumsManyDeltasLikeAddingThemOneByOne() {
        Random random = new Random(3);
        CellSums sums = new CellSums();
        CellCounts expected = CellCounts.EMPTY;
        for (int i = 0; i < 2_000; i++) {
            CellCounts.Builder delta = CellCounts.builder();
            for (int j = 0; j < 1 + random.nextInt(12); j++) {
                Measure m = Measure.values()[random.nextInt(Measure.values().length)];
                delta.add(CellCountsTest.cell(m, Breakdown.SEX, random.nextInt(2), random.nextInt(120)), random.nextInt(5) - 2);
            }
            CellCounts d = delta.build();
            sums.add(d);
            expected = expected.plus(d);
        }
        assertThat(expected.size()).as("the table grew several times").isGreaterThan(1_000);
        assertThat(sums.toCellCounts()).isEqualTo(expected);
    }

    @Test
    void cellsThatCancelOutAreLeftOutAndCellZeroIsACell() {
        CellSums sums = new CellSums();
        int zero = CellCountsTest.cell(Measure.DOMESTIC_IN, Breakdown.ALL, 0, 0);
        int other = CellCountsTest.cell(Measure.POPULATION, Breakdown.ALL, 0, 130);
        sums.add(CellCounts.builder().add(zero, 2).add(other, 1).build());
        sums.add(CellCounts.builder().add(other, -1).build());
        assertThat(zero).isZero();
        assertThat(sums.toCellCounts().toMap()).containsExactly(java.util.Map.entry(zero, 2L));
        CellSums coarser = new CellSums();
        coarser.add(sums);
        coarser.add(sums);
        assertThat(coarser.toCellCounts().toMap()).containsExactly(java.util.Map.entry(zero, 4L));
    }
}
