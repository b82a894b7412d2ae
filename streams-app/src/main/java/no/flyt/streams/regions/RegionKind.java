package no.flyt.streams.regions;

import no.flyt.aggregates.RegionType;
import no.flyt.catalogue.Border;

/**
 * The kinds of region a question can be asked for, each under its own path segment of the API. The first four are
 * aggregates of their own in the state stores ({@link RegionType}); Norway is the sum of the six centrality classes
 * and a group the sum of its counties.
 */
public enum RegionKind {
    MUNICIPALITY("municipalities", RegionType.MUNICIPALITY, null, "a four-digit code valid in 2024 or earlier, e.g. 0301 for Oslo"),
    COUNTY("counties", RegionType.COUNTY, Border.COUNTY, "a two-digit 2024 county code, e.g. 03 for Oslo"),
    CENTRALITY_CLASS("centrality-classes", RegionType.CENTRALITY_CLASS, Border.CENTRALITY_CLASS,
        "an SSB centrality class, 1 (most central) to 6"),
    SIZE_BAND("size-bands", RegionType.SIZE_BAND, Border.SIZE_BAND, "a size band: UNDER_1000, FROM_1000_TO_49999 or FROM_50000"),
    GROUP("region-groups", null, null, "a named group of counties, e.g. former-viken"),
    COUNTRY("norway", null, null, "no code: Norway as a whole");

    private final String pathSegment;
    private final RegionType storedAs;
    private final Border border;
    private final String codeDescription;

    RegionKind(String pathSegment, RegionType storedAs, Border border, String codeDescription) {
        this.pathSegment = pathSegment;
        this.storedAs = storedAs;
        this.border = border;
        this.codeDescription = codeDescription;
    }

    /** The path segment: {@code /api/counties/03/...}, {@code /api/norway/...}. */
    public String pathSegment() {
        return pathSegment;
    }

    /** Whether a region of this kind is named by a code in the path (all but Norway). */
    public boolean hasCode() {
        return this != COUNTRY;
    }

    /** The aggregate type of its stored region-months; null for Norway and groups, which are sums. */
    public RegionType storedAs() {
        return storedAs;
    }

    /** The border whose crossing measures are its moves in and out; null for municipalities, Norway and groups. */
    public Border border() {
        return border;
    }

    public String codeDescription() {
        return codeDescription;
    }
}
