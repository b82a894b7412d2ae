package no.flyt.streams.regions;

import java.util.List;
import java.util.Map;
import java.util.Set;
import no.flyt.aggregates.RegionType;

/**
 * A region a question is asked for, resolved against the reference data: what it is called, and which stored
 * region-months add up to it.
 *
 * @param code          2024 municipality or county code, class 1-6, size band name, group code, or NO
 * @param requestedCode the code asked for (an older municipality code is answered for its 2024 municipality)
 * @param parts         the stored regions ({@code COUNTY:03}) whose cells, summed, are this region's
 * @param partsByClass  stored regions whose municipalities all have one centrality class, with that class, summing
 *                      to this region: for rules that need the class of the municipality a count is about
 * @param counties      for a group: its 2024 counties, whose moves between each other are moves inside it
 * @param municipalities the 2024 municipalities of the region
 */
public record Region(RegionKind kind, String code, String name, String requestedCode, List<String> parts,
                     Map<String, Integer> partsByClass, List<String> counties, Set<String> municipalities) {

    /** A stored region's id, as the region part of its month keys: {@code MUNICIPALITY:0301}. */
    public static String stored(RegionType type, String code) {
        return RegionKey.region(type, code);
    }
}
