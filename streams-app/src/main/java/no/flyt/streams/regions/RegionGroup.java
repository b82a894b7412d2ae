package no.flyt.streams.regions;

import java.util.List;
import java.util.Optional;

/**
 * Named groups of 2024 counties, asked for like any region: the counties of 2020-2023 that were split in 2024, so that
 * flows to "the former Viken" (31 Østfold + 32 Akershus + 33 Buskerud) can be asked as one region. A group's moves in
 * and out are the moves across its own border (between two of its counties they are moves inside it).
 */
public enum RegionGroup {
    FORMER_VIKEN("former-viken", "Viken (2020-2023): Østfold, Akershus and Buskerud", List.of("31", "32", "33")),
    FORMER_VESTFOLD_OG_TELEMARK("former-vestfold-og-telemark", "Vestfold og Telemark (2020-2023): Vestfold and Telemark",
        List.of("39", "40")),
    FORMER_TROMS_OG_FINNMARK("former-troms-og-finnmark", "Troms og Finnmark (2020-2023): Troms and Finnmark", List.of("55", "56"));

    private final String code;
    private final String name;
    private final List<String> counties;

    RegionGroup(String code, String name, List<String> counties) {
        this.code = code;
        this.name = name;
        this.counties = counties;
    }

    /** How the group is asked for: {@code /api/region-groups/former-viken/...}. */
    public String code() {
        return code;
    }

    public String displayName() {
        return name;
    }

    /** The 2024 county codes of the group. */
    public List<String> counties() {
        return counties;
    }

    public static Optional<RegionGroup> ofCode(String code) {
        for (RegionGroup g : values()) {
            if (g.code.equals(code)) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }
}
