package no.flyt.producers.replay;

/**
 * How to replay.
 *
 * @param speedUp        0 sends as fast as possible; otherwise event time runs this many times faster than wall-clock
 *                       time (86400 = one register day per second), paced by the records' timestamps
 * @param duplicateShare share of records sent twice (0 in normal use; tests use it to prove that duplicates count once)
 * @param shuffleWindow  0 keeps file order; otherwise records are shuffled within windows of this many records, to
 *                       prove that the order of arrival does not change the results
 * @param seed           seed for duplicates and shuffling, so a test run can be repeated exactly
 */
public record ReplayOptions(double speedUp, double duplicateShare, int shuffleWindow, long seed) {

    public static final ReplayOptions AS_FAST_AS_POSSIBLE = new ReplayOptions(0, 0, 0, 0);

    public ReplayOptions {
        if (speedUp < 0) {
            throw new IllegalArgumentException("speed-up must be 0 (as fast as possible) or positive, was " + speedUp);
        }
        if (duplicateShare < 0 || duplicateShare > 1) {
            throw new IllegalArgumentException("duplicate share must be between 0 and 1, was " + duplicateShare);
        }
        if (shuffleWindow < 0) {
            throw new IllegalArgumentException("shuffle window must not be negative, was " + shuffleWindow);
        }
    }

    public ReplayOptions withSpeedUp(double value) {
        return new ReplayOptions(value, duplicateShare, shuffleWindow, seed);
    }
}
