package no.flyt.streams.api;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.flyt.aggregates.RegionFlows;
import no.flyt.aggregates.RegionType;
import no.flyt.reference.Municipality;
import no.flyt.streams.topology.CellCounts;
import no.flyt.streams.topology.RegionFlowsTopology;
import no.flyt.streams.topology.RegionKey;
import no.flyt.streams.topology.RegionPartitioner;
import no.flyt.streams.topology.RegionStatisticsRecords;
import no.flyt.streams.topology.SizeBand;
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
 * Reads the v1 region flows from the region-statistics store (interactive queries): four totals of each
 * region-month's cells ({@link RegionStatisticsRecords#flows}). All months of a region live
 * in one partition ({@link RegionPartitioner}), so an answer is one range scan on the instance that hosts it.
 */
public final class RegionFlowsQueries {

    /** Where a region's numbers are: here (answer) or on another instance (forward the request there). */
    public sealed interface Location permits Local, Remote {
    }

    public record Local(FlowsAnswer answer) implements Location {
    }

    public record Remote(HostInfo host) implements Location {
    }

    /** A region the query is about, resolved against the reference data. */
    public record Region(RegionType type, String code, String name, String requestedCode) {
    }

    private final KafkaStreams streams;
    private final HostInfo self;

    public RegionFlowsQueries(KafkaStreams streams, HostInfo self) {
        this.streams = streams;
        this.self = self;
    }

    public Region municipality(String code) {
        Municipality m = municipalities().get(code);
        if (m == null) {
            throw new ApiError(404, "unknown municipality code " + code
                + ": use a four-digit code valid in 2024 or earlier, e.g. 0301 for Oslo");
        }
        return new Region(RegionType.MUNICIPALITY, m.getCode2024(), m.getName2024(), code);
    }

    public Region county(String code) {
        try (KeyValueIterator<String, Municipality> all = municipalities().all()) {
            while (all.hasNext()) {
                Municipality m = all.next().value;
                if (m.getCountyCode().equals(code)) {
                    return new Region(RegionType.COUNTY, code, m.getCountyName(), code);
                }
            }
        }
        throw new ApiError(404, "unknown county code " + code + ": use a two-digit 2024 county code, e.g. 03 for Oslo");
    }

    public Region centralityClass(String value) {
        int c = RegionScope.centralityClassOf(value);
        return new Region(RegionType.CENTRALITY_CLASS, value, RegionScope.centralityClassName(c), value);
    }

    public Region sizeBand(String value) {
        SizeBand band = RegionScope.sizeBandOf(value);
        return new Region(RegionType.SIZE_BAND, band.name(), RegionScope.sizeBandName(band), value);
    }

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

    public Location flows(Region region, YearMonth from, YearMonth to) {
        String regionKey = RegionKey.region(region.type(), region.code());
        KeyQueryMetadata metadata = streams.queryMetadataForKey(RegionFlowsTopology.REGION_STATISTICS_STORE, regionKey,
            new RegionPartitioner<>());
        if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            throw new ApiError(503, "the streams app is starting or rebalancing; retry in a few seconds");
        }
        if (!metadata.activeHost().equals(self)) {
            return new Remote(metadata.activeHost());
        }
        ReadOnlyKeyValueStore<String, CellCounts> store = StreamsStatisticsSource.localStore(streams, metadata.partition());
        Map<String, FlowTotals> found = new HashMap<>();
        try (KeyValueIterator<String, CellCounts> range = store.range(
            RegionKey.of(region.type(), region.code(), from), RegionKey.of(region.type(), region.code(), to))) {
            while (range.hasNext()) {
                KeyValue<String, CellCounts> kv = range.next();
                RegionFlows flows = RegionStatisticsRecords.flows(kv.key, kv.value);
                found.put(flows.getMonth(), FlowTotals.of(flows));
            }
        } catch (InvalidStateStoreException e) {
            throw StreamsStatisticsSource.notQueryable(e); // the task moved or is restoring between the metadata look-up and the read
        }
        List<FlowTotals> months = new ArrayList<>();
        FlowTotals total = FlowTotals.zero(null);
        for (YearMonth month = from; !month.isAfter(to); month = month.plusMonths(1)) {
            FlowTotals row = found.getOrDefault(month.toString(), FlowTotals.zero(month.toString()));
            months.add(row);
            total = total.plus(row, from + ".." + to);
        }
        return new Local(new FlowsAnswer(region.type().name(), region.code(), region.name(), region.requestedCode(),
            from.toString(), to.toString(), months, total));
    }

    private ReadOnlyKeyValueStore<String, Municipality> municipalities() {
        try {
            return streams.store(StoreQueryParameters
                .fromNameAndType(RegionFlowsTopology.MUNICIPALITIES_STORE, QueryableStoreTypes.<String, Municipality>keyValueStore()));
        } catch (InvalidStateStoreException e) {
            throw new ApiError(503, "reference data is not loaded yet (" + e.getMessage() + "); retry in a few seconds");
        }
    }

}
