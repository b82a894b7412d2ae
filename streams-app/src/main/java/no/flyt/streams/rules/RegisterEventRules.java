package no.flyt.streams.rules;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import no.flyt.catalogue.Dimension;
import no.flyt.events.BaselinePerson;
import no.flyt.events.EmploymentChange;
import no.flyt.events.EmploymentEvent;
import no.flyt.events.EventType;
import no.flyt.events.RegisterEvent;
import no.flyt.events.RegistrationKind;
import no.flyt.reference.Municipality;

/**
 * The domain rules of a register event before it is counted: whether it can be counted (and if not, why) and the
 * fact it is counted from, with its municipalities resolved to 2024. Pure: the same event and reference data always
 * give the same answer, which is what makes a replay in any order give the same numbers as live processing.
 * {@link StatisticsContributions} turns the facts into the region statistics.
 */
public final class RegisterEventRules {

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

    private RegisterEventRules() {
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

    public static Municipality resolve2024(MunicipalityResolver municipalities, String code2024) {
        return municipalities.resolve(code2024).orElseThrow(() -> new IllegalStateException(
            "2024 municipality " + code2024 + " is missing from the reference data; republish the municipalities topic"));
    }

    /** Structural checks that need no reference data. */
    public static Optional<String> invalidBecause(RegisterEvent e) {
        if (e.getEventType() == EventType.UNKNOWN) {
            return Optional.of("unknown event type");
        }
        Optional<String> version = invalidVersion(e.getRegistration(), e.getCorrectsEventId(), e.getEventDate(), e.getRecordedAt());
        if (version.isPresent()) {
            return version;
        }
        if (e.getEventDate().isBefore(e.getPerson().getBirthDate())) {
            return Optional.of("event date " + e.getEventDate() + " is before the person's birth date " + e.getPerson().getBirthDate());
        }
        int birthYear = e.getPerson().getBirthDate().getYear();
        if (birthYear < Dimension.Years.FIRST) {
            return Optional.of("birth date " + e.getPerson().getBirthDate() + " is implausible (before " + Dimension.Years.FIRST + ")");
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

    /** Checks of a baseline record that need no reference data. */
    public static Optional<String> invalidBecause(BaselinePerson p) {
        if (p.getPerson().getBirthDate().isAfter(p.getExtractDate())) {
            return Optional.of("birth date " + p.getPerson().getBirthDate() + " is after the extract date " + p.getExtractDate());
        }
        if (p.getPerson().getBirthDate().getYear() < Dimension.Years.FIRST) {
            return Optional.of("birth date " + p.getPerson().getBirthDate() + " is implausible (before " + Dimension.Years.FIRST + ")");
        }
        return Optional.empty();
    }

    /**
     * Checks of an employment-register change; an employment of a person not (yet) in the population register is
     * valid (it counts once the person's residence is known).
     */
    public static Optional<String> invalidBecause(EmploymentEvent e) {
        if (e.getChange() == EmploymentChange.UNKNOWN && e.getRegistration() != RegistrationKind.ANNULMENT) {
            return Optional.of("unknown employment change");
        }
        return invalidVersion(e.getRegistration(), e.getCorrectsEventId(), e.getEventDate(), e.getRecordedAt());
    }

    /** What both registers' versions must be: a correction or annulment names the original, nothing dated ahead of its recording. */
    private static Optional<String> invalidVersion(RegistrationKind registration, String correctsEventId, LocalDate eventDate,
                                                   java.time.Instant recordedAt) {
        boolean refersToOriginal = correctsEventId != null;
        if (registration == RegistrationKind.NEW && refersToOriginal) {
            return Optional.of("a NEW registration must not name correctsEventId");
        }
        if (registration != RegistrationKind.NEW && !refersToOriginal) {
            return Optional.of(registration + " without correctsEventId");
        }
        if (eventDate.isAfter(recordedAt.atOffset(ZoneOffset.UTC).toLocalDate())) {
            return Optional.of("event date " + eventDate + " is in the future of its recording time " + recordedAt);
        }
        return Optional.empty();
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
