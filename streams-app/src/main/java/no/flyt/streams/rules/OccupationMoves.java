package no.flyt.streams.rules;

import java.time.YearMonth;
import java.util.Map;
import no.flyt.catalogue.Measure;
import no.flyt.streams.codec.CellCounts;

/**
 * Moves out of a municipality by the mover's occupation on the move date: the population register joined with the
 * employment register on the person. A function of the person's whole history (both registers), so that a late or
 * corrected employment record moves the count exactly: DOMESTIC_OUT_BY_OCCUPATION +1 at the origin in the move's
 * month, with the destination as the other end and the occupation group of {@link EmploymentSpells#occupationOn}.
 */
public final class OccupationMoves {

    private OccupationMoves() {
    }

    /** Whether the history has a counted move between municipalities: the rule adds nothing for anyone else. */
    static boolean concerns(PersonHistory history) {
        for (CountedEvent v : history.versions().values()) {
            if (isDomesticMove(v)) {
                return true;
            }
        }
        return false;
    }

    public static Map<String, CellCounts> of(PersonHistory history, int generation, MunicipalityResolver municipalities) {
        StatisticsContributions.Contribution out = new StatisticsContributions.Contribution(generation);
        EmploymentSpells spells = null;
        for (CountedEvent v : history.versions().values()) {
            if (isDomesticMove(v)) {
                EventFact f = v.fact();
                if (spells == null) {
                    spells = EmploymentSpells.of(history);
                }
                StatisticsContributions.Subject mover = StatisticsContributions.Subject.of(f)
                    .withPartner(RegisterEventRules.resolve2024(municipalities, f.to2024()))
                    .withOccupation(spells.occupationOn(f.date()));
                out.at(f.from2024(), YearMonth.from(f.date())).count(Measure.DOMESTIC_OUT_BY_OCCUPATION, mover, 1);
            }
        }
        return out.built();
    }

    private static boolean isDomesticMove(CountedEvent v) {
        if (!v.isCounted()) {
            return false;
        }
        EventFact f = v.fact();
        return (f.kind() == EventFact.Kind.MOVE || f.kind() == EventFact.Kind.REFUGEE_SETTLEMENT)
            && f.from2024() != null && !f.from2024().equals(f.to2024());
    }
}
