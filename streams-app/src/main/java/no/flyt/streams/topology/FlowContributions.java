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
 * The domain rules of the flow aggregates: what one register event adds to which region-month, or why it cannot
 * be counted. Pure: the same event and reference data always give the same answer, which is what makes a replay
 * in any order give the same numbers as live processing.
 */
public final class FlowContributions {

    /** What one version of an event adds to one region-month. */
    public record Contribution(String regionKey, FlowDelta delta) {
        Contribution negate() {
            return new Contribution(regionKey, delta.negate());
        }
    }

    /** The result of looking at one event. */
    public sealed interface Outcome permits Counted, Rejected {
    }

    /** The event is valid; {@code contributions} may be empty (births, moves inside one municipality, annulments). */
    public record Counted(List<Contribution> contributions) implements Outcome {
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
            return new Counted(List.of());
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
        YearMonth month = YearMonth.from(event.getEventDate());
        List<Contribution> contributions = new ArrayList<>(6);
        switch (event.getEventType()) {
            case MOVE, REFUGEE_SETTLEMENT -> {
                if (from != null && !from.getCode2024().equals(to.getCode2024())) {
                    addMove(contributions, from, to, month);
                }
            }
            case IMMIGRATION -> addEverywhere(contributions, to, month, FlowDelta.IMMIGRATION);
            case EMIGRATION -> addEverywhere(contributions, from, month, FlowDelta.EMIGRATION);
            case BIRTH, DEATH -> {
                // valid register events, but not migration: counted by the population aggregates
            }
            default -> throw new IllegalStateException("unhandled event type " + event.getEventType());
        }
        return new Counted(contributions);
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
