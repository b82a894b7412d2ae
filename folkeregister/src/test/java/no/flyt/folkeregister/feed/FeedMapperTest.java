package no.flyt.folkeregister.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import no.flyt.events.CountryBackground;
import no.flyt.events.EducationLevel;
import no.flyt.events.EventType;
import no.flyt.events.ImmigrantCategory;
import no.flyt.events.RegisterEvent;
import no.flyt.events.RegistrationKind;
import no.flyt.events.Sex;
import org.junit.jupiter.api.Test;

class FeedMapperTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID = "01017012345";
    private final Pseudonyms pseudonyms = new Pseudonyms("a secret of sixteen or more");
    private final FeedMapper mapper = new FeedMapper(pseudonyms, null);

    @Test
    void aNewAddressInAnotherMunicipalityIsAMoveFromThePreviousAddress() throws Exception {
        RegisterEvent e = mapped(entry("endringIBostedsadresse"), move("registrereNy", "3024"), person("3024", "0301"));
        assertThat(e.getEventType()).isEqualTo(EventType.MOVE);
        assertThat(e.getRegistration()).isEqualTo(RegistrationKind.NEW);
        assertThat(e.getFromMunicipality()).isEqualTo("0301");
        assertThat(e.getToMunicipality()).isEqualTo("3024");
        assertThat(e.getEventDate()).isEqualTo(LocalDate.of(2020, 3, 15));
        assertThat(e.getRecordedAt()).isEqualTo(Instant.parse("2020-03-18T09:30:00Z"));
        assertThat(e.getPersonId()).isEqualTo(pseudonyms.personId(ID));
        assertThat(e.getPerson().getBirthDate()).isEqualTo(LocalDate.of(1970, 1, 1));
        assertThat(e.getPerson().getSex()).isEqualTo(Sex.FEMALE);
        assertThat(e.getPerson().getImmigrantCategory()).as("register only: born in Norway").isEqualTo(ImmigrantCategory.REST_OF_POPULATION);
        assertThat(e.getPerson().getEducationLevel()).isEqualTo(EducationLevel.UNKNOWN);
        assertThat(e.toString()).doesNotContain(ID);
    }

    @Test
    void aCorrectionNamesTheEventThatRegisteredTheOccurrence() throws Exception {
        RegisterEvent original = mapped(entry("endringIBostedsadresse"), move("registrereNy", "3024"), person("3024", "0301"));
        RegisterEvent correction = mapped(entry("endringIBostedsadresse"), move("korrigere", "3025"), person("3025", "0301"));
        RegisterEvent annulment = mapped(entry("endringIBostedsadresse"), move("annullere", "3024"), person("0301"));
        assertThat(correction.getRegistration()).isEqualTo(RegistrationKind.CORRECTION);
        assertThat(correction.getCorrectsEventId()).isEqualTo(original.getEventId());
        assertThat(correction.getEventId()).isNotEqualTo(original.getEventId());
        assertThat(correction.getToMunicipality()).isEqualTo("3025");
        assertThat(annulment.getRegistration()).isEqualTo(RegistrationKind.ANNULMENT);
        assertThat(annulment.getCorrectsEventId()).isEqualTo(original.getEventId());
        assertThat(annulment.getFromMunicipality()).as("the annulled address is gone: the current one is where they were").isEqualTo("0301");
    }

    @Test
    void addressChangesThatAreNoMovesAndOtherTypesAreSkippedByType() throws Exception {
        assertThat(mapper.map(entry("endringIBostedsadresseUtenFlytting"), null, null))
            .isEqualTo(new FeedMapper.Skipped("endringIBostedsadresseUtenFlytting"));
        assertThat(mapper.map(entry("endringIBostedsadresseVedKommuneregulering"), null, null))
            .isEqualTo(new FeedMapper.Skipped("endringIBostedsadresseVedKommuneregulering"));
        assertThat(mapper.map(entry("endringISivilstand"), null, null)).isEqualTo(new FeedMapper.Skipped("endringISivilstand"));
        assertThat(FeedMapper.isRead("endringINavn")).isFalse();
        assertThat(FeedMapper.isRead("personErDoed")).isTrue();
    }

    @Test
    void anImmigrantOfTheRegisterOnlyGetsTheCountryOfBirthAsBackground() throws Exception {
        JsonNode doc = JSON.readTree("""
            {"dokumentidentifikator":"d2","skjemaversjon":"1.0","hendelse":{"folkeregisteridentifikator":"%s","hendelsestype":"personErBosatt",
             "ajourholdstidspunkt":"2016-02-01T10:00:00Z","egenskapshendelse":[
              {"entitet":"innflytting","entitetsendring":"registrereNy","innflytting":{"fraflyttingsland":"POL","gyldighetstidspunkt":"2016-02-01T10:00:00Z"}},
              {"entitet":"bostedsadresse","entitetsendring":"registrereNy","bostedsadresse":{"adressegradering":"ugradert","flyttedato":"2016-01-20",
               "vegadresse":{"adressenavn":"Storgata","kommunenummer":"1103"}}}]}}""".formatted(ID));
        JsonNode person = JSON.readTree("""
            {"foedsel":[{"foedselsaar":"1990","foedselsdato":"1990-05-05","foedeland":"POL"}],"kjoenn":[{"kjoenn":"mann"}],
             "innflytting":[{}],"bostedsadresse":[{"vegadresse":{"kommunenummer":"1103"},"erGjeldende":true}]}""");
        RegisterEvent e = mapped(entry("personErBosatt"), doc, person);
        assertThat(e.getEventType()).isEqualTo(EventType.IMMIGRATION);
        assertThat(e.getFromCountry()).isEqualTo("PL");
        assertThat(e.getToMunicipality()).isEqualTo("1103");
        assertThat(e.getEventDate()).isEqualTo(LocalDate.of(2016, 1, 20));
        assertThat(e.getPerson().getImmigrantCategory()).isEqualTo(ImmigrantCategory.IMMIGRANT);
        assertThat(e.getPerson().getCountryBackground()).isEqualTo(CountryBackground.EU_EEA_UK);
        assertThat(e.getPerson().getCountryBackgroundCode()).isEqualTo("PL");
    }

    @Test
    void aDocumentWithoutMunicipalityIsUnmappable() throws Exception {
        JsonNode doc = move("registrereNy", "3024");
        ((com.fasterxml.jackson.databind.node.ObjectNode) doc.path("hendelse").path("egenskapshendelse").get(0).path("bostedsadresse"))
            .remove("vegadresse");
        assertThatThrownBy(() -> mapper.map(entry("endringIBostedsadresse"), doc, person("3024", "0301")))
            .isInstanceOf(UnmappableException.class).hasMessageContaining("municipality");
    }

    private RegisterEvent mapped(JsonNode entry, JsonNode doc, JsonNode person) {
        FeedMapper.Result r = mapper.map(entry, doc, person);
        assertThat(r).isInstanceOf(FeedMapper.Mapped.class);
        return ((FeedMapper.Mapped) r).event();
    }

    private static JsonNode entry(String type) throws Exception {
        return JSON.readTree("""
            {"sekvensnummer":7,"hendelse":{"folkeregisteridentifikator":"%s","hendelsetype":"%s","hendelsesdokument":"d1",
             "persondokument":"p1","ajourholdstidspunkt":"2020-03-18T09:30:00Z"}}""".formatted(ID, type));
    }

    private static JsonNode move(String change, String to) throws Exception {
        String at = "registrereNy".equals(change) ? "2020-03-18T09:30:00Z" : "2020-04-02T08:00:00Z";
        return JSON.readTree("""
            {"dokumentidentifikator":"d-%s","skjemaversjon":"1.0","hendelse":{"folkeregisteridentifikator":"%s",
             "hendelsestype":"endringIBostedsadresse","ajourholdstidspunkt":"%s","egenskapshendelse":[
              {"entitet":"bostedsadresse","entitetsendring":"%s","bostedsadresse":{"adressegradering":"ugradert","flyttedato":"2020-03-15",
               "gyldighetstidspunkt":"2020-03-18T09:30:00Z","vegadresse":{"adressenavn":"Storgata","kommunenummer":"%s"}}}]}}"""
            .formatted(change, ID, at, change, to));
    }

    private static JsonNode person(String... municipalities) throws Exception {
        StringBuilder addresses = new StringBuilder();
        for (int i = 0; i < municipalities.length; i++) {
            if (i > 0) {
                addresses.append(',');
            }
            addresses.append("{\"vegadresse\":{\"kommunenummer\":\"").append(municipalities[i]).append("\"},\"erGjeldende\":").append(i == 0)
                .append(i == 0 && municipalities.length > 1 ? ",\"gyldighetstidspunkt\":\"2020-03-18T09:30:00Z\"" : "").append('}');
        }
        return JSON.readTree("{\"foedsel\":[{\"foedselsaar\":\"1970\",\"foedselsdato\":\"1970-01-01\",\"foedeland\":\"NOR\"}],"
            + "\"kjoenn\":[{\"kjoenn\":\"kvinne\"}],\"bostedsadresse\":[" + addresses + "]}");
    }
}
