package no.flyt.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import no.flyt.aggregates.RegionType;
import no.flyt.catalogue.Breakdown;
import no.flyt.catalogue.Measure;
import no.flyt.reference.MunicipalityCatalog;
import no.flyt.streams.TestCells;
import no.flyt.streams.codec.CellCounts;
import no.flyt.streams.regions.RegionKey;
import no.flyt.streams.topology.PendingDeltas.PendingDelta;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The combiner on its own, over an in-memory store that outlives it: what a new instance restores from the store
 * is exactly what the old one had not forwarded.
 */
class PendingDeltasTest {

    private static final MunicipalityCatalog CATALOG = MunicipalityCatalog.bundled();
    private static final String OSLO_MARCH = RegionKey.of(RegionType.MUNICIPALITY, "0301", java.time.YearMonth.of(2020, 3));
    private static final String BERGEN_MARCH = RegionKey.of(RegionType.MUNICIPALITY, "4601", java.time.YearMonth.of(2020, 3));
    private static final int BIRTHS = TestCells.cell(Measure.BIRTHS, Breakdown.ALL, "ALL", "0-19");
    private static final int DEATHS = TestCells.cell(Measure.DEATHS, Breakdown.ALL, "ALL", "0-19");

    private KeyValueStore<Integer, PendingDelta> store;

    @BeforeEach
    void store() {
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(PendingDeltas.EVENTS_STORE), Serdes.Integer(),
            PendingDeltas.deltaSerde()).withLoggingDisabled().withCachingDisabled().build();
    }

    @Test
    void forwardsEachRegionMonthOnceWithItsCountyClassAndSizeBand() {
        MockProcessorContext<String, Routed> context = context();
        PendingDeltas pending = new PendingDeltas(context, PendingDeltas.EVENTS_STORE, CATALOG::byCode);
        pending.add(OSLO_MARCH, births(2));
        pending.add(OSLO_MARCH, births(1));
        pending.add(BERGEN_MARCH, births(5));
        pending.forwardAll();
        Map<String, Long> forwarded = forwardedBirths(context);
        assertThat(forwarded).containsEntry(OSLO_MARCH, 3L).containsEntry(BERGEN_MARCH, 5L)
            .containsEntry(RegionKey.of(RegionType.COUNTY, "03", java.time.YearMonth.of(2020, 3)), 3L)
            .containsEntry(RegionKey.of(RegionType.COUNTY, "46", java.time.YearMonth.of(2020, 3)), 5L)
            .containsEntry(RegionKey.of(RegionType.CENTRALITY_CLASS, "1", java.time.YearMonth.of(2020, 3)), 3L);
        assertThat(context.forwarded()).as("one record per region-month").hasSize(forwarded.size());

        context.resetForwards();
        pending.add(BERGEN_MARCH, births(1));
        pending.forwardAll();
        assertThat(forwardedBirths(context)).as("the next interval sends its own deltas only")
            .containsEntry(BERGEN_MARCH, 1L).doesNotContainKey(OSLO_MARCH)
            .doesNotContainKey(RegionKey.of(RegionType.COUNTY, "03", java.time.YearMonth.of(2020, 3)))
            .containsEntry(RegionKey.of(RegionType.COUNTY, "46", java.time.YearMonth.of(2020, 3)), 1L);
    }

    @Test
    void aNewInstanceForwardsWhatWasPendingAndNothingForwardedBefore() {
        PendingDeltas first = new PendingDeltas(context(), PendingDeltas.EVENTS_STORE, CATALOG::byCode);
        for (int i = 0; i < 5; i++) {
            first.add(OSLO_MARCH, births(1));
        }
        first.forwardAll(); // five stored deltas, now stale
        first.add(BERGEN_MARCH, births(2));
        first.add(BERGEN_MARCH, deaths(1)); // two pending; the stale ones numbered 2 to 4 are still in the store
        assertThat(store.approximateNumEntries()).isGreaterThan(3);

        MockProcessorContext<String, Routed> restored = context();
        new PendingDeltas(restored, PendingDeltas.EVENTS_STORE, CATALOG::byCode).forwardAll();
        Map<String, Map<Integer, Long>> cells = forwardedCells(restored);
        assertThat(cells.get(BERGEN_MARCH)).containsExactly(Map.entry(BIRTHS, 2L), Map.entry(DEATHS, 1L));
        assertThat(cells).as("the deltas forwarded before are not forwarded again").doesNotContainKey(OSLO_MARCH);

        MockProcessorContext<String, Routed> again = context();
        new PendingDeltas(again, PendingDeltas.EVENTS_STORE, CATALOG::byCode).forwardAll();
        assertThat(again.forwarded()).as("nothing pending after the restored deltas were forwarded").isEmpty();
    }

    @Test
    void deltasStoredWithoutAGenerationArePendingAndRemovedOnceForwarded() {
        context(); // opens the store
        store.put(0, PendingDeltas.deltaSerde().deserializer().deserialize("t", legacyBytes(OSLO_MARCH, births(4))));
        store.put(1, PendingDeltas.deltaSerde().deserializer().deserialize("t", legacyBytes(BERGEN_MARCH, births(1))));
        assertThat(store.get(0).generation()).isEqualTo(PendingDeltas.LEGACY);

        MockProcessorContext<String, Routed> context = context();
        PendingDeltas pending = new PendingDeltas(context, PendingDeltas.EVENTS_STORE, CATALOG::byCode);
        pending.add(OSLO_MARCH, births(1)); // numbered after the restored ones
        pending.forwardAll();
        assertThat(forwardedBirths(context)).containsEntry(OSLO_MARCH, 5L).containsEntry(BERGEN_MARCH, 1L);
        assertThat(store.get(0)).isNull();
        assertThat(store.get(1)).isNull();

        MockProcessorContext<String, Routed> again = context();
        new PendingDeltas(again, PendingDeltas.EVENTS_STORE, CATALOG::byCode).forwardAll();
        assertThat(again.forwarded()).isEmpty();
    }

    @Test
    void theStoredFormatKeepsGenerationRegionAndCells() {
        var serde = PendingDeltas.deltaSerde();
        PendingDelta delta = new PendingDelta(42L, "MUNICIPALITY:0301:2020-03", births(1));
        PendingDelta back = serde.deserializer().deserialize("changelog", serde.serializer().serialize("changelog", delta));
        assertThat(back).isEqualTo(delta);
    }

    private MockProcessorContext<String, Routed> context() {
        MockProcessorContext<String, Routed> context = new MockProcessorContext<>();
        context.setCurrentStreamTimeMs(0);
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return context;
    }

    private static CellCounts births(long n) {
        return CellCounts.builder().add(BIRTHS, n).build();
    }

    private static CellCounts deaths(long n) {
        return CellCounts.builder().add(DEATHS, n).build();
    }

    /** The value format before generations: the key's length and bytes, then the cells. */
    private static byte[] legacyBytes(String key, CellCounts delta) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        byte[] v = CellCounts.serde().serializer().serialize("t", delta);
        return ByteBuffer.allocate(2 + k.length + v.length).putShort((short) k.length).put(k).put(v).array();
    }

    private static Map<String, Long> forwardedBirths(MockProcessorContext<String, Routed> context) {
        Map<String, Long> births = new TreeMap<>();
        forwardedCells(context).forEach((key, cells) -> births.put(key, cells.getOrDefault(BIRTHS, 0L)));
        return births;
    }

    private static Map<String, Map<Integer, Long>> forwardedCells(MockProcessorContext<String, Routed> context) {
        Map<String, Map<Integer, Long>> cells = new TreeMap<>();
        List<MockProcessorContext.CapturedForward<? extends String, ? extends Routed>> forwards = context.forwarded();
        forwards.forEach(f -> cells.put(f.record().key(), ((Routed.Cells) f.record().value()).cells().toMap()));
        return cells;
    }
}
