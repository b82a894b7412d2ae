package no.flyt.producers.synthetic;

import no.flyt.events.EducationLevel;
import no.flyt.events.ImmigrantCategory;
import no.flyt.events.ImmigrationReason;
import no.flyt.events.Sex;

/**
 * Creates persons with attributes drawn from the model's distributions (all model assumptions, shaped after SSB's
 * population statistics): age by immigrant category and centrality class, sex and education by group, country of
 * background by reason for immigration.
 */
final class PersonFactory {

    private static final int MAX_AGE = 104;
    /** Tilt of the native age structure per centrality class: negative = younger, positive = older (classes 5-6). */
    private static final double[] NATIVE_AGE_TILT_BY_CLASS = {-0.25, -0.15, 0.0, 0.1, 0.3, 0.4};

    private static final Choice[] NATIVE_AGE = new Choice[6];
    private static final Choice ONE_PARENT_AGE;
    private static final Choice TWO_PARENTS_AGE;
    private static final Choice IMMIGRANT_STOCK_AGE;
    private static final Choice WORK_AGE = ages(18, 64, 30, 9);
    private static final Choice STUDENT_AGE = ages(18, 40, 23, 4);
    private static final Choice ADULT_FAMILY_AGE = ages(18, 70, 30, 9);
    private static final Choice ADULT_REFUGEE_AGE = ages(18, 70, 29, 10);
    private static final Choice CHILD_AGE = ages(0, 17, 8, 6);
    private static final Choice RETURNING_NATIVE_AGE = ages(18, 75, 32, 11);

    private static final Choice EDUCATION_NATIVE = education(25, 40, 25, 10, 0);
    private static final Choice EDUCATION_REFUGE = education(45, 25, 15, 5, 10);
    private static final Choice EDUCATION_WORK = education(20, 45, 22, 10, 3);
    private static final Choice EDUCATION_FAMILY = education(35, 35, 18, 7, 5);
    private static final Choice EDUCATION_STUDENT = education(0, 20, 45, 35, 0);
    private static final Choice EDUCATION_OTHER = education(25, 40, 22, 10, 3);
    private static final Choice EDUCATION_UKRAINIAN = education(10, 35, 30, 20, 5);
    /** Reasons of the immigrants living in Norway on 1 January 2015, in ImmigrationReason order. */
    private static final Choice STOCK_REASON = new Choice(new double[] {28, 30, 28, 5, 9});
    /** Reasons of new immigrants other than refugees, in ImmigrationReason order (REFUGE has its own stream). */
    private static final Choice NEW_REASON = new Choice(new double[] {0, 40, 35, 10, 15});

    static {
        double[] base = new double[MAX_AGE + 1];
        for (int age = 0; age <= MAX_AGE; age++) {
            base[age] = age <= 19 ? 1.22 : age <= 29 ? 1.30 : age <= 49 ? 1.35 : age <= 59 ? 1.30 : age <= 69 ? 1.15
                : age <= 79 ? 0.75 : age <= 89 ? 0.38 : age <= 94 ? 0.12 : age <= 99 ? 0.04 : 0.006;
        }
        for (int c = 0; c < 6; c++) {
            double[] w = new double[MAX_AGE + 1];
            for (int age = 0; age <= MAX_AGE; age++) {
                w[age] = base[age] * StrictMath.exp(NATIVE_AGE_TILT_BY_CLASS[c] * (age - 40) / 40.0);
            }
            NATIVE_AGE[c] = new Choice(w);
        }
        double[] oneParent = new double[MAX_AGE + 1];
        double[] twoParents = new double[MAX_AGE + 1];
        double[] immigrants = new double[MAX_AGE + 1];
        for (int age = 0; age <= MAX_AGE; age++) {
            oneParent[age] = base[age] * StrictMath.exp(-0.8 * (age - 40) / 40.0);
            twoParents[age] = age <= 9 ? 3 : age <= 19 ? 2 : age <= 29 ? 1 : age <= 39 ? 0.3 : 0.03;
            immigrants[age] = age <= 9 ? 0.5 : age <= 17 ? 0.7 : age <= 24 ? 1.5 : age <= 34 ? 2.6 : age <= 44 ? 2.2
                : age <= 54 ? 1.4 : age <= 64 ? 0.8 : age <= 74 ? 0.4 : age <= 90 ? 0.15 : 0.01;
        }
        ONE_PARENT_AGE = new Choice(oneParent);
        TWO_PARENTS_AGE = new Choice(twoParents);
        IMMIGRANT_STOCK_AGE = new Choice(immigrants);
    }

    private final PersonTable persons;
    private final Rng rng;

    PersonFactory(PersonTable persons, Rng rng) {
        this.persons = persons;
        this.rng = rng;
    }

    private static Choice ages(int from, int to, double mode, double spread) {
        double[] w = new double[MAX_AGE + 1];
        for (int age = from; age <= to; age++) {
            w[age] = StrictMath.exp(-0.5 * StrictMath.pow((age - mode) / spread, 2)) + 0.02;
        }
        return new Choice(w);
    }

    private static Choice education(double primary, double upper, double shortTertiary, double longTertiary, double unknown) {
        return new Choice(new double[] {primary, upper, shortTertiary, longTertiary, unknown});
    }

    /** A birth day for someone {@code age} years old on {@code day}. */
    private int birthDay(int day, int age) {
        return day - (int) (age * 365.25) - rng.nextInt(365);
    }

    private Sex sex(double maleShare) {
        return rng.chance(maleShare) ? Sex.MALE : Sex.FEMALE;
    }

    private EducationLevel education(Choice choice) {
        return EducationLevel.values()[choice.draw(rng)];
    }

    // ------------------------------------------------------------------------------ the 2015 population

    int native2015(int day, int centrality, boolean oneImmigrantParent) {
        int age = (oneImmigrantParent ? ONE_PARENT_AGE : NATIVE_AGE[centrality - 1]).draw(rng);
        return persons.add(birthDay(day, age), sex(0.5),
            oneImmigrantParent ? ImmigrantCategory.ONE_IMMIGRANT_PARENT : ImmigrantCategory.REST_OF_POPULATION,
            0, null, education(EDUCATION_NATIVE), false);
    }

    int twoImmigrantParents2015(int day) {
        int age = TWO_PARENTS_AGE.draw(rng);
        ImmigrationReason parentsReason = ImmigrationReason.values()[STOCK_REASON.draw(rng)];
        int country = Countries.forImmigrant(rng, parentsReason, 2000);
        return persons.add(birthDay(day, age), sex(0.51), ImmigrantCategory.NORWEGIAN_BORN_TWO_IMMIGRANT_PARENTS, country,
            null, education(EDUCATION_NATIVE), false);
    }

    /** An immigrant living in Norway on 1 January 2015; the immigration year is set as well. */
    int immigrant2015(int day) {
        int age = IMMIGRANT_STOCK_AGE.draw(rng);
        ImmigrationReason reason = ImmigrationReason.values()[STOCK_REASON.draw(rng)];
        int yearsAgo = Math.min(age, (int) rng.exponential(9));
        int immigrationYear = 2014 - Math.min(yearsAgo, 50);
        int p = newImmigrant(day, age, reason, immigrationYear);
        int birthYear = Dates.year(persons.birthDay(p));
        persons.setImmigrationYear(p, Math.max(birthYear, immigrationYear));
        return p;
    }

    /** A refugee granted residence in 2014 and waiting in a reception centre for settlement on 1 January 2015. */
    int refugeeAwaiting2015(int day) {
        int age = rng.chance(0.3) ? CHILD_AGE.draw(rng) : ADULT_REFUGEE_AGE.draw(rng);
        int p = newImmigrant(day, age, ImmigrationReason.REFUGE, 2014);
        persons.setImmigrationYear(p, 2014);
        return p;
    }

    // ------------------------------------------------------------------------------ during the decade

    /** A child born on {@code day} to the given mother. */
    int newborn(int day, long mother) {
        int motherCategory = PersonTable.categoryOrdinal(mother);
        ImmigrantCategory category;
        int country = 0;
        if (motherCategory == ImmigrantCategory.IMMIGRANT.ordinal()) {
            category = rng.chance(0.78) ? ImmigrantCategory.NORWEGIAN_BORN_TWO_IMMIGRANT_PARENTS : ImmigrantCategory.ONE_IMMIGRANT_PARENT;
        } else if (motherCategory == ImmigrantCategory.NORWEGIAN_BORN_TWO_IMMIGRANT_PARENTS.ordinal()) {
            category = rng.chance(0.45) ? ImmigrantCategory.ONE_IMMIGRANT_PARENT : ImmigrantCategory.REST_OF_POPULATION;
        } else {
            category = rng.chance(0.09) ? ImmigrantCategory.ONE_IMMIGRANT_PARENT : ImmigrantCategory.REST_OF_POPULATION;
        }
        if (category == ImmigrantCategory.NORWEGIAN_BORN_TWO_IMMIGRANT_PARENTS) {
            country = PersonTable.countryOf(mother);
        }
        return persons.add(day, sex(0.512), category, country, null, education(EDUCATION_NATIVE), false);
    }

    /** An immigrant arriving on {@code day} for a reason other than refuge (work, family, education, other). */
    int immigrant(int day) {
        ImmigrationReason reason = ImmigrationReason.values()[NEW_REASON.draw(rng)];
        int age = switch (reason) {
            case WORK -> WORK_AGE.draw(rng);
            case EDUCATION -> STUDENT_AGE.draw(rng);
            case FAMILY -> rng.chance(0.35) ? CHILD_AGE.draw(rng) : ADULT_FAMILY_AGE.draw(rng);
            default -> rng.chance(0.2) ? CHILD_AGE.draw(rng) : ADULT_FAMILY_AGE.draw(rng);
        };
        return newImmigrant(day, age, reason, Dates.year(day));
    }

    /** A refugee (other than a Ukrainian with collective protection) arriving on {@code day}. */
    int refugee(int day) {
        int age = rng.chance(0.35) ? CHILD_AGE.draw(rng) : ADULT_REFUGEE_AGE.draw(rng);
        return newImmigrant(day, age, ImmigrationReason.REFUGE, Dates.year(day));
    }

    /** A displaced person from Ukraine given collective protection. */
    int ukrainian(int day) {
        boolean child = rng.chance(0.3);
        int age = child ? CHILD_AGE.draw(rng) : ADULT_FAMILY_AGE.draw(rng);
        Sex sex = child ? sex(0.51) : sex(0.38);
        return persons.add(birthDay(day, age), sex, ImmigrantCategory.IMMIGRANT, Countries.UKRAINE, ImmigrationReason.REFUGE,
            education(EDUCATION_UKRAINIAN), true);
    }

    /** A Norwegian who emigrated before 2015 and returns (not in the 2015 extract, so a new person of the register). */
    int returningNative(int day) {
        int age = RETURNING_NATIVE_AGE.draw(rng);
        return persons.add(birthDay(day, age), sex(0.5), ImmigrantCategory.REST_OF_POPULATION, 0, null,
            education(EDUCATION_NATIVE), false);
    }

    private int newImmigrant(int day, int age, ImmigrationReason reason, int year) {
        double maleShare = switch (reason) {
            case WORK -> 0.62;
            case FAMILY -> 0.35;
            case REFUGE -> 0.56;
            default -> 0.5;
        };
        Choice education = switch (reason) {
            case REFUGE -> EDUCATION_REFUGE;
            case WORK -> EDUCATION_WORK;
            case FAMILY -> EDUCATION_FAMILY;
            case EDUCATION -> EDUCATION_STUDENT;
            case OTHER -> EDUCATION_OTHER;
        };
        int country = Countries.forImmigrant(rng, reason, year);
        return persons.add(birthDay(day, age), sex(maleShare), ImmigrantCategory.IMMIGRANT, country, reason,
            education(education), false);
    }
}
