package no.flyt.producers.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.util.HashMap;
import java.util.Map;
import no.flyt.events.CountryBackground;
import no.flyt.events.EventType;
import no.flyt.events.ImmigrantCategory;
import no.flyt.events.ImmigrationReason;
import no.flyt.events.PersonAttributes;
import no.flyt.events.RegisterEvent;
import no.flyt.reference.Municipality;
import no.flyt.reference.MunicipalityCatalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The behaviour the research questions ask about holds qualitatively in a generated set (scale 0.01: about 50 000
 * persons and 90 000 events, enough for the ratios to be clear of sampling noise). Rates are events per person-year,
 * person-years counted from the residents on each 1 January.
 */
class ResearchQuestionsTest {

    private static final Logger log = LoggerFactory.getLogger(ResearchQuestionsTest.class);
    private static final MunicipalityCatalog CATALOG = MunicipalityCatalog.bundled();

    @TempDir
    static Path dir;
    static RegisterReplay replay;
    /** Counters by name: events and person-years of groups. */
    static final Map<String, Double> counts = new HashMap<>();

    @BeforeAll
    static void generateAndCount() throws IOException {
        SyntheticRegister.generate(GeneratorSettings.of(0.01, 2024), dir, ProgressListener.NONE);
        replay = RegisterReplay.read(dir, "baseline.avro", "events.avro");
        replay.walk(CATALOG, new RegisterReplay.Visitor() {
            @Override
            public void before(RegisterEvent e, RegisterReplay.State s) {
                countEvent(e, s);
            }

            @Override
            public void january1(LocalDate date, Map<String, RegisterReplay.State> states) {
                if (date.getYear() > 2024) {
                    return;
                }
                for (RegisterReplay.State s : states.values()) {
                    if (s.resident) {
                        countPersonYear(date, s);
                    }
                }
            }
        });
        log.info("Research-question counters: {}", new java.util.TreeMap<>(counts));
    }

    private static void add(String key, double value) {
        counts.merge(key, value, Double::sum);
    }

    private static double get(String key) {
        return counts.getOrDefault(key, 0.0);
    }

    private static int centrality(String code2024) {
        return CATALOG.byCode(code2024).map(Municipality::getCentralityClass).orElseThrow();
    }

    private static int age(PersonAttributes p, LocalDate on) {
        return Period.between(p.getBirthDate(), on).getYears();
    }

    /** The groups a person belongs to on a date, in the municipality given. */
    private static String[] groups(PersonAttributes p, LocalDate on, String municipality2024) {
        int age = age(p, on);
        int centrality = centrality(municipality2024);
        ImmigrantCategory category = p.getImmigrantCategory();
        boolean background = category == ImmigrantCategory.IMMIGRANT
            || category == ImmigrantCategory.NORWEGIAN_BORN_TWO_IMMIGRANT_PARENTS;
        String young = age <= 30 && centrality >= 5
            ? (background ? "young56.background" : category == ImmigrantCategory.REST_OF_POPULATION ? "young56.native" : "")
            : "";
        String child = "";
        if (age < 18) {
            if (background) {
                child = p.getCountryBackground() == CountryBackground.EU_EEA_UK ? "child.eu" : "child.restOfWorld";
            } else {
                child = "child.native";
            }
        }
        return new String[] {young, child};
    }

    static void countPersonYear(LocalDate date, RegisterReplay.State s) {
        for (String group : groups(s.person, date, s.municipality2024)) {
            if (!group.isEmpty()) {
                add(group + ".years", 1);
            }
        }
        if (date.getYear() == 2020) {
            int age = age(s.person, date);
            int centrality = centrality(s.municipality2024);
            String who = s.person.getImmigrantCategory() == ImmigrantCategory.IMMIGRANT ? "immigrants"
                : s.person.getImmigrantCategory() == ImmigrantCategory.REST_OF_POPULATION ? "natives" : "";
            if (!who.isEmpty()) {
                add("2020." + who + ".n", 1);
                add("2020." + who + ".age", age);
                if (centrality <= 2) {
                    add("2020." + who + ".central", 1);
                }
                if (who.equals("natives")) {
                    String band = centrality <= 2 ? "natives12" : centrality >= 5 ? "natives56" : "";
                    if (!band.isEmpty()) {
                        add("2020." + band + ".n", 1);
                        add("2020." + band + ".age", age);
                    }
                }
            }
            add("2020.population", 1);
            if (centrality >= 4) {
                add("2020.population.class456", 1);
            }
        }
    }

    static void countEvent(RegisterEvent e, RegisterReplay.State s) {
        PersonAttributes p = e.getPerson();
        String from = e.getFromMunicipality() == null ? null : CATALOG.code2024(e.getFromMunicipality()).orElseThrow();
        String to = e.getToMunicipality() == null ? null : CATALOG.code2024(e.getToMunicipality()).orElseThrow();
        boolean between = from != null && to != null && !from.equals(to);
        if (e.getEventType() == EventType.MOVE && between || e.getEventType() == EventType.EMIGRATION) {
            String kind = e.getEventType() == EventType.MOVE ? "moves" : "emigrations";
            for (String group : groups(p, e.getEventDate(), from)) {
                if (!group.isEmpty()) {
                    add(group + "." + kind, 1);
                }
            }
            if (p.getImmigrantCategory() == ImmigrantCategory.IMMIGRANT && p.getImmigrationReason() == ImmigrationReason.WORK) {
                add("work." + kind, 1);
            }
        }
        if (e.getEventType() == EventType.REFUGEE_SETTLEMENT) {
            add("settlements", 1);
            int centrality = centrality(to);
            if (centrality >= 4) {
                add("settlements.class456", 1);
            }
            if (centrality <= 2) {
                add("settlements.class12", 1);
            }
        }
        if (e.getEventType() == EventType.MOVE && between && s.settlement2024 != null
            && p.getImmigrationReason() == ImmigrationReason.REFUGE) {
            add("settledRefugeeMoves", 1);
            if (centrality(to) <= 2) {
                add("settledRefugeeMoves.class12", 1);
            }
        }
    }

    private static double rate(String group, String kind) {
        return get(group + "." + kind) / get(group + ".years");
    }

    @Test
    void labourImmigrantsEmigrateMoreThanTheyMoveInsideNorway() {
        assertThat(get("work.emigrations")).isGreaterThan(get("work.moves")).isGreaterThan(100);
    }

    @Test
    void youngPeopleWithImmigrantBackgroundInClasses5And6MoveAndEmigrateMoreThanYoungNatives() {
        assertThat(get("young56.background.years")).isGreaterThan(1_000);
        assertThat(rate("young56.background", "moves")).isGreaterThan(1.3 * rate("young56.native", "moves"));
        assertThat(rate("young56.background", "emigrations")).isGreaterThan(2 * rate("young56.native", "emigrations"));
    }

    @Test
    void childrenWithTwoParentsFromOutsideTheEuMoveMostAndThoseWithEuParentsEmigrateMost() {
        assertThat(get("child.eu.years")).isGreaterThan(1_000);
        double restOfWorldMoves = rate("child.restOfWorld", "moves");
        assertThat(restOfWorldMoves).isGreaterThan(rate("child.eu", "moves")).isGreaterThan(rate("child.native", "moves"));
        double euEmigrations = rate("child.eu", "emigrations");
        assertThat(euEmigrations).isGreaterThan(rate("child.restOfWorld", "emigrations"))
            .isGreaterThan(rate("child.native", "emigrations"));
    }

    @Test
    void immigrantsAreYoungerAndMoreCentralWhileNativesInClasses5And6AreOlder() {
        double immigrantAge = get("2020.immigrants.age") / get("2020.immigrants.n");
        double nativeAge = get("2020.natives.age") / get("2020.natives.n");
        assertThat(immigrantAge).isLessThan(nativeAge - 1.5);
        assertThat(get("2020.immigrants.central") / get("2020.immigrants.n"))
            .isGreaterThan(1.2 * get("2020.natives.central") / get("2020.natives.n"));
        assertThat(get("2020.natives56.age") / get("2020.natives56.n"))
            .isGreaterThan(get("2020.natives12.age") / get("2020.natives12.n") + 3);
    }

    @Test
    void refugeesAreSettledDecentrallyAndLaterMoveTowardsCentralMunicipalities() {
        double settledDecentrally = get("settlements.class456") / get("settlements");
        double populationDecentral = get("2020.population.class456") / get("2020.population");
        assertThat(settledDecentrally).isGreaterThan(populationDecentral);
        double movesToCentral = get("settledRefugeeMoves.class12") / get("settledRefugeeMoves");
        assertThat(get("settledRefugeeMoves")).isGreaterThan(200);
        assertThat(movesToCentral).isGreaterThan(1.5 * get("settlements.class12") / get("settlements"));
    }
}
