package org.v2g.kernel;

/**
 * A grid index and the revenue there; the unit of SPEC section 3's argmax.
 *
 * <p>{@link #better} is a total order (higher revenue first, then the larger index), so the best
 * point of a grid does not depend on how the grid was split or in what order the parts finished.
 *
 * @param k       grid index
 * @param revenue {@code R(p_k)}
 */
public record GridPoint(int k, double revenue) {

    /** Marks "no point yet": loses to every real point. */
    public static final GridPoint NONE = new GridPoint(-1, Double.NEGATIVE_INFINITY);

    /**
     * SPEC section 3's rule: higher revenue first, then the larger index.
     *
     * @param other the point to compare with
     * @return true when this point beats {@code other}
     */
    public boolean beats(GridPoint other) {
        // Primitive comparison: +0.0 and -0.0 are the same revenue.
        return revenue > other.revenue || (revenue == other.revenue && k > other.k);
    }

    /**
     * The better of two points under {@link #beats}.
     *
     * @param x one point
     * @param y the other
     * @return {@code x} if it beats {@code y}, else {@code y}
     */
    public static GridPoint better(GridPoint x, GridPoint y) {
        return x.beats(y) ? x : y;
    }
}
