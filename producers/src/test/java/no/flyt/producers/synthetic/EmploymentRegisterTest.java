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
import no.flyt.producers.io.EventFileReader;
import no.flyt.producers.io.EventSet;
import no.flyt.producers.io.ReadResult;
import no.flyt.reference.MunicipalityCatalog;
import no.flyt.reference.Population;
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
    static final List<EmploymentEvent> employment = new ArrayList<>();
    /** Employment spells per person, from the START and END events. */
    static final Map<String, List<Spell>> spells = new HashMap<>();
    static LabourMarket labourMarket;
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
        Map<String, Spell> open = new HashMap<>();
        List<EmploymentEvent> byDate = new ArrayList<>(employment);
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
        labourMarket = new LabourMarket(table);
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

    /** Refugees settled 2015-2019, employed or not five years after their settlement. */
    @Test
    void refugeesSettledWhereUnemploymentIsLowOrOutsideTheBigCentresWorkMoreFiveYearsLater() {
        double median = medianUnemployment();
        Map<String, int[]> groups = new HashMap<>();
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
            int settledIn = table.index(CATALOG.code2024(e.getToMunicipality()).orElseThrow());
            boolean employed = employedOn(e.getPersonId(), later);
            EducationLevel education = e.getPerson().getEducationLevel();
            boolean little = education == EducationLevel.PRIMARY || education == EducationLevel.UNKNOWN;
            String unemployment = labourMarket.unemployment(settledIn) <= median ? "lowUnemployment" : "highUnemployment";
            String centre = table.centrality(settledIn) <= 2 ? "central" : "other";
            for (String group : new String[] {unemployment, centre + (little ? ".little" : ".more")}) {
                int[] c = groups.computeIfAbsent(group, g -> new int[2]);
                c[0]++;
                if (employed) {
                    c[1]++;
                }
            }
        }
        Map<String, Double> rates = new HashMap<>();
        groups.forEach((group, c) -> rates.put(group, c[1] / (double) c[0]));
        log.info("Refugees employed five years after settlement: {} (n = {})", rates,
            groups.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, en -> en.getValue()[0])));
        assertThat(groups.get("central.little")[0]).isGreaterThan(40);
        assertThat(rates.get("lowUnemployment")).isGreaterThan(rates.get("highUnemployment") + 0.05);
        double gapLittle = rates.get("other.little") - rates.get("central.little");
        double gapMore = rates.get("other.more") - rates.get("central.more");
        assertThat(gapLittle).isGreaterThan(0.05).isGreaterThan(gapMore);
    }

    private static double medianUnemployment() {
        double[] rates = new double[table.size()];
        for (int i = 0; i < rates.length; i++) {
            rates[i] = labourMarket.unemployment(i);
        }
        java.util.Arrays.sort(rates);
        return rates[rates.length / 2];
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
