package no.flyt.streams.topology;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.flyt.aggregates.RegionType;
import no.flyt.reference.Municipality;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Sums a task's statistics deltas per municipality-month between two punctuations and then forwards one record per
 * key: a combiner in front of the repartition topic. Thousands of baseline persons of one municipality become one
 * delta per interval instead of one record each through the repartition topic and one update each of an aggregate
 * with thousands of cells. When the sums are forwarded, the municipality sums are also added up to their county,
 * centrality class and size band, so that those regions are aggregates of their own at little extra cost.
 *
 * <p>Exactly once: the deltas not forwarded yet must be committed with the input offsets they stand for, in case the
 * instance fails after a commit. So each delta is also written, as it is, to a changelogged store under the number
 * of the delta within the interval; forwarding deletes those entries. The store is cached and the numbers start at
 * zero again after each forward, so between two commits the changelog receives at most one record per number,
 * whatever the number of intervals. The sums themselves are kept in memory only ({@link CellSums}), where adding a
 * delta costs the size of the delta; after a failure they are rebuilt from the restored store.
 */
public final class PendingDeltas {

    /** The stores of the two person-keyed processors: each has its own, as each keeps its own sums. */
    static final String EVENTS_STORE = "pending-event-deltas";
    static final String BASELINE_STORE = "pending-baseline-deltas";
    /** How long deltas wait; adds at most this much to the time until an event is visible in the aggregates. */
    public static final Duration INTERVAL = Duration.ofMillis(100);
    /** Streams configuration key to change {@link #INTERVAL} (tests hold deltas back with it). */
    public static final String INTERVAL_CONFIG = "flyt.combine.interval.ms";

    private final ProcessorContext<String, Routed> context;
    private final KeyValueStore<Integer, KeyValue<String, CellCounts>> store;
    private final MunicipalityResolver municipalities;
    private final Map<String, CellSums> sums = new HashMap<>();
    private int next;

    PendingDeltas(ProcessorContext<String, Routed> context, String storeName, MunicipalityResolver municipalities) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        this.municipalities = municipalities;
        // what a failed instance had not forwarded yet (stores are restored before processors are initialised)
        try (KeyValueIterator<Integer, KeyValue<String, CellCounts>> all = store.all()) {
            all.forEachRemaining(kv -> {
                sums.computeIfAbsent(kv.value.key, k -> new CellSums()).add(kv.value.value);
                next = Math.max(next, kv.key + 1);
            });
        }
        Object interval = context.appConfigs().get(INTERVAL_CONFIG);
        context.schedule(interval == null ? INTERVAL : Duration.ofMillis(Long.parseLong(interval.toString())),
            PunctuationType.WALL_CLOCK_TIME, now -> forwardAll());
    }

    static StoreBuilder<KeyValueStore<Integer, KeyValue<String, CellCounts>>> storeBuilder(String name) {
        // Persistent, so that a restart on its state directory restores only what changed since its checkpoint; small
        // changelog segments, so that compaction keeps the changelog (a handful of reused keys) short for a full restore.
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.Integer(), deltaSerde())
            .withCachingEnabled()
            .withLoggingEnabled(Map.of(TopicConfig.SEGMENT_MS_CONFIG, String.valueOf(Duration.ofMinutes(10).toMillis())));
    }

    void add(String municipalityMonth, CellCounts delta) {
        store.put(next++, KeyValue.pair(municipalityMonth, delta));
        sums.computeIfAbsent(municipalityMonth, k -> new CellSums()).add(delta);
    }

    /** Forwards every pending sum, and the sums of their counties, centrality classes and size bands. */
    void forwardAll() {
        if (next == 0) {
            return;
        }
        long timestamp = Math.max(0, context.currentStreamTimeMs());
        Map<String, CellSums> coarser = new LinkedHashMap<>();
        for (Map.Entry<String, CellSums> e : sums.entrySet()) {
            String key = e.getKey();
            forward(key, e.getValue().toCellCounts(), timestamp);
            YearMonth month = RegionKey.monthOf(key);
            Optional<Municipality> m = municipalities.resolve(RegionKey.codeOf(key));
            if (m.isPresent()) {
                for (String region : List.of(RegionKey.of(RegionType.COUNTY, m.get().getCountyCode(), month),
                    RegionKey.of(RegionType.CENTRALITY_CLASS, String.valueOf(m.get().getCentralityClass()), month),
                    RegionKey.of(RegionType.SIZE_BAND, SizeBand.of(m.get()).name(), month))) {
                    coarser.computeIfAbsent(region, k -> new CellSums()).add(e.getValue());
                }
            }
        }
        coarser.forEach((key, sum) -> forward(key, sum.toCellCounts(), timestamp));
        for (int i = 0; i < next; i++) {
            store.put(i, null); // a delete without reading the old value, which delete() returns
        }
        sums.clear();
        next = 0;
    }

    private void forward(String key, CellCounts delta, long timestamp) {
        if (!delta.isEmpty()) {
            context.forward(new Record<>(key, new Routed.Cells(delta), timestamp));
        }
    }

    /** A region-month key and its delta: the key's length and UTF-8 bytes, then the {@link CellCounts} encoding. */
    static Serde<KeyValue<String, CellCounts>> deltaSerde() {
        Serde<CellCounts> cells = CellCounts.serde();
        Serializer<KeyValue<String, CellCounts>> serializer = (topic, kv) -> {
            if (kv == null) {
                return null;
            }
            byte[] key = kv.key.getBytes(StandardCharsets.UTF_8);
            byte[] value = cells.serializer().serialize(topic, kv.value);
            return ByteBuffer.allocate(2 + key.length + value.length).putShort((short) key.length).put(key).put(value).array();
        };
        Deserializer<KeyValue<String, CellCounts>> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            int keyLength = buffer.getShort();
            if (keyLength < 0 || keyLength > buffer.remaining()) {
                throw new SerializationException("corrupt pending delta on " + topic + ": key length " + keyLength);
            }
            String key = new String(bytes, 2, keyLength, StandardCharsets.UTF_8);
            byte[] value = new byte[bytes.length - 2 - keyLength];
            buffer.position(2 + keyLength);
            buffer.get(value);
            return KeyValue.pair(key, cells.deserializer().deserialize(topic, value));
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
