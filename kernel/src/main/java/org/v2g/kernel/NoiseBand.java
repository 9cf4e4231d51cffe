package org.v2g.kernel;

import java.util.Arrays;

/**
 * The grid points where the literal {@link Follower} and the prepared threshold may disagree: those
 * within {@value #RELATIVE} (relative, in {@code q = a − p}) of some EV's discharge threshold
 * {@code qStar}. There an EV exactly on its switch is decided by rounding (its discharge utility is
 * {@code ≈ c·z²/2} against an error of {@code c·2^−52}, so up to {@code z ≈ 1e−8}), and the reference's
 * {@code R} at that grid point can be what no piece of the sweep predicts. The exact solver values
 * these points literally, so its answer is at least the reference's own value there.
 *
 * <p>Thread-safe: stateless.
 */
final class NoiseBand {
    /** Relative half-width of the band around {@code qStar}, ten times the Follower's noise. */
    static final double RELATIVE = 1e-7;

    private NoiseBand() {
    }

    /** The distinct grid indices in the band of some EV's threshold, ascending. */
    static int[] gridPoints(PreparedSlot s) {
        PriceGrid grid = s.grid;
        int last = grid.size() - 1;
        int[] found = new int[16];
        int count = 0;
        for (int i = 0; i < s.n; i++) {
            double qStar = s.qStar[i];
            if (!(qStar < Double.POSITIVE_INFINITY)) {
                continue;
            }
            double half = RELATIVE * qStar + 8 * Math.ulp(qStar) + 8 * Math.ulp(s.a[i]);
            double pLo = s.a[i] - qStar - half;
            double pHi = s.a[i] - qStar + half;
            if (pHi < grid.pMin() || pLo > grid.price(last)) {
                continue;
            }
            long kLo = Math.max(0, (long) Math.floor((pLo - grid.pMin()) / grid.epsilon()));
            long kHi = Math.min(last, (long) Math.ceil((pHi - grid.pMin()) / grid.epsilon()));
            for (long k = kLo; k <= kHi; k++) {
                double p = grid.price((int) k);
                if (p >= pLo && p <= pHi) {
                    if (count == found.length) {
                        found = Arrays.copyOf(found, 2 * count);
                    }
                    found[count++] = (int) k;
                }
            }
        }
        Arrays.sort(found, 0, count);
        int distinct = 0;
        for (int j = 0; j < count; j++) {
            if (distinct == 0 || found[distinct - 1] != found[j]) {
                found[distinct++] = found[j];
            }
        }
        return Arrays.copyOf(found, distinct);
    }
}
