package no.flyt.catalogue;

/**
 * The age dimensions: {@link Dimension#AGE_BAND} (four bands) and {@link Dimension#AGE} (single years up to 30, then
 * 31-64 and 65+), their codes for an age, and the span of ages each code stands for, from which the query layer
 * answers any age group that is a union of whole categories ({@link AgeGroup}).
 */
public final class Ages {

    /** {@link Dimension#AGE} has a category for every single year up to this one. */
    public static final int SINGLE_YEARS_UP_TO = 30;
    private static final int AGE_31_64 = SINGLE_YEARS_UP_TO + 1;
    private static final int AGE_65_PLUS = SINGLE_YEARS_UP_TO + 2;
    /** Lower bounds of the {@link Dimension#AGE_BAND} codes 0-3. */
    private static final int[] BAND_FROM = {0, 20, 30, 65};

    private Ages() {
    }

    /** The {@link Dimension#AGE} code of an age in whole years. */
    public static int ageCode(int age) {
        if (age < 0) {
            throw new IllegalArgumentException("age must not be negative, was " + age);
        }
        return age <= SINGLE_YEARS_UP_TO ? age : age < 65 ? AGE_31_64 : AGE_65_PLUS;
    }

    /** The {@link Dimension#AGE_BAND} code of an age in whole years. */
    public static int bandCode(int age) {
        if (age < 0) {
            throw new IllegalArgumentException("age must not be negative, was " + age);
        }
        int band = BAND_FROM.length - 1;
        while (age < BAND_FROM[band]) {
            band--;
        }
        return band;
    }

    /** The ages a code of {@link Dimension#AGE} or {@link Dimension#AGE_BAND} stands for. */
    public static AgeGroup span(Dimension dimension, int code) {
        if (dimension == Dimension.AGE) {
            return ageSpan(code);
        }
        if (dimension == Dimension.AGE_BAND) {
            return new AgeGroup(BAND_FROM[code], code + 1 < BAND_FROM.length ? BAND_FROM[code + 1] - 1 : AgeGroup.OPEN);
        }
        throw new IllegalArgumentException(dimension + " is not an age dimension");
    }

    private static AgeGroup ageSpan(int code) {
        return code <= SINGLE_YEARS_UP_TO ? new AgeGroup(code, code)
            : code == AGE_31_64 ? new AgeGroup(SINGLE_YEARS_UP_TO + 1, 64) : new AgeGroup(65, AgeGroup.OPEN);
    }

    static Dimension.Categories categories() {
        Object[] labelsAndCodes = new Object[2 * (AGE_65_PLUS + 1)];
        for (int code = 0; code <= AGE_65_PLUS; code++) {
            labelsAndCodes[2 * code] = ageSpan(code).toString(); // Dimension.AGE is being initialised
            labelsAndCodes[2 * code + 1] = code;
        }
        return Dimension.enumerated(labelsAndCodes);
    }
}
