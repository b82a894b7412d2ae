package no.flyt.streams.regions;

import java.time.YearMonth;
import no.flyt.aggregates.RegionType;

/**
 * Keys of the region aggregates: {@code <REGION_TYPE>:<code>:<yyyy-MM>}, e.g. {@code MUNICIPALITY:0301:2020-03}.
 * Strings sort by region, then month, so a region's months are one contiguous range in the store, and the months of
 * one year share the prefix {@code MUNICIPALITY:0301:2020-}. Yearly records (never in the same store or topic as the
 * months) are keyed {@code <REGION_TYPE>:<code>:<yyyy>}.
 */
public final class RegionKey {

    private RegionKey() {
    }

    public static String of(RegionType type, String code, YearMonth month) {
        return region(type, code) + ':' + month;
    }

    /** The key of a month of a stored region ({@code MUNICIPALITY:0301}). */
    public static String ofRegion(String region, YearMonth month) {
        return region + ':' + month;
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

    /** The key of the year of a region-month key: {@code MUNICIPALITY:0301:2020} for {@code MUNICIPALITY:0301:2020-03}. */
    public static String yearKeyOf(String monthKey) {
        return monthKey.substring(0, monthKey.lastIndexOf('-'));
    }

    /** What every month key of a year key starts with: {@code MUNICIPALITY:0301:2020-}. */
    public static String monthsPrefixOf(String yearKey) {
        return yearKey + '-';
    }

    public static int yearOf(String yearKey) {
        return Integer.parseInt(yearKey.substring(yearKey.lastIndexOf(':') + 1));
    }

    public static YearMonth monthOf(String key) {
        return YearMonth.parse(key.substring(key.lastIndexOf(':') + 1));
    }
}
