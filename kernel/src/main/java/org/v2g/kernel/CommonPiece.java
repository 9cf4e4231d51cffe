package org.v2g.kernel;

/**
 * The maximum of {@code R} on one piece {@code [l, r)} when every EV shares {@code a}, in closed form
 * (docs/EXACT.md section 2): {@code S(q) = A − B/q} and, on each side of the penalty kink,
 * {@code R = κ + E0·(g − q)·S(q)} with {@code g = W_grid ± δ + a}, which is {@code α − β/q − γ·q} with
 * {@code β = E0·g·B}, {@code γ = E0·A}: concave when {@code β > 0} (maximum at {@code q = sqrt(gB/A)}),
 * decreasing in {@code q} otherwise. The kink {@code E0·S(q) = E_limit} is at {@code q = B/(A − E_limit/E0)}.
 * Every candidate is valued with the true {@code R}, so the best of them is the piece's maximum.
 *
 * <p>Thread-safe: stateless.
 */
final class CommonPiece {
    private CommonPiece() {
    }

    /** Offers the piece's best point (or the supremum at its open end, if higher) as one candidate. */
    static void offerBest(PreparedSlot s, SweepState state, double l, double r, Candidates out) {
        double open = state.value(r);
        double bestP = l;
        double bestV = state.value(l);
        DischargerSums sums = state.sums();
        if (sums.dischargers() > 0 && sums.free() > 0) { // otherwise constant or linear in p
            Market market = s.market;
            double a = s.commonA;
            double bigA = sums.clampedM() + 2.0 * sums.free();
            double bigB = sums.freeC();
            double qLo = a - r;
            double qHi = a - l;
            double denominator = bigA - market.eLimit() / market.e0();
            for (int k = 0; k < 3; k++) {
                double q;
                if (k == 0) {
                    q = denominator > 0 ? bigB / denominator : Double.NaN; // the kink
                } else {
                    double g = market.wGrid() + (k == 1 ? market.delta() : -market.delta()) + a;
                    q = g * bigB > 0 ? Math.sqrt(g * bigB / bigA) : Double.NaN;
                }
                double p = a - q;
                if (q > qLo && q < qHi && p > l && p < r) {
                    double v = state.value(p);
                    if (v > bestV) {
                        bestV = v;
                        bestP = p;
                    }
                }
            }
        }
        if (open > bestV) {
            out.offer(r, open, true, l, r);
        } else {
            out.offer(bestP, bestV, false, l, r);
        }
    }
}
