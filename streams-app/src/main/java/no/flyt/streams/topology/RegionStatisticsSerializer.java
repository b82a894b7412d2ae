package no.flyt.streams.topology;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Function;
import no.flyt.aggregates.Measure;
import no.flyt.aggregates.RegionStatistics;
import no.flyt.aggregates.YearlyRegionStatistics;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;

/**
 * Writes a region-month's (or region-year's) cells as the {@link RegionStatistics} ({@link YearlyRegionStatistics})
 * record the configured Avro serializer would write, byte for byte, without building thousands of
 * {@code StatisticsCell} objects and walking them with Avro's reflective datum writer (one of the larger costs of each
 * commit). The configured serializer writes the record with an empty cell list (Confluent framing and schema id,
 * region and period); cells are the record's last field, so the last byte is the empty array's end marker, which is
 * replaced by the cells in Avro's binary encoding: one block of items, then the end marker.
 */
final class RegionStatisticsSerializer<R> implements Serializer<KeyValue<String, CellCounts>> {

    private static final Measure[] MEASURES = Measure.values();

    private final Serializer<R> avro;
    private final Function<String, R> withoutCells;

    private RegionStatisticsSerializer(Serializer<R> avro, Function<String, R> withoutCells) {
        this.avro = avro;
        this.withoutCells = withoutCells;
    }

    /** For records keyed {@code REGION_TYPE:code:yyyy-MM}. */
    static RegionStatisticsSerializer<RegionStatistics> monthly(Serializer<RegionStatistics> avro) {
        return new RegionStatisticsSerializer<>(avro, key -> new RegionStatistics(RegionKey.typeOf(key), RegionKey.codeOf(key),
            RegionKey.monthOf(key).toString(), List.of()));
    }

    /** For records keyed {@code REGION_TYPE:code:yyyy}. */
    static RegionStatisticsSerializer<YearlyRegionStatistics> yearly(Serializer<YearlyRegionStatistics> avro) {
        return new RegionStatisticsSerializer<>(avro, key -> new YearlyRegionStatistics(RegionKey.typeOf(key), RegionKey.codeOf(key),
            RegionKey.yearOf(key), List.of()));
    }

    @Override
    public byte[] serialize(String topic, KeyValue<String, CellCounts> keyed) {
        if (keyed == null) {
            return null;
        }
        String key = keyed.key;
        CellCounts counts = keyed.value;
        byte[] head = avro.serialize(topic, withoutCells.apply(key));
        // one serializer serves every task and stream thread: nothing mutable is kept between calls
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(head.length + 12 * counts.size());
        try {
            buffer.write(head, 0, head.length - 1); // without the end marker of the empty array
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(buffer, null);
            if (counts.size() > 0) {
                encoder.writeArrayStart();
                encoder.setItemCount(counts.size());
                for (int i = 0; i < counts.size(); i++) {
                    encoder.startItem();
                    writeCell(encoder, counts.cellAt(i), counts.countAt(i));
                }
            }
            encoder.writeArrayEnd();
            encoder.flush();
            return buffer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
    }

    /** The fields of StatisticsCell in schema order: measure, dimension, category, ageBand, birthYear, count. */
    private static void writeCell(BinaryEncoder encoder, int cell, long count) throws IOException {
        Measure measure = MEASURES[cell >>> 24];
        encoder.writeEnum(measure.ordinal());
        encoder.writeEnum(Cell.dimension(cell).ordinal());
        encoder.writeString(Cell.categoryLabel(cell));
        if (Cell.hasAgeBand(cell)) {
            encoder.writeIndex(1);
            encoder.writeString(Cell.label(Cell.ageBand(cell)));
        } else {
            encoder.writeIndex(0);
        }
        if (measure == Measure.POPULATION) {
            encoder.writeIndex(1);
            encoder.writeInt(Cell.birthYear(cell));
        } else {
            encoder.writeIndex(0);
        }
        encoder.writeLong(count);
    }
}
