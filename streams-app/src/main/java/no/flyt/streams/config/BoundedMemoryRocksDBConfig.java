package no.flyt.streams.config;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the off-heap memory of all RocksDB stores of this JVM: one block cache and one write buffer manager shared
 * by every store instance (one per task and store), with the memtables counted against the cache. Without it each
 * store instance gets its own 50 MB block cache and up to 3 × 16 MB of memtables, so memory grows with the number of
 * partitions. Index and filter blocks are held in the cache too, so they count against the same bound. The sizes are
 * flyt settings ({@link FlytSettings#ROCKSDB_MEMORY_BYTES}, {@link FlytSettings#ROCKSDB_MEMTABLE_BYTES}); the first
 * store of the JVM fixes them.
 */
public class BoundedMemoryRocksDBConfig implements RocksDBConfigSetter {

    private static final long BLOCK_SIZE = 16L * 1024;
    private static final int MAX_WRITE_BUFFERS = 2;
    private static final Logger log = LoggerFactory.getLogger(BoundedMemoryRocksDBConfig.class);

    /** The cache and write buffer manager every store instance of this JVM shares. */
    private record Shared(long memoryBytes, long memtableBytes, Cache cache, WriteBufferManager writeBufferManager) {
    }

    /** Created by the first store with the sizes of its configuration; never closed (they live as long as the JVM). */
    private static Shared shared;

    private static synchronized Shared shared(Map<String, Object> configs) {
        FlytSettings settings = FlytSettings.of(configs);
        long memory = settings.rocksDbMemoryBytes();
        long memtables = settings.rocksDbMemtableBytes();
        if (shared == null) {
            RocksDB.loadLibrary(); // Kafka Streams may not have loaded it yet when the config is validated
            Cache cache = new LRUCache(memory, -1, false, 0.1);
            shared = new Shared(memory, memtables, cache, new WriteBufferManager(memtables, cache));
            log.info("RocksDB off-heap memory of this JVM bounded to {} MiB, memtables {} MiB of it", memory >> 20, memtables >> 20);
        } else if (shared.memoryBytes() != memory || shared.memtableBytes() != memtables) {
            log.warn("RocksDB memory is shared by the whole JVM and already bounded to {} / {} bytes; {} / {} ignored",
                shared.memoryBytes(), shared.memtableBytes(), memory, memtables);
        }
        return shared;
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Shared bounds = shared(configs);
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(bounds.cache());
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        table.setBlockSize(BLOCK_SIZE);
        options.setWriteBufferManager(bounds.writeBufferManager());
        options.setMaxWriteBufferNumber(MAX_WRITE_BUFFERS);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the write buffer manager are shared; closing them here would break the other stores
    }
}
