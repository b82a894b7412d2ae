package no.flyt.streams.api;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import no.flyt.aggregates.Measure;
import no.flyt.reference.Municipality;
import no.flyt.streams.topology.SizeBand;

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
        MUNICIPALITY(Measure.DOMESTIC_IN, Measure.DOMESTIC_OUT),
        COUNTY(Measure.DOMESTIC_IN_FROM_OTHER_COUNTY, Measure.DOMESTIC_OUT_TO_OTHER_COUNTY),
        CENTRALITY_CLASS(Measure.DOMESTIC_IN_FROM_OTHER_CENTRALITY_CLASS, Measure.DOMESTIC_OUT_TO_OTHER_CENTRALITY_CLASS),
        SIZE_BAND(Measure.DOMESTIC_IN_FROM_OTHER_SIZE_BAND, Measure.DOMESTIC_OUT_TO_OTHER_SIZE_BAND),
        /** Norway: no domestic move crosses its border. */
        COUNTRY(null, null);

        private final Measure domesticIn;
        private final Measure domesticOut;

        Kind(Measure domesticIn, Measure domesticOut) {
            this.domesticIn = domesticIn;
            this.domesticOut = domesticOut;
        }

        /** The measure of moves into this kind of region from outside it; null for the country. */
        public Measure domesticIn() {
            return domesticIn;
        }

        public Measure domesticOut() {
            return domesticOut;
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
        if (!value.matches("[1-6]")) {
            throw new ApiError(404, "unknown centrality class " + value + ": SSB centrality classes are 1 (most central) to 6");
        }
        int c = Integer.parseInt(value);
        return new RegionScope(Kind.CENTRALITY_CLASS, value, "centrality class " + value, value,
            codes(municipalities2024.stream().filter(m -> m.getCentralityClass() == c).toList()));
    }

    public static RegionScope sizeBand(String value, List<Municipality> municipalities2024) {
        SizeBand band;
        try {
            band = SizeBand.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new ApiError(404, "unknown size band " + value + ": use one of " + List.of(SizeBand.values()));
        }
        return new RegionScope(Kind.SIZE_BAND, band.name(), "municipalities of " + band.label() + " people (2024)", value,
            codes(municipalities2024.stream().filter(m -> SizeBand.of(m) == band).toList()));
    }

    public static RegionScope country(List<Municipality> municipalities2024) {
        return new RegionScope(Kind.COUNTRY, "NO", "Norway", "NO", codes(municipalities2024));
    }

    private static Set<String> codes(List<Municipality> municipalities) {
        return municipalities.stream().map(Municipality::getCode2024).collect(Collectors.toUnmodifiableSet());
    }
}
