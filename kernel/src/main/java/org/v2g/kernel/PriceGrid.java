package org.v2g.kernel;

import org.v2g.kernel.internal.Checks;

/**
 * The ε-grid of SPEC section 3: {@code p_k = p_dmin + k·ε} for {@code k = 0 … K}, each price computed
 * from {@code k} directly, never by repeated addition, so every part of a split grid sees the same
 * prices.
 *
 * @param pMin    the price at {@code k = 0}
 * @param epsilon the step
 * @param size    the number of points {@code K + 1}
 */
public record PriceGrid(double pMin, double epsilon, int size) {

    /**
     * Checks the grid.
     *
     * @throws InvalidInputException for a price or step that is not finite, a step {@code <= 0} or no point
     */
    public PriceGrid {
        Checks.finite("p_d_min", "grid", pMin);
        Checks.positive("epsilon", "grid", epsilon);
        if (size < 1) {
            throw new InvalidInputException("size", "grid", size, "must be >= 1 (a grid has at least one point)");
        }
    }

    static PriceGrid of(double pdMin, double pdMax, double epsilon) {
        long k = (long) Math.floor((pdMax - pdMin) / epsilon + 1e-9);
        return new PriceGrid(pdMin, epsilon, Math.toIntExact(k + 1));
    }

    /**
     * The price at a grid index, {@code p_dmin + k·ε}.
     *
     * @param k the index, {@code 0 … K}
     * @return {@code p_k}, CNY/kWh
     */
    public double price(int k) {
        return pMin + k * epsilon;
    }

    /** {@return the largest index {@code K}} */
    public int lastIndex() {
        return size - 1;
    }

    /**
     * Checks that {@code [k0, k1)} is a non-empty sub-range of the grid.
     *
     * @param k0 first index
     * @param k1 one past the last index
     * @throws IndexOutOfBoundsException naming the range and the grid size when it is not
     */
    public void checkRange(int k0, int k1) {
        if (k0 < 0 || k1 > size || k0 >= k1) {
            throw new IndexOutOfBoundsException("grid range [" + k0 + ", " + k1 + ") not within [0, " + size + ")");
        }
    }
}
