package no.flyt.reference;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/** Population on 1 January 2022, 2023 and 2024 per 2024 municipality (SSB table 07459). */
public final class Population {

    static final String RESOURCE = "/no/flyt/reference/population.csv";
    static final int FIRST_YEAR = 2022;
    static final int LAST_YEAR = 2024;

    private final Map<String, int[]> byCode;

    private Population(Map<String, int[]> byCode) {
        this.byCode = Map.copyOf(byCode);
    }

    private static Population bundled;

    public static synchronized Population bundled() {
        if (bundled == null) {
            Map<String, int[]> byCode = new HashMap<>();
            for (ResourceCsv.Row row : ResourceCsv.read(ResourceCsv.class, RESOURCE, 2 + LAST_YEAR - FIRST_YEAR)) {
                int[] values = new int[LAST_YEAR - FIRST_YEAR + 1];
                for (int i = 0; i < values.length; i++) {
                    values[i] = Integer.parseInt(row.field(i + 1));
                }
                byCode.put(row.field(0), values);
            }
            bundled = new Population(byCode);
        }
        return bundled;
    }

    /** Population of a 2024 municipality on 1 January of {@code year}; empty outside 2022–2024 or for an unknown code. */
    public OptionalInt onJanuary1(String code2024, int year) {
        int[] values = byCode.get(code2024);
        if (values == null || year < FIRST_YEAR || year > LAST_YEAR) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(values[year - FIRST_YEAR]);
    }

    /** The national total on 1 January of {@code year} (2022–2024). */
    public long totalOnJanuary1(int year) {
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            throw new IllegalArgumentException("population is known for " + FIRST_YEAR + "-" + LAST_YEAR + ", not " + year);
        }
        return byCode.values().stream().mapToLong(v -> v[year - FIRST_YEAR]).sum();
    }
}
