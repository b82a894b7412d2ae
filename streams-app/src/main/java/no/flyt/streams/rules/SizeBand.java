package no.flyt.streams.rules;

import no.flyt.reference.Municipality;

/** Municipality size bands by population of the 2024 municipality on 1 January 2024 (SSB table 07459). */
public enum SizeBand {
    UNDER_1000("under 1,000", 0, 999),
    FROM_1000_TO_49999("1,000-49,999", 1_000, 49_999),
    FROM_50000("50,000 and more", 50_000, Integer.MAX_VALUE);

    private final String label;
    private final int from;
    private final int to;

    SizeBand(String label, int from, int to) {
        this.label = label;
        this.from = from;
        this.to = to;
    }

    public String label() {
        return label;
    }

    public static SizeBand ofPopulation(int population) {
        for (SizeBand band : values()) {
            if (population <= band.to) {
                return band;
            }
        }
        throw new AssertionError("unreachable");
    }

    /** The band of a municipality; one without a population figure counts as small. */
    public static SizeBand of(Municipality m) {
        Integer population = m.getPopulation2024();
        return ofPopulation(population == null ? 0 : population);
    }

    public boolean contains(int population) {
        return population >= from && population <= to;
    }
}
