package no.flyt.streams.topology;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import no.flyt.reference.Municipality;
import no.flyt.streams.codec.CellCounts;
import no.flyt.streams.query.AppStatus;
import no.flyt.streams.query.Instance;
import no.flyt.streams.query.LocalStatistics;
import no.flyt.streams.query.UnavailableException;
import no.flyt.streams.regions.Geography;
import no.flyt.streams.regions.RegionKey;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The statistics as this instance's Kafka Streams holds them (interactive queries): where a stored region is hosted,
 * the months of the regions hosted here (one range scan each: the partitioner keeps a region's months together), the
 * reference data of the global store, and the app's state and counters. What the query layer sees of Kafka Streams.
 */
public final class StreamsStatistics implements LocalStatistics, Geography, AppStatus {

    private final KafkaStreams streams;
    private final Instance self;

    public StreamsStatistics(KafkaStreams streams, Instance self) {
        this.streams = streams;
        this.self = self;
    }

    @Override
    public Instance self() {
        return self;
    }

    @Override
    public Instance hostOf(String region) {
        return new Instance(metadata(region).activeHost().host(), metadata(region).activeHost().port());
    }

    @Override
    public NavigableMap<YearMonth, CellCounts> read(String region, YearMonth from, YearMonth to) {
        KeyQueryMetadata metadata = metadata(region);
        if (!new Instance(metadata.activeHost().host(), metadata.activeHost().port()).equals(self)) {
            throw new UnavailableException(region + " moved to another instance; retry");
        }
        try {
            return range(localStore(metadata.partition()), region, from, to);
        } catch (InvalidStateStoreException e) {
            throw notQueryable(e); // the task moved or is restoring between the metadata look-up and the read
        }
    }

    private KeyQueryMetadata metadata(String region) {
        KeyQueryMetadata metadata = streams.queryMetadataForKey(StatisticsTopology.REGION_STATISTICS_STORE, region, new RegionPartitioner<>());
        if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            throw new UnavailableException("the streams app is starting or rebalancing; retry in a few seconds");
        }
        return metadata;
    }

    private ReadOnlyKeyValueStore<String, CellCounts> localStore(int partition) {
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(StatisticsTopology.REGION_STATISTICS_STORE,
                QueryableStoreTypes.<String, CellCounts>keyValueStore()).withPartition(partition));
        } catch (InvalidStateStoreException e) {
            throw notQueryable(e);
        }
    }

    private static UnavailableException notQueryable(InvalidStateStoreException e) {
        return new UnavailableException("the region-statistics store is not queryable right now (" + e.getMessage() + "); retry in a few seconds", e);
    }

    /** The non-empty months of one stored region ({@code MUNICIPALITY:0301}) in a store, by one range scan. */
    public static NavigableMap<YearMonth, CellCounts> range(ReadOnlyKeyValueStore<String, CellCounts> store, String region,
                                                           YearMonth from, YearMonth to) {
        NavigableMap<YearMonth, CellCounts> months = new TreeMap<>();
        try (KeyValueIterator<String, CellCounts> range = store.range(RegionKey.ofRegion(region, from), RegionKey.ofRegion(region, to))) {
            while (range.hasNext()) {
                KeyValue<String, CellCounts> kv = range.next();
                if (!kv.value.isEmpty()) {
                    months.put(RegionKey.monthOf(kv.key), kv.value);
                }
            }
        }
        return months;
    }

    // ------------------------------------------------------------------------------------------ reference data

    @Override
    public Optional<Municipality> municipality(String code) {
        return Optional.ofNullable(municipalities().get(code));
    }

    @Override
    public List<Municipality> municipalities2024() {
        List<Municipality> result = new ArrayList<>();
        try (KeyValueIterator<String, Municipality> all = municipalities().all()) {
            all.forEachRemaining(kv -> {
                if (kv.value.getCode().equals(kv.value.getCode2024())) {
                    result.add(kv.value);
                }
            });
        }
        result.sort((a, b) -> a.getCode().compareTo(b.getCode()));
        return result;
    }

    private ReadOnlyKeyValueStore<String, Municipality> municipalities() {
        try {
            return streams.store(StoreQueryParameters
                .fromNameAndType(StatisticsTopology.MUNICIPALITIES_STORE, QueryableStoreTypes.<String, Municipality>keyValueStore()));
        } catch (InvalidStateStoreException e) {
            throw new UnavailableException("reference data is not loaded yet (" + e.getMessage() + "); retry in a few seconds", e);
        }
    }

    // -------------------------------------------------------------------------------------------------- status

    @Override
    public String state() {
        return streams.state().name();
    }

    @Override
    public boolean serving() {
        KafkaStreams.State state = streams.state();
        return state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> counters = new LinkedHashMap<>();
        for (AppMetrics counter : AppMetrics.values()) {
            counters.put(counter.jsonName(), sum(counter.metricName()));
        }
        return counters;
    }

    /** Total of a flyt counter over every task of this instance. */
    public long sum(String metricName) {
        double total = 0;
        for (Map.Entry<MetricName, ? extends Metric> e : streams.metrics().entrySet()) {
            if (e.getKey().group().equals(AppMetrics.GROUP) && e.getKey().name().equals(metricName)) {
                total += ((Number) e.getValue().metricValue()).doubleValue();
            }
        }
        return (long) total;
    }
}
