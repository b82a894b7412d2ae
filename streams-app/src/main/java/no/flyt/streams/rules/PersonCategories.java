package no.flyt.streams.rules;

import no.flyt.catalogue.Dimension;
import no.flyt.events.CountryBackground;
import no.flyt.events.EducationLevel;
import no.flyt.events.ImmigrantCategory;
import no.flyt.events.ImmigrationReason;
import no.flyt.events.Sex;

/**
 * The catalogue codes of the person attributes an event carries, looked up by symbol name once: the codes are what
 * is stored, the Avro symbols only what arrives. An input symbol without a category in the catalogue fails here when
 * the class loads (and in a test), never later in a stored value.
 */
public final class PersonCategories {

    private static final int[] SEX = codes(Sex.values(), Dimension.SEX);
    private static final int[] IMMIGRANT_CATEGORY = codes(ImmigrantCategory.values(), Dimension.IMMIGRANT_CATEGORY);
    private static final int[] COUNTRY_BACKGROUND = codes(CountryBackground.values(), Dimension.COUNTRY_BACKGROUND);
    private static final int[] IMMIGRATION_REASON = codes(ImmigrationReason.values(), Dimension.IMMIGRATION_REASON);
    private static final int[] EDUCATION_LEVEL = codes(EducationLevel.values(), Dimension.EDUCATION_LEVEL);
    private static final int PROTECTED = Dimension.COLLECTIVE_PROTECTION.codeOf("YES");
    private static final int NOT_PROTECTED = Dimension.COLLECTIVE_PROTECTION.codeOf("NO");
    /** Facts kept by a version that did not record collective protection. */
    public static final int PROTECTION_NOT_RECORDED = Dimension.COLLECTIVE_PROTECTION.codeOf("UNKNOWN");
    /** The reason category of people who never immigrated. */
    public static final int NO_IMMIGRATION_REASON = Dimension.IMMIGRATION_REASON.codeOf("NONE");

    private PersonCategories() {
    }

    public static int sex(Sex sex) {
        return SEX[sex.ordinal()];
    }

    public static int immigrantCategory(ImmigrantCategory category) {
        return IMMIGRANT_CATEGORY[category.ordinal()];
    }

    public static int countryBackground(CountryBackground background) {
        return COUNTRY_BACKGROUND[background.ordinal()];
    }

    /** The code of a reason; {@link #NO_IMMIGRATION_REASON} for null. */
    public static int immigrationReason(ImmigrationReason reason) {
        return reason == null ? NO_IMMIGRATION_REASON : IMMIGRATION_REASON[reason.ordinal()];
    }

    public static int collectiveProtection(boolean protectedPerson) {
        return protectedPerson ? PROTECTED : NOT_PROTECTED;
    }

    public static int educationLevel(EducationLevel level) {
        return EDUCATION_LEVEL[level.ordinal()];
    }

    /** In memory only: indexed by the symbol's position in this build's schema, holding the catalogue's code. */
    private static int[] codes(Enum<?>[] symbols, Dimension dimension) {
        int[] codes = new int[symbols.length];
        for (Enum<?> symbol : symbols) {
            codes[symbol.ordinal()] = dimension.code(symbol.name()).orElseThrow(() -> new IllegalStateException(
                "the input symbol " + symbol.name() + " has no category of " + dimension + " in the statistics catalogue"));
        }
        return codes;
    }
}
