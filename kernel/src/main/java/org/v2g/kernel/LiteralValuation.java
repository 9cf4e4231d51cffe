package org.v2g.kernel;

/**
 * The revenue the exact solver publishes: {@code R(p)} with every EV answering by the literal
 * {@link Follower}, summed in fleet order and turned into revenue by {@link RevenueTerms} exactly as
 * {@link ReferenceSolver#terms} does, so the published revenue is the reference's at the published
 * price bit for bit, whatever the prepared thresholds say (SPEC's tie rule included).
 *
 * <p>The loop is {@link Follower#respond(Fleet, int, Market, double)} written out, the same expressions
 * in the same order, without its {@link Follower.Response} objects (C2 does not scalar-replace them
 * across the branches that reassign {@code best}, so they were most of the solve's allocation); the
 * follower's price-independent numbers are read from the {@link PreparedSlot} (the same expressions, so
 * the same bits) and only the discharge branch is computed at {@code p}. {@code LiteralValuationTest}
 * holds it to the follower's and the reference's bits, at thresholds too.
 *
 * <p>Thread-safe: stateless.
 */
final class LiteralValuation {
    private LiteralValuation() {
    }

    /**
     * {@code R(p)} by the literal follower, its price-independent part read from the slot prepared from
     * this fleet and market: {@code w}, {@code lo = −m}, the alternative's amount ({@code alt}, the forced
     * charge below the floor) and utility ({@code altUtility}) are {@link PreparedSlot}'s, computed by the
     * follower's own expressions from the same numbers, so the same bits; what depends on {@code p} — the
     * discharge branch and the decision — is the follower's, line for line. One division and one
     * logarithm per EV instead of six divisions and two logarithms.
     *
     * @param amounts receives every EV's signed amount, or {@code null}
     */
    static double revenue(Fleet fleet, PreparedSlot slot, double p, double[] amounts) {
        double sumCharge = 0;
        double sumDischarge = 0;
        int idle = 0;
        for (int i = 0; i < slot.n; i++) {
            double x = slot.alt[i];
            if (fleet.floor(i) > fleet.energy(i)) {
                sumCharge += x; // below its floor: the forced charge, whatever p
            } else {
                Decision decision = x > 0 ? Decision.CHARGE : Decision.IDLE;
                double a = slot.a[i];
                double m = slot.m[i];
                if (m > 0 && a - p > 0) { // lo = −m < 0
                    double w = slot.w[i];
                    double stationary = w / ((a - p) * Follower.LN2) - 2;
                    double xD = Math.max(stationary, -m);
                    if (xD < 0) {
                        double uD = w * (Follower.log2(2 + xD) - 1) - a * xD + p * xD;
                        if (uD > slot.altUtility[i]) {
                            decision = Decision.DISCHARGE;
                            x = xD;
                        }
                    }
                }
                switch (decision) {
                    case CHARGE -> sumCharge += x;
                    case DISCHARGE -> sumDischarge += Math.abs(x);
                    case IDLE -> idle++;
                }
            }
            if (amounts != null) {
                amounts[i] = x;
            }
        }
        return RevenueTerms.of(slot.market, p, sumCharge, sumDischarge, idle).revenue();
    }
}
