package no.flyt.folkeregister.feed;

import static no.flyt.folkeregister.feed.FeedFields.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import no.flyt.events.CountryBackground;
import no.flyt.events.EducationLevel;
import no.flyt.events.EventType;
import no.flyt.events.ImmigrantCategory;
import no.flyt.events.ImmigrationReason;
import no.flyt.events.PersonAttributes;
import no.flyt.events.RegisterEvent;
import no.flyt.events.RegistrationKind;
import no.flyt.events.Sex;

/**
 * Turns one entry of the Folkeregister feed, with its event document and the person document it points to, into
 * flyt's {@link RegisterEvent}, or says why not. Pure: everything it needs is in its arguments. The rules are the
 * mapping table of docs/FOLKEREGISTER.md:
 *
 * <ul>
 *   <li>{@code endringIBostedsadresse}: a new residential address is a MOVE (inside one municipality too: flyt counts
 *       those apart); {@code …UtenFlytting} and {@code …VedKommuneregulering} are not moves and are skipped;</li>
 *   <li>{@code personErBosatt} with {@code innflytting}: IMMIGRATION, dated by the new address' moving date;</li>
 *   <li>{@code personErUtflyttet} with {@code utflytting}: EMIGRATION, dated {@code utflyttingsdato};</li>
 *   <li>{@code personErOpprettet} with {@code foedselINorge}: BIRTH, dated {@code foedselsdato}, where the child lives;</li>
 *   <li>{@code personErDoed} with {@code doedsfall}: DEATH, dated {@code doedsdato};</li>
 *   <li>{@code korrigere}/{@code korrigereHistorisk} and {@code annullere} of those entities (under the same event
 *       types or their {@code endringI…} ones): CORRECTION and ANNULMENT of the event that registered the occurrence,
 *       which is found by the occurrence's {@code gyldighetstidspunkt};</li>
 *   <li>everything else is skipped and counted by its type.</li>
 * </ul>
 *
 * <p>The municipality a person leaves is the newest residential address of the person document (the person as the
 * register had them after the event) other than the one the event itself registers.
 */
public final class FeedMapper {

    /** What one feed entry became. */
    public sealed interface Result permits Mapped, Skipped {
    }

    /** A register event for flyt. */
    public record Mapped(RegisterEvent event) implements Result {
    }

    /** An event of a type flyt does not count. */
    public record Skipped(String eventType) implements Result {
    }

    /** Where the attributes that the register does not hold come from. */
    @FunctionalInterface
    public interface AttributesSource {
        /** The version valid at {@code at} for the person, or null when there is none. */
        StatisticalAttributes at(String nationalId, Instant at);
    }

    /** The event types whose {@code registrereNy} flyt counts, each with the entity that carries the fact. */
    private static final List<Rule> RULES = List.of(
        new Rule(EventType.MOVE, RESIDENTIAL_ADDRESS, Set.of(ADDRESS_CHANGED)),
        new Rule(EventType.IMMIGRATION, IMMIGRATION, Set.of(PERSON_RESIDENT, IMMIGRATION_CHANGED)),
        new Rule(EventType.EMIGRATION, EMIGRATION, Set.of(PERSON_EMIGRATED, EMIGRATION_CHANGED)),
        new Rule(EventType.BIRTH, BIRTH, Set.of(PERSON_CREATED, BIRTH_CHANGED, BIRTH_IN_NORWAY_CHANGED)),
        new Rule(EventType.DEATH, DEATH, Set.of(PERSON_DEAD, DEATH_CHANGED)));

    /** Types whose first registration is the counted one; the {@code endringI…} twins carry only corrections. */
    private static final Set<String> NEW_FACT_TYPES = Set.of(ADDRESS_CHANGED, PERSON_RESIDENT, PERSON_EMIGRATED, PERSON_CREATED, PERSON_DEAD);

    private record Rule(EventType type, String entity, Set<String> eventTypes) {
    }

    private final Pseudonyms pseudonyms;
    private final AttributesSource attributes;

    /** @param attributes the side input of statistical attributes; null derives what the register allows (see {@link #registerOnly}) */
    public FeedMapper(Pseudonyms pseudonyms, AttributesSource attributes) {
        this.pseudonyms = pseudonyms;
        this.attributes = attributes;
    }

    /**
     * @param entry          the feed entry (LagretHendelseMedDokumentIdentifikatorer)
     * @param document       the event document it points to (DokumentForHendelse), or null if the type is not one
     *                       flyt reads and the document was not fetched
     * @param personDocument the person document it points to (Folkeregisterperson), or null likewise
     * @throws UnmappableException for a document flyt should read but cannot
     */
    public Result map(JsonNode entry, JsonNode document, JsonNode personDocument) {
        JsonNode thin = entry.path(EVENT);
        String feedType = thin.path(FEED_EVENT_TYPE).asText(null);
        if (feedType == null) {
            throw new UnmappableException("feed entry without " + FEED_EVENT_TYPE);
        }
        if (!isRead(feedType)) {
            return new Skipped(feedType);
        }
        if (document == null || personDocument == null) {
            throw new UnmappableException("no " + (document == null ? "event" : "person") + " document for a " + feedType + " event");
        }
        JsonNode event = document.path(EVENT);
        String nationalId = required(event, NATIONAL_ID);
        if (!nationalId.equals(thin.path(NATIONAL_ID).asText())) {
            throw new UnmappableException("the event document is of another person than the feed entry");
        }
        String type = required(event, EVENT_TYPE);
        Rule rule = RULES.stream().filter(r -> r.eventTypes.contains(type)).findFirst().orElse(null);
        JsonNode change = rule == null ? null : change(event, rule.entity);
        if (rule == null || change == null) {
            return new Skipped(type);
        }
        RegistrationKind kind = switch (required(change, ENTITY_CHANGE)) {
            case REGISTER_NEW -> RegistrationKind.NEW;
            case CORRECT, CORRECT_HISTORIC -> RegistrationKind.CORRECTION;
            case ANNUL -> RegistrationKind.ANNULMENT;
            default -> throw new UnmappableException("unknown " + ENTITY_CHANGE + " " + change.path(ENTITY_CHANGE).asText());
        };
        if (kind == RegistrationKind.NEW && !NEW_FACT_TYPES.contains(type)) {
            // e.g. endringIInnflytting registrereNy accompanies personErBosatt: counting both would count twice
            return new Skipped(type);
        }
        if (rule.type == EventType.BIRTH && kind == RegistrationKind.NEW && change(event, BIRTH_IN_NORWAY) == null) {
            // a person created without a birth in Norway (a d-number, an immigrant): not a birth
            return new Skipped(type);
        }
        JsonNode fact = change.path(rule.entity);
        String validFrom = required(fact, VALID_FROM);
        Instant recordedAt = instant(required(event, UPDATED_AT), UPDATED_AT);
        String occurrence = pseudonyms.occurrenceId(nationalId, rule.entity, validFrom);

        RegisterEvent out = new RegisterEvent();
        out.setEventType(rule.type);
        out.setRegistration(kind);
        out.setEventId(kind == RegistrationKind.NEW ? occurrence : "D" + required(document, DOCUMENT_ID));
        out.setCorrectsEventId(kind == RegistrationKind.NEW ? null : occurrence);
        out.setPersonId(pseudonyms.personId(nationalId));
        out.setRecordedAt(recordedAt);
        JsonNode address = entityValue(event, RESIDENTIAL_ADDRESS);
        switch (rule.type) {
            case MOVE -> {
                out.setEventDate(date(fact, MOVING_DATE));
                out.setToMunicipality(municipality(fact));
                out.setFromMunicipality(previousMunicipality(personDocument, validFrom));
            }
            case IMMIGRATION -> {
                if (address == null) {
                    throw new UnmappableException("an immigration without a residential address");
                }
                out.setEventDate(date(address, MOVING_DATE));
                out.setToMunicipality(municipality(address));
                out.setFromCountry(CountryCodes.alpha2(text(fact, FROM_COUNTRY)));
            }
            case EMIGRATION -> {
                out.setEventDate(date(fact, EMIGRATION_DATE));
                out.setFromMunicipality(previousMunicipality(personDocument, null));
                out.setToCountry(CountryCodes.alpha2(text(fact, TO_COUNTRY)));
            }
            case BIRTH -> {
                if (address == null) {
                    throw new UnmappableException("a birth without a residential address");
                }
                out.setEventDate(date(fact, BIRTH_DATE));
                out.setToMunicipality(municipality(address));
            }
            case DEATH -> {
                out.setEventDate(date(fact, DEATH_DATE));
                out.setFromMunicipality(previousMunicipality(personDocument, null));
            }
            default -> throw new IllegalStateException(rule.type.name());
        }
        out.setPerson(person(nationalId, personDocument, recordedAt));
        return new Mapped(out);
    }

    /** Whether flyt reads a feed entry of this type (and so fetches its documents). */
    public static boolean isRead(String feedEventType) {
        return RULES.stream().anyMatch(r -> r.eventTypes.contains(feedEventType));
    }

    /** The change of {@code entity} in the event document, or null. */
    private static JsonNode change(JsonNode event, String entity) {
        for (JsonNode change : event.path(CHANGES)) {
            if (entity.equals(change.path(ENTITY).asText())) {
                return change;
            }
        }
        return null;
    }

    private static JsonNode entityValue(JsonNode event, String entity) {
        JsonNode change = change(event, entity);
        return change == null || !change.hasNonNull(entity) ? null : change.get(entity);
    }

    /**
     * The municipality of the newest residential address in the person document other than the occurrence the event
     * registers ({@code ownValidFrom}; null: none of them is the event's own).
     */
    static String previousMunicipality(JsonNode personDocument, String ownValidFrom) {
        for (JsonNode address : personDocument.path(RESIDENTIAL_ADDRESS)) {
            if (ownValidFrom == null || !ownValidFrom.equals(address.path(VALID_FROM).asText(null))) {
                return municipality(address);
            }
        }
        throw new UnmappableException("the person document has no residential address before the event");
    }

    /** The municipality number of a residential address: street address, cadastral address or unknown residence. */
    static String municipality(JsonNode address) {
        String code = text(address.path(STREET_ADDRESS), MUNICIPALITY_NUMBER);
        if (code == null) {
            code = text(address.path(CADASTRAL_ADDRESS).path(CADASTRAL_NUMBER), MUNICIPALITY_NUMBER);
        }
        if (code == null) {
            code = text(address.path(UNKNOWN_RESIDENCE), RESIDENCE_MUNICIPALITY);
        }
        if (code == null || !code.matches("\\d{4}")) {
            throw new UnmappableException("a residential address without a four-digit municipality number: " + code);
        }
        return code;
    }

    private PersonAttributes person(String nationalId, JsonNode personDocument, Instant recordedAt) {
        PersonAttributes p = new PersonAttributes();
        JsonNode birth = first(personDocument, BIRTH);
        if (birth == null) {
            throw new UnmappableException("the person document has no " + BIRTH);
        }
        p.setBirthDate(date(birth, BIRTH_DATE));
        JsonNode sex = first(personDocument, SEX);
        String value = sex == null ? null : text(sex, SEX);
        if (FEMALE.equals(value)) {
            p.setSex(Sex.FEMALE);
        } else if (MALE.equals(value)) {
            p.setSex(Sex.MALE);
        } else {
            throw new UnmappableException("the person document has no " + SEX + " (" + value + ")");
        }
        StatisticalAttributes side = attributes == null ? null : attributes.at(nationalId, recordedAt);
        if (side == null) {
            side = registerOnly(personDocument, recordedAt);
        }
        side.fill(p);
        return p;
    }

    /**
     * Statistical attributes as far as the register tells them, for a feed without the side input: born abroad and
     * immigrated = IMMIGRANT with the country of birth as background and an unknown reason; everybody else the rest of
     * the population. Norwegian-born children of immigrants and education are not in the register (see
     * docs/FOLKEREGISTER.md).
     */
    static StatisticalAttributes registerOnly(JsonNode personDocument, Instant at) {
        JsonNode birth = first(personDocument, BIRTH);
        String country = birth == null ? null : text(birth, BIRTH_COUNTRY);
        boolean immigrated = personDocument.path(IMMIGRATION).size() > 0;
        if (country == null || "NOR".equals(country) || !immigrated) {
            return new StatisticalAttributes(at, ImmigrantCategory.REST_OF_POPULATION, CountryBackground.NORWAY, null, null,
                EducationLevel.UNKNOWN, false);
        }
        String code = CountryCodes.alpha2(country);
        return new StatisticalAttributes(at, ImmigrantCategory.IMMIGRANT, EuropeanArea.background(code), code,
            ImmigrationReason.OTHER, EducationLevel.UNKNOWN, false);
    }

    private static JsonNode first(JsonNode personDocument, String entity) {
        JsonNode list = personDocument.path(entity);
        return list.isArray() && list.size() > 0 ? list.get(0) : null;
    }

    private static String required(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            throw new UnmappableException("missing " + field);
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || !value.isValueNode() ? null : value.asText();
    }

    private static LocalDate date(JsonNode node, String field) {
        String value = required(node, field);
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new UnmappableException("malformed " + field + " " + value);
        }
    }

    private static Instant instant(String value, String field) {
        try {
            return java.time.OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new UnmappableException("malformed " + field + " " + value);
        }
    }
}
