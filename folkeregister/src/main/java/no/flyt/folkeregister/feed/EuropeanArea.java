package no.flyt.folkeregister.feed;

import java.util.Set;
import no.flyt.events.CountryBackground;

/** SSB's country-background groups: the EU, the EEA and the United Kingdom against the rest of the world. */
final class EuropeanArea {

    private static final Set<String> EU_EEA_UK = Set.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR",
        "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "GB");

    private EuropeanArea() {
    }

    static CountryBackground background(String alpha2) {
        return EU_EEA_UK.contains(alpha2) ? CountryBackground.EU_EEA_UK : CountryBackground.REST_OF_WORLD;
    }
}
