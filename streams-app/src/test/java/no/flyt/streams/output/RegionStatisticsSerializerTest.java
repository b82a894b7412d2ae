package no.flyt.streams.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Random;
import java.util.UUID;
import no.flyt.aggregates.RegionStatistics;
import no.flyt.aggregates.YearlyRegionStatistics;
import no.flyt.serde.AvroSerdeConfig;
import no.flyt.streams.TestCells;
import no.flyt.streams.codec.CellCounts;
import no.flyt.streams.config.FlytTopics;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;

class RegionStatisticsSerializerTest {

    private final FlytTopics topics = FlytTopics.create("", Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + UUID.randomUUID()), 4);
    private final Serde<RegionStatistics> avro = topics.regionStatistics().valueSerde();
    private final RegionStatisticsSerializer<RegionStatistics> fast = RegionStatisticsSerializer.monthly(avro.serializer());
    private final String topic = topics.regionStatistics().name();
    private final Serde<YearlyRegionStatistics> yearlyAvro = topics.yearlyRegionStatistics().valueSerde();
    private final String yearlyTopic = topics.yearlyRegionStatistics().name();

    @Test
    void writesTheSameBytesAsTheAvroSerializerForEveryKindOfCell() {
        Random random = new Random(5);
        for (String key : new String[] {"MUNICIPALITY:0301:2020-03", "COUNTY:32:2014-12", "CENTRALITY_CLASS:6:2024-12",
            "SIZE_BAND:FROM_1000_TO_49999:2021-07"}) {
            CellCounts counts = randomCells(random);
            byte[] expected = avro.serializer().serialize(topic, RegionStatisticsRecords.toAvro(key, counts));

            byte[] written = fast.serialize(topic, KeyValue.pair(key, counts));

            assertThat(written).as(key).isEqualTo(expected);
            assertThat(avro.deserializer().deserialize(topic, written)).isEqualTo(RegionStatisticsRecords.toAvro(key, counts));
            // what the cache flush publishes: a value read from the store, whose cells are walked in its bytes
            var store = CellCounts.storeSerde();
            CellCounts stored = store.deserializer().deserialize("store", store.serializer().serialize("store", counts));
            assertThat(fast.serialize(topic, KeyValue.pair(key, stored))).as(key + " read from the store").isEqualTo(expected);
        }
    }

    @Test
    void writesTheSameBytesAsTheAvroSerializerForYears() {
        Random random = new Random(6);
        RegionStatisticsSerializer<YearlyRegionStatistics> fastYearly = RegionStatisticsSerializer.yearly(yearlyAvro.serializer());
        for (String key : new String[] {"MUNICIPALITY:0301:2020", "COUNTY:32:2014", "SIZE_BAND:FROM_1000_TO_49999:2024"}) {
            CellCounts counts = randomCells(random);
            byte[] expected = yearlyAvro.serializer().serialize(yearlyTopic, RegionStatisticsRecords.toAvroYear(key, counts));

            byte[] written = fastYearly.serialize(yearlyTopic, KeyValue.pair(key, counts));

            assertThat(written).as(key).isEqualTo(expected);
            YearlyRegionStatistics read = yearlyAvro.deserializer().deserialize(yearlyTopic, written);
            assertThat(read.getYear()).isEqualTo(Integer.parseInt(key.substring(key.lastIndexOf(':') + 1)));
            assertThat(read.getCells()).hasSize(counts.size());
        }
    }

    private static CellCounts randomCells(Random random) {
        CellCounts.Builder cells = CellCounts.builder();
        for (int i = 0; i < 500; i++) {
            // now and then a count of any size, for every length of Avro's varint
            long count = i % 50 == 0 ? random.nextLong() >> random.nextInt(64) : random.nextInt(2_000_001) - 1_000_000L;
            cells.add(TestCells.random(random), count);
        }
        return cells.build();
    }

    @Test
    void anEmptyValueIsARecordWithoutCells() {
        byte[] written = fast.serialize(topic, KeyValue.pair("MUNICIPALITY:0301:2020-03", CellCounts.EMPTY));
        RegionStatistics read = avro.deserializer().deserialize(topic, written);
        assertThat(read.getCells()).isEmpty();
        assertThat(read.getRegionCode()).isEqualTo("0301");
    }
}
