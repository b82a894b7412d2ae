package no.flyt.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import no.flyt.aggregates.Dimension;
import no.flyt.aggregates.Measure;
import no.flyt.aggregates.RegionFlows;
import no.flyt.aggregates.RegionType;
import no.flyt.reference.AgeBand;
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
                    Measure m = Measure.values()[r.nextInt(Measure.values().length)];
                    Dimension d = r.nextInt(3) == 0 ? Dimension.ALL : Dimension.values()[r.nextInt(Dimension.values().length)];
                    int category = d == Dimension.ALL ? 0 : r.nextInt(4);
                    int age = m == Measure.POPULATION ? r.nextInt(175) : d.name().startsWith("PARTNER_") ? Cell.NO_AGE
                        : r.nextInt(AgeBand.values().length + 2); // now and then an age that is not a band
                    cells.add(Cell.of(m, d, category, age), r.nextInt(2_001) - 1_000);
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
        for (AgeBand band : AgeBand.values()) {
            sum += counts.get(Cell.of(measure, Dimension.ALL, 0, band.ordinal()));
        }
        return sum;
    }
}
