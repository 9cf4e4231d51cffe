package org.v2g.kernel;

import java.util.Arrays;

/**
 * Sorts event keys (prices or thresholds) and returns the permutation, without boxing.
 *
 * <p>Breakpoints of a fleet spread smoothly over the price interval, so a bucket sort is linear in
 * practice: one bucket per key over {@code [min, max]}, a stable counting pass, then each bucket in
 * place (insertion for small buckets). A bucket that collects more than {@value #SMALL} keys (a
 * cluster) is sorted by {@link Arrays#sort(long[])} on packed {@code (key, index)} longs, so the worst
 * case stays O(n log n). Equal keys keep index order.
 *
 * <p>Thread-safe: stateless.
 */
final class EventOrder {
    /** Buckets up to this size are insertion-sorted. */
    static final int SMALL = 48;

    private EventOrder() {
    }

    /**
     * The indices {@code 0 … count−1} ordered by ascending {@code keys[i]}, ties by index.
     *
     * @param keys finite values; only the first {@code count} are read
     */
    static int[] ascending(double[] keys, int count) {
        int[] order = new int[count];
        if (count == 0) {
            return order;
        }
        double min = keys[0];
        double max = keys[0];
        for (int i = 1; i < count; i++) {
            min = Math.min(min, keys[i]);
            max = Math.max(max, keys[i]);
        }
        double scale = count / (max - min);
        if (!(scale > 0 && scale < Double.POSITIVE_INFINITY)) { // all equal, or a range that overflows
            for (int i = 0; i < count; i++) {
                order[i] = i;
            }
            if (max != min) {
                sortRange(keys, order, 0, count, count);
            }
            return order;
        }
        int[] start = new int[count + 1];
        int[] bucket = new int[count];
        for (int i = 0; i < count; i++) {
            int b = Math.min(count - 1, (int) ((keys[i] - min) * scale));
            bucket[i] = b;
            start[b + 1]++;
        }
        for (int b = 0; b < count; b++) {
            start[b + 1] += start[b];
        }
        int[] fill = Arrays.copyOf(start, count);
        for (int i = 0; i < count; i++) {
            order[fill[bucket[i]]++] = i;
        }
        for (int b = 0; b < count; b++) {
            int from = start[b];
            int to = start[b + 1];
            if (to - from > 1) {
                sortRange(keys, order, from, to, count);
            }
        }
        return order;
    }

    /** Sorts {@code order[from, to)} by key, ties by index. */
    private static void sortRange(double[] keys, int[] order, int from, int to, int count) {
        if (to - from <= SMALL) {
            for (int i = from + 1; i < to; i++) {
                int e = order[i];
                double key = keys[e];
                int j = i - 1;
                while (j >= from && (keys[order[j]] > key || (keys[order[j]] == key && order[j] > e))) {
                    order[j + 1] = order[j];
                    j--;
                }
                order[j + 1] = e;
            }
            return;
        }
        // Pack an order-preserving long of the key with the index in its low bits; keys that then tie
        // on the kept bits come out by index and one insertion pass on the exact keys fixes them.
        int bits = 32 - Integer.numberOfLeadingZeros(count - 1);
        long mask = (1L << bits) - 1;
        long[] packed = new long[to - from];
        for (int i = from; i < to; i++) {
            packed[i - from] = (sortable(keys[order[i]]) & ~mask) | order[i];
        }
        Arrays.sort(packed);
        for (int i = from; i < to; i++) {
            order[i] = (int) (packed[i - from] & mask);
        }
        for (int i = from + 1; i < to; i++) {
            int e = order[i];
            double key = keys[e];
            int j = i - 1;
            while (j >= from && (keys[order[j]] > key || (keys[order[j]] == key && order[j] > e))) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = e;
        }
    }

    /** A {@code long} whose signed order is the order of the doubles ({@code −0.0} before {@code 0.0}). */
    static long sortable(double d) {
        long bits = Double.doubleToRawLongBits(d);
        return bits ^ ((bits >> 63) & Long.MAX_VALUE);
    }
}
