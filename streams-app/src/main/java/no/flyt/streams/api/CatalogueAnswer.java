package no.flyt.streams.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.flyt.catalogue.Ages;
import no.flyt.catalogue.Breakdown;
import no.flyt.catalogue.Catalogue;
import no.flyt.catalogue.Dimension;
import no.flyt.catalogue.Measure;
import no.flyt.catalogue.Table;
import no.flyt.streams.regions.RegionGroup;
import no.flyt.streams.regions.RegionKind;

/** What can be asked, as {@code GET /api/catalogue} lists it: straight from the statistics catalogue and the region kinds. */
record CatalogueAnswer(int generation, List<Map<String, Object>> measures, List<Map<String, Object>> dimensions,
                       List<Map<String, Object>> regionKinds, List<Map<String, Object>> questions, String ages) {

    static CatalogueAnswer describe() {
        List<Map<String, Object>> measures = new ArrayList<>();
        for (Measure m : Measure.values()) {
            Map<String, Object> measure = new LinkedHashMap<>();
            measure.put("name", m.jsonName());
            measure.put("kind", m.kind().name());
            measure.put("description", m.description());
            List<Map<String, Object>> tables = new ArrayList<>();
            for (Table t : m.tables()) {
                tables.add(Map.of("breakdown", t.breakdown().name(), "dimensions", t.dimensions().stream().map(Dimension::name).toList(),
                    "since", t.since()));
            }
            measure.put("breakdowns", tables);
            measures.add(measure);
        }
        List<Map<String, Object>> dimensions = new ArrayList<>();
        for (Dimension d : Dimension.values()) {
            if (d.placement() == Dimension.Placement.NONE) {
                continue;
            }
            Map<String, Object> dimension = new LinkedHashMap<>();
            dimension.put("name", d.name());
            dimension.put("description", d.description());
            if (d.isEnumerated()) {
                dimension.put("categories", List.copyOf(d.enumerated().keySet()));
            }
            dimensions.add(dimension);
        }
        List<Map<String, Object>> kinds = new ArrayList<>();
        for (RegionKind k : RegionKind.values()) {
            Map<String, Object> kind = new LinkedHashMap<>();
            kind.put("kind", k.name());
            kind.put("path", "/api/" + k.pathSegment() + (k.hasCode() ? "/{code}" : ""));
            kind.put("code", k.codeDescription());
            if (k == RegionKind.GROUP) {
                kind.put("groups", Arrays.stream(RegionGroup.values()).map(RegionGroup::code).toList());
            }
            kinds.add(kind);
        }
        List<Map<String, Object>> questions = new ArrayList<>();
        for (RegionQuestion q : RegionQuestion.values()) {
            questions.add(Map.of("path", "{region}/" + q.path(), "description", q.description()));
        }
        return new CatalogueAnswer(Catalogue.GENERATION, measures, dimensions, kinds, questions,
            "Flows are kept by age band (" + String.join(", ", Dimension.AGE_BAND.enumerated().keySet()) + ") and, for the "
                + Breakdown.AGE + " breakdowns, by single years up to " + Ages.SINGLE_YEARS_UP_TO + ", then 31-64 and 65+: age groups "
                + "(ages=0-17,18-30,...) must be unions of those. Stocks are kept by birth year: any age group.");
    }
}
