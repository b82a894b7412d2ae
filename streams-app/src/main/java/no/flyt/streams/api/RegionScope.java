package no.flyt.streams.api;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import no.flyt.aggregates.Measure;
import no.flyt.aggregates.RegionType;
import no.flyt.reference.Municipality;
import no.flyt.streams.topology.SizeBand;
import no.flyt.streams.topology.StatisticsContributions;

/**
 * A region the statistics are asked for, as the set of 2024 municipalities it is the sum of.
 *
 * @param kind          what kind of region
 * @param code          2024 municipality or county code, centrality class 1-6, size band name, or NO
 * @param requestedCode the code asked for (an older municipality code is answered for its 2024 municipality)
 */
public record RegionScope(Kind kind, String code, String name, String requestedCode, Set<String> municipalities) {

    /** Kinds of region, with the measures that count domestic moves across their border. */
    public enum Kind {
        MUNICIPALITY(RegionType.MUNICIPALITY),
        COUNTY(RegionType.COUNTY),
        CENTRALITY_CLASS(RegionType.CENTRALITY_CLASS),
        SIZE_BAND(RegionType.SIZE_BAND),
        /** Norway: no domestic move crosses its border. */
        COUNTRY(null);

        private final RegionType type;

        Kind(RegionType type) {
            this.type = type;
        }

        /** The measure of moves into this kind of region from outside it; null for the country. */
        public Measure domesticIn() {
            return type == null ? null : StatisticsContributions.domesticIn(type);
        }

        public Measure domesticOut() {
            return type == null ? null : StatisticsContributions.domesticOut(type);
        }
    }

    public static RegionScope municipality(Municipality m, String requestedCode) {
        return new RegionScope(Kind.MUNICIPALITY, m.getCode2024(), m.getName2024(), requestedCode, Set.of(m.getCode2024()));
    }

    /** @param municipalities2024 the 2024 municipalities */
    public static RegionScope county(String code, List<Municipality> municipalities2024) {
        List<Municipality> in = municipalities2024.stream().filter(m -> m.getCountyCode().equals(code)).toList();
        if (in.isEmpty()) {
            throw new ApiError(404, "unknown county code " + code + ": use a two-digit 2024 county code, e.g. 03 for Oslo");
        }
        return new RegionScope(Kind.COUNTY, code, in.get(0).getCountyName(), code, codes(in));
    }

    public static RegionScope centralityClass(String value, List<Municipality> municipalities2024) {
        int c = centralityClassOf(value);
        return new RegionScope(Kind.CENTRALITY_CLASS, value, centralityClassName(c), value,
            codes(municipalities2024.stream().filter(m -> m.getCentralityClass() == c).toList()));
    }

    public static RegionScope sizeBand(String value, List<Municipality> municipalities2024) {
        SizeBand band = sizeBandOf(value);
        return new RegionScope(Kind.SIZE_BAND, band.name(), sizeBandName(band), value,
            codes(municipalities2024.stream().filter(m -> SizeBand.of(m) == band).toList()));
    }

    /** The centrality class a request names; 404 for anything but 1-6. */
    static int centralityClassOf(String value) {
        if (!value.matches("[1-6]")) {
            throw new ApiError(404, "unknown centrality class " + value + ": SSB centrality classes are 1 (most central) to 6");
        }
        return Integer.parseInt(value);
    }

    static String centralityClassName(int centralityClass) {
        return "centrality class " + centralityClass;
    }

    /** The size band a request names; 404 for an unknown one. */
    static SizeBand sizeBandOf(String value) {
        try {
            return SizeBand.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new ApiError(404, "unknown size band " + value + ": use one of " + List.of(SizeBand.values()));
        }
    }

    static String sizeBandName(SizeBand band) {
        return "municipalities of " + band.label() + " people (2024)";
    }

    public static RegionScope country(List<Municipality> municipalities2024) {
        return new RegionScope(Kind.COUNTRY, "NO", "Norway", "NO", codes(municipalities2024));
    }

    private static Set<String> codes(List<Municipality> municipalities) {
        return municipalities.stream().map(Municipality::getCode2024).collect(Collectors.toUnmodifiableSet());
    }
}
