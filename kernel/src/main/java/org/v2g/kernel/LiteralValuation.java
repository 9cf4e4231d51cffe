package org.v2g.kernel;

/**
 * The revenue the exact solver publishes: {@code R(p)} with every EV answering by the literal
 * {@link Follower}, summed in fleet order and turned into revenue by {@link RevenueTerms} exactly as
 * {@link ReferenceSolver#terms} does, so the published revenue is the reference's at the published
 * price bit for bit, whatever the prepared thresholds say (SPEC's tie rule included).
 *
 * <p>The loop is {@link Follower#respond(Fleet, int, Market, double)} written out line for line, the
 * same expressions in the same order, without its {@link Follower.Response} objects (C2 does not
 * scalar-replace them across the branches that reassign {@code best}, so they were most of the solve's
 * allocation). The solver's form reads the follower's price-independent numbers from the
 * {@link PreparedSlot} (the same expressions, so the same bits) and computes only the discharge branch
 * at {@code p}. {@code LiteralValuationTest} holds both forms to the follower's bits, at thresholds too.
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

    /**
     * {@code R(p)} by the literal follower, everything computed from the fleet.
     *
     * @param amounts receives every EV's signed amount, or {@code null}
     */
    static double revenue(Fleet fleet, Market market, double p, double[] amounts) {
        double e0 = market.e0();
        double pC = market.pC();
        double socFloor = market.socFloor();
        double socMin = market.socMin();
        double sumCharge = 0;
        double sumDischarge = 0;
        int idle = 0;
        for (int i = 0; i < fleet.size(); i++) {
            double capacity = fleet.capacity(i);
            double energy = fleet.energy(i);
            double a = fleet.a(i);
            double floor = fleet.floor(i);
            double soc = energy / capacity;
            double w = fleet.beta(i) / Math.max(soc, socFloor);
            double hi = Math.min(1, (capacity - energy) / e0);
            double lo = -Math.min(1, Math.max(0, energy - Math.max(floor, socMin * capacity)) / e0);
            double x;
            if (floor > energy) {
                double need = Math.min(hi, (floor - energy) / e0);
                x = Math.min(hi, Math.max(need, w / (pC * Follower.LN2) - 1));
                sumCharge += x;
            } else {
                Decision decision = Decision.IDLE;
                x = 0;
                double best = fleet.uIdle(i);
                if (hi > 0) {
                    double stationary = w / (pC * Follower.LN2) - 1;
                    double xC = Math.min(stationary, hi);
                    if (xC > 0) {
                        double uC = w * Follower.log2(1 + xC) - pC * xC;
                        if (uC > best) {
                            decision = Decision.CHARGE;
                            x = xC;
                            best = uC;
                        }
                    }
                }
                if (lo < 0 && a - p > 0) {
                    double stationary = w / ((a - p) * Follower.LN2) - 2;
                    double xD = Math.max(stationary, lo);
                    if (xD < 0) {
                        double uD = w * (Follower.log2(2 + xD) - 1) - a * xD + p * xD;
                        if (uD > best) {
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
        return RevenueTerms.of(market, p, sumCharge, sumDischarge, idle).revenue();
    }
}
