package no.flyt.streams.api;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import no.flyt.streams.codec.CellCounts;
import no.flyt.streams.query.Instance;
import no.flyt.streams.query.LocalStatistics;
import no.flyt.streams.query.StatisticsReader;

/**
 * The stored statistics of the whole application: the regions hosted here read locally, the rest asked of the
 * instances that host them, one request per instance (scatter-gather). Any instance answers any question.
 */
final class ClusterStatistics implements StatisticsReader {

    private final LocalStatistics local;
    private final InstanceClient client;

    ClusterStatistics(LocalStatistics local, InstanceClient client) {
        this.local = local;
        this.client = client;
    }

    @Override
    public Map<String, NavigableMap<YearMonth, CellCounts>> read(Collection<String> regions, YearMonth from, YearMonth to) {
        Map<Instance, List<String>> remote = new HashMap<>();
        Map<String, NavigableMap<YearMonth, CellCounts>> result = new LinkedHashMap<>();
        for (String region : regions) {
            Instance host = local.hostOf(region);
            if (host.equals(local.self())) {
                put(result, region, local.read(region, from, to));
            } else {
                remote.computeIfAbsent(host, h -> new ArrayList<>()).add(region);
            }
        }
        remote.forEach((host, hosted) -> client.fetch(host, hosted, from, to).forEach((region, months) -> put(result, region, months)));
        return result;
    }

    /** The months of regions hosted here, for another instance; {@code UnavailableException} for one that is not. */
    Map<String, NavigableMap<YearMonth, CellCounts>> readHostedHere(Collection<String> regions, YearMonth from, YearMonth to) {
        Map<String, NavigableMap<YearMonth, CellCounts>> result = new LinkedHashMap<>();
        for (String region : regions) {
            put(result, region, local.read(region, from, to));
        }
        return result;
    }

    private static void put(Map<String, NavigableMap<YearMonth, CellCounts>> result, String region, NavigableMap<YearMonth, CellCounts> months) {
        if (!months.isEmpty()) {
            result.put(region, months);
        }
    }
}
