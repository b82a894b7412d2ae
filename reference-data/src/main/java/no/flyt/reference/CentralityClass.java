package no.flyt.reference;

/**
 * SSB's centrality classes (KLASS 128, 2024 version): 1 = most central … 6 = least central, each a range of the
 * centrality index 0–1000.
 */
public final class CentralityClass {

    public static final int MOST_CENTRAL = 1;
    public static final int LEAST_CENTRAL = 6;

    /** Lower bound of the index for classes 1..6. */
    private static final int[] LOWER_BOUND = {925, 870, 775, 670, 565, 0};

    private CentralityClass() {
    }

    /** The class of a centrality index value. */
    public static int ofIndex(int index) {
        if (index < 0 || index > 1000) {
            throw new IllegalArgumentException("centrality index must be 0-1000, was " + index);
        }
        for (int c = 0; c < LOWER_BOUND.length; c++) {
            if (index >= LOWER_BOUND[c]) {
                return c + 1;
            }
        }
        throw new AssertionError("unreachable");
    }

    public static boolean isValid(int centralityClass) {
        return centralityClass >= MOST_CENTRAL && centralityClass <= LEAST_CENTRAL;
    }
}
