package no.flyt.streams.regions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import no.flyt.aggregates.RegionType;
import no.flyt.reference.CentralityClass;
import no.flyt.reference.Municipality;
import no.flyt.streams.rules.SizeBand;

/** Resolves the regions questions are asked for against the reference data. */
public final class Regions {

    private final Geography geography;

    public Regions(Geography geography) {
        this.geography = geography;
    }

    public Geography geography() {
        return geography;
    }

    /** The region of {@code kind} named {@code code} (ignored for Norway); {@link UnknownRegionException} if none. */
    public Region resolve(RegionKind kind, String code) {
        return switch (kind) {
            case MUNICIPALITY -> municipality(code);
            case COUNTY -> county(code);
            case CENTRALITY_CLASS -> centralityClass(code);
            case SIZE_BAND -> sizeBand(code);
            case GROUP -> group(code);
            case COUNTRY -> norway();
        };
    }

    public Region municipality(String code) {
        Municipality m = geography.municipality(code).orElseThrow(() -> unknown(RegionKind.MUNICIPALITY, code));
        String stored = Region.stored(RegionType.MUNICIPALITY, m.getCode2024());
        return new Region(RegionKind.MUNICIPALITY, m.getCode2024(), m.getName2024(), code, List.of(stored),
            Map.of(stored, m.getCentralityClass()), List.of(), Set.of(m.getCode2024()));
    }

    public Region county(String code) {
        List<Municipality> in = municipalities(m -> m.getCountyCode().equals(code));
        if (in.isEmpty()) {
            throw unknown(RegionKind.COUNTY, code);
        }
        return new Region(RegionKind.COUNTY, code, in.get(0).getCountyName(), code, List.of(Region.stored(RegionType.COUNTY, code)),
            byClass(in), List.of(code), codes(in));
    }

    public Region centralityClass(String code) {
        if (!code.matches("[1-6]") || !CentralityClass.isValid(Integer.parseInt(code))) {
            throw unknown(RegionKind.CENTRALITY_CLASS, code);
        }
        String stored = Region.stored(RegionType.CENTRALITY_CLASS, code);
        int c = Integer.parseInt(code);
        return new Region(RegionKind.CENTRALITY_CLASS, code, "centrality class " + code, code, List.of(stored),
            Map.of(stored, c), List.of(), codes(municipalities(m -> m.getCentralityClass() == c)));
    }

    public Region sizeBand(String code) {
        SizeBand band;
        try {
            band = SizeBand.valueOf(code);
        } catch (IllegalArgumentException e) {
            throw unknown(RegionKind.SIZE_BAND, code);
        }
        List<Municipality> in = municipalities(m -> SizeBand.of(m) == band);
        return new Region(RegionKind.SIZE_BAND, band.name(), "municipalities of " + band.label() + " people (2024)", code,
            List.of(Region.stored(RegionType.SIZE_BAND, band.name())), byClass(in), List.of(), codes(in));
    }

    public Region group(String code) {
        RegionGroup group = RegionGroup.ofCode(code).orElseThrow(() -> unknown(RegionKind.GROUP, code));
        List<String> parts = group.counties().stream().map(c -> Region.stored(RegionType.COUNTY, c)).toList();
        List<Municipality> in = municipalities(m -> group.counties().contains(m.getCountyCode()));
        return new Region(RegionKind.GROUP, group.code(), group.displayName(), code, parts, byClass(in), group.counties(), codes(in));
    }

    /** Norway: the sum of the six centrality classes (every municipality has exactly one). */
    public Region norway() {
        List<String> parts = new ArrayList<>();
        Map<String, Integer> byClass = new LinkedHashMap<>();
        for (int c = CentralityClass.MOST_CENTRAL; c <= CentralityClass.LEAST_CENTRAL; c++) {
            String stored = Region.stored(RegionType.CENTRALITY_CLASS, String.valueOf(c));
            parts.add(stored);
            byClass.put(stored, c);
        }
        return new Region(RegionKind.COUNTRY, "NO", "Norway", "NO", parts, byClass, List.of(), codes(geography.municipalities2024()));
    }

    private List<Municipality> municipalities(Predicate<Municipality> filter) {
        return geography.municipalities2024().stream().filter(filter).toList();
    }

    private static Map<String, Integer> byClass(List<Municipality> municipalities) {
        Map<String, Integer> parts = new LinkedHashMap<>();
        municipalities.forEach(m -> parts.put(Region.stored(RegionType.MUNICIPALITY, m.getCode2024()), m.getCentralityClass()));
        return parts;
    }

    private static Set<String> codes(List<Municipality> municipalities) {
        return municipalities.stream().map(Municipality::getCode2024).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    private static UnknownRegionException unknown(RegionKind kind, String code) {
        if (kind == RegionKind.CENTRALITY_CLASS) {
            return new UnknownRegionException("unknown centrality class " + code + ": SSB centrality classes are 1 (most central) to 6");
        }
        if (kind == RegionKind.SIZE_BAND) {
            return new UnknownRegionException("unknown size band " + code + ": use one of " + java.util.List.of(SizeBand.values()));
        }
        String what = switch (kind) {
            case MUNICIPALITY -> "municipality code";
            case COUNTY -> "county code";
            case CENTRALITY_CLASS -> "centrality class";
            case SIZE_BAND -> "size band";
            case GROUP -> "region group";
            case COUNTRY -> "country";
        };
        return new UnknownRegionException("unknown " + what + " " + code + ": use " + kind.codeDescription()
            + (kind == RegionKind.GROUP ? " (" + String.join(", ", java.util.Arrays.stream(RegionGroup.values()).map(RegionGroup::code).toList()) + ")" : ""));
    }
}
