package no.flyt.streams.rules;

import java.time.LocalDate;
import no.flyt.catalogue.Dimension;
import no.flyt.events.BaselinePerson;
import no.flyt.events.EventType;
import no.flyt.events.PersonAttributes;
import no.flyt.events.RegisterEvent;

/**
 * What a counted register event (or baseline record) says, reduced to what the aggregates are computed from:
 * the kind of change, its date, the 2024 municipalities it leaves and enters, and the person's attributes as codes
 * of the statistics catalogue. Every contribution is a pure function of a fact and the (fixed) 2024 geography, so a
 * correction or annulment reverses its original exactly by recomputing the original's contribution from the stored
 * fact.
 *
 * @param from2024 the 2024 municipality left, or null
 * @param to2024   the 2024 municipality entered (for the baseline: the municipality of residence), or null
 */
public record EventFact(Kind kind, LocalDate date, String from2024, String to2024, LocalDate birthDate, int sex,
                        int immigrantCategory, int countryBackground, int immigrationReason, int educationLevel,
                        int collectiveProtection) {

    /**
     * The register event types that are counted, and the baseline (a person living somewhere on the extract date).
     * The code is what the person-history store keeps.
     */
    public enum Kind {
        MOVE(0), IMMIGRATION(1), EMIGRATION(2), REFUGEE_SETTLEMENT(3), BIRTH(4), DEATH(5), BASELINE(6);

        private static final Kind[] BY_CODE = byCode();

        private final int code;

        Kind(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        public static Kind ofCode(int code) {
            Kind kind = code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
            if (kind == null) {
                throw new IllegalArgumentException("no fact kind has code " + code);
            }
            return kind;
        }

        static Kind of(EventType type) {
            return switch (type) {
                case MOVE -> MOVE;
                case IMMIGRATION -> IMMIGRATION;
                case EMIGRATION -> EMIGRATION;
                case REFUGEE_SETTLEMENT -> REFUGEE_SETTLEMENT;
                case BIRTH -> BIRTH;
                case DEATH -> DEATH;
                case UNKNOWN -> throw new IllegalArgumentException("an UNKNOWN event type is never counted");
            };
        }

        private static Kind[] byCode() {
            Kind[] kinds = new Kind[values().length];
            for (Kind k : values()) {
                kinds[k.code] = k;
            }
            return kinds;
        }
    }

    static EventFact of(RegisterEvent event, String from2024, String to2024) {
        return of(Kind.of(event.getEventType()), event.getEventDate(), from2024, to2024, event.getPerson());
    }

    public static EventFact of(BaselinePerson person, String municipality2024) {
        return of(Kind.BASELINE, person.getExtractDate(), null, municipality2024, person.getPerson());
    }

    private static EventFact of(Kind kind, LocalDate date, String from2024, String to2024, PersonAttributes p) {
        return new EventFact(kind, date, from2024, to2024, p.getBirthDate(), PersonCategories.sex(p.getSex()),
            PersonCategories.immigrantCategory(p.getImmigrantCategory()), PersonCategories.countryBackground(p.getCountryBackground()),
            PersonCategories.immigrationReason(p.getImmigrationReason()), PersonCategories.educationLevel(p.getEducationLevel()),
            PersonCategories.collectiveProtection(p.getCollectiveProtection()));
    }

    /** The code of one of the person dimensions; -1 for a dimension that is not a person attribute. */
    public int personCode(Dimension dimension) {
        return switch (dimension) {
            case ALL -> 0;
            case IMMIGRANT_CATEGORY -> immigrantCategory;
            case COUNTRY_BACKGROUND -> countryBackground;
            case IMMIGRATION_REASON -> immigrationReason;
            case EDUCATION_LEVEL -> educationLevel;
            case SEX -> sex;
            case COLLECTIVE_PROTECTION -> collectiveProtection;
            default -> -1;
        };
    }
}
