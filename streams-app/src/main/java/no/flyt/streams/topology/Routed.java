package no.flyt.streams.topology;

import no.flyt.events.RegisterEvent;

/** Where the event-version processor sends a record: a flow delta to aggregate, or a rejected event. */
public sealed interface Routed {

    record Delta(FlowDelta delta) implements Routed {
    }

    record Rejected(RegisterEvent event, String reason) implements Routed {
    }
}
