package no.flyt.streams.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.flyt.catalogue.AgeGroup;
import no.flyt.catalogue.Breakdown;
import no.flyt.catalogue.Cell;
import no.flyt.catalogue.Dimension;
import no.flyt.catalogue.Measure;
import no.flyt.catalogue.Table;
import no.flyt.streams.query.StatisticsAnswers.CategoryCount;
import no.flyt.streams.regions.Region;
import no.flyt.streams.regions.RegionKind;

/**
 * The measures of a flows answer for one kind of region, each a signed sum of stored measures: a county's moves in
 * are its municipalities' moves in from other counties, its moves inside it the moves inside its municipalities plus
 * those between them, and so on. The JSON names are the catalogue's.
 */
final class FlowMeasures {

    /** The person dimensions a breakdown lists, each on its own. */
    static final List<Dimension> PERSON_DIMENSIONS = List.of(Dimension.IMMIGRANT_CATEGORY, Dimension.COUNTRY_BACKGROUND,
        Dimension.IMMIGRATION_REASON, Dimension.EDUCATION_LEVEL, Dimension.SEX);
    static final String NET = "net";
    static final String POPULATION_CHANGE = "populationChange";

    /** A stored measure with a sign, or (for a group of counties) the moves across the group's border. */
    sealed interface Term permits Stored, AcrossGroupBorder {
        int sign();
    }

    record Stored(Measure measure, int sign) implements Term {
    }

    /** DOMESTIC_IN or DOMESTIC_OUT to or from counties outside the group: a total, from the other end of each move. */
    record AcrossGroupBorder(Measure measure, List<String> counties, int sign) implements Term {
    }

    private FlowMeasures() {
    }

    /** The answer's measures, by JSON name, in the order the answer lists them. */
    static Map<String, List<Term>> of(Region region) {
        List<Term> in = across(region, Measure.DOMESTIC_IN, 1);
        List<Term> out = across(region, Measure.DOMESTIC_OUT, 1);
        Map<String, List<Term>> measures = new LinkedHashMap<>();
        measures.put(Measure.DOMESTIC_IN.jsonName(), in);
        measures.put(Measure.DOMESTIC_OUT.jsonName(), out);
        for (Measure m : List.of(Measure.IMMIGRATIONS, Measure.EMIGRATIONS, Measure.REFUGEE_SETTLEMENTS, Measure.BIRTHS, Measure.DEATHS)) {
            measures.put(m.jsonName(), List.of(new Stored(m, 1)));
        }
        List<Term> within = new ArrayList<>(List.of(new Stored(Measure.MOVES_WITHIN, 1)));
        if (region.kind() != RegionKind.MUNICIPALITY) {
            // moves between two municipalities of the region are moves inside it
            within.add(new Stored(Measure.DOMESTIC_IN, 1));
            within.addAll(negated(in));
        }
        measures.put(Measure.MOVES_WITHIN.jsonName(), within);
        List<Term> net = new ArrayList<>(in);
        net.addAll(negated(out));
        net.add(new Stored(Measure.IMMIGRATIONS, 1));
        net.add(new Stored(Measure.EMIGRATIONS, -1));
        measures.put(NET, net);
        List<Term> change = new ArrayList<>(net);
        change.add(new Stored(Measure.BIRTHS, 1));
        change.add(new Stored(Measure.DEATHS, -1));
        measures.put(POPULATION_CHANGE, change);
        return measures;
    }

    /** The moves into (or out of) the region from the rest of Norway: none for Norway itself. */
    private static List<Term> across(Region region, Measure domestic, int sign) {
        return switch (region.kind()) {
            case MUNICIPALITY -> List.of(new Stored(domestic, sign));
            case COUNTY, CENTRALITY_CLASS, SIZE_BAND -> List.of(new Stored(domestic.crossing(region.kind().border()), sign));
            case GROUP -> List.of(new AcrossGroupBorder(domestic, region.counties(), sign));
            case COUNTRY -> List.of();
        };
    }

    private static List<Term> negated(List<Term> terms) {
        return terms.stream().map(t -> t instanceof Stored s ? (Term) new Stored(s.measure(), -s.sign())
            : new AcrossGroupBorder(((AcrossGroupBorder) t).measure(), ((AcrossGroupBorder) t).counties(), -t.sign())).toList();
    }

    /** The breakdown of a signed sum of measures in a tally; with a total only where a term has no breakdowns. */
    static StatisticsAnswers.Counts breakdown(List<Term> terms, Tally t, List<AgeGroup> ages) {
        boolean onlyTotal = terms.stream().anyMatch(term -> term instanceof AcrossGroupBorder);
        if (onlyTotal) {
            long total = 0;
            for (Term term : terms) {
                total += term instanceof Stored s ? s.sign() * t.total(s.measure(), Breakdown.ALL, 0)
                    : term.sign() * acrossGroupBorder(t, (AcrossGroupBorder) term);
            }
            return new StatisticsAnswers.Counts(total, null, null, null);
        }
        List<Stored> stored = terms.stream().map(Stored.class::cast).toList();
        CategoryCount all = categoryCount(stored, t, Dimension.ALL, Breakdown.ALL, 0, ages);
        Map<String, Map<String, CategoryCount>> by = new LinkedHashMap<>();
        for (Dimension d : PERSON_DIMENSIONS) {
            Breakdown breakdown = Breakdown.valueOf(d.name());
            Map<String, CategoryCount> categories = new LinkedHashMap<>();
            d.enumerated().forEach((label, code) -> categories.put(label, categoryCount(stored, t, d, breakdown, code, ages)));
            by.put(d.name(), categories);
        }
        return new StatisticsAnswers.Counts(all.total(), all.byAgeBand(), all.byAge(), by);
    }

    private static CategoryCount categoryCount(List<Stored> terms, Tally t, Dimension d, Breakdown breakdown, int category,
                                               List<AgeGroup> ages) {
        Map<String, Long> bands = new LinkedHashMap<>();
        long total = 0;
        for (Map.Entry<String, Integer> band : Dimension.AGE_BAND.enumerated().entrySet()) {
            long n = 0;
            for (Stored s : terms) {
                n += s.sign() * t.byBand(s.measure(), breakdown, category, band.getValue());
            }
            bands.put(band.getKey(), n);
            total += n;
        }
        Map<String, Long> byAge = null;
        if (ages != null && Tally.ageBreakdown(d) != null) {
            byAge = new LinkedHashMap<>();
            for (AgeGroup group : ages) {
                long n = 0;
                for (Stored s : terms) {
                    Long part = t.byAge(s.measure(), d, category, group);
                    n += part == null ? 0 : s.sign() * part;
                }
                byAge.put(group.toString(), n);
            }
        }
        return new CategoryCount(total, bands, byAge);
    }

    /** Moves into (or out of) the group's counties from (or to) counties outside it. */
    static long acrossGroupBorder(Tally t, AcrossGroupBorder term) {
        Table table = term.measure().tableOf(Breakdown.PARTNER_COUNTY);
        int head = Cell.head(table);
        long[] sum = {0};
        t.sums().forEach((cell, count) -> {
            if ((cell & 0xFFFF_0000) == head) {
                String partner = Dimension.PARTNER_COUNTY.label(Cell.code(cell, table, 0));
                if (!term.counties().contains(partner)) {
                    sum[0] += count;
                }
            }
        });
        return sum[0];
    }
}
