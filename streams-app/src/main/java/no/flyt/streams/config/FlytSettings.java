package no.flyt.streams.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * flyt's own settings, declared once with their type, default, valid range and documentation, and read here only.
 * They travel with the Kafka Streams configuration (a properties file, {@code KAFKA_FLYT_…} environment variables,
 * {@code --streams-config}), so processors read them from their context's app configs through {@link #of}.
 */
public final class FlytSettings extends AbstractConfig {

    public static final String COMBINE_INTERVAL_MS = "flyt.combine.interval.ms";
    public static final String YEARLY_INTERVAL_MS = "flyt.yearly.interval.ms";
    public static final String ROCKSDB_MEMORY_BYTES = "flyt.rocksdb.memory.bytes";
    public static final String ROCKSDB_MEMTABLE_BYTES = "flyt.rocksdb.memtable.bytes";

    public static final ConfigDef DEFINITION = new ConfigDef()
        .define(COMBINE_INTERVAL_MS, Type.LONG, 100L, Range.atLeast(1), Importance.MEDIUM,
            "How long each task sums the statistics deltas of its events before it sends them on (a combiner in front of "
                + "the repartition topic). Adds at most this much to the time until an event is visible; longer intervals "
                + "sent fewer but larger deltas and gained nothing in the benchmarks (docs/BENCHMARKS.md).")
        .define(YEARLY_INTERVAL_MS, Type.LONG, 10_000L, Range.atLeast(100), Importance.LOW,
            "How often the yearly statistics of regions whose months keep changing are republished (they are also "
                + "published about a second after their months stop changing). The yearly topic lags the monthly one by at "
                + "most this much.")
        .define(ROCKSDB_MEMORY_BYTES, Type.LONG, 256L * 1024 * 1024, Range.atLeast(1024 * 1024), Importance.MEDIUM,
            "Everything RocksDB may use for blocks and memtables, all stores of the JVM together, in bytes. The first "
                + "store of the JVM fixes it.")
        .define(ROCKSDB_MEMTABLE_BYTES, Type.LONG, 128L * 1024 * 1024, Range.atLeast(1024 * 1024), Importance.LOW,
            "The part of " + ROCKSDB_MEMORY_BYTES + " that memtables may use, in bytes. Large enough that a flush writes a "
                + "sizeable file: with 32 MiB the full decade's compactions took 140-420 CPU s, with 128 MiB 42 CPU s.");

    private FlytSettings(Map<?, ?> configs) {
        super(DEFINITION, configs, false);
        if (rocksDbMemtableBytes() > rocksDbMemoryBytes()) {
            throw new org.apache.kafka.common.config.ConfigException(ROCKSDB_MEMTABLE_BYTES, rocksDbMemtableBytes(),
                "must not exceed " + ROCKSDB_MEMORY_BYTES + " (" + rocksDbMemoryBytes() + "): the memtables are charged to the same cache");
        }
    }

    /** The settings among {@code configs} (the app configs of a processor, or any properties); others are ignored. */
    public static FlytSettings of(Map<?, ?> configs) {
        return new FlytSettings(configs);
    }

    public Duration combineInterval() {
        return Duration.ofMillis(getLong(COMBINE_INTERVAL_MS));
    }

    public Duration yearlyInterval() {
        return Duration.ofMillis(getLong(YEARLY_INTERVAL_MS));
    }

    public long rocksDbMemoryBytes() {
        return getLong(ROCKSDB_MEMORY_BYTES);
    }

    public long rocksDbMemtableBytes() {
        return getLong(ROCKSDB_MEMTABLE_BYTES);
    }

    /** One line per setting, for {@code --help} and the docs: name, type, default, valid values and documentation. */
    public static List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (ConfigDef.ConfigKey key : DEFINITION.configKeys().values()) {
            lines.add(key.name + " (" + key.type.toString().toLowerCase(java.util.Locale.ROOT) + ", default " + key.defaultValue
                + (key.validator == null ? "" : ", " + key.validator) + "): " + key.documentation);
        }
        return lines;
    }
}
