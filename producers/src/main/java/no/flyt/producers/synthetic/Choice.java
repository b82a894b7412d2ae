package no.flyt.producers.synthetic;

/** Draws an index with probability proportional to fixed weights (cumulative sums and binary search). */
final class Choice {

    private final double[] cumulative;

    Choice(double[] weights) {
        cumulative = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] < 0 || Double.isNaN(weights[i])) {
                throw new IllegalArgumentException("weight " + i + " is " + weights[i]);
            }
            sum += weights[i];
            cumulative[i] = sum;
        }
        if (sum <= 0) {
            throw new IllegalArgumentException("all " + weights.length + " weights are zero");
        }
    }

    int draw(Rng rng) {
        double u = rng.nextDouble() * cumulative[cumulative.length - 1];
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > u) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
