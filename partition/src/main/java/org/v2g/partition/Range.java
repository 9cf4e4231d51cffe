package org.v2g.partition;

/**
 * A half-open range {@code [k0, k1)} of grid indices.
 *
 * @param k0 first index
 * @param k1 one past the last index
 */
public record Range(int k0, int k1) {

    /**
     * Checks the range.
     *
     * @throws IllegalArgumentException if {@code k0 < 0} or {@code k1 < k0}
     */
    public Range {
        if (k0 < 0 || k1 < k0) {
            throw new IllegalArgumentException("range [" + k0 + ", " + k1 + ") is not a range of grid indices");
        }
    }

    /** {@return the number of grid points, {@code k1 − k0}} */
    public int size() {
        return k1 - k0;
    }

    @Override
    public String toString() {
        return "[" + k0 + "," + k1 + ")";
    }
}
