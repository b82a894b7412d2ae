package no.flyt.producers.synthetic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where people move, immigrate and are settled to.
 *
 * <p>Domestic movers outside Oslo and immigrants choose a municipality in proportion to its population path
 * ({@link MunicipalityTable#populationTarget}) times a steering factor {@code exp(k * gap)}, where the gap is how far
 * the simulated population lags behind the path. The flows stay realistic in size while each municipality is kept
 * near its published population in 2022-2024. Oslo is not steered: every flow in and out of Oslo is a published
 * yearly count. Refugees who move after settlement prefer centrality classes 1-2; immigrants prefer central places;
 * reception centres lie mostly in classes 4-6; IMDi settles refugees decentrally (before 2022 by a weighting that
 * favours classes 3-6, from 2022 in proportion to the published settlements per municipality).
 */
final class Destinations {

    /** Steering strength: a municipality 1 % below its path receives exp(0.15) = 16 % more movers. */
    static final double STEERING = 15.0;
    static final double MAX_GAP = 0.15;
    /** Share of moves between municipalities outside Oslo that stay inside the (2024) county. */
    static final double SAME_COUNTY_SHARE = 0.6;

    private static final double[] IMMIGRANT_PULL_BY_CLASS = {1.5, 1.4, 1.1, 1.0, 0.85, 0.8};
    private static final double[] SETTLED_REFUGEE_PULL_BY_CLASS = {3.0, 3.0, 1.5, 1.0, 0.6, 0.5};
    private static final double[] IMDI_ALLOCATION_BY_CLASS = {0.5, 0.8, 1.0, 1.2, 1.3, 1.3};
    private static final double[] RECEPTION_BY_CLASS = {0.3, 0.6, 1.0, 2.0, 2.0, 2.0};

    private final MunicipalityTable table;
    private final PersonTable persons;
    private final double scale;
    private final int oslo;
    private final String[] counties;
    private final int[][] countyMembers;
    private final int[] countyOf;
    private final Choice reception;
    private final Map<String, Choice> settlementByYear = new HashMap<>();
    private final Map<Integer, double[]> publishedSettlement;
    private final Map<Integer, double[]> publishedUkrainianSettlement;

    private final double[] steered;
    private Choice general;
    private Choice settledRefugee;
    private Choice immigrant;
    private Choice[] generalInCounty;
    private Choice[] settledRefugeeInCounty;
    private Choice osloNear;
    private Choice osloViken;
    private Choice osloRest;

    Destinations(MunicipalityTable table, PersonTable persons, double scale) {
        this.table = table;
        this.persons = persons;
        this.scale = scale;
        this.oslo = table.osloIndex();
        int n = table.size();
        Map<String, List<Integer>> byCounty = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            if (i != oslo) {
                byCounty.computeIfAbsent(table.county(i), c -> new ArrayList<>()).add(i);
            }
        }
        counties = byCounty.keySet().toArray(String[]::new);
        countyMembers = new int[counties.length][];
        countyOf = new int[n];
        java.util.Arrays.fill(countyOf, -1);
        for (int c = 0; c < counties.length; c++) {
            countyMembers[c] = byCounty.get(counties[c]).stream().mapToInt(Integer::intValue).toArray();
            for (int i : countyMembers[c]) {
                countyOf[i] = c;
            }
        }
        double[] receptionWeights = new double[n];
        for (int i = 0; i < n; i++) {
            receptionWeights[i] = i == oslo ? 0
                
                : StrictMath.pow(table.populationJan1(i, MunicipalityTable.FIRST_YEAR), 0.8) * RECEPTION_BY_CLASS[table.centrality(i) - 1];
        }
        reception = new Choice(receptionWeights);
        publishedSettlement = new HashMap<>();
        publishedUkrainianSettlement = new HashMap<>();
        for (List<String> row : Csv.readResource("refugee-settlement-by-municipality.csv")) {
            int year = Integer.parseInt(row.get(1));
            int i = table.index(row.get(0));
            double all = Double.parseDouble(row.get(2));
            double ukrainians = Double.parseDouble(row.get(3));
            publishedSettlement.computeIfAbsent(year, y -> new double[n])[i] = Math.max(0, all - ukrainians);
            publishedUkrainianSettlement.computeIfAbsent(year, y -> new double[n])[i] = ukrainians;
        }
        steered = new double[n];
    }

    /** Recomputes the steered weights for the day; call once a day before drawing. */
    void refresh(int day) {
        int n = table.size();
        double[] immigrantWeights = new double[n];
        double[] refugeeWeights = new double[n];
        for (int i = 0; i < n; i++) {
            if (i == oslo) {
                steered[i] = 0;
                continue;
            }
            double target = table.populationTarget(i, day) * scale;
            double gap = (target - persons.population(i)) / Math.max(target, 1.0);
            gap = Math.max(-MAX_GAP, Math.min(MAX_GAP, gap));
            steered[i] = Math.max(target, 0.5) * StrictMath.exp(STEERING * gap);
            int c = table.centrality(i) - 1;
            immigrantWeights[i] = steered[i] * IMMIGRANT_PULL_BY_CLASS[c];
            refugeeWeights[i] = steered[i] * SETTLED_REFUGEE_PULL_BY_CLASS[c];
        }
        general = new Choice(steered);
        settledRefugee = new Choice(refugeeWeights);
        immigrant = new Choice(immigrantWeights);
        generalInCounty = new Choice[counties.length];
        settledRefugeeInCounty = new Choice[counties.length];
        for (int c = 0; c < counties.length; c++) {
            int[] members = countyMembers[c];
            double[] g = new double[members.length];
            double[] r = new double[members.length];
            for (int k = 0; k < members.length; k++) {
                g[k] = steered[members[k]];
                r[k] = refugeeWeights[members[k]];
            }
            generalInCounty[c] = new Choice(g);
            settledRefugeeInCounty[c] = new Choice(r);
        }
        double[] near = new double[n];
        double[] viken = new double[n];
        double[] rest = new double[n];
        for (int i = 0; i < n; i++) {
            if (i == oslo) {
                continue;
            }
            if (table.isNearNeighbourOfOslo(i)) {
                near[i] = steered[i];
            } else if (table.isFormerViken(i)) {
                viken[i] = steered[i];
            } else {
                rest[i] = steered[i];
            }
        }
        osloNear = new Choice(near);
        osloViken = new Choice(viken);
        osloRest = new Choice(rest);
    }

    /** Destination of a move between municipalities from {@code origin} (not Oslo, never the origin itself). */
    int move(int origin, boolean settledRefugee, Rng rng) {
        int county = countyOf[origin];
        if (county >= 0 && countyMembers[county].length > 1 && rng.chance(SAME_COUNTY_SHARE)) {
            Choice choice = settledRefugee ? settledRefugeeInCounty[county] : generalInCounty[county];
            for (int attempt = 0; attempt < 20; attempt++) {
                int m = countyMembers[county][choice.draw(rng)];
                if (m != origin) {
                    return m;
                }
            }
        }
        Choice choice = settledRefugee ? this.settledRefugee : general;
        while (true) {
            int m = choice.draw(rng);
            if (m != origin) {
                return m;
            }
        }
    }

    /** Destination of an Oslo leaver: the five near neighbours, the rest of former Viken, or elsewhere. */
    int osloLeaver(double shareToViken, double shareToNearNeighbours, Rng rng) {
        double u = rng.nextDouble();
        if (u < shareToNearNeighbours) {
            return osloNear.draw(rng);
        }
        return u < shareToViken ? osloViken.draw(rng) : osloRest.draw(rng);
    }

    /** Municipality of an immigrant outside Oslo. */
    int immigrant(Rng rng) {
        return immigrant.draw(rng);
    }

    /** Reception centre municipality of an asylum seeker (never Oslo, never {@code not}). */
    int reception(int not, Rng rng) {
        while (true) {
            int m = reception.draw(rng);
            if (m != not) {
                return m;
            }
        }
    }

    /** IMDi settlement municipality for a settlement in {@code year}. */
    int settlement(int year, boolean ukrainian, Rng rng) {
        String key = year + (ukrainian ? "U" : "R");
        return settlementByYear.computeIfAbsent(key, k -> settlementChoice(year, ukrainian)).draw(rng);
    }

    private Choice settlementChoice(int year, boolean ukrainian) {
        int published = Math.min(year, 2024);
        double[] weights = (ukrainian ? publishedUkrainianSettlement : publishedSettlement).get(published);
        if (weights != null) {
            return new Choice(weights);
        }
        int n = table.size();
        double[] allocation = new double[n];
        for (int i = 0; i < n; i++) {
            allocation[i] = table.populationJan1(i, Math.max(MunicipalityTable.FIRST_YEAR, Math.min(year, 2024)))
                * IMDI_ALLOCATION_BY_CLASS[table.centrality(i) - 1];
        }
        return new Choice(allocation);
    }
}
