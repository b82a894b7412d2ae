package no.flyt.streams.topology;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.flyt.catalogue.Border;
import no.flyt.reference.Municipality;
import no.flyt.streams.config.FlytSettings;
import no.flyt.streams.codec.CellCounts;
import no.flyt.streams.codec.CellSums;
import no.flyt.streams.regions.RegionKey;
import no.flyt.streams.rules.Borders;
import no.flyt.streams.rules.MunicipalityResolver;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
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
 * of the delta within the interval, with the interval's generation; forwarding starts a new generation (one entry),
 * which leaves the forwarded deltas stale, and the numbers start at zero again. The store is cached, so between two
 * commits the changelog receives at most one record per number, whatever the number of intervals. The sums themselves
 * are kept in memory only ({@link CellSums}), where adding a delta costs the size of the delta; after a failure they
 * are rebuilt from the restored store's deltas of the current generation.
 */
public final class PendingDeltas {

    /** The stores of the two person-keyed processors: each has its own, as each keeps its own sums. */
    static final String EVENTS_STORE = "pending-event-deltas";
    static final String BASELINE_STORE = "pending-baseline-deltas";

    /** The store key of the current generation; deltas are numbered from zero. */
    static final int GENERATION_KEY = -1;
    /** The generation of a delta written by a version that deleted each forwarded delta: pending whatever it says. */
    static final long LEGACY = Long.MIN_VALUE;
    /** Starts a stored value with a generation: negative, so never a key length. */
    private static final short WITH_GENERATION = -1;

    private final ProcessorContext<String, Routed> context;
    private final KeyValueStore<Integer, PendingDelta> store;
    private final MunicipalityResolver municipalities;
    /**
     * The sums of the current interval, new ones each interval: kept for reuse, they lived long enough to be promoted
     * and the garbage collections grew in number, for no saving the profile showed (docs/BENCHMARKS.md, seventh round).
     */
    private final Map<String, CellSums> sums = new HashMap<>();
    /** Numbers of restored legacy deltas, deleted once forwarded (newer deltas are numbered after them). */
    private final List<Integer> legacy = new ArrayList<>();
    private long generation;
    private int next;

    PendingDeltas(ProcessorContext<String, Routed> context, String storeName, MunicipalityResolver municipalities) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        this.municipalities = municipalities;
        // what a failed instance had not forwarded yet (stores are restored before processors are initialised)
        PendingDelta current = store.get(GENERATION_KEY);
        generation = current == null ? 0 : current.generation();
        try (KeyValueIterator<Integer, PendingDelta> all = store.all()) {
            all.forEachRemaining(kv -> {
                PendingDelta d = kv.value;
                if (kv.key != GENERATION_KEY && (d.generation() == generation || d.generation() == LEGACY)) {
                    sums.computeIfAbsent(d.regionMonth(), k -> new CellSums()).add(d.delta());
                    next = Math.max(next, kv.key + 1);
                    if (d.generation() == LEGACY) {
                        legacy.add(kv.key);
                    }
                }
            });
        }
        context.schedule(FlytSettings.of(context.appConfigs()).combineInterval(), PunctuationType.WALL_CLOCK_TIME, now -> forwardAll());
    }

    static StoreBuilder<KeyValueStore<Integer, PendingDelta>> storeBuilder(String name) {
        // Persistent, so that a restart on its state directory restores only what changed since its checkpoint; small
        // changelog segments, so that compaction keeps the changelog (a handful of reused keys) short for a full restore.
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.Integer(), deltaSerde())
            .withCachingEnabled()
            .withLoggingEnabled(Map.of(TopicConfig.SEGMENT_MS_CONFIG, String.valueOf(Duration.ofMinutes(10).toMillis())));
    }

    void add(String municipalityMonth, CellCounts delta) {
        store.put(next++, new PendingDelta(generation, municipalityMonth, delta));
        sums.computeIfAbsent(municipalityMonth, k -> new CellSums()).add(delta);
    }

    /**
     * Forwards every pending sum, and the sums of their counties, centrality classes and size bands. The forwarded
     * deltas are not deleted one by one: a new generation is written, which leaves them stale, and the next interval's
     * deltas overwrite them from number zero.
     */
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
                for (Border border : Border.values()) {
                    String region = RegionKey.of(Borders.regionType(border), Borders.regionCode(m.get(), border), month);
                    coarser.computeIfAbsent(region, k -> new CellSums()).add(e.getValue());
                }
            }
        }
        coarser.forEach((key, sum) -> forward(key, sum.toCellCounts(), timestamp));
        store.put(GENERATION_KEY, new PendingDelta(++generation, "", CellCounts.EMPTY));
        legacy.forEach(number -> store.put(number, null));
        legacy.clear();
        sums.clear();
        next = 0;
    }

    private void forward(String key, CellCounts delta, long timestamp) {
        if (!delta.isEmpty()) {
            context.forward(new Record<>(key, new Routed.Cells(delta), timestamp));
        }
    }

    /** A delta of a region-month as it waits in the store, or (under {@link #GENERATION_KEY}) the current generation. */
    record PendingDelta(long generation, String regionMonth, CellCounts delta) {
    }

    /**
     * A marker, the generation, the key's length and UTF-8 bytes, then the {@link CellCounts} encoding. A value that
     * starts with the key's length (no marker) was written by a version without generations and is read as
     * {@link #LEGACY}.
     */
    static Serde<PendingDelta> deltaSerde() {
        Serde<CellCounts> cells = CellCounts.serde();
        Serializer<PendingDelta> serializer = (topic, d) -> {
            if (d == null) {
                return null;
            }
            byte[] key = d.regionMonth().getBytes(StandardCharsets.UTF_8);
            byte[] value = cells.serializer().serialize(topic, d.delta());
            return ByteBuffer.allocate(2 + 8 + 2 + key.length + value.length)
                .putShort(WITH_GENERATION).putLong(d.generation()).putShort((short) key.length).put(key).put(value).array();
        };
        Deserializer<PendingDelta> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            int first = buffer.getShort();
            long generation = LEGACY;
            if (first == WITH_GENERATION) {
                generation = buffer.getLong();
                first = buffer.getShort();
            }
            int keyLength = first;
            if (keyLength < 0 || keyLength > buffer.remaining()) {
                throw new SerializationException("corrupt pending delta on " + topic + ": key length " + keyLength);
            }
            String key = new String(bytes, buffer.position(), keyLength, StandardCharsets.UTF_8);
            byte[] value = new byte[buffer.remaining() - keyLength];
            buffer.position(buffer.position() + keyLength);
            buffer.get(value);
            return new PendingDelta(generation, key, cells.deserializer().deserialize(topic, value));
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
