package org.v2g.kernel;

import java.util.Arrays;

/**
 * Sorts event keys (prices or thresholds) and returns the permutation, without boxing: each key is
 * turned into an order-preserving {@code long}, its low bits replaced by the entry's index, and the
 * {@code long[]} is sorted by {@link Arrays#sort(long[])} (intrinsified on recent JDKs). Keys that
 * differ only in the replaced low bits come out ordered by index instead of by key, so one insertion
 * pass on the exact keys finishes the job; it moves only entries whose keys agree to about
 * {@code 2^(bits−52)} relative, so it is linear unless thousands of keys are that close but distinct.
 *
 * <p>Thread-safe: stateless.
 */
final class EventOrder {
    private EventOrder() {
    }

    /**
     * The indices {@code 0 … count−1} ordered by ascending {@code keys[i]}; equal keys keep index order.
     *
     * @param keys finite values; only the first {@code count} are read
     */
    static int[] ascending(double[] keys, int count) {
        int[] order = new int[count];
        if (count == 0) {
            return order;
        }
        int bits = 32 - Integer.numberOfLeadingZeros(count - 1);
        long mask = (1L << bits) - 1;
        long[] packed = new long[count];
        for (int i = 0; i < count; i++) {
            packed[i] = (sortable(keys[i]) & ~mask) | i;
        }
        Arrays.sort(packed);
        for (int i = 0; i < count; i++) {
            order[i] = (int) (packed[i] & mask);
        }
        // Entries whose keys share the kept high bits are ordered by index: fix them by key.
        for (int i = 1; i < count; i++) {
            int e = order[i];
            double key = keys[e];
            int j = i - 1;
            while (j >= 0 && (keys[order[j]] > key || (keys[order[j]] == key && order[j] > e))) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = e;
        }
        return order;
    }

    /** A {@code long} whose signed order is the order of the doubles ({@code −0.0} before {@code 0.0}). */
    static long sortable(double d) {
        long bits = Double.doubleToRawLongBits(d);
        return bits ^ ((bits >> 63) & Long.MAX_VALUE);
    }
}
