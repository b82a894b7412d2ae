package no.flyt.producers.synthetic;

import java.nio.charset.StandardCharsets;

/**
 * SplitMix64: a small, fast generator whose output is fixed by its seed on every platform and Java version, which
 * is what "same seed, same bytes" needs ({@code java.util.Random} would do too, but its other methods' algorithms
 * are not specified). Each part of the model draws from its own stream ({@link #stream(long, String)}), so a change
 * in how one part consumes numbers does not shift every other part.
 */
final class Rng {

    private long state;

    Rng(long seed) {
        this.state = seed;
    }

    /** An independent stream for one named part of the model. */
    static Rng stream(long seed, String name) {
        long h = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ b) * 0x100000001b3L;
        }
        return new Rng(mix(seed ^ mix(h)));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    long nextLong() {
        return mix(state += 0x9e3779b97f4a7c15L);
    }

    /** Uniform in [0, 1). */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound). */
    int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, was " + bound);
        }
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }

    /** Uniform in [from, to], both included. */
    int between(int from, int to) {
        return from + nextInt(to - from + 1);
    }

    boolean chance(double probability) {
        return nextDouble() < probability;
    }

    /** Exponentially distributed with the given mean. */
    double exponential(double mean) {
        return -mean * StrictMath.log(1.0 - nextDouble());
    }
}
