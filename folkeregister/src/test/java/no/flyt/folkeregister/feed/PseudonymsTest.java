package no.flyt.folkeregister.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PseudonymsTest {

    private static final String SECRET = "a secret of sixteen or more";

    @Test
    void theSamePersonGetsTheSameIdUnderTheSameSecretOnly() {
        String id = new Pseudonyms(SECRET).personId("01017012345");
        assertThat(new Pseudonyms(SECRET).personId("01017012345")).as("stable across instances (restarts)").isEqualTo(id);
        assertThat(new Pseudonyms(SECRET).personId("01017012346")).isNotEqualTo(id);
        assertThat(new Pseudonyms("another secret of some length").personId("01017012345")).isNotEqualTo(id);
        assertThat(id).startsWith("F").hasSize(21).doesNotContain("01017012345");
    }

    @Test
    void scrubReplacesEveryElevenDigitRunAndNothingElse() {
        Pseudonyms p = new Pseudonyms(SECRET);
        String text = "{\"a\":\"01017012345\",\"b\":\"2020-03-15\",\"c\":123456789012,\"d\":\"x02028012345y\"}";
        String scrubbed = p.scrub(text);
        assertThat(scrubbed).doesNotContain("01017012345").doesNotContain("02028012345")
            .contains(p.personId("01017012345")).contains("2020-03-15").contains("123456789012");
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> new Pseudonyms("short")).isInstanceOf(IllegalArgumentException.class);
    }
}
