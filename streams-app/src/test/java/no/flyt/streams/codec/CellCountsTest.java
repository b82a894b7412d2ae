package no.flyt.streams.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import no.flyt.catalogue.Breakdown;
import no.flyt.catalogue.Measure;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/** The value codec works on any non-negative cells: these are packed as measure, breakdown and two code bytes. */
class CellCountsTest {

    static int cell(Measure measure, Breakdown breakdown, int first, int second) {
        return measure.code() << 24 | breakdown.code() << 16 | first << 8 | second;
    }

    private static CellCounts random(Random r, int n) {
        CellCounts.Builder b = CellCounts.builder();
        for (int i = 0; i < n; i++) {
            b.add(cell(Measure.values()[r.nextInt(Measure.values().length)], Breakdown.values()[r.nextInt(Breakdown.values().length)],
                r.nextInt(100), r.nextInt(256)), r.nextInt(2_000_001) - 1_000_000L);
        }
        return b.build();
    }

    /** A value as it is read after being written with {@code serde}. */
    private static <T> T readBack(Serde<T> serde, T value) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", value));
    }

    @Test
    void sumIsCellWiseAndACountPlusItsNegationIsEmpty() {
        Random r = new Random(1);
        for (int round = 0; round < 50; round++) {
            CellCounts a = random(r, r.nextInt(60));
            CellCounts b = random(r, r.nextInt(60));
            CellCounts sum = a.plus(b);
            Map<Integer, Long> expected = new java.util.TreeMap<>(a.toMap());
            b.toMap().forEach((cell, n) -> expected.merge(cell, n, Long::sum));
            expected.values().removeIf(n -> n == 0);
            assertThat(sum.toMap()).isEqualTo(expected);
            assertThat(sum.plus(b.negate())).isEqualTo(a);
            assertThat(a.plus(a.negate())).isEqualTo(CellCounts.EMPTY);
        }
    }

    @Test
    void encodingRoundTripsIncludingNegativeAndLargeCounts() {
        var serde = CellCounts.serde();
        Random r = new Random(2);
        for (int round = 0; round < 50; round++) {
            CellCounts c = random(r, r.nextInt(500)).plus(CellCounts.builder()
                .add(cell(Measure.POPULATION, Breakdown.ALL, 0, 0), Long.MIN_VALUE + 1)
                .add(cell(Measure.DEATHS, Breakdown.SEX, 1, 3), Long.MAX_VALUE).build());
            assertThat(readBack(serde, c)).isEqualTo(c);
        }
        assertThat(readBack(serde, CellCounts.EMPTY)).isEqualTo(CellCounts.EMPTY);
    }

    @Test
    void addingToAReadValueMergesIntoItsBytesExactlyLikeTheDecodedSum() {
        var serde = CellCounts.serde();
        Random r = new Random(3);
        for (int round = 0; round < 300; round++) {
            CellCounts aggregate = random(r, 100 + r.nextInt(700));
            // a delta of fresh cells, cells of the aggregate (some cancelled exactly) and cells next to them
            CellCounts.Builder delta = CellCounts.builder();
            for (int i = r.nextInt(40); i > 0; i--) {
                int k = r.nextInt(aggregate.size());
                switch (r.nextInt(4)) {
                    case 0 -> delta.add(aggregate.cellAt(k), -aggregate.countAt(k));
                    case 1 -> delta.add(aggregate.cellAt(k), r.nextInt(2_000_001) - 1_000_000L);
                    case 2 -> delta.add(aggregate.cellAt(k) + 1, 1);
                    default -> delta.add(random(r, 1));
                }
            }
            if (round % 50 == 0) {
                delta.add(aggregate.negate());
            }
            CellCounts d = delta.build();
            CellCounts expected = aggregate.plus(d);
            CellCounts read = readBack(serde, aggregate);
            CellCounts merged = read.plus(d);
            assertThat(merged).isEqualTo(expected);
            assertThat(merged.size()).isEqualTo(expected.size());
            assertThat(serde.serializer().serialize("t", merged)).isEqualTo(serde.serializer().serialize("t", expected));
            assertThat(merged.plus(d.negate())).isEqualTo(aggregate);
        }
    }

    @Test
    void aLargeDeltaMergesIntoAReadValueExactlyLikeTheDecodedSum() {
        var store = CellCounts.storeSerde();
        Random r = new Random(7);
        for (int round = 0; round < 100; round++) {
            CellCounts aggregate = random(r, 300 + r.nextInt(700));
            CellCounts delta = random(r, 257 + r.nextInt(700)).plus(round % 10 == 0 ? aggregate.negate() : CellCounts.EMPTY);
            CellCounts expected = aggregate.plus(delta);
            CellCounts read = readBack(store, aggregate);
            CellCounts readDelta = readBack(store, delta);

            CellCounts merged = read.plus(readDelta);

            assertThat(merged).isEqualTo(expected);
            assertThat(store.serializer().serialize("t", merged)).isEqualTo(store.serializer().serialize("t", expected));
        }
    }

    @Test
    void sumOfManyValuesIsTheChainOfPairwiseSums() {
        var store = CellCounts.storeSerde();
        Random r = new Random(8);
        assertThat(CellCounts.sumOf(List.of())).isEqualTo(CellCounts.EMPTY);
        for (int round = 0; round < 100; round++) {
            List<CellCounts> values = new ArrayList<>();
            CellCounts chained = CellCounts.EMPTY;
            for (int i = r.nextInt(13); i > 0; i--) {
                CellCounts value = random(r, r.nextInt(4) == 0 ? 0 : r.nextInt(900));
                if (r.nextBoolean()) {
                    value = value.plus(chained.negate()); // sums to zero with what came before
                }
                // as months come from the store: small ones decoded, large ones as bytes
                values.add(readBack(store, value));
                chained = chained.plus(value);
            }

            CellCounts sum = CellCounts.sumOf(values);

            assertThat(sum).isEqualTo(chained);
            assertThat(sum.size()).isEqualTo(chained.size());
        }
    }

    @Test
    void aLargeStoredValueIsCheckedWhenItIsWalked() {
        CellCounts original = random(new Random(4), 400);
        byte[] whole = CellCounts.serde().serializer().serialize("t", original);
        byte[] truncated = java.util.Arrays.copyOf(whole, whole.length - 50); // still more bytes than cells announced
        String announced = original.size() + " cells announced";

        CellCounts read = CellCounts.storeSerde().deserializer().deserialize("store", truncated);

        assertThat(read.size()).isEqualTo(original.size());
        assertThatThrownBy(read::toMap).isInstanceOf(SerializationException.class).hasMessageContaining(announced);
        // a merge walks up to the last cell it changes (after it the bytes are copied as they are)
        CellCounts afterTheLast = CellCounts.builder().add(original.cellAt(original.size() - 1) + 1, 1).build();
        assertThatThrownBy(() -> read.plus(afterTheLast)).isInstanceOf(SerializationException.class)
            .hasMessageContaining(announced);
        assertThatThrownBy(() -> CellCounts.sumOf(List.of(read, random(new Random(6), 3)))).isInstanceOf(SerializationException.class);
        byte[] noCells = new byte[300];
        noCells[0] = CellCounts.FORMAT_VERSION;
        assertThatThrownBy(() -> CellCounts.storeSerde().deserializer().deserialize("store", noCells))
            .isInstanceOf(SerializationException.class).hasMessageContaining("cell count 0");
    }

    @Test
    void corruptBytesAreASerializationError() {
        assertThatThrownBy(() -> CellCounts.serde().deserializer().deserialize("t", new byte[] {9, 1}))
            .isInstanceOf(SerializationException.class).hasMessageContaining("format 9");
        assertThatThrownBy(() -> CellCounts.serde().deserializer().deserialize("t", new byte[] {1, 5, 1}))
            .isInstanceOf(SerializationException.class);
        byte[] truncated = java.util.Arrays.copyOf(CellCounts.serde().serializer().serialize("t", random(new Random(4), 400)), 300);
        assertThatThrownBy(() -> CellCounts.serde().deserializer().deserialize("t", truncated))
            .isInstanceOf(SerializationException.class);
    }
}
