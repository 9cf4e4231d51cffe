package org.v2g.kernel;

/**
 * The revenue the exact solver publishes: {@code R(p)} with every EV answering by the literal
 * {@link Follower}, summed in fleet order and turned into revenue by {@link RevenueTerms} exactly as
 * {@link ReferenceSolver#terms} does, so the published revenue is the reference's at the published
 * price bit for bit, whatever the prepared thresholds say (SPEC's tie rule included).
 *
 * <p>Thread-safe: stateless.
 */
final class LiteralValuation {
    private LiteralValuation() {
    }

    /**
     * {@code R(p)} by the literal follower.
     *
     * @param amounts receives every EV's signed amount, or {@code null}
     */
    static double revenue(Fleet fleet, Market market, double p, double[] amounts) {
        double sumCharge = 0;
        double sumDischarge = 0;
        int idle = 0;
        for (int i = 0; i < fleet.size(); i++) {
            Follower.Response r = Follower.respond(fleet, i, market, p);
            double x = r.amount();
            switch (r.decision()) {
                case CHARGE -> sumCharge += x;
                case DISCHARGE -> sumDischarge += Math.abs(x);
                case IDLE -> idle++;
            }
            if (amounts != null) {
                amounts[i] = x;
            }
        }
        return RevenueTerms.of(market, p, sumCharge, sumDischarge, idle).revenue();
    }
}
