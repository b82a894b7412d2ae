package no.flyt.streams.codec;

import java.nio.ByteBuffer;
import java.util.Random;
import org.apache.kafka.common.utils.internals.ByteUtils;

/**
 * Walks the same encoded values with the codec's own varint reader and with Kafka's {@code ByteUtils} over a
 * {@code ByteBuffer}, alternating, and prints nanoseconds per cell and their ratio. Not a test (it times, and times
 * vary): run it by hand, e.g. {@code java -cp <test classpath> no.flyt.streams.codec.VarintBenchmark}.
 */
public final class VarintBenchmark {

    private VarintBenchmark() {
    }

    public static void main(String[] args) {
        Random random = new Random(1);
        byte[][] values = new byte[200][];
        int cells = 0;
        for (int v = 0; v < values.length; v++) {
            CellCounts.Builder b = CellCounts.builder();
            // a busy region-month: a few thousand cells, small gaps, counts from 1 to thousands
            for (int i = 0; i < 3000; i++) {
                b.add(random.nextInt(1 << 26), 1 + random.nextInt(random.nextBoolean() ? 10 : 5000));
            }
            CellCounts value = b.build();
            values[v] = CellCounts.serde().serializer().serialize("t", value);
            cells += value.size();
        }
        long sink = 0;
        java.util.List<Double> ratios = new java.util.ArrayList<>();
        java.util.List<Double> ownTimes = new java.util.ArrayList<>();
        java.util.List<Double> kafkaTimes = new java.util.ArrayList<>();
        for (int round = 0; round < 40; round++) {
            long t0 = System.nanoTime();
            for (byte[] value : values) {
                sink += ownReader(value);
            }
            long t1 = System.nanoTime();
            for (byte[] value : values) {
                sink += byteUtils(value);
            }
            long t2 = System.nanoTime();
            if (round >= 8) { // the first rounds warm the JIT up
                double own = (t1 - t0) / (double) cells;
                double kafka = (t2 - t1) / (double) cells;
                ownTimes.add(own);
                kafkaTimes.add(kafka);
                ratios.add(kafka / own);
            }
        }
        System.out.printf("own reader: median %.1f ns/cell; ByteUtils over a ByteBuffer: median %.1f ns/cell; "
            + "ratio ByteUtils/own per round: min %.2f, median %.2f, max %.2f (%d rounds; checksum %d)%n",
            median(ownTimes), median(kafkaTimes), java.util.Collections.min(ratios), median(ratios), java.util.Collections.max(ratios),
            ratios.size(), sink);
    }

    private static double median(java.util.List<Double> values) {
        java.util.List<Double> sorted = new java.util.ArrayList<>(values);
        java.util.Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static long ownReader(byte[] value) {
        VarintReader in = new VarintReader(value, 1);
        long n = in.readUnsigned();
        long sum = 0;
        int cell = 0;
        for (long i = 0; i < n; i++) {
            cell += (int) in.readUnsigned();
            sum += cell + in.readSigned();
        }
        return sum;
    }

    private static long byteUtils(byte[] value) {
        ByteBuffer in = ByteBuffer.wrap(value, 1, value.length - 1);
        long n = ByteUtils.readUnsignedVarint(in);
        long sum = 0;
        int cell = 0;
        for (long i = 0; i < n; i++) {
            cell += ByteUtils.readUnsignedVarint(in);
            sum += cell + ByteUtils.readVarlong(in);
        }
        return sum;
    }
}
