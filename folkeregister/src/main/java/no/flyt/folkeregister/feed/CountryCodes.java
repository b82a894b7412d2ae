package no.flyt.folkeregister.feed;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;

/**
 * The Folkeregister writes countries as ISO 3166-1 alpha-3 codes (SWE, POL); flyt's events carry alpha-2 (SE, PL).
 * The table is the JDK's ISO 3166 list.
 */
public final class CountryCodes {

    private static final Map<String, String> ALPHA2_BY_ALPHA3 = new HashMap<>();
    private static final Map<String, String> ALPHA3_BY_ALPHA2 = new HashMap<>();

    static {
        for (String alpha2 : Locale.getISOCountries()) {
            try {
                String alpha3 = new Locale("", alpha2).getISO3Country();
                if (!alpha3.isEmpty()) {
                    ALPHA2_BY_ALPHA3.put(alpha3, alpha2);
                    ALPHA3_BY_ALPHA2.put(alpha2, alpha3);
                }
            } catch (MissingResourceException e) {
                // a code without an alpha-3 form: not one the register writes
            }
        }
    }

    private CountryCodes() {
    }

    /** The alpha-2 code of an alpha-3 code; null for null; an exception for a code that is not ISO 3166. */
    public static String alpha2(String alpha3) {
        if (alpha3 == null) {
            return null;
        }
        String alpha2 = ALPHA2_BY_ALPHA3.get(alpha3);
        if (alpha2 == null) {
            throw new UnmappableException("unknown country code " + alpha3);
        }
        return alpha2;
    }

    public static String alpha3(String alpha2) {
        if (alpha2 == null) {
            return null;
        }
        String alpha3 = ALPHA3_BY_ALPHA2.get(alpha2);
        if (alpha3 == null) {
            throw new IllegalArgumentException("unknown country code " + alpha2);
        }
        return alpha3;
    }
}
