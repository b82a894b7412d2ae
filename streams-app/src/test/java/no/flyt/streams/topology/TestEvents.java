package no.flyt.streams.topology;

import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;
import no.flyt.events.BaselinePerson;
import no.flyt.events.CountryBackground;
import no.flyt.events.EducationLevel;
import no.flyt.events.EventType;
import no.flyt.events.ImmigrantCategory;
import no.flyt.events.ImmigrationReason;
import no.flyt.events.PersonAttributes;
import no.flyt.events.RegisterEvent;
import no.flyt.events.RegistrationKind;
import no.flyt.events.Sex;

/** Builds register events for tests. */
public final class TestEvents {

    private static final AtomicInteger ids = new AtomicInteger();

    public static final PersonAttributes PERSON = PersonAttributes.newBuilder()
        .setBirthDate(LocalDate.of(1990, 4, 2))
        .setSex(Sex.FEMALE)
        .setImmigrantCategory(ImmigrantCategory.REST_OF_POPULATION)
        .setCountryBackground(CountryBackground.NORWAY)
        .setEducationLevel(EducationLevel.TERTIARY_SHORT)
        .build();

    private TestEvents() {
    }

    public static RegisterEvent.Builder event(EventType type, LocalDate date) {
        return RegisterEvent.newBuilder()
            .setEventId("E" + ids.incrementAndGet())
            .setPersonId("P" + ids.get())
            .setEventType(type)
            .setRegistration(RegistrationKind.NEW)
            .setEventDate(date)
            .setRecordedAt(date.plusDays(3).atStartOfDay().toInstant(java.time.ZoneOffset.UTC))
            .setPerson(PERSON);
    }

    public static RegisterEvent move(String from, String to, LocalDate date) {
        return event(EventType.MOVE, date).setFromMunicipality(from).setToMunicipality(to).build();
    }

    public static RegisterEvent immigration(String to, LocalDate date) {
        return event(EventType.IMMIGRATION, date).setToMunicipality(to).setFromCountry("SE").build();
    }

    public static RegisterEvent emigration(String from, LocalDate date) {
        return event(EventType.EMIGRATION, date).setFromMunicipality(from).setToCountry("SE").build();
    }

    /** A correction of {@code original} recorded {@code daysLater} after it, with the given changes applied. */
    public static RegisterEvent.Builder correctionOf(RegisterEvent original, int daysLater) {
        return RegisterEvent.newBuilder(original)
            .setEventId("E" + ids.incrementAndGet())
            .setRegistration(RegistrationKind.CORRECTION)
            .setCorrectsEventId(original.getEventId())
            .setRecordedAt(original.getRecordedAt().plusSeconds(daysLater * 86_400L));
    }

    public static RegisterEvent annulmentOf(RegisterEvent original, int daysLater) {
        return RegisterEvent.newBuilder(original)
            .setEventId("E" + ids.incrementAndGet())
            .setRegistration(RegistrationKind.ANNULMENT)
            .setCorrectsEventId(original.getEventId())
            .setRecordedAt(original.getRecordedAt().plusSeconds(daysLater * 86_400L))
            .build();
    }

    public static RegisterEvent birth(String to, LocalDate date) {
        return event(EventType.BIRTH, date).setToMunicipality(to)
            .setPerson(PersonAttributes.newBuilder(PERSON).setBirthDate(date).setEducationLevel(EducationLevel.UNKNOWN).build())
            .build();
    }

    public static RegisterEvent death(String personId, String from, LocalDate date) {
        return event(EventType.DEATH, date).setPersonId(personId).setFromMunicipality(from).build();
    }

    public static RegisterEvent settlement(String from, String to, LocalDate date) {
        return event(EventType.REFUGEE_SETTLEMENT, date).setFromMunicipality(from).setToMunicipality(to).setPerson(REFUGEE).build();
    }

    /** A refugee from outside the EU, arrived as an adult. */
    public static final PersonAttributes REFUGEE = PersonAttributes.newBuilder()
        .setBirthDate(LocalDate.of(1985, 7, 1))
        .setSex(Sex.MALE)
        .setImmigrantCategory(ImmigrantCategory.IMMIGRANT)
        .setCountryBackground(CountryBackground.REST_OF_WORLD)
        .setCountryBackgroundCode("SY")
        .setImmigrationReason(ImmigrationReason.REFUGE)
        .setEducationLevel(EducationLevel.UPPER_SECONDARY)
        .build();

    public static BaselinePerson baseline(String personId, String municipality, LocalDate extractDate, PersonAttributes person) {
        return BaselinePerson.newBuilder().setPersonId(personId).setExtractDate(extractDate).setMunicipality(municipality)
            .setPerson(person).build();
    }

    public static Instant at(String instant) {
        return Instant.parse(instant);
    }
}
