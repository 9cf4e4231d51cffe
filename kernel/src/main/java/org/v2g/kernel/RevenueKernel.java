package org.v2g.kernel;

/**
 * Evaluates {@code R(p_k)} of a {@link PreparedSlot} over any sub-range {@code [k0, k1)} of its grid.
 * The value at one index never depends on the range it was asked in, so a grid split across threads
 * gives the same values, bit for bit, as one pass.
 *
 * <p>Usage (the partition layer splits the grid this way):
 * <pre>{@code
 * PreparedSlot slot = PreparedSlot.of(fleet, market);
 * RevenueKernel kernel = Kernels.simd(); // the scalar twin when the vector module is absent
 * GridPoint left = kernel.best(slot, 0, 1000);
 * GridPoint right = kernel.best(slot, 1000, slot.grid().size());
 * GridPoint best = GridPoint.better(left, right);
 * }</pre>
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface RevenueKernel {

    /** {@return {@code simd} or {@code scalar}} */
    String name();

    /**
     * The revenue at one grid index.
     *
     * @param slot the prepared slot
     * @param k    the grid index
     * @return {@code R(p_k)}, CNY
     */
    double revenue(PreparedSlot slot, int k);

    /**
     * {@code R(p_k)} for {@code k} in {@code [k0, k1)}, written to {@code out[k − k0]}.
     *
     * @param slot the prepared slot
     * @param k0   first index
     * @param k1   one past the last index
     * @param out  receives the revenues, at least {@code k1 − k0} long
     * @throws IndexOutOfBoundsException when {@code [k0, k1)} is not a non-empty range of the grid
     */
    default void revenues(PreparedSlot slot, int k0, int k1, double[] out) {
        slot.grid().checkRange(k0, k1);
        for (int k = k0; k < k1; k++) {
            out[k - k0] = revenue(slot, k);
        }
    }

    /**
     * The best point of {@code [k0, k1)} under SPEC section 3's tie rule.
     *
     * @param slot the prepared slot
     * @param k0   first index
     * @param k1   one past the last index
     * @return the index and revenue of the best point
     * @throws IndexOutOfBoundsException when {@code [k0, k1)} is not a non-empty range of the grid
     */
    default GridPoint best(PreparedSlot slot, int k0, int k1) {
        slot.grid().checkRange(k0, k1);
        int bestK = k0;
        double bestR = revenue(slot, k0);
        for (int k = k0 + 1; k < k1; k++) {
            double r = revenue(slot, k);
            if (r >= bestR) { // ascending k: an equal revenue at a larger index wins
                bestR = r;
                bestK = k;
            }
        }
        return new GridPoint(bestK, bestR);
    }
}
