package no.flyt.folkeregister.fake;

import java.util.Optional;
import no.flyt.events.BaselinePerson;
import no.flyt.events.EventType;
import no.flyt.events.RegisterEvent;

/**
 * What the Folkeregister itself records of flyt's events. A refugee settlement is IMDi's, not the register's: when
 * the refugee moved to the settling municipality the register records the move (a MOVE from where they lived), and
 * when they were settled where they already lived it records nothing. For the same reason the extract does not know
 * the settling municipality of a resident. Everything else the register records as it is.
 *
 * <p>The fake feed is written from this view, and the connector's events are compared with it.
 */
public final class RegisterView {

    private RegisterView() {
    }

    public static Optional<RegisterEvent> of(RegisterEvent event) {
        if (event.getEventType() != EventType.REFUGEE_SETTLEMENT) {
            return Optional.of(event);
        }
        if (event.getFromMunicipality() == null) {
            return Optional.empty();
        }
        return Optional.of(RegisterEvent.newBuilder(event).setEventType(EventType.MOVE).build());
    }

    public static BaselinePerson of(BaselinePerson person) {
        return person.getSettlementMunicipality() == null ? person
            : BaselinePerson.newBuilder(person).setSettlementMunicipality(null).build();
    }
}
