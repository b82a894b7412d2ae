package no.flyt.folkeregister.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntheticIdentitiesTest {

    @Test
    void numbersHaveTheBirthDateValidCheckDigitsAndAreUniqueAndStable() {
        SyntheticIdentities ids = new SyntheticIdentities();
        LocalDate date = LocalDate.of(2004, 2, 29);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 400; i++) {
            String id = ids.nationalId("P" + i, date);
            assertThat(id).hasSize(11).matches("\\d{11}");
            assertThat(SyntheticIdentities.withCheckDigits(id.substring(0, 9))).isEqualTo(id);
            assertThat(Integer.parseInt(id.substring(0, 2)) % 40).isEqualTo(29);
            assertThat(id.substring(2, 6)).isEqualTo("0204");
            assertThat(seen.add(id)).isTrue();
        }
        assertThat(ids.nationalId("P7", date)).isEqualTo(ids.nationalId("P7", LocalDate.of(1950, 1, 1)));
        // a published example of a valid fødselsnummer's check digits
        assertThat(SyntheticIdentities.withCheckDigits("010170123")).isNotNull();
    }
}
