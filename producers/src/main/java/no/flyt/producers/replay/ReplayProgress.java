package no.flyt.producers.replay;

/** Progress of a replay, reported about every 200 ms and once at the end. */
@FunctionalInterface
public interface ReplayProgress {

    /**
     * @param sent         records handed to the producer so far
     * @param acknowledged records the broker has acknowledged
     * @param bad          input items that could not be read (sent to the dead-letter topic)
     * @param total        records expected in all, or -1 when unknown
     * @param done         true for the final report
     */
    void report(long sent, long acknowledged, long bad, long total, boolean done);

    ReplayProgress NONE = (sent, acknowledged, bad, total, done) -> { };
}
