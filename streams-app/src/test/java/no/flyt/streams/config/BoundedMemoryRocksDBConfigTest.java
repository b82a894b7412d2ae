package no.flyt.streams.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.common.config.ConfigException;
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
    void theSizesComeFromTheSettingsWithTheirDefaultsAndBounds() {
        assertThat(FlytSettings.of(Map.of()).rocksDbMemoryBytes()).isEqualTo(256L * 1024 * 1024);
        assertThat(FlytSettings.of(Map.of(FlytSettings.ROCKSDB_MEMORY_BYTES, " 268435456")).rocksDbMemoryBytes()).isEqualTo(268_435_456L);
        assertThat(FlytSettings.of(Map.of(FlytSettings.ROCKSDB_MEMTABLE_BYTES, 2_000_000)).rocksDbMemtableBytes()).isEqualTo(2_000_000L);
        assertThatThrownBy(() -> FlytSettings.of(Map.of(FlytSettings.ROCKSDB_MEMTABLE_BYTES, "0")))
            .isInstanceOf(ConfigException.class).hasMessageContaining(FlytSettings.ROCKSDB_MEMTABLE_BYTES);
    }

    @Test
    void memtablesLargerThanTheWholeBudgetAreRefused() {
        try (Options options = new Options().setTableFormatConfig(new BlockBasedTableConfig())) {
            assertThatThrownBy(() -> new BoundedMemoryRocksDBConfig().setConfig("person-history", options, Map.of(
                FlytSettings.ROCKSDB_MEMORY_BYTES, "2000000", FlytSettings.ROCKSDB_MEMTABLE_BYTES, "3000000")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("must not exceed");
        }
    }

    @Test
    void theStreamsConfigUsesIt() {
        Properties config = StreamsSettings.streamsConfig("localhost:9092", "http://localhost:8081", Path.of("/tmp/state"),
            FlytTopics.create("", Map.of("schema.registry.url", "http://localhost:8081"), 1), new Properties());
        assertThat(config.get(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG)).isEqualTo(BoundedMemoryRocksDBConfig.class.getName());
    }
}
