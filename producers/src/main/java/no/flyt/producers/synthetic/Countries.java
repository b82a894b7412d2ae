package no.flyt.producers.synthetic;

import java.util.Arrays;
import no.flyt.events.CountryBackground;
import no.flyt.events.ImmigrationReason;

/**
 * The background and migration countries of the model (ISO 3166-1 alpha-2) with the shares drawn for each kind of
 * immigrant. Index 0 is "none" (Norway). Shares are model assumptions shaped after SSB's largest immigrant groups.
 */
final class Countries {

    static final String[] CODES = {
        "",
        // EU/EEA/UK (1..20)
        "PL", "LT", "SE", "DE", "DK", "GB", "RO", "LV", "ES", "IS", "FI", "EE", "NL", "BG", "FR", "IT", "PT", "HU", "SK", "GR",
        // rest of the world (21..)
        "SY", "ER", "SO", "AF", "IQ", "IR", "ET", "SD", "TR", "CD", "PK", "PH", "TH", "IN", "VN", "CN", "RU", "US", "BR", "LK",
        "BA", "UA", "MM", "KE", "NG", "CO"
    };
    static final int FIRST_REST = 21;
    static final int UKRAINE = indexOf("UA");

    private static final Choice EU_WORK = choice("PL", 30, "LT", 13, "SE", 9, "RO", 7, "LV", 5, "DE", 5, "ES", 4, "BG", 4,
        "EE", 3, "PT", 3, "HU", 3, "SK", 3, "DK", 3, "GB", 3, "IS", 2, "IT", 2, "FR", 1, "GR", 1, "NL", 1, "FI", 1);
    private static final Choice EU_OTHER = choice("SE", 18, "PL", 16, "DK", 10, "DE", 10, "GB", 9, "LT", 7, "FI", 5, "IS", 4,
        "NL", 4, "ES", 4, "FR", 4, "IT", 3, "RO", 2, "LV", 2, "EE", 1, "PT", 1);
    private static final Choice REST_WORK = choice("PH", 18, "IN", 18, "US", 10, "CN", 9, "UA", 6, "RU", 7, "BR", 5, "VN", 4,
        "TH", 4, "TR", 5, "PK", 5, "CO", 3, "KE", 3, "NG", 3);
    private static final Choice REST_FAMILY = choice("TH", 14, "PH", 12, "SY", 10, "ER", 8, "SO", 7, "PK", 8, "AF", 5, "IQ", 5,
        "VN", 5, "RU", 5, "IN", 6, "US", 4, "TR", 4, "CN", 4, "BR", 3);
    private static final Choice REST_EDUCATION = choice("CN", 25, "IN", 15, "US", 12, "RU", 8, "VN", 6, "NG", 6, "ET", 5,
        "BR", 5, "TR", 5, "PK", 5, "IR", 5, "CO", 3);
    private static final Choice REFUGEE_2015_2016 = choice("SY", 50, "ER", 14, "AF", 12, "IQ", 6, "SO", 5, "IR", 4, "ET", 3,
        "SD", 3, "CD", 3);
    private static final Choice REFUGEE_LATER = choice("SY", 35, "ER", 15, "AF", 13, "CD", 8, "SO", 6, "IQ", 5, "IR", 5, "TR", 5,
        "SD", 4, "ET", 3, "MM", 1);
    private static final Choice REFUGEE_BEFORE_2015 = choice("SO", 20, "IQ", 14, "ER", 12, "AF", 11, "BA", 10, "IR", 9, "SY", 7,
        "LK", 7, "ET", 5, "RU", 3, "VN", 2);
    private static final Choice ABROAD_FOR_NATIVES = choice("SE", 30, "DK", 10, "GB", 11, "US", 12, "ES", 10, "DE", 8, "FR", 3,
        "NL", 3, "FI", 2, "IS", 2, "IT", 2, "TH", 3, "PH", 2, "BR", 2);

    private Countries() {
    }

    static int indexOf(String code) {
        int i = Arrays.asList(CODES).indexOf(code);
        if (i < 1) {
            throw new IllegalArgumentException("unknown country " + code);
        }
        return i;
    }

    static String code(int index) {
        return index == 0 ? null : CODES[index];
    }

    static CountryBackground background(int index) {
        if (index == 0) {
            return CountryBackground.NORWAY;
        }
        return index < FIRST_REST ? CountryBackground.EU_EEA_UK : CountryBackground.REST_OF_WORLD;
    }

    /** The background country of an immigrant of the given reason; {@code euShare} of them come from the EU/EEA/UK. */
    static int forImmigrant(Rng rng, ImmigrationReason reason, int year) {
        return switch (reason) {
            case REFUGE -> refugee(rng, year);
            case WORK -> rng.chance(0.82) ? EU_WORK.draw(rng) : REST_WORK.draw(rng);
            case FAMILY -> rng.chance(0.38) ? EU_OTHER.draw(rng) : REST_FAMILY.draw(rng);
            case EDUCATION -> rng.chance(0.45) ? EU_OTHER.draw(rng) : REST_EDUCATION.draw(rng);
            case OTHER -> rng.chance(0.70) ? EU_OTHER.draw(rng) : REST_FAMILY.draw(rng);
        };
    }

    /** A refugee's country, by the waves of the period (never Ukraine: Ukrainians are modelled apart). */
    static int refugee(Rng rng, int year) {
        Choice choice = year < 2015 ? REFUGEE_BEFORE_2015 : year <= 2016 ? REFUGEE_2015_2016 : REFUGEE_LATER;
        return choice.draw(rng);
    }

    /** Where a person with no immigrant background emigrates to or returns from. */
    static int abroadForNative(Rng rng) {
        return ABROAD_FOR_NATIVES.draw(rng);
    }

    /** A choice over {@link #CODES} that draws the country's index. */
    private static Choice choice(Object... codesAndWeights) {
        double[] weights = new double[CODES.length];
        for (int i = 0; i < codesAndWeights.length; i += 2) {
            weights[indexOf((String) codesAndWeights[i])] = ((Number) codesAndWeights[i + 1]).doubleValue();
        }
        return new Choice(weights);
    }
}
