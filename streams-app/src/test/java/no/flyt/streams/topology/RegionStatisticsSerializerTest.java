package no.flyt.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Random;
import java.util.UUID;
import no.flyt.aggregates.Dimension;
import no.flyt.aggregates.Measure;
import no.flyt.aggregates.RegionStatistics;
import no.flyt.serde.AvroSerdeConfig;
import no.flyt.streams.config.FlytTopics;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;

class RegionStatisticsSerializerTest {

    private final FlytTopics topics = FlytTopics.create("", Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + UUID.randomUUID()), 4);
    private final Serde<RegionStatistics> avro = topics.regionStatistics().valueSerde();
    private final RegionStatisticsSerializer fast = new RegionStatisticsSerializer(avro.serializer());
    private final String topic = topics.regionStatistics().name();

    @Test
    void writesTheSameBytesAsTheAvroSerializerForEveryKindOfCell() {
        Random random = new Random(5);
        for (String key : new String[] {"MUNICIPALITY:0301:2020-03", "COUNTY:32:2014-12", "CENTRALITY_CLASS:6:2024-12",
            "SIZE_BAND:FROM_1000_TO_49999:2021-07"}) {
            CellCounts.Builder cells = CellCounts.builder();
            for (int i = 0; i < 500; i++) {
                Measure m = Measure.values()[random.nextInt(Measure.values().length - 1)]; // not OTHER
                boolean population = m == Measure.POPULATION;
                Dimension d = Dimension.values()[random.nextInt(Dimension.PARTNER_SIZE_BAND.ordinal() + 1)];
                boolean partner = d.name().startsWith("PARTNER_");
                int age = population ? random.nextInt(175) : partner ? Cell.NO_AGE : random.nextInt(4);
                cells.add(Cell.of(m, d, random.nextInt(4), age), random.nextInt(2_000_001) - 1_000_000L);
            }
            CellCounts counts = cells.build();
            byte[] expected = avro.serializer().serialize(topic, RegionStatisticsRecords.toAvro(key, counts));

            byte[] written = fast.serialize(topic, KeyValue.pair(key, counts));

            assertThat(written).as(key).isEqualTo(expected);
            assertThat(avro.deserializer().deserialize(topic, written)).isEqualTo(RegionStatisticsRecords.toAvro(key, counts));
        }
    }

    @Test
    void anEmptyValueIsARecordWithoutCells() {
        byte[] written = fast.serialize(topic, KeyValue.pair("MUNICIPALITY:0301:2020-03", CellCounts.EMPTY));
        RegionStatistics read = avro.deserializer().deserialize(topic, written);
        assertThat(read.getCells()).isEmpty();
        assertThat(read.getRegionCode()).isEqualTo("0301");
    }
}
