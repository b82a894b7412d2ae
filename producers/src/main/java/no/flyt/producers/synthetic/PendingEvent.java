package no.flyt.producers.synthetic;

import java.util.Comparator;
import no.flyt.events.EventType;
import no.flyt.events.RegistrationKind;

/**
 * A register change generated but not yet written: events are written in order of recording time, which differs
 * from the order of event dates the simulation produces them in. Compact on purpose; the Avro record is built only
 * when the event is written.
 */
final class PendingEvent {

    /** Recording time first; the sequence number makes the order total and so the output reproducible. */
    static final Comparator<PendingEvent> BY_RECORDING_TIME =
        Comparator.comparingLong((PendingEvent e) -> e.recordedAt).thenComparingLong(e -> e.sequence);

    final long sequence;
    final int person;
    final EventType type;
    final RegistrationKind registration;
    /** Sequence number of the NEW event a correction or annulment refers to, -1 for NEW. */
    final long corrects;
    final int eventDay;
    final long recordedAt;
    final String fromMunicipality;
    final String toMunicipality;
    final byte fromCountry;
    final byte toCountry;

    PendingEvent(long sequence, int person, EventType type, RegistrationKind registration, long corrects, int eventDay,
                 long recordedAt, String fromMunicipality, String toMunicipality, int fromCountry, int toCountry) {
        this.sequence = sequence;
        this.person = person;
        this.type = type;
        this.registration = registration;
        this.corrects = corrects;
        this.eventDay = eventDay;
        this.recordedAt = recordedAt;
        this.fromMunicipality = fromMunicipality;
        this.toMunicipality = toMunicipality;
        this.fromCountry = (byte) fromCountry;
        this.toCountry = (byte) toCountry;
    }

    static String eventId(long sequence) {
        return PersonTable.pad('E', sequence, 10);
    }
}
