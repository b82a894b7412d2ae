package no.flyt.streams.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;

class BoundedMemoryRocksDBConfigTest {

    @Test
    void everyStoreGetsTheSharedBoundedSettings() {
        BoundedMemoryRocksDBConfig setter = new BoundedMemoryRocksDBConfig();
        try (Options first = new Options().setTableFormatConfig(new BlockBasedTableConfig());
             Options second = new Options().setTableFormatConfig(new BlockBasedTableConfig())) {
            setter.setConfig("person-history", first, Map.of());
            setter.setConfig("region-statistics", second, Map.of());
            for (Options options : new Options[] {first, second}) {
                assertThat(options.maxWriteBufferNumber()).isEqualTo(2);
                BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
                assertThat(table.cacheIndexAndFilterBlocks()).isTrue();
                assertThat(table.blockSize()).isEqualTo(16 * 1024);
            }
            setter.close("person-history", first);
        }
    }

    @Test
    void theStreamsConfigUsesIt() {
        Properties config = StreamsSettings.streamsConfig("localhost:9092", "http://localhost:8081", Path.of("/tmp/state"),
            FlytTopics.create("", Map.of("schema.registry.url", "http://localhost:8081"), 1), new Properties());
        assertThat(config.get(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG)).isEqualTo(BoundedMemoryRocksDBConfig.class.getName());
    }
}
