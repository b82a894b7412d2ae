package no.flyt.streams.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import no.flyt.aggregates.RegionFlows;
import no.flyt.aggregates.RegionType;
import no.flyt.catalogue.Breakdown;
import no.flyt.catalogue.Dimension;
import no.flyt.catalogue.Measure;
import no.flyt.streams.TestCells;
import no.flyt.streams.codec.CellCounts;
import no.flyt.streams.regions.RegionKey;
import no.flyt.streams.rules.StatisticsContributions;
import org.junit.jupiter.api.Test;

class RegionStatisticsRecordsTest {

    @Test
    void flowTotalsAreTheAllPeopleCellsOfEveryAgeBandWhetherTheValueIsDecodedOrReadFromTheStore() {
        Random r = new Random(9);
        var store = CellCounts.storeSerde();
        for (RegionType type : RegionType.values()) {
            for (int round = 0; round < 20; round++) {
                CellCounts.Builder cells = CellCounts.builder();
                for (int i = 0; i < 600; i++) {
                    cells.add(TestCells.random(r), r.nextInt(2_001) - 1_000);
                }
                for (Measure m : Measure.values()) { // and the ALL cells of every flow, so that the totals are not all zero
                    m.table(Breakdown.ALL).filter(t -> t.dimensions().contains(Dimension.AGE_BAND))
                        .ifPresent(t -> cells.add(t.cell(0, r.nextInt(4)), r.nextInt(2_001) - 1_000));
                }
                CellCounts counts = cells.build();
                String key = RegionKey.of(type, "03", java.time.YearMonth.of(2020, 3));
                long in = allAges(counts, StatisticsContributions.domesticIn(type));
                long out = allAges(counts, StatisticsContributions.domesticOut(type));
                long immigrations = allAges(counts, Measure.IMMIGRATIONS);
                long emigrations = allAges(counts, Measure.EMIGRATIONS);
                RegionFlows expected = new RegionFlows(type, "03", "2020-03", in, out, immigrations, emigrations,
                    in - out + immigrations - emigrations);

                CellCounts stored = store.deserializer().deserialize("store", store.serializer().serialize("store", counts));

                assertThat(RegionStatisticsRecords.flows(key, counts)).isEqualTo(expected);
                assertThat(RegionStatisticsRecords.flows(key, stored)).isEqualTo(expected);
            }
        }
    }

    /** The definition: the ALL cell of each age band, looked up one by one. */
    private static long allAges(CellCounts counts, Measure measure) {
        long sum = 0;
        for (String band : Dimension.AGE_BAND.enumerated().keySet()) {
            sum += counts.get(TestCells.cell(measure, Breakdown.ALL, "ALL", band));
        }
        return sum;
    }
}
