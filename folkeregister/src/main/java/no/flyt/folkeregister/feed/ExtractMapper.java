package no.flyt.folkeregister.feed;

import static no.flyt.folkeregister.feed.FeedFields.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import no.flyt.events.BaselinePerson;
import no.flyt.events.PersonAttributes;
import no.flyt.events.Sex;

/**
 * Turns a resident of the register's extract ({@code foedselsEllerDNummer}, {@code extractDate} and the
 * {@code folkeregisterperson} on that date) into flyt's {@link BaselinePerson}: the current residential address'
 * municipality, the year of the latest immigration ({@code innflytting}'s {@code gyldighetstidspunkt}), birth date and
 * sex from the register, the statistical attributes from the side input as on the extract date. The settling
 * municipality of refugees is IMDi's and is not in the extract.
 */
public final class ExtractMapper {

    public static final String PERSON = "folkeregisterperson";
    public static final String EXTRACT_DATE = "extractDate";

    private final Pseudonyms pseudonyms;
    private final FeedMapper.AttributesSource attributes;

    public ExtractMapper(Pseudonyms pseudonyms, FeedMapper.AttributesSource attributes) {
        this.pseudonyms = pseudonyms;
        this.attributes = attributes;
    }

    public BaselinePerson map(JsonNode line) {
        String nationalId = line.path(NATIONAL_ID_NUMBER).asText(null);
        if (nationalId == null) {
            throw new UnmappableException("an extract line without " + NATIONAL_ID_NUMBER);
        }
        LocalDate extractDate = LocalDate.parse(line.path(EXTRACT_DATE).asText());
        JsonNode person = line.path(PERSON);
        Instant at = extractDate.atStartOfDay(ZoneOffset.UTC).toInstant();
        BaselinePerson b = new BaselinePerson();
        b.setPersonId(pseudonyms.personId(nationalId));
        b.setExtractDate(extractDate);
        JsonNode current = null;
        for (JsonNode address : person.path(RESIDENTIAL_ADDRESS)) {
            if (address.path(IS_CURRENT).asBoolean(false)) {
                current = address;
                break;
            }
        }
        if (current == null) {
            throw new UnmappableException("a resident without a current residential address");
        }
        b.setMunicipality(FeedMapper.municipality(current));
        Integer immigrationYear = null;
        for (JsonNode immigration : person.path(IMMIGRATION)) {
            String validFrom = immigration.path(VALID_FROM).asText(null);
            if (validFrom != null) {
                int year = OffsetDateTime.parse(validFrom).getYear();
                immigrationYear = immigrationYear == null ? year : Math.max(year, immigrationYear);
            }
        }
        b.setImmigrationYear(immigrationYear);
        PersonAttributes p = new PersonAttributes();
        JsonNode birth = person.path(BIRTH).path(0);
        p.setBirthDate(LocalDate.parse(birth.path(BIRTH_DATE).asText()));
        String sex = person.path(SEX).path(0).path(SEX).asText();
        p.setSex(FEMALE.equals(sex) ? Sex.FEMALE : MALE.equals(sex) ? Sex.MALE : null);
        if (p.getSex() == null) {
            throw new UnmappableException("a resident without " + SEX);
        }
        StatisticalAttributes side = attributes == null ? null : attributes.at(nationalId, at);
        (side != null ? side : FeedMapper.registerOnly(person, at)).fill(p);
        b.setPerson(p);
        return b;
    }
}
