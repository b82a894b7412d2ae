package no.flyt.streams.topology;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import no.flyt.events.BaselinePerson;
import no.flyt.events.CountryBackground;
import no.flyt.events.EducationLevel;
import no.flyt.events.EventType;
import no.flyt.events.ImmigrantCategory;
import no.flyt.events.ImmigrationReason;
import no.flyt.events.PersonAttributes;
import no.flyt.events.RegisterEvent;
import no.flyt.events.Sex;

/**
 * What a counted register event (or baseline record) says, reduced to what the aggregates are computed from:
 * the kind of change, its date, the 2024 municipalities it leaves and enters, and the person's attributes.
 * Every contribution is a pure function of a fact and the (fixed) 2024 geography, so a correction or annulment
 * reverses its original exactly by recomputing the original's contribution from the stored fact.
 *
 * @param from2024 the 2024 municipality left, or null
 * @param to2024   the 2024 municipality entered (for the baseline: the municipality of residence), or null
 */
public record EventFact(Kind kind, LocalDate date, String from2024, String to2024, LocalDate birthDate, Sex sex,
                        ImmigrantCategory immigrantCategory, CountryBackground countryBackground,
                        ImmigrationReason immigrationReason, EducationLevel educationLevel) {

    /** The register event types that are counted, and the baseline (a person living somewhere on the extract date). */
    public enum Kind {
        MOVE, IMMIGRATION, EMIGRATION, REFUGEE_SETTLEMENT, BIRTH, DEATH, BASELINE;

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
    }

    static EventFact of(RegisterEvent event, String from2024, String to2024) {
        return of(Kind.of(event.getEventType()), event.getEventDate(), from2024, to2024, event.getPerson());
    }

    static EventFact of(BaselinePerson person, String municipality2024) {
        return of(Kind.BASELINE, person.getExtractDate(), null, municipality2024, person.getPerson());
    }

    private static EventFact of(Kind kind, LocalDate date, String from2024, String to2024, PersonAttributes p) {
        return new EventFact(kind, date, from2024, to2024, p.getBirthDate(), p.getSex(), p.getImmigrantCategory(),
            p.getCountryBackground(), p.getImmigrationReason(), p.getEducationLevel());
    }

    static final int MAX_SIZE = 1 + 4 + 2 * (1 + 8) + 4 + 5;

    void writeTo(ByteBuffer buffer) {
        buffer.put((byte) kind.ordinal()).putInt((int) date.toEpochDay());
        writeCode(buffer, from2024);
        writeCode(buffer, to2024);
        buffer.putInt((int) birthDate.toEpochDay())
            .put((byte) sex.ordinal())
            .put((byte) immigrantCategory.ordinal())
            .put((byte) countryBackground.ordinal())
            .put((byte) (immigrationReason == null ? -1 : immigrationReason.ordinal()))
            .put((byte) educationLevel.ordinal());
    }

    static EventFact readFrom(ByteBuffer buffer) {
        Kind kind = Kind.values()[buffer.get()];
        LocalDate date = LocalDate.ofEpochDay(buffer.getInt());
        String from = readCode(buffer);
        String to = readCode(buffer);
        LocalDate birth = LocalDate.ofEpochDay(buffer.getInt());
        Sex sex = Sex.values()[buffer.get()];
        ImmigrantCategory category = ImmigrantCategory.values()[buffer.get()];
        CountryBackground background = CountryBackground.values()[buffer.get()];
        byte reason = buffer.get();
        EducationLevel education = EducationLevel.values()[buffer.get()];
        return new EventFact(kind, date, from, to, birth, sex, category, background,
            reason < 0 ? null : ImmigrationReason.values()[reason], education);
    }

    private static void writeCode(ByteBuffer buffer, String code) {
        if (code == null) {
            buffer.put((byte) -1);
            return;
        }
        byte[] bytes = code.getBytes(StandardCharsets.US_ASCII);
        buffer.put((byte) bytes.length).put(bytes);
    }

    private static String readCode(ByteBuffer buffer) {
        byte length = buffer.get();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
