package no.flyt.producers.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.flyt.events.EducationLevel;
import no.flyt.events.EmploymentChange;
import no.flyt.events.EmploymentEvent;
import no.flyt.events.EventType;
import no.flyt.events.ImmigrationReason;
import no.flyt.events.OccupationGroup;
import no.flyt.events.RegisterEvent;
import no.flyt.events.RegistrationKind;
import no.flyt.producers.io.EventFileReader;
import no.flyt.producers.io.EventSet;
import no.flyt.producers.io.ReadResult;
import no.flyt.reference.MunicipalityCatalog;
import no.flyt.reference.Population;
import no.flyt.reference.UnemploymentRates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The employment register joined onto residence: its own rules, and the research questions about refugees'
 * employment five years after settlement and the occupations of the Oslo leavers of 2020-2021.
 */
class EmploymentRegisterTest {

    private static final Logger log = LoggerFactory.getLogger(EmploymentRegisterTest.class);
    private static final MunicipalityCatalog CATALOG = MunicipalityCatalog.bundled();

    @TempDir
    static Path dir;
    static RegisterReplay replay;
    /** Every employment record as written, in file (recording) order. */
    static final List<EmploymentEvent> employment = new ArrayList<>();
    /** The changes that count: each NEW replaced by its latest correction, annulled ones dropped. */
    static List<EmploymentEvent> effective;
    /** Employment spells per person, from the START and END events. */
    static final Map<String, List<Spell>> spells = new HashMap<>();
    static MunicipalityTable table;

    record Spell(String employmentId, LocalDate start, LocalDate end, OccupationGroup group) {
        boolean covers(LocalDate date) {
            return !date.isBefore(start) && (end == null || !date.isAfter(end));
        }
    }

    @BeforeAll
    static void generate() throws IOException {
        SyntheticRegister.generate(GeneratorSettings.of(0.03, 5), dir, ProgressListener.NONE);
        replay = RegisterReplay.read(dir, "baseline.avro", "events.avro");
        try (EventFileReader<EmploymentEvent> reader = EventFileReader.open(EventSet.open(dir).employment().orElseThrow(),
            EmploymentEvent.class)) {
            for (ReadResult<EmploymentEvent> item : reader) {
                employment.add(item.record());
            }
        }
        effective = effectiveChanges(employment);
        Map<String, Spell> open = new HashMap<>();
        List<EmploymentEvent> byDate = new ArrayList<>(effective);
        byDate.sort(Comparator.comparing(EmploymentEvent::getEventDate).thenComparing(e -> e.getChange() == EmploymentChange.START ? 0 : 1));
        for (EmploymentEvent e : byDate) {
            if (e.getChange() == EmploymentChange.START) {
                Spell spell = new Spell(e.getEmploymentId(), e.getEventDate(), null, e.getOccupationGroup());
                assertThat(open.put(e.getPersonId(), spell)).as("second employment of %s", e.getPersonId()).isNull();
            } else {
                Spell started = open.remove(e.getPersonId());
                assertThat(started).as("END without START: %s", e.getEventId()).isNotNull();
                assertThat(started.employmentId()).isEqualTo(e.getEmploymentId());
                spells.computeIfAbsent(e.getPersonId(), id -> new ArrayList<>())
                    .add(new Spell(started.employmentId(), started.start(), e.getEventDate(), started.group()));
            }
        }
        open.forEach((person, spell) -> spells.computeIfAbsent(person, id -> new ArrayList<>()).add(spell));
        table = new MunicipalityTable(CATALOG, Population.bundled());
    }

    /** The register's rules for versions: of all versions of a change the one recorded last counts; an annulment counts nothing. */
    static List<EmploymentEvent> effectiveChanges(List<EmploymentEvent> records) {
        Map<String, EmploymentEvent> latest = new java.util.LinkedHashMap<>();
        for (EmploymentEvent e : records) {
            String original = e.getRegistration() == RegistrationKind.NEW ? e.getEventId() : e.getCorrectsEventId();
            EmploymentEvent before = latest.get(original);
            if (before == null || !e.getRecordedAt().isBefore(before.getRecordedAt())) {
                latest.put(original, e);
            }
        }
        return latest.values().stream().filter(e -> e.getRegistration() != RegistrationKind.ANNULMENT).toList();
    }

    private static boolean employedOn(String personId, LocalDate date) {
        return spells.getOrDefault(personId, List.of()).stream().anyMatch(s -> s.covers(date));
    }

    private static OccupationGroup groupOn(String personId, LocalDate date) {
        return spells.getOrDefault(personId, List.of()).stream().filter(s -> s.covers(date)).map(Spell::group)
            .findFirst().orElse(null);
    }

    @Test
    void changesAreRecordedAfterTheMonthAndInRecordingOrder() {
        java.time.Instant previous = java.time.Instant.MIN;
        for (EmploymentEvent e : employment) {
            assertThat(e.getRecordedAt()).isAfterOrEqualTo(previous);
            previous = e.getRecordedAt();
            assertThat(e.getRecordedAt()).isAfterOrEqualTo(e.getEventDate().atStartOfDay(ZoneOffset.UTC).toInstant());
            assertThat(e.getPersonId()).matches("P\\d{9}");
            if (!e.getEventDate().isBefore(LocalDate.of(2015, 1, 1)) && e.getWorkplaceMunicipality() != null) {
                assertThat(CATALOG.isValidOn(e.getWorkplaceMunicipality(), e.getEventDate())).as(e.getEventId()).isTrue();
            }
        }
        assertThat(employment).extracting(EmploymentEvent::getEventId).doesNotHaveDuplicates();
        assertThat(employment).anyMatch(e -> e.getEventDate().isBefore(LocalDate.of(2015, 1, 1)));
    }

    @Test
    void someReportsComeLateSomeAreCorrectedYearsLaterAndDoublesAreAnnulled() {
        Map<String, EmploymentEvent> byId = new HashMap<>();
        employment.forEach(e -> byId.put(e.getEventId(), e));
        long monthly = employment.stream().filter(e -> e.getRegistration() == RegistrationKind.NEW
            && !e.getEventDate().isBefore(LocalDate.of(2015, 1, 1))).count();
        long late = employment.stream().filter(e -> e.getRegistration() == RegistrationKind.NEW
            && !e.getEventDate().isBefore(LocalDate.of(2015, 1, 1))
            && e.getRecordedAt().isAfter(e.getEventDate().withDayOfMonth(1).plusMonths(2).atStartOfDay(ZoneOffset.UTC).toInstant()))
            .count();
        List<EmploymentEvent> corrections = employment.stream().filter(e -> e.getRegistration() == RegistrationKind.CORRECTION).toList();
        List<EmploymentEvent> annulments = employment.stream().filter(e -> e.getRegistration() == RegistrationKind.ANNULMENT).toList();
        log.info("{} monthly changes: {} reported late, {} corrected, {} annulled", monthly, late, corrections.size(), annulments.size());
        assertThat(late / (double) monthly).isBetween(0.02, 0.06);
        assertThat(corrections.size() / (double) monthly).isBetween(0.006, 0.02);
        assertThat(annulments.size() / (double) monthly).isBetween(0.0003, 0.004);
        long yearsLater = 0;
        for (EmploymentEvent c : corrections) {
            EmploymentEvent original = byId.get(c.getCorrectsEventId());
            assertThat(original).as("%s corrects a change that was written", c.getEventId()).isNotNull();
            assertThat(original.getRegistration()).isEqualTo(RegistrationKind.NEW);
            assertThat(c.getPersonId()).isEqualTo(original.getPersonId());
            assertThat(c.getEmploymentId()).isEqualTo(original.getEmploymentId());
            assertThat(c.getChange()).isEqualTo(original.getChange());
            assertThat(c.getRecordedAt()).isAfter(original.getRecordedAt());
            assertThat(c.getEventDate().equals(original.getEventDate()) && c.getOccupationGroup() == original.getOccupationGroup())
                .as("%s changes something", c.getEventId()).isFalse();
            if (c.getRecordedAt().isAfter(original.getRecordedAt().plus(java.time.Duration.ofDays(365)))) {
                yearsLater++;
            }
        }
        assertThat(yearsLater).as("corrections more than a year after the first report").isGreaterThan(corrections.size() / 20);
        for (EmploymentEvent a : annulments) {
            EmploymentEvent original = byId.get(a.getCorrectsEventId());
            assertThat(original.getChange()).isEqualTo(EmploymentChange.START);
            assertThat(a.getEmploymentId()).isEqualTo(original.getEmploymentId());
            // the double never ends: only the annulment takes it back
            assertThat(employment).noneMatch(e -> e.getChange() == EmploymentChange.END && e.getEmploymentId().equals(a.getEmploymentId()));
        }
        // ignoring the corrections would get people's employment wrong in some months
        List<EmploymentEvent> firstReports = employment.stream().filter(e -> e.getRegistration() == RegistrationKind.NEW).toList();
        assertThat(firstReports).hasSizeGreaterThan(effective.size());
        assertThat(effective).hasSize((int) (firstReports.size() - annulments.size()));
    }

    @Test
    void onlyResidentsWorkAndDeathOrEmigrationEndsTheEmployment() {
        Map<String, LocalDate> left = new HashMap<>();
        for (RegisterEvent e : replay.effective) {
            if (e.getEventType() == EventType.DEATH || e.getEventType() == EventType.EMIGRATION) {
                left.put(e.getPersonId(), e.getEventDate());
            } else if (e.getEventType() == EventType.IMMIGRATION) {
                left.remove(e.getPersonId());
            }
        }
        int checked = 0;
        for (Map.Entry<String, LocalDate> entry : left.entrySet()) {
            for (Spell spell : spells.getOrDefault(entry.getKey(), List.of())) {
                if (!spell.start().isAfter(entry.getValue())) {
                    assertThat(spell.end()).as("employment %s outlives its employee", spell.employmentId()).isNotNull();
                    assertThat(spell.end()).isBeforeOrEqualTo(entry.getValue());
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(100);
    }

    @Test
    void aboutTwoThirdsOfThoseAged16To74Work() {
        for (int year : new int[] {2015, 2020, 2024}) {
            LocalDate date = LocalDate.of(year, 6, 1);
            long[] counts = new long[2];
            replay.walk(CATALOG, new RegisterReplay.Visitor() {
                @Override
                public void before(RegisterEvent event, RegisterReplay.State state) {
                }

                @Override
                public void january1(LocalDate jan1, Map<String, RegisterReplay.State> states) {
                    if (jan1.getYear() != year) {
                        return;
                    }
                    for (RegisterReplay.State s : states.values()) {
                        int age = Period.between(s.person.getBirthDate(), date).getYears();
                        if (s.resident && age >= 16 && age <= 74) {
                            counts[0]++;
                            if (employedOn(s.personId, date)) {
                                counts[1]++;
                            }
                        }
                    }
                }
            });
            double rate = counts[1] / (double) counts[0];
            log.info("Employment rate 16-74 in {}: {}", year, rate);
            assertThat(rate).isBetween(0.55, 0.78);
        }
    }

    /**
     * Refugees settled 2015-2019, employed or not five years after their settlement, by the settling municipality's
     * unemployment rate (the shipped reference file), centrality class and size, and by education.
     */
    @Test
    void refugeesSettledWhereUnemploymentIsLowOrOutsideTheBigCentresWorkMoreFiveYearsLater() {
        UnemploymentRates unemploymentRates = UnemploymentRates.bundled();
        Map<String, int[]> groups = new java.util.TreeMap<>();
        for (RegisterEvent e : replay.effective) {
            if (e.getEventType() != EventType.REFUGEE_SETTLEMENT || e.getEventDate().getYear() > 2019
                || e.getPerson().getCollectiveProtection()) {
                continue;
            }
            LocalDate later = e.getEventDate().plusYears(5);
            int age = Period.between(e.getPerson().getBirthDate(), later).getYears();
            if (age < 25 || age > 60 || !residentOn(e.getPersonId(), later)) {
                continue;
            }
            String code2024 = CATALOG.code2024(e.getToMunicipality()).orElseThrow();
            int settledIn = table.index(code2024);
            boolean employed = employedOn(e.getPersonId(), later);
            EducationLevel education = e.getPerson().getEducationLevel();
            String level = education == EducationLevel.PRIMARY || education == EducationLevel.UNKNOWN ? ".little" : ".more";
            String unemployment = unemploymentRates.atOrBelowMedian(code2024) ? "lowUnemployment" : "highUnemployment";
            boolean central = table.centrality(settledIn) <= 2;
            boolean populous = CATALOG.byCode(code2024).orElseThrow().getPopulation2024() >= Employment.POPULOUS;
            String place = central || populous ? "centralOrPopulous" : "other";
            for (String group : new String[] {unemployment, unemployment + level, place + level,
                (central ? "central" : "notCentral") + level, (populous ? "populous" : "notPopulous") + level}) {
                int[] c = groups.computeIfAbsent(group, g -> new int[2]);
                c[0]++;
                if (employed) {
                    c[1]++;
                }
            }
        }
        Map<String, Double> rates = new java.util.TreeMap<>();
        groups.forEach((group, c) -> rates.put(group, c[1] / (double) c[0]));
        log.info("Refugees employed five years after settlement: {} (n = {})", rates,
            groups.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, en -> en.getValue()[0])));
        assertThat(groups.get("centralOrPopulous.little")[0]).isGreaterThan(80);
        assertThat(rates.get("lowUnemployment")).isGreaterThan(rates.get("highUnemployment") + 0.05);
        assertThat(rates.get("lowUnemployment.more")).isGreaterThan(rates.get("lowUnemployment.little"));
        assertThat(rates.get("lowUnemployment.little") - rates.get("highUnemployment.little"))
            .as("the unemployment pattern is clearest for little education")
            .isGreaterThan(rates.get("lowUnemployment.more") - rates.get("highUnemployment.more"));
        double gapLittle = rates.get("other.little") - rates.get("centralOrPopulous.little");
        double gapMore = rates.get("other.more") - rates.get("centralOrPopulous.more");
        assertThat(gapLittle).isGreaterThan(0.08).isGreaterThan(gapMore + 0.04);
        // each trait on its own lowers the chance for those with little education
        assertThat(rates.get("notCentral.little")).isGreaterThan(rates.get("central.little"));
        assertThat(rates.get("notPopulous.little")).isGreaterThan(rates.get("populous.little"));
    }

    private static boolean residentOn(String personId, LocalDate date) {
        boolean resident = replay.baselineById.containsKey(personId);
        for (RegisterEvent e : eventsOf(personId)) {
            if (e.getEventDate().isAfter(date)) {
                break;
            }
            if (e.getEventType() == EventType.DEATH || e.getEventType() == EventType.EMIGRATION) {
                resident = false;
            } else if (e.getEventType() == EventType.IMMIGRATION || e.getEventType() == EventType.BIRTH) {
                resident = true;
            }
        }
        return resident;
    }

    private static Map<String, List<RegisterEvent>> byPerson;

    private static synchronized List<RegisterEvent> eventsOf(String personId) {
        if (byPerson == null) {
            byPerson = new HashMap<>();
            for (RegisterEvent e : replay.effective) {
                byPerson.computeIfAbsent(e.getPersonId(), id -> new ArrayList<>()).add(e);
            }
        }
        return byPerson.getOrDefault(personId, List.of());
    }

    @Test
    void osloLeaversOf2020And2021AreOverRepresentedInHomeOfficeOccupations() {
        int[] pandemic = new int[2];
        int[] before = new int[2];
        for (RegisterEvent e : replay.effective) {
            if (e.getEventType() != EventType.MOVE || !"0301".equals(e.getFromMunicipality()) || "0301".equals(e.getToMunicipality())) {
                continue;
            }
            int year = e.getEventDate().getYear();
            int[] counts = year == 2020 || year == 2021 ? pandemic : year >= 2017 && year <= 2019 ? before : null;
            OccupationGroup group = groupOn(e.getPersonId(), e.getEventDate());
            if (counts == null || group == null) {
                continue;
            }
            counts[0]++;
            if (group == OccupationGroup.HOME_OFFICE_TYPICAL) {
                counts[1]++;
            }
        }
        double sharePandemic = pandemic[1] / (double) pandemic[0];
        double shareBefore = before[1] / (double) before[0];
        // and among the employed living in Oslo on 1 January 2020
        int[] residents = new int[2];
        LocalDate jan2020 = LocalDate.of(2020, 1, 1);
        replay.walk(CATALOG, new RegisterReplay.Visitor() {
            @Override
            public void before(RegisterEvent event, RegisterReplay.State state) {
            }

            @Override
            public void january1(LocalDate date, Map<String, RegisterReplay.State> states) {
                if (!date.equals(jan2020)) {
                    return;
                }
                for (RegisterReplay.State s : states.values()) {
                    OccupationGroup group = s.resident && "0301".equals(s.municipality2024) ? groupOn(s.personId, date) : null;
                    if (group != null) {
                        residents[0]++;
                        if (group == OccupationGroup.HOME_OFFICE_TYPICAL) {
                            residents[1]++;
                        }
                    }
                }
            }
        });
        double shareResidents = residents[1] / (double) residents[0];
        log.info("Home-office share among employed Oslo leavers: 2020-2021 {} (n = {}), 2017-2019 {} (n = {}); "
            + "among employed Oslo residents on 1 January 2020 {} (n = {})",
            sharePandemic, pandemic[0], shareBefore, before[0], shareResidents, residents[0]);
        assertThat(pandemic[0]).isGreaterThan(300);
        assertThat(sharePandemic).isGreaterThan(shareBefore + 0.08).isGreaterThan(shareResidents + 0.05);
        assertThat(replay.written).anyMatch(e -> e.getPerson().getImmigrationReason() == ImmigrationReason.WORK);
    }
}
