package no.flyt.streams.query;

import java.util.Map;

/** How the app is doing, for the health endpoint. */
public interface AppStatus {

    /** The Kafka Streams state (RUNNING, REBALANCING, ...). */
    String state();

    /** Whether answers can be given (running or rebalancing). */
    boolean serving();

    /** The app's own counters (dead letters, superseded records, ...), summed over this instance's tasks. */
    Map<String, Long> counters();
}
