package no.flyt.streams.recount;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import no.flyt.events.BaselinePerson;
import no.flyt.events.CountryBackground;
import no.flyt.events.EducationLevel;
import no.flyt.events.EmploymentChange;
import no.flyt.events.EmploymentEvent;
import no.flyt.events.OccupationGroup;
import no.flyt.events.EventType;
import no.flyt.events.ImmigrantCategory;
import no.flyt.events.ImmigrationReason;
import no.flyt.events.PersonAttributes;
import no.flyt.events.RegisterEvent;
import no.flyt.events.RegistrationKind;
import no.flyt.events.Sex;
import no.flyt.reference.Municipality;
import no.flyt.reference.MunicipalityCatalog;

/**
 * A small random register history with everything the rules must survive: a baseline, moves (also inside one
 * municipality and between an old and a new code of one), immigrations, emigrations, births, deaths (also of people
 * never seen), refugee settlements (also of people with collective protection), late events, corrections,
 * annulments and invalid events; and an employment register for the same people and some the population register
 * never sees, with late reports, corrections years later, annulments and invalid changes.
 */
final class RandomHistory {

    static final LocalDate EXTRACT = LocalDate.of(2015, 1, 1);

    final List<BaselinePerson> baseline = new ArrayList<>();
    final List<RegisterEvent> events = new ArrayList<>();
    final List<EmploymentEvent> employment = new ArrayList<>();

    private final Random random;
    private final List<Municipality> codes;
    private final Map<String, PersonAttributes> attributes = new HashMap<>();
    private final Map<String, String> residence = new HashMap<>();
    private final List<String> residents = new ArrayList<>();
    private int nextId;

    RandomHistory(long seed, int baselinePersons, int changes) {
        random = new Random(seed);
        List<Municipality> all = new ArrayList<>(MunicipalityCatalog.bundled().all());
        all.sort((a, b) -> a.getCode().compareTo(b.getCode()));
        codes = new ArrayList<>();
        for (String fixed : List.of("0301", "3201", "0219", "3024", "3203", "3301", "4601", "5001", "1103", "5444", "5605", "1151", "1144")) {
            MunicipalityCatalog.bundled().byCode(fixed).ifPresent(codes::add);
        }
        for (int i = 0; i < 25; i++) {
            codes.add(all.get(random.nextInt(all.size())));
        }
        for (int i = 0; i < baselinePersons; i++) {
            String id = "B" + i;
            PersonAttributes p = person(LocalDate.of(1925 + random.nextInt(89), 1 + random.nextInt(12), 1 + random.nextInt(28)));
            Municipality m = codes.get(random.nextInt(codes.size()));
            baseline.add(BaselinePerson.newBuilder().setPersonId(id).setExtractDate(EXTRACT).setMunicipality(m.getCode()).setPerson(p).build());
            live(id, p, m.getCode2024());
        }
        for (int i = 0; i < changes; i++) {
            change();
        }
        List<String> people = new ArrayList<>(attributes.keySet());
        people.sort(null);
        for (String person : people) {
            if (random.nextInt(3) > 0) {
                jobs(person);
            }
        }
        for (int i = 0; i < 20; i++) {
            jobs("W" + i); // in the employment register only
        }
        for (int i = 0; i < employment.size() / 10; i++) {
            reviseJob(employment.get(random.nextInt(employment.size())));
        }
    }

    private void jobs(String person) {
        for (int j = random.nextInt(3); j >= 0; j--) {
            String employmentId = person + "-J" + nextId++;
            LocalDate start = LocalDate.of(2012 + random.nextInt(10), 1 + random.nextInt(12), 1 + random.nextInt(28));
            OccupationGroup occupation = OccupationGroup.values()[random.nextInt(OccupationGroup.values().length)];
            employment.add(job(person, employmentId, EmploymentChange.START, start, occupation));
            if (random.nextBoolean()) {
                employment.add(job(person, employmentId, EmploymentChange.END, start.plusDays(random.nextInt(2_000)), occupation));
            }
        }
        if (random.nextInt(40) == 0) {
            employment.add(job(person, person + "-bad", EmploymentChange.UNKNOWN, date(), OccupationGroup.OTHER));
        }
    }

    private EmploymentEvent job(String person, String employmentId, EmploymentChange change, LocalDate date, OccupationGroup occupation) {
        int lag = random.nextInt(8) == 0 ? 40 + random.nextInt(300) : 2 + random.nextInt(30);
        return EmploymentEvent.newBuilder().setEventId("J" + nextId++).setPersonId(person).setEmploymentId(employmentId)
            .setChange(change).setEventDate(date).setOccupationGroup(occupation)
            .setRecordedAt(date.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(lag * 86_400L + random.nextInt(86_400)))
            .setRegistration(RegistrationKind.NEW).setCorrectsEventId(null).build();
    }

    /** A correction (a date or the occupation, sometimes years later) or an annulment of an employment change. */
    private void reviseJob(EmploymentEvent original) {
        if (original.getRegistration() != RegistrationKind.NEW || original.getChange() == EmploymentChange.UNKNOWN) {
            return;
        }
        int later = random.nextInt(4) == 0 ? 400 + random.nextInt(1_000) : 5 + random.nextInt(60);
        EmploymentEvent.Builder b = EmploymentEvent.newBuilder(original).setEventId("J" + nextId++)
            .setCorrectsEventId(original.getEventId()).setRecordedAt(original.getRecordedAt().plusSeconds(later * 86_400L));
        if (random.nextInt(4) == 0) {
            employment.add(b.setRegistration(RegistrationKind.ANNULMENT).build());
        } else if (random.nextBoolean()) {
            employment.add(b.setRegistration(RegistrationKind.CORRECTION).setEventDate(original.getEventDate().minusDays(random.nextInt(90))).build());
        } else {
            employment.add(b.setRegistration(RegistrationKind.CORRECTION)
                .setOccupationGroup(OccupationGroup.values()[random.nextInt(OccupationGroup.values().length)]).build());
        }
    }

    private void live(String id, PersonAttributes p, String code) {
        attributes.put(id, p);
        residence.put(id, code);
        residents.add(id);
    }

    private PersonAttributes person(LocalDate birth) {
        ImmigrantCategory category = ImmigrantCategory.values()[random.nextInt(ImmigrantCategory.values().length)];
        boolean immigrant = category == ImmigrantCategory.IMMIGRANT;
        return PersonAttributes.newBuilder()
            .setBirthDate(birth)
            .setSex(random.nextBoolean() ? Sex.FEMALE : Sex.MALE)
            .setImmigrantCategory(category)
            .setCountryBackground(category == ImmigrantCategory.REST_OF_POPULATION ? CountryBackground.NORWAY
                : random.nextBoolean() ? CountryBackground.EU_EEA_UK : CountryBackground.REST_OF_WORLD)
            .setImmigrationReason(immigrant ? ImmigrationReason.values()[random.nextInt(ImmigrationReason.values().length)] : null)
            .setEducationLevel(EducationLevel.values()[random.nextInt(EducationLevel.values().length)])
            .setCollectiveProtection(immigrant && random.nextInt(4) == 0)
            .build();
    }

    private LocalDate date() {
        return LocalDate.of(2015 + random.nextInt(6), 1 + random.nextInt(12), 1 + random.nextInt(28));
    }

    private String code() {
        return codes.get(random.nextInt(codes.size())).getCode();
    }

    private RegisterEvent.Builder event(EventType type, String person, LocalDate date) {
        int lag = random.nextInt(10) == 0 ? 60 + random.nextInt(400) : random.nextInt(20); // one in ten is late
        return RegisterEvent.newBuilder().setEventId("E" + nextId++).setPersonId(person).setEventType(type)
            .setRegistration(RegistrationKind.NEW).setEventDate(date)
            .setRecordedAt(date.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(lag * 86_400L + random.nextInt(86_400)))
            .setPerson(attributes.get(person));
    }

    private void change() {
        int kind = random.nextInt(100);
        LocalDate date = date();
        RegisterEvent e;
        if (kind < 35 && !residents.isEmpty()) {
            String p = residents.get(random.nextInt(residents.size()));
            String to = random.nextInt(8) == 0 ? residence.get(p) : code();
            e = event(EventType.MOVE, p, date).setFromMunicipality(residence.get(p)).setToMunicipality(to).build();
            residence.put(p, to);
        } else if (kind < 50) {
            String p = "I" + nextId;
            live(p, person(LocalDate.of(1940 + random.nextInt(80), 1 + random.nextInt(12), 1)), code());
            LocalDate arrival = date.isBefore(attributes.get(p).getBirthDate()) ? attributes.get(p).getBirthDate().plusDays(1) : date;
            if (arrival.getYear() > 2020) {
                arrival = LocalDate.of(2020, 12, 31);
            }
            e = event(EventType.IMMIGRATION, p, arrival).setToMunicipality(residence.get(p)).setFromCountry("SE").build();
        } else if (kind < 58 && !residents.isEmpty()) {
            String p = residents.remove(random.nextInt(residents.size()));
            e = event(EventType.EMIGRATION, p, date).setFromMunicipality(residence.get(p)).setToCountry("DK").build();
        } else if (kind < 68) {
            String p = "N" + nextId;
            live(p, person(date), code());
            e = event(EventType.BIRTH, p, date).setToMunicipality(residence.get(p)).build();
        } else if (kind < 76 && !residents.isEmpty()) {
            String p = residents.remove(random.nextInt(residents.size()));
            e = event(EventType.DEATH, p, date).setFromMunicipality(residence.get(p)).build();
        } else if (kind < 80) {
            String p = "U" + nextId; // never seen before or after
            attributes.put(p, person(LocalDate.of(1930, 5, 5)));
            e = event(EventType.DEATH, p, date).setFromMunicipality(code()).build();
        } else if (kind < 86 && !residents.isEmpty()) {
            String p = residents.get(random.nextInt(residents.size()));
            boolean moves = random.nextBoolean();
            String to = moves ? code() : residence.get(p);
            RegisterEvent.Builder b = event(EventType.REFUGEE_SETTLEMENT, p, date).setToMunicipality(to);
            if (moves) {
                b.setFromMunicipality(residence.get(p));
            }
            e = b.build();
            residence.put(p, to);
        } else if (kind < 90) {
            e = invalid(date);
        } else if (!events.isEmpty()) {
            revise();
            return;
        } else {
            return;
        }
        events.add(e);
    }

    private RegisterEvent invalid(LocalDate date) {
        String p = "X" + nextId;
        attributes.put(p, person(LocalDate.of(1980, 1, 1)));
        return switch (random.nextInt(4)) {
            case 0 -> event(EventType.IMMIGRATION, p, date).setToMunicipality("9999").build();
            case 1 -> event(EventType.UNKNOWN, p, date).setToMunicipality("0301").build();
            case 2 -> event(EventType.IMMIGRATION, p, date).setToMunicipality("0301")
                .setRecordedAt(date.minusDays(3).atStartOfDay().toInstant(ZoneOffset.UTC)).build();
            default -> event(EventType.EMIGRATION, p, date).build();
        };
    }

    /** A correction or an annulment of an earlier valid event. */
    private void revise() {
        RegisterEvent original = events.get(random.nextInt(events.size()));
        if (original.getRegistration() != RegistrationKind.NEW || original.getEventType() == EventType.UNKNOWN) {
            return;
        }
        Instant recorded = original.getRecordedAt().plusSeconds((1 + random.nextInt(60)) * 86_400L);
        RegisterEvent.Builder b = RegisterEvent.newBuilder(original).setEventId("E" + nextId++).setCorrectsEventId(original.getEventId())
            .setRecordedAt(recorded);
        if (random.nextInt(4) == 0) {
            events.add(b.setRegistration(RegistrationKind.ANNULMENT).build());
            return;
        }
        b.setRegistration(RegistrationKind.CORRECTION);
        switch (random.nextInt(3)) {
            case 0 -> {
                LocalDate earlier = original.getEventDate().minusDays(random.nextInt(40));
                if (!earlier.isBefore(original.getPerson().getBirthDate())) {
                    b.setEventDate(earlier);
                }
            }
            case 1 -> {
                if (original.getToMunicipality() != null) {
                    b.setToMunicipality(code());
                }
            }
            default -> b.setPerson(PersonAttributes.newBuilder(original.getPerson())
                .setEducationLevel(EducationLevel.values()[random.nextInt(EducationLevel.values().length)])
                .setImmigrantCategory(ImmigrantCategory.values()[random.nextInt(ImmigrantCategory.values().length)]).build());
        }
        events.add(b.build());
    }
}
