package no.flyt.streams.config;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of all RocksDB stores of this JVM: one block cache and one write buffer manager shared
 * by every store instance (one per task and store), with the memtables counted against the cache. Without it each
 * store instance gets its own 50 MB block cache and up to 3 × 16 MB of memtables, so memory grows with the number of
 * partitions. Index and filter blocks are held in the cache too, so they count against the same bound.
 */
public class BoundedMemoryRocksDBConfig implements RocksDBConfigSetter {

    /** Everything RocksDB may use for blocks and memtables together. */
    public static final long TOTAL_OFF_HEAP_BYTES = 128L * 1024 * 1024;
    /** The part of it memtables may use. */
    public static final long TOTAL_MEMTABLE_BYTES = 32L * 1024 * 1024;
    private static final long BLOCK_SIZE = 16L * 1024;
    private static final int MAX_WRITE_BUFFERS = 2;

    /** Shared by every store instance, never closed: they live as long as the JVM. Created on first use. */
    private static final class Shared {
        static {
            RocksDB.loadLibrary(); // Kafka Streams may not have loaded it yet when the config is validated
        }

        static final Cache CACHE = new LRUCache(TOTAL_OFF_HEAP_BYTES, -1, false, 0.1);
        static final WriteBufferManager WRITE_BUFFER_MANAGER = new WriteBufferManager(TOTAL_MEMTABLE_BYTES, CACHE);
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(Shared.CACHE);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        table.setBlockSize(BLOCK_SIZE);
        options.setWriteBufferManager(Shared.WRITE_BUFFER_MANAGER);
        options.setMaxWriteBufferNumber(MAX_WRITE_BUFFERS);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the write buffer manager are shared; closing them here would break the other stores
    }
}
