package no.flyt.streams.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import no.flyt.catalogue.Dimension;

/**
 * A person's employment relationships as the counted employment-register changes describe them: each relationship
 * from its START (first day) to its END (last day; open while there is none). A relationship with no counted START is
 * left out (its start is unknown); where a relationship has several counted STARTs or ENDs, the earliest of each
 * counts (then the lowest change id), and its occupation is that of its START. Pure, like the other rules, so that the
 * person's contributions can be recomputed after any change.
 */
public final class EmploymentSpells {

    static final int NOT_EMPLOYED = Dimension.OCCUPATION_GROUP.codeOf("NOT_EMPLOYED");

    /** One relationship: employed from {@code start} until the day before {@code until} (null: still employed). */
    record Spell(String employmentId, LocalDate start, LocalDate until, int occupation) {

        boolean activeOn(LocalDate date) {
            return !date.isBefore(start) && (until == null || date.isBefore(until));
        }
    }

    private final List<Spell> spells;

    private EmploymentSpells(List<Spell> spells) {
        this.spells = spells;
    }

    public static EmploymentSpells of(PersonHistory history) {
        Map<String, CountedEmployment[]> changes = new TreeMap<>(); // employment id -> its START, its END
        Comparator<CountedEmployment> first = Comparator.comparing(CountedEmployment::date).thenComparing(CountedEmployment::eventId);
        for (CountedEmployment c : history.employment().values()) {
            if (c.change() == null) {
                continue;
            }
            CountedEmployment[] pair = changes.computeIfAbsent(c.employmentId(), id -> new CountedEmployment[2]);
            int i = c.change() == CountedEmployment.Change.START ? 0 : 1;
            if (pair[i] == null || first.compare(c, pair[i]) < 0) {
                pair[i] = c;
            }
        }
        List<Spell> spells = new ArrayList<>();
        changes.forEach((id, pair) -> {
            CountedEmployment start = pair[0];
            CountedEmployment end = pair[1];
            if (start != null && (end == null || !end.date().isBefore(start.date()))) {
                spells.add(new Spell(id, start.date(), end == null ? null : end.date().plusDays(1), start.occupation()));
            }
        });
        return new EmploymentSpells(spells);
    }

    public boolean isEmpty() {
        return spells.isEmpty();
    }

    /** The occupation group on {@code date}: that of the active relationship that started last (then by id). */
    public int occupationOn(LocalDate date) {
        return spells.stream().filter(s -> s.activeOn(date))
            .max(Comparator.comparing(Spell::start).thenComparing(Spell::employmentId))
            .map(Spell::occupation).orElse(NOT_EMPLOYED);
    }

    /** The periods of being employed at all, as disjoint [from, until) intervals in date order (until null: open). */
    public List<LocalDate[]> employedPeriods() {
        List<Spell> sorted = new ArrayList<>(spells);
        sorted.sort(Comparator.comparing(Spell::start));
        List<LocalDate[]> periods = new ArrayList<>();
        for (Spell s : sorted) {
            LocalDate[] last = periods.isEmpty() ? null : periods.get(periods.size() - 1);
            if (last != null && (last[1] == null || !s.start().isAfter(last[1]))) {
                if (last[1] != null && (s.until() == null || s.until().isAfter(last[1]))) {
                    last[1] = s.until();
                }
            } else {
                periods.add(new LocalDate[] {s.start(), s.until()});
            }
        }
        return periods;
    }
}
