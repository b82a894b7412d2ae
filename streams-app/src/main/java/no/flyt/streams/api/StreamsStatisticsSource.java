package no.flyt.streams.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import no.flyt.aggregates.RegionType;
import no.flyt.streams.topology.CellCounts;
import no.flyt.streams.topology.RegionFlowsTopology;
import no.flyt.streams.topology.RegionKey;
import no.flyt.streams.topology.RegionPartitioner;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads municipality-month cells from the region-statistics store of whichever instance hosts each municipality:
 * a range scan per municipality here, one request per other instance (scatter-gather) for the rest.
 */
public final class StreamsStatisticsSource implements StatisticsSource {

    static final String INTERNAL_PATH = "/api/internal/statistics-cells";
    static final String FORWARDED = "X-Flyt-Forwarded";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Map<String, long[]>>> WIRE = new TypeReference<>() {
    };

    private final KafkaStreams streams;
    private final HostInfo self;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public StreamsStatisticsSource(KafkaStreams streams, HostInfo self) {
        this.streams = streams;
        this.self = self;
    }

    @Override
    public Map<String, NavigableMap<YearMonth, CellCounts>> read(Collection<String> codes2024, YearMonth from, YearMonth to) {
        Map<HostInfo, List<String>> remote = new HashMap<>();
        Map<String, NavigableMap<YearMonth, CellCounts>> result = new HashMap<>();
        for (String code : codes2024) {
            KeyQueryMetadata metadata = metadata(code);
            if (metadata.activeHost().equals(self)) {
                result.put(code, readLocal(code, metadata.partition(), from, to));
            } else {
                remote.computeIfAbsent(metadata.activeHost(), h -> new ArrayList<>()).add(code);
            }
        }
        remote.forEach((host, codes) -> result.putAll(fetch(host, codes, from, to)));
        return result;
    }

    /** The internal endpoint's answer: only municipalities hosted here, else 503 (the caller retries). */
    public Map<String, Map<String, long[]>> readLocalForWire(Collection<String> codes2024, YearMonth from, YearMonth to) {
        Map<String, Map<String, long[]>> wire = new LinkedHashMap<>();
        for (String code : codes2024) {
            KeyQueryMetadata metadata = metadata(code);
            if (!metadata.activeHost().equals(self)) {
                throw new ApiError(503, "municipality " + code + " moved to another instance; retry");
            }
            Map<String, long[]> months = new LinkedHashMap<>();
            readLocal(code, metadata.partition(), from, to).forEach((month, counts) -> {
                long[] flat = new long[counts.size() * 2];
                for (int i = 0; i < counts.size(); i++) {
                    flat[2 * i] = counts.cellAt(i);
                    flat[2 * i + 1] = counts.countAt(i);
                }
                months.put(month.toString(), flat);
            });
            wire.put(code, months);
        }
        return wire;
    }

    private KeyQueryMetadata metadata(String code) {
        KeyQueryMetadata metadata = streams.queryMetadataForKey(RegionFlowsTopology.REGION_STATISTICS_STORE,
            RegionKey.region(RegionType.MUNICIPALITY, code), new RegionPartitioner<>());
        if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            throw new ApiError(503, "the streams app is starting or rebalancing; retry in a few seconds");
        }
        return metadata;
    }

    private NavigableMap<YearMonth, CellCounts> readLocal(String code, int partition, YearMonth from, YearMonth to) {
        ReadOnlyKeyValueStore<String, CellCounts> store = localStore(streams, partition);
        try {
            return range(store, code, from, to);
        } catch (InvalidStateStoreException e) {
            throw notQueryable(e); // the task moved or is restoring between the metadata look-up and the read
        }
    }

    /** One partition of this instance's region-statistics store; 503 while it is not queryable. */
    static ReadOnlyKeyValueStore<String, CellCounts> localStore(KafkaStreams streams, int partition) {
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(RegionFlowsTopology.REGION_STATISTICS_STORE,
                QueryableStoreTypes.<String, CellCounts>keyValueStore()).withPartition(partition));
        } catch (InvalidStateStoreException e) {
            throw notQueryable(e);
        }
    }

    static ApiError notQueryable(InvalidStateStoreException e) {
        return new ApiError(503, "the region-statistics store is not queryable right now (" + e.getMessage() + "); retry in a few seconds");
    }

    /** The months of one municipality in a store, by one range scan. */
    public static NavigableMap<YearMonth, CellCounts> range(ReadOnlyKeyValueStore<String, CellCounts> store, String code,
                                                           YearMonth from, YearMonth to) {
        NavigableMap<YearMonth, CellCounts> months = new TreeMap<>();
        try (KeyValueIterator<String, CellCounts> range = store.range(
            RegionKey.of(RegionType.MUNICIPALITY, code, from), RegionKey.of(RegionType.MUNICIPALITY, code, to))) {
            while (range.hasNext()) {
                KeyValue<String, CellCounts> kv = range.next();
                if (!kv.value.isEmpty()) {
                    months.put(RegionKey.monthOf(kv.key), kv.value);
                }
            }
        }
        return months;
    }

    private Map<String, NavigableMap<YearMonth, CellCounts>> fetch(HostInfo host, List<String> codes, YearMonth from, YearMonth to) {
        String query = "?codes=" + URLEncoder.encode(String.join(",", codes), StandardCharsets.UTF_8) + "&from=" + from + "&to=" + to;
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port() + INTERNAL_PATH + query))
            .timeout(Duration.ofSeconds(30)).header(FORWARDED, "1").GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new ApiError(503, "instance " + host + " answered " + response.statusCode() + ": " + response.body());
            }
            Map<String, NavigableMap<YearMonth, CellCounts>> result = new HashMap<>();
            JSON.readValue(response.body(), WIRE).forEach((code, months) -> {
                NavigableMap<YearMonth, CellCounts> byMonth = new TreeMap<>();
                months.forEach((month, flat) -> {
                    CellCounts.Builder b = CellCounts.builder();
                    for (int i = 0; i < flat.length; i += 2) {
                        b.add((int) flat[i], flat[i + 1]);
                    }
                    byMonth.put(YearMonth.parse(month), b.build());
                });
                result.put(code, byMonth);
            });
            return result;
        } catch (IOException e) {
            throw new ApiError(503, "instance " + host + " did not answer (" + e.getMessage() + "); retry");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(503, "interrupted while asking instance " + host);
        }
    }
}
