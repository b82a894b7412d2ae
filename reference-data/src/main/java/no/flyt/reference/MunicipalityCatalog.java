package no.flyt.reference;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every municipality code valid since 1994, each with the 2024 municipality it counts under, its county and
 * SSB centrality class. Loaded from the resource built by {@code reference-data/src/build/build_reference_data.py}
 * (SSB KLASS 131 and 128, Statbank grouping "Kommuner 2024, sammenslåtte tidsserier", table 07459).
 */
public final class MunicipalityCatalog {

    static final String RESOURCE = "/no/flyt/reference/municipality-codes.csv";

    private final Map<String, Municipality> byCode;
    private final List<Municipality> current;
    private final Map<String, List<Municipality>> predecessors;
    private final Map<String, String> nextCode;

    MunicipalityCatalog(Collection<Municipality> municipalities, Map<String, String> nextCode) {
        this.nextCode = Map.copyOf(nextCode);
        Map<String, Municipality> codes = new LinkedHashMap<>();
        for (Municipality m : municipalities) {
            if (codes.putIfAbsent(m.getCode(), m) != null) {
                throw new IllegalArgumentException("duplicate municipality code " + m.getCode());
            }
        }
        this.byCode = Map.copyOf(codes);
        this.current = municipalities.stream()
            .filter(m -> m.getCode().equals(m.getCode2024()))
            .sorted(Comparator.comparing(Municipality::getCode))
            .toList();
        this.predecessors = municipalities.stream()
            .collect(Collectors.groupingBy(Municipality::getCode2024,
                Collectors.collectingAndThen(Collectors.toList(), List::copyOf)));
    }

    private static MunicipalityCatalog bundled;

    /** The catalog shipped with flyt (read once, then shared: it is immutable). */
    public static synchronized MunicipalityCatalog bundled() {
        if (bundled == null) {
            Map<String, String> next = new LinkedHashMap<>();
            bundled = new MunicipalityCatalog(fromRows(ResourceCsv.read(ResourceCsv.class, RESOURCE, 12), next), next);
        }
        return bundled;
    }

    /** Builds the records from the resource's rows; fills {@code nextCode} with each code's successor. */
    static List<Municipality> fromRows(List<ResourceCsv.Row> rows, Map<String, String> nextCode) {
        List<Municipality> result = new ArrayList<>();
        for (ResourceCsv.Row row : rows) {
            List<String> f = row.fields();
            nextCode.put(f.get(0), f.get(4));
            result.add(Municipality.newBuilder()
                .setCode(f.get(0))
                .setName(f.get(1))
                .setValidFrom(f.get(2).isEmpty() ? null : LocalDate.parse(f.get(2)))
                .setValidTo(f.get(3).isEmpty() ? null : LocalDate.parse(f.get(3)))
                .setCode2024(f.get(5))
                .setName2024(f.get(6))
                .setCountyCode(f.get(7))
                .setCountyName(f.get(8))
                .setCentralityClass(Integer.parseInt(f.get(9)))
                .setCentralityIndex(Integer.parseInt(f.get(10)))
                .setPopulation2024(f.get(11).isEmpty() ? null : Integer.valueOf(f.get(11)))
                .build());
        }
        return result;
    }

    /** Every code, current and historic. */
    public Collection<Municipality> all() {
        return byCode.values();
    }

    /** The 357 municipalities of 2024, ordered by code. */
    public List<Municipality> current() {
        return current;
    }

    public Optional<Municipality> byCode(String code) {
        return Optional.ofNullable(code == null ? null : byCode.get(code));
    }

    /** The 2024 municipality a code (current or historic) counts under. */
    public Optional<String> code2024(String code) {
        return byCode(code).map(Municipality::getCode2024);
    }

    /** Every code that counts under the given 2024 municipality, itself included. */
    public List<Municipality> predecessors(String code2024) {
        return predecessors.getOrDefault(code2024, List.of());
    }

    /**
     * The code a resident of the given 2024 municipality was registered with on {@code date}. Where several
     * older municipalities merged into it, the one carrying the 2024 name is chosen (else the lowest code), so
     * the answer is deterministic; where the 2024 municipality did not yet exist in that form (Haram 1580 inside
     * Ålesund 1507 in 2020–2023), the code whose territory covered it is returned.
     */
    public String codeValidOn(String code2024, LocalDate date) {
        List<Municipality> candidates = predecessors(code2024).stream()
            .filter(m -> validOn(m, date))
            .sorted(Comparator.comparing((Municipality m) -> !m.getName().equals(m.getName2024()))
                .thenComparing(Municipality::getCode))
            .toList();
        if (!candidates.isEmpty()) {
            return candidates.get(0).getCode();
        }
        return coveringCode(code2024, date)
            .orElseThrow(() -> new IllegalArgumentException("no code valid on " + date + " for 2024 municipality " + code2024));
    }

    private Optional<String> coveringCode(String code2024, LocalDate date) {
        // A 2024 municipality split off from a 2020 one (Haram 1580 from Ålesund 1507): follow an older code's
        // successors until one is valid on the date.
        for (Municipality old : predecessors(code2024)) {
            String code = nextCode.get(old.getCode());
            for (int hops = 0; code != null && !code.isEmpty() && hops < 5; hops++) {
                if (isValidOn(code, date)) {
                    return Optional.of(code);
                }
                code = nextCode.get(code);
            }
        }
        return Optional.empty();
    }

    static boolean validOn(Municipality m, LocalDate date) {
        return (m.getValidFrom() == null || !date.isBefore(m.getValidFrom()))
            && (m.getValidTo() == null || !date.isAfter(m.getValidTo()));
    }

    /** Whether the code was a valid municipality code on that date. */
    public boolean isValidOn(String code, LocalDate date) {
        return byCode(code).map(m -> validOn(m, date)).orElse(false);
    }
}
