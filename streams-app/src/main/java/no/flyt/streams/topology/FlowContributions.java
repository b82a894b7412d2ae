package no.flyt.streams.topology;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import no.flyt.aggregates.RegionType;
import no.flyt.events.EventType;
import no.flyt.events.RegisterEvent;
import no.flyt.events.RegistrationKind;
import no.flyt.reference.Municipality;

/**
 * The domain rules of the region flows: whether a register event can be counted (and if not, why), the fact it is
 * counted from, and what a fact adds to which region-month. Pure: the same event and reference data always give
 * the same answer, which is what makes a replay in any order give the same numbers as live processing.
 * {@link StatisticsContributions} turns the same facts into the region statistics.
 */
public final class FlowContributions {

    /** What one version of an event adds to one region-month. */
    public record Contribution(String regionKey, FlowDelta delta) {
    }

    /** The result of looking at one event. */
    public sealed interface Outcome permits Counted, Rejected {
    }

    /**
     * The event is valid. {@code fact} is what it says, with its municipalities resolved to 2024; null for an
     * annulment, which counts nothing.
     */
    public record Counted(EventFact fact) implements Outcome {
    }

    /** The event cannot be counted; it goes to the dead-letter topic with this reason. */
    public record Rejected(String reason) implements Outcome {
    }

    private FlowContributions() {
    }

    public static Outcome of(RegisterEvent event, MunicipalityResolver municipalities) {
        Optional<String> invalid = invalidBecause(event);
        if (invalid.isPresent()) {
            return new Rejected(invalid.get());
        }
        if (event.getRegistration() == RegistrationKind.ANNULMENT) {
            return new Counted(null);
        }
        Municipality from = null;
        Municipality to = null;
        if (event.getFromMunicipality() != null) {
            from = municipalities.resolve(event.getFromMunicipality()).orElse(null);
            if (from == null) {
                return new Rejected("unknown municipality code " + event.getFromMunicipality() + " in fromMunicipality");
            }
        }
        if (event.getToMunicipality() != null) {
            to = municipalities.resolve(event.getToMunicipality()).orElse(null);
            if (to == null) {
                return new Rejected("unknown municipality code " + event.getToMunicipality() + " in toMunicipality");
            }
        }
        return new Counted(EventFact.of(event, from == null ? null : from.getCode2024(), to == null ? null : to.getCode2024()));
    }

    /** What a counted fact adds to the monthly flows of municipalities, counties and centrality classes. */
    public static List<Contribution> flows(EventFact fact, MunicipalityResolver municipalities) {
        if (fact == null) {
            return List.of();
        }
        Municipality from = fact.from2024() == null ? null : resolve2024(municipalities, fact.from2024());
        Municipality to = fact.to2024() == null ? null : resolve2024(municipalities, fact.to2024());
        YearMonth month = YearMonth.from(fact.date());
        List<Contribution> contributions = new ArrayList<>(6);
        switch (fact.kind()) {
            case MOVE, REFUGEE_SETTLEMENT -> {
                if (from != null && !from.getCode2024().equals(to.getCode2024())) {
                    addMove(contributions, from, to, month);
                }
            }
            case IMMIGRATION -> addEverywhere(contributions, to, month, FlowDelta.IMMIGRATION);
            case EMIGRATION -> addEverywhere(contributions, from, month, FlowDelta.EMIGRATION);
            case BIRTH, DEATH, BASELINE -> {
                // not migration: counted by the region statistics
            }
            default -> throw new IllegalStateException("unhandled fact kind " + fact.kind());
        }
        return contributions;
    }

    static Municipality resolve2024(MunicipalityResolver municipalities, String code2024) {
        return municipalities.resolve(code2024).orElseThrow(() -> new IllegalStateException(
            "2024 municipality " + code2024 + " is missing from the reference data; republish the municipalities topic"));
    }

    /** A move between municipalities is an out-move and an in-move of every kind of region whose border it crosses. */
    private static void addMove(List<Contribution> out, Municipality from, Municipality to, YearMonth month) {
        out.add(new Contribution(RegionKey.of(RegionType.MUNICIPALITY, from.getCode2024(), month), FlowDelta.OUT));
        out.add(new Contribution(RegionKey.of(RegionType.MUNICIPALITY, to.getCode2024(), month), FlowDelta.IN));
        if (!from.getCountyCode().equals(to.getCountyCode())) {
            out.add(new Contribution(RegionKey.of(RegionType.COUNTY, from.getCountyCode(), month), FlowDelta.OUT));
            out.add(new Contribution(RegionKey.of(RegionType.COUNTY, to.getCountyCode(), month), FlowDelta.IN));
        }
        if (from.getCentralityClass() != to.getCentralityClass()) {
            out.add(new Contribution(RegionKey.of(RegionType.CENTRALITY_CLASS, String.valueOf(from.getCentralityClass()), month), FlowDelta.OUT));
            out.add(new Contribution(RegionKey.of(RegionType.CENTRALITY_CLASS, String.valueOf(to.getCentralityClass()), month), FlowDelta.IN));
        }
    }

    private static void addEverywhere(List<Contribution> out, Municipality m, YearMonth month, FlowDelta delta) {
        out.add(new Contribution(RegionKey.of(RegionType.MUNICIPALITY, m.getCode2024(), month), delta));
        out.add(new Contribution(RegionKey.of(RegionType.COUNTY, m.getCountyCode(), month), delta));
        out.add(new Contribution(RegionKey.of(RegionType.CENTRALITY_CLASS, String.valueOf(m.getCentralityClass()), month), delta));
    }

    /** Structural checks that need no reference data. */
    static Optional<String> invalidBecause(RegisterEvent e) {
        if (e.getEventType() == EventType.UNKNOWN) {
            return Optional.of("unknown event type");
        }
        boolean refersToOriginal = e.getCorrectsEventId() != null;
        if (e.getRegistration() == RegistrationKind.NEW && refersToOriginal) {
            return Optional.of("a NEW registration must not name correctsEventId");
        }
        if (e.getRegistration() != RegistrationKind.NEW && !refersToOriginal) {
            return Optional.of(e.getRegistration() + " without correctsEventId");
        }
        LocalDate recorded = e.getRecordedAt().atOffset(ZoneOffset.UTC).toLocalDate();
        if (e.getEventDate().isAfter(recorded)) {
            return Optional.of("event date " + e.getEventDate() + " is in the future of its recording time " + e.getRecordedAt());
        }
        if (e.getEventDate().isBefore(e.getPerson().getBirthDate())) {
            return Optional.of("event date " + e.getEventDate() + " is before the person's birth date " + e.getPerson().getBirthDate());
        }
        int birthYear = e.getPerson().getBirthDate().getYear();
        if (birthYear < Cell.FIRST_BIRTH_YEAR) {
            return Optional.of("birth date " + e.getPerson().getBirthDate() + " is implausible (before " + Cell.FIRST_BIRTH_YEAR + ")");
        }
        if (e.getRegistration() == RegistrationKind.ANNULMENT) {
            return Optional.empty();
        }
        return switch (e.getEventType()) {
            case MOVE -> requires(e, true, true);
            case IMMIGRATION, REFUGEE_SETTLEMENT, BIRTH -> requires(e, false, true);
            case EMIGRATION, DEATH -> requires(e, true, false);
            default -> Optional.empty();
        };
    }

    private static Optional<String> requires(RegisterEvent e, boolean from, boolean to) {
        if (from && e.getFromMunicipality() == null) {
            return Optional.of(e.getEventType() + " without fromMunicipality");
        }
        if (to && e.getToMunicipality() == null) {
            return Optional.of(e.getEventType() + " without toMunicipality");
        }
        return Optional.empty();
    }
}
