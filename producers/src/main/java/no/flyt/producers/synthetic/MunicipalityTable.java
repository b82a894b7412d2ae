package no.flyt.producers.synthetic;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import no.flyt.reference.Municipality;
import no.flyt.reference.MunicipalityCatalog;
import no.flyt.reference.Population;

/**
 * The 357 municipalities of 2024 as the model sees them: an index per municipality, its centrality class and county,
 * the code a resident had on any date, and the population path the generator steers towards.
 *
 * <p>Population path: 1 January 2022, 2023 and 2024 are SSB's figures (table 07459, Haram split from Ålesund in
 * 2022-2023 by its 2024 share). No per-municipality figure for 2015 is at hand, so the 2015 population is the 2022
 * figure divided by a growth factor per centrality class (central municipalities grew, peripheral ones shrank),
 * scaled so that the national total is SSB's 5 165 802; Oslo's path is its published yearly figures. Years between
 * 2015 and 2022 are interpolated geometrically, 2025 extrapolated from 2023-2024.
 */
final class MunicipalityTable {

    static final String OSLO = "0301";
    static final int FIRST_YEAR = 2015;
    static final int LAST_YEAR = 2025;
    /** Growth 2015-2022 assumed per centrality class 1..6 before scaling to the national total. */
    static final double[] GROWTH_2015_2022_BY_CLASS = {1.085, 1.075, 1.055, 1.035, 1.005, 0.975};
    /** The municipalities SSB names as the nearest destinations of Oslo leavers (2021). */
    static final Set<String> NEAR_NEIGHBOURS_OF_OSLO = Set.of("3201", "3203", "3205", "3207", "3222");

    private final String[] code2024;
    private final String[] county;
    private final int[] centrality;
    private final boolean[] formerViken;
    private final boolean[] nearNeighbourOfOslo;
    private final int osloIndex;
    private final Map<String, Integer> indexByCode = new HashMap<>();
    /** Dates from which the codes change, ascending; epoch e covers [epochStart[e], epochStart[e+1]). */
    private final int[] epochStart;
    private final String[][] codeByEpoch;
    /** Population on 1 January of FIRST_YEAR..LAST_YEAR, per municipality, at full scale. */
    private final double[][] populationJan1;
    private final int[][] sameCounty;

    MunicipalityTable(MunicipalityCatalog catalog, Population population) {
        List<Municipality> current = catalog.current();
        int n = current.size();
        code2024 = new String[n];
        county = new String[n];
        centrality = new int[n];
        formerViken = new boolean[n];
        nearNeighbourOfOslo = new boolean[n];
        for (int i = 0; i < n; i++) {
            Municipality m = current.get(i);
            code2024[i] = m.getCode();
            county[i] = m.getCountyCode();
            centrality[i] = m.getCentralityClass();
            indexByCode.put(m.getCode(), i);
            // Viken (county 30) existed 2020-2023: its municipalities are those whose 2021 code starts with 30.
            formerViken[i] = catalog.codeValidOn(m.getCode(), LocalDate.of(2021, 6, 1)).startsWith("30");
            nearNeighbourOfOslo[i] = NEAR_NEIGHBOURS_OF_OSLO.contains(m.getCode());
        }
        Integer oslo = indexByCode.get(OSLO);
        if (oslo == null) {
            throw new IllegalStateException("the municipality catalog has no Oslo (" + OSLO + ")");
        }
        osloIndex = oslo;

        TreeSet<LocalDate> boundaries = new TreeSet<>();
        boundaries.add(LocalDate.of(FIRST_YEAR, 1, 1));
        LocalDate end = LocalDate.of(LAST_YEAR, 12, 31);
        for (Municipality m : catalog.all()) {
            if (m.getValidFrom() != null && m.getValidFrom().isAfter(boundaries.first()) && m.getValidFrom().isBefore(end)) {
                boundaries.add(m.getValidFrom());
            }
            if (m.getValidTo() != null && m.getValidTo().isAfter(boundaries.first()) && m.getValidTo().isBefore(end)) {
                boundaries.add(m.getValidTo().plusDays(1));
            }
        }
        epochStart = boundaries.stream().mapToInt(d -> (int) d.toEpochDay()).toArray();
        codeByEpoch = new String[epochStart.length][n];
        for (int e = 0; e < epochStart.length; e++) {
            LocalDate date = LocalDate.ofEpochDay(epochStart[e]);
            for (int i = 0; i < n; i++) {
                codeByEpoch[e][i] = catalog.codeValidOn(code2024[i], date).intern();
            }
        }

        populationJan1 = populationPath(population);
        sameCounty = new int[n][];
        for (int i = 0; i < n; i++) {
            List<Integer> others = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                if (j != i && county[j].equals(county[i])) {
                    others.add(j);
                }
            }
            sameCounty[i] = others.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    private double[][] populationPath(Population population) {
        int n = code2024.length;
        int years = LAST_YEAR - FIRST_YEAR + 1;
        double[][] path = new double[n][years];
        double[] p2022 = new double[n];
        double[] p2023 = new double[n];
        double[] p2024 = new double[n];
        for (int i = 0; i < n; i++) {
            p2022[i] = jan1(population, code2024[i], 2022);
            p2023[i] = jan1(population, code2024[i], 2023);
            p2024[i] = jan1(population, code2024[i], 2024);
        }
        // SSB counts Haram (1580) inside Ålesund (1508) before 2024: split by the 2024 shares.
        Integer alesund = indexByCode.get("1508");
        Integer haram = indexByCode.get("1580");
        if (alesund != null && haram != null && p2022[haram] == 0) {
            double share = p2024[haram] / (p2024[haram] + p2024[alesund]);
            for (double[] p : new double[][] {p2022, p2023}) {
                double total = p[alesund] + p[haram];
                p[haram] = total * share;
                p[alesund] = total - p[haram];
            }
        }
        ModelParameters parameters = ModelParameters.bundled();
        double national2015 = parameters.national("POPULATION_JAN1", 2015);
        double oslo2015 = parameters.oslo("POPULATION_JAN1", 2015);
        double[] p2015 = new double[n];
        double rest = 0;
        for (int i = 0; i < n; i++) {
            if (i != osloIndex) {
                p2015[i] = p2022[i] / GROWTH_2015_2022_BY_CLASS[centrality[i] - 1];
                rest += p2015[i];
            }
        }
        double factor = (national2015 - oslo2015) / rest;
        for (int i = 0; i < n; i++) {
            p2015[i] = i == osloIndex ? oslo2015 : p2015[i] * factor;
        }
        for (int i = 0; i < n; i++) {
            for (int y = FIRST_YEAR; y <= 2022; y++) {
                double t = (y - FIRST_YEAR) / 7.0;
                path[i][y - FIRST_YEAR] = p2015[i] * StrictMath.pow(p2022[i] / p2015[i], t);
            }
            path[i][2023 - FIRST_YEAR] = p2023[i];
            path[i][2024 - FIRST_YEAR] = p2024[i];
            double trend = Math.max(0.97, Math.min(1.03, p2024[i] / Math.max(1, p2023[i])));
            path[i][2025 - FIRST_YEAR] = p2024[i] * trend;
        }
        // Oslo: its published populations where they exist.
        for (int y = FIRST_YEAR; y <= 2024; y++) {
            double published = parameters.oslo("POPULATION_JAN1", y);
            path[osloIndex][y - FIRST_YEAR] = published;
        }
        return path;
    }

    private static double jan1(Population population, String code, int year) {
        return population.onJanuary1(code, year).orElseThrow(
            () -> new IllegalStateException("no population for " + code + " on 1 January " + year + " in the reference data"));
    }

    int size() {
        return code2024.length;
    }

    int osloIndex() {
        return osloIndex;
    }

    String code2024(int i) {
        return code2024[i];
    }

    int index(String code2024) {
        Integer i = indexByCode.get(code2024);
        if (i == null) {
            throw new IllegalArgumentException("not a 2024 municipality: " + code2024);
        }
        return i;
    }

    int centrality(int i) {
        return centrality[i];
    }

    String county(int i) {
        return county[i];
    }

    boolean isFormerViken(int i) {
        return formerViken[i];
    }

    boolean isNearNeighbourOfOslo(int i) {
        return nearNeighbourOfOslo[i];
    }

    /** Other municipalities of the same (2024) county. */
    int[] sameCounty(int i) {
        return sameCounty[i];
    }

    /** The code a resident of municipality {@code i} was registered with on the given day (epoch day). */
    String codeOn(int i, int epochDay) {
        int e = Arrays.binarySearch(epochStart, epochDay);
        if (e < 0) {
            e = -e - 2;
        }
        return codeByEpoch[Math.max(0, e)][i];
    }

    /** The population on 1 January of {@code year} the generator steers towards (full scale). */
    double populationJan1(int i, int year) {
        return populationJan1[i][year - FIRST_YEAR];
    }

    /** The population path at a day, interpolated linearly between the 1 January figures (full scale). */
    double populationTarget(int i, int epochDay) {
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        int year = Math.min(Math.max(date.getYear(), FIRST_YEAR), LAST_YEAR - 1);
        double from = populationJan1[i][year - FIRST_YEAR];
        double to = populationJan1[i][year + 1 - FIRST_YEAR];
        double t = (date.getDayOfYear() - 1) / (double) date.lengthOfYear();
        return from + (to - from) * t;
    }
}
