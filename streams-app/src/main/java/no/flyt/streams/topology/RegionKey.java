package no.flyt.streams.topology;

import java.time.YearMonth;
import no.flyt.aggregates.RegionType;

/**
 * Keys of the region aggregates: {@code <REGION_TYPE>:<code>:<yyyy-MM>}, e.g. {@code MUNICIPALITY:0301:2020-03}.
 * Strings sort by region, then month, so a region's months are one contiguous range in the store.
 */
public final class RegionKey {

    private RegionKey() {
    }

    public static String of(RegionType type, String code, YearMonth month) {
        return region(type, code) + ':' + month;
    }

    /** The key without its month: what decides the partition, so all months of a region live together. */
    public static String region(RegionType type, String code) {
        return type.name() + ':' + code;
    }

    public static String regionOf(String key) {
        return key.substring(0, key.lastIndexOf(':'));
    }

    public static RegionType typeOf(String key) {
        return RegionType.valueOf(key.substring(0, key.indexOf(':')));
    }

    public static String codeOf(String key) {
        return key.substring(key.indexOf(':') + 1, key.lastIndexOf(':'));
    }

    public static YearMonth monthOf(String key) {
        return YearMonth.parse(key.substring(key.lastIndexOf(':') + 1));
    }
}
