package no.flyt.streams.rules;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import no.flyt.catalogue.Measure;
import no.flyt.streams.codec.CellCounts;

/**
 * The domain rule behind "how many refugees stay in the municipality that settled them": a pure function of a
 * person's counted history, so that the processors can send the difference between the history before and after
 * an event, exact under corrections, annulments and any order of arrival (like {@link StatisticsContributions}, which
 * is a function of one fact; this one needs the person's settlement and later moves together).
 *
 * <p>The settlement is the person's counted REFUGEE_SETTLEMENT with the earliest date (then event id); its 2024
 * municipality M settled them, its year is the cohort. In M:
 * <ul>
 *   <li>SETTLED_REFUGEES_REMAINING +1 in the settlement's month; for each counted event dated after it, -1 in the
 *       event's month when it leaves M (a move or settlement out of M, an emigration or death from M) and +1 when it
 *       enters M (a move or settlement into M, an immigration to M). Summed up to a month, the cohort still living
 *       in M at its end;</li>
 *   <li>SETTLED_REFUGEES_MOVED_AWAY +1 for each move out of M, with the destination as the other end of the move:
 *       whether they move toward the centre;</li>
 *   <li>SETTLED_REFUGEES_EMIGRATED +1 for each emigration after the settlement, from wherever they live: who left
 *       Norway;</li>
 *   <li>SETTLED_REFUGEES_IN_NORWAY: +1 in the settlement's month, then, going through the later events in date order,
 *       -1 at an emigration or death while they live in Norway and +1 at an immigration while they do not;</li>
 *   <li>SETTLED_REFUGEES_EMPLOYED: +1 and -1 at the first day of each period in which they both live in Norway
 *       (as above) and are employed (the employment register, {@link EmploymentSpells}) and at the day after it.</li>
 * </ul>
 * All are broken down by the person's attributes as they were at the settlement, so that every +1 and -1 of a person
 * meets in the same cells. Events dated before the settlement, births and baseline records add nothing.
 */
public final class SettlementRetention {

    private SettlementRetention() {
    }

    /** Whether the history has a settlement at all: the rule adds nothing for anyone else. */
    static boolean concerns(PersonHistory history) {
        for (CountedEvent v : history.versions().values()) {
            if (v.isCounted() && v.fact().kind() == EventFact.Kind.REFUGEE_SETTLEMENT) {
                return true;
            }
        }
        return false;
    }

    /** Region-month key to cells, counted under {@code generation}; empty for a history without a counted settlement. */
    public static Map<String, CellCounts> of(PersonHistory history, int generation, MunicipalityResolver municipalities) {
        CountedEvent settlement = null;
        for (CountedEvent v : history.versions().values()) {
            if (v.isCounted() && v.fact().kind() == EventFact.Kind.REFUGEE_SETTLEMENT
                && (settlement == null || earlier(v, settlement))) {
                settlement = v;
            }
        }
        if (settlement == null) {
            return Map.of();
        }
        EventFact settled = settlement.fact();
        String home = settled.to2024();
        StatisticsContributions.Subject cohort = StatisticsContributions.Subject.of(settled).withSettlementYear(settled.date().getYear());
        StatisticsContributions.Contribution out = new StatisticsContributions.Contribution(generation);
        out.at(home, YearMonth.from(settled.date())).count(Measure.SETTLED_REFUGEES_REMAINING, cohort, 1);
        for (CountedEvent v : history.versions().values()) {
            if (v == settlement || !v.isCounted() || !v.fact().date().isAfter(settled.date())) {
                continue;
            }
            EventFact f = v.fact();
            StatisticsContributions.Contribution.Cells cells = out.at(home, YearMonth.from(f.date()));
            boolean leaves = home.equals(f.from2024()) && !home.equals(f.to2024());
            boolean enters = home.equals(f.to2024()) && !home.equals(f.from2024());
            switch (f.kind()) {
                case MOVE, REFUGEE_SETTLEMENT -> {
                    if (leaves) {
                        cells.count(Measure.SETTLED_REFUGEES_REMAINING, cohort, -1);
                        cells.count(Measure.SETTLED_REFUGEES_MOVED_AWAY,
                            cohort.withPartner(RegisterEventRules.resolve2024(municipalities, f.to2024())), 1);
                    } else if (enters) {
                        cells.count(Measure.SETTLED_REFUGEES_REMAINING, cohort, 1);
                    }
                }
                case EMIGRATION, DEATH -> {
                    if (home.equals(f.from2024())) {
                        cells.count(Measure.SETTLED_REFUGEES_REMAINING, cohort, -1);
                    }
                }
                case IMMIGRATION -> {
                    if (home.equals(f.to2024())) {
                        cells.count(Measure.SETTLED_REFUGEES_REMAINING, cohort, 1);
                    }
                }
                default -> {
                    // births and baseline records do not move a settled refugee
                }
            }
        }
        livesInNorwayAndWorks(history, settlement, home, cohort, out);
        return out.built();
    }

    /** SETTLED_REFUGEES_EMIGRATED, SETTLED_REFUGEES_IN_NORWAY and SETTLED_REFUGEES_EMPLOYED of one settled person. */
    private static void livesInNorwayAndWorks(PersonHistory history, CountedEvent settlement, String home,
                                              StatisticsContributions.Subject cohort, StatisticsContributions.Contribution out) {
        LocalDate settled = settlement.fact().date();
        List<CountedEvent> later = new ArrayList<>();
        for (CountedEvent v : history.versions().values()) {
            if (v != settlement && v.isCounted() && v.fact().date().isAfter(settled)) {
                later.add(v);
            }
        }
        later.sort(Comparator.comparing((CountedEvent v) -> v.fact().date()).thenComparing(CountedEvent::eventId));
        out.at(home, YearMonth.from(settled)).count(Measure.SETTLED_REFUGEES_IN_NORWAY, cohort, 1);
        List<LocalDate[]> inNorway = new ArrayList<>();
        LocalDate since = settled;
        for (CountedEvent v : later) {
            EventFact f = v.fact();
            boolean leaves = f.kind() == EventFact.Kind.EMIGRATION || f.kind() == EventFact.Kind.DEATH;
            if (f.kind() == EventFact.Kind.EMIGRATION) {
                out.at(home, YearMonth.from(f.date())).count(Measure.SETTLED_REFUGEES_EMIGRATED, cohort, 1);
            }
            if (leaves && since != null) {
                out.at(home, YearMonth.from(f.date())).count(Measure.SETTLED_REFUGEES_IN_NORWAY, cohort, -1);
                inNorway.add(new LocalDate[] {since, f.date()});
                since = null;
            } else if (f.kind() == EventFact.Kind.IMMIGRATION && since == null) {
                out.at(home, YearMonth.from(f.date())).count(Measure.SETTLED_REFUGEES_IN_NORWAY, cohort, 1);
                since = f.date();
            }
        }
        if (since != null) {
            inNorway.add(new LocalDate[] {since, null});
        }
        if (history.employment().isEmpty()) {
            return;
        }
        for (LocalDate[] employed : EmploymentSpells.of(history).employedPeriods()) {
            for (LocalDate[] resident : inNorway) {
                LocalDate from = later(employed[0], resident[0]);
                LocalDate until = earlier(employed[1], resident[1]);
                if (until == null || from.isBefore(until)) {
                    out.at(home, YearMonth.from(from)).count(Measure.SETTLED_REFUGEES_EMPLOYED, cohort, 1);
                    if (until != null) {
                        out.at(home, YearMonth.from(until)).count(Measure.SETTLED_REFUGEES_EMPLOYED, cohort, -1);
                    }
                }
            }
        }
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    /** The earlier of two ends, null being no end. */
    private static LocalDate earlier(LocalDate a, LocalDate b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private static boolean earlier(CountedEvent a, CountedEvent b) {
        int byDate = a.fact().date().compareTo(b.fact().date());
        return byDate != 0 ? byDate < 0 : a.eventId().compareTo(b.eventId()) < 0;
    }
}
