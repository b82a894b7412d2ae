package no.flyt.producers.synthetic;

import no.flyt.events.CountryBackground;
import no.flyt.events.ImmigrantCategory;
import no.flyt.events.ImmigrationReason;

/**
 * Relative propensities of persons to have each kind of event, as acceptance probabilities in [0, 1] for rejection
 * sampling: a candidate drawn uniformly is taken with probability {@code weight}, so persons are picked in
 * proportion to their weight while the yearly number of events stays the published one. Only ratios matter.
 *
 * <p>The factors encode the behaviour the research questions ask about (all model assumptions):
 * labour immigrants emigrate much more and move inside Norway less than others; young people (30 or younger) with
 * an immigrant background in centrality classes 5-6 move and emigrate more; children with two parents from outside
 * the EU/EEA move the most, children with EU/EEA parents emigrate the most; refugees move more in their first five
 * years after settlement (and, see {@link Destinations}, towards central municipalities).
 */
final class Propensities {

    private static final int MAX_AGE = 125;
    private static final double[] MOVE_AGE = new double[MAX_AGE + 1];
    private static final double[] LOCAL_MOVE_AGE = new double[MAX_AGE + 1];
    private static final double[] EMIGRATION_AGE = new double[MAX_AGE + 1];
    private static final double[] MORTALITY = new double[MAX_AGE + 1];
    private static final double[] FERTILITY = new double[MAX_AGE + 1];

    private static final int IMMIGRANT = ImmigrantCategory.IMMIGRANT.ordinal();
    private static final int TWO_PARENTS = ImmigrantCategory.NORWEGIAN_BORN_TWO_IMMIGRANT_PARENTS.ordinal();
    private static final int ONE_PARENT = ImmigrantCategory.ONE_IMMIGRANT_PARENT.ordinal();
    private static final int EU = CountryBackground.EU_EEA_UK.ordinal();
    private static final int REST_OF_WORLD = CountryBackground.REST_OF_WORLD.ordinal();
    private static final int WORK = ImmigrationReason.WORK.ordinal() + 1;
    private static final int REFUGE = ImmigrationReason.REFUGE.ordinal() + 1;
    private static final int FAMILY = ImmigrationReason.FAMILY.ordinal() + 1;
    private static final int EDUCATION = ImmigrationReason.EDUCATION.ordinal() + 1;

    /** Normalisers: the raw products are divided by these and capped at 1. */
    private static final double MOVE_SCALE = 6.0;
    private static final double EMIGRATION_SCALE = 10.0;

    static {
        for (int age = 0; age <= MAX_AGE; age++) {
            MOVE_AGE[age] = age <= 5 ? 0.55 : age <= 12 ? 0.35 : age <= 17 ? 0.30 : age <= 19 ? 0.9 : age <= 24 ? 2.4
                : age <= 29 ? 2.3 : age <= 34 ? 1.5 : age <= 39 ? 0.9 : age <= 49 ? 0.55 : age <= 59 ? 0.35 : age <= 69 ? 0.28 : 0.2;
            LOCAL_MOVE_AGE[age] = age <= 5 ? 0.9 : age <= 17 ? 0.5 : age <= 19 ? 1.0 : age <= 29 ? 2.2 : age <= 34 ? 1.7
                : age <= 44 ? 1.0 : age <= 59 ? 0.55 : age <= 74 ? 0.4 : 0.45;
            EMIGRATION_AGE[age] = age <= 17 ? 0.5 : age <= 24 ? 1.3 : age <= 34 ? 1.6 : age <= 44 ? 1.0 : age <= 54 ? 0.6
                : age <= 66 ? 0.5 : 0.3;
            // Gompertz mortality, with infant mortality and a floor for children and young adults.
            double q = age == 0 ? 0.002 : Math.max(0.00012, 0.00002 * StrictMath.exp(0.1 * age));
            MORTALITY[age] = Math.min(1.0, q / 0.6);
            FERTILITY[age] = age < 15 || age > 49 ? 0 : StrictMath.exp(-0.5 * StrictMath.pow((age - 31) / 5.5, 2));
        }
    }

    private Propensities() {
    }

    private static int age(long word, int day) {
        return Math.max(0, Math.min(MAX_AGE, PersonTable.ageOf(word, day)));
    }

    /** Moving to another municipality. */
    static double move(long word, int day, int centrality) {
        int age = age(word, day);
        double w = MOVE_AGE[age] * categoryMoveFactor(word, age);
        if (age <= 30 && centrality >= 5 && PersonTable.hasImmigrantBackground(word)) {
            w *= 1.6;
        }
        int settled = PersonTable.settlementYearOf(word);
        int year = Dates.year(day);
        if (settled != 0 && year - settled <= 5) {
            w *= 2.0;
        }
        return Math.min(1.0, w / MOVE_SCALE);
    }

    private static double categoryMoveFactor(long word, int age) {
        int category = PersonTable.categoryOrdinal(word);
        if (category == IMMIGRANT) {
            int reason = PersonTable.reasonCode(word);
            double f = reason == REFUGE ? 1.5 : reason == WORK ? 0.55 : reason == FAMILY ? 1.2 : reason == EDUCATION ? 1.5 : 1.0;
            if (age < 18 && PersonTable.backgroundOrdinal(word) == REST_OF_WORLD) {
                f *= 1.8;
            }
            return f;
        }
        if (category == TWO_PARENTS) {
            boolean restOfWorld = PersonTable.backgroundOrdinal(word) == REST_OF_WORLD;
            return restOfWorld ? (age < 18 ? 2.6 : 1.6) : 1.0;
        }
        return category == ONE_PARENT ? 1.05 : 1.0;
    }

    /** Moving inside the own municipality. */
    static double localMove(long word, int day) {
        int age = age(word, day);
        double w = LOCAL_MOVE_AGE[age];
        int category = PersonTable.categoryOrdinal(word);
        if (category == IMMIGRANT) {
            w *= 1.5;
        } else if (category == TWO_PARENTS && PersonTable.backgroundOrdinal(word) == REST_OF_WORLD) {
            w *= age < 18 ? 1.8 : 1.3;
        }
        return Math.min(1.0, w / 4.0);
    }

    /** Moving to Oslo: like any move, with more weight on young adults, immigrants and recently settled refugees. */
    static double moveToOslo(long word, int day, int centrality) {
        int age = age(word, day);
        double w = move(word, day, centrality) * (age >= 19 && age <= 34 ? 1.4 : 1.0);
        if (PersonTable.categoryOrdinal(word) == IMMIGRANT) {
            w *= 1.3;
        }
        return Math.min(1.0, w);
    }

    /** Emigrating. Ukrainians with collective protection emigrate in a stream of their own and score 0 here. */
    static double emigrate(long word, int day, int centrality, int immigrationYear) {
        if (PersonTable.hasCollectiveProtection(word)) {
            return 0;
        }
        int age = age(word, day);
        double w = EMIGRATION_AGE[age];
        int category = PersonTable.categoryOrdinal(word);
        boolean eu = PersonTable.backgroundOrdinal(word) == EU;
        if (category == IMMIGRANT) {
            int reason = PersonTable.reasonCode(word);
            w *= reason == WORK ? 4.5 : reason == EDUCATION ? 4.0 : reason == FAMILY ? 1.2 : reason == REFUGE ? 0.35 : 2.5;
            if (eu) {
                w *= 1.5;
            }
            if (immigrationYear > 0 && Dates.year(day) - immigrationYear <= 3) {
                w *= 1.8;
            }
        } else if (category == TWO_PARENTS) {
            w *= eu ? 2.0 : 0.6;
        } else {
            w *= category == ONE_PARENT ? 0.45 : 0.25;
        }
        if (age < 18 && eu && category != ONE_PARENT) {
            w *= 2.0;
        }
        if (age <= 30 && centrality >= 5 && PersonTable.hasImmigrantBackground(word)) {
            w *= 1.6;
        }
        return Math.min(1.0, w / EMIGRATION_SCALE);
    }

    /** Ukrainians with collective protection returning or moving on. */
    static double emigrateUkrainian(long word, int day) {
        if (!PersonTable.hasCollectiveProtection(word)) {
            return 0;
        }
        return EMIGRATION_AGE[age(word, day)] / 1.6;
    }

    static double death(long word, int day) {
        return MORTALITY[age(word, day)];
    }

    /** Giving birth (women 15-49); women from outside the EU/EEA have somewhat more children. */
    static double birth(long word, int day) {
        if (!PersonTable.isFemale(word)) {
            return 0;
        }
        double w = FERTILITY[age(word, day)];
        if (PersonTable.categoryOrdinal(word) == IMMIGRANT && PersonTable.backgroundOrdinal(word) == REST_OF_WORLD) {
            w *= 1.25;
        }
        return Math.min(1.0, w / 1.25);
    }
}
