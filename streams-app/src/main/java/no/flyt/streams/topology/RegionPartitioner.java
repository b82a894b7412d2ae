package no.flyt.streams.topology;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import no.flyt.streams.regions.RegionKey;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Partitions region-month keys by region only, so every month of one region is in the same partition and the
 * query API can answer a range of months from one instance with one range scan.
 */
public final class RegionPartitioner<V> implements StreamPartitioner<String, V> {

    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, V value, int numPartitions) {
        return Optional.of(Set.of(partitionOf(key, numPartitions)));
    }

    /** The partition of any key of {@code region} (a region key with or without its month). */
    public static int partitionOf(String regionOrKey, int numPartitions) {
        String region = regionOrKey.chars().filter(c -> c == ':').count() == 2 ? RegionKey.regionOf(regionOrKey) : regionOrKey;
        return Utils.toPositive(Utils.murmur2(region.getBytes(StandardCharsets.UTF_8))) % numPartitions;
    }
}
