package no.flyt.streams.topology;

import java.time.YearMonth;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import no.flyt.aggregates.Dimension;
import no.flyt.aggregates.Measure;
import no.flyt.aggregates.RegionType;

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
 *   <li>SETTLED_REFUGEES_MOVED_AWAY +1 for each move out of M, under the destination's centrality class
 *       (PARTNER_CENTRALITY_CLASS): whether they move toward the centre.</li>
 * </ul>
 * REMAINING is broken down by the person dimensions as they were at the settlement, so that every +1 and -1 of a
 * person meets in the same cells. Events dated before the settlement, births and baseline records add nothing.
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

    /** Region-month key to cells; empty for a history without a counted settlement. */
    public static Map<String, CellCounts> of(PersonHistory history, MunicipalityResolver municipalities) {
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
        int cohort = Cell.yearSlot(settled.date().getYear());
        Map<String, CellCounts.Builder> out = new LinkedHashMap<>(4);
        remaining(out, settled, home, YearMonth.from(settled.date()), cohort, +1);
        for (CountedEvent v : history.versions().values()) {
            if (v == settlement || !v.isCounted() || !v.fact().date().isAfter(settled.date())) {
                continue;
            }
            EventFact f = v.fact();
            YearMonth month = YearMonth.from(f.date());
            boolean leaves = home.equals(f.from2024()) && !home.equals(f.to2024());
            boolean enters = home.equals(f.to2024()) && !home.equals(f.from2024());
            switch (f.kind()) {
                case MOVE, REFUGEE_SETTLEMENT -> {
                    if (leaves) {
                        remaining(out, settled, home, month, cohort, -1);
                        int destinationClass = RegisterEventRules.resolve2024(municipalities, f.to2024()).getCentralityClass();
                        cells(out, home, month).add(Cell.of(Measure.SETTLED_REFUGEES_MOVED_AWAY, Dimension.PARTNER_CENTRALITY_CLASS,
                            destinationClass, cohort), 1);
                    } else if (enters) {
                        remaining(out, settled, home, month, cohort, +1);
                    }
                }
                case EMIGRATION, DEATH -> {
                    if (home.equals(f.from2024())) {
                        remaining(out, settled, home, month, cohort, -1);
                    }
                }
                case IMMIGRATION -> {
                    if (home.equals(f.to2024())) {
                        remaining(out, settled, home, month, cohort, +1);
                    }
                }
                default -> {
                    // births and baseline records do not move a settled refugee
                }
            }
        }
        return StatisticsContributions.built(out);
    }

    /** What changes from {@code before} to {@code after}: the cells of the second minus those of the first. */
    static Map<String, CellCounts> change(PersonHistory before, PersonHistory after, MunicipalityResolver municipalities) {
        if (!concerns(before) && !concerns(after)) {
            return Map.of();
        }
        Map<String, CellCounts.Builder> sum = new HashMap<>();
        of(before, municipalities).forEach((key, c) -> sum.computeIfAbsent(key, k -> CellCounts.builder()).add(c.negate()));
        of(after, municipalities).forEach((key, c) -> sum.computeIfAbsent(key, k -> CellCounts.builder()).add(c));
        return StatisticsContributions.built(sum);
    }

    private static boolean earlier(CountedEvent a, CountedEvent b) {
        int byDate = a.fact().date().compareTo(b.fact().date());
        return byDate != 0 ? byDate < 0 : a.eventId().compareTo(b.eventId()) < 0;
    }

    private static void remaining(Map<String, CellCounts.Builder> out, EventFact settled, String home, YearMonth month,
                                  int cohort, int count) {
        StatisticsContributions.person(cells(out, home, month), settled, Measure.SETTLED_REFUGEES_REMAINING, cohort, count);
    }

    private static CellCounts.Builder cells(Map<String, CellCounts.Builder> out, String code2024, YearMonth month) {
        return out.computeIfAbsent(RegionKey.of(RegionType.MUNICIPALITY, code2024, month), k -> CellCounts.builder());
    }
}
