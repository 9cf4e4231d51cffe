package org.v2g.kernel;

import java.util.SplittableRandom;

/**
 * Adversarial slots: fleets built so that EVs sit exactly on their decision switches at chosen prices
 * (grid points or arbitrary prices of the interval). An EV is put on a switch by choosing one of its
 * parameters from the literal {@link Follower} formulas at the target price {@code t}:
 * <ul>
 *   <li>idle tie: {@code U_idle = u_d(t)}, so at {@code t} discharging is exactly as good as idling and
 *       SPEC's tie rule idles (either sign of {@code U_idle}, clamped or free);</li>
 *   <li>branch birth: {@code β} such that {@code q* = c/2 = a − t} (with {@code U_idle ≤ 0});</li>
 *   <li>clamp switch: {@code β} such that {@code c/(2 − m) = a − t};</li>
 *   <li>charge tie: {@code U_idle} equal to the charging utility (idle kept by the tie rule);</li>
 * </ul>
 * with full and empty batteries, several EVs on one target, and {@code E_limit} put on the penalty
 * kink at a target. Every slot is reproducible from its seed.
 */
final class ThresholdFleets {
    private static final double[] RT = {0.26, 0.66, 1.12};

    private ThresholdFleets() {
    }

    /**
     * The shape of issue 13's example: exactly {@code n} EVs, per-EV {@code a}, {@code β} and
     * {@code U_idle}, {@code p_rt = 0.66}, {@code ε = 0.0005}, {@code E_limit = 300}.
     */
    static SlotCases issueShaped(long seed, int n) {
        SlotCases c = of(seed, n, n, 0.66, 0.0005, 300.0, false);
        return new SlotCases(seed, "issue-shaped", c.fleet(), c.market());
    }

    static SlotCases of(long seed, int maxEvs) {
        return of(seed, 1, maxEvs, Double.NaN, Double.NaN, Double.NaN, null);
    }

    private static SlotCases of(long seed, int minEvs, int maxEvs, double fixedRt, double fixedEpsilon,
            double fixedLimit, Boolean fixedCommonA) {
        SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 7);
        double pRt = rnd.nextInt(4) < 3 ? RT[rnd.nextInt(RT.length)] : 0.05 + rnd.nextDouble() * 1.2;
        double epsilon = rnd.nextBoolean() ? 0.0005 : 0.001;
        if (fixedRt == fixedRt) {
            pRt = fixedRt;
            epsilon = fixedEpsilon;
        }
        Market.Builder mb = Market.builder(pRt).epsilon(epsilon);
        if (rnd.nextBoolean()) {
            mb.wService(rnd.nextDouble()).wGrid(rnd.nextDouble() * 1.5).pDelay(rnd.nextDouble() * 0.3);
        }
        if (rnd.nextInt(3) == 0) {
            mb.delta(rnd.nextDouble() * 3);
        }
        if (rnd.nextInt(5) == 0) {
            mb.socMin(rnd.nextBoolean() ? 0.2 : 0.5);
        }
        Market market = mb.eLimit(0).build();
        PriceGrid grid = market.grid();
        int targets = 1 + rnd.nextInt(3);
        double[] target = new double[targets];
        for (int j = 0; j < targets; j++) {
            target[j] = rnd.nextBoolean() ? grid.price(rnd.nextInt(grid.size()))
                    : market.pdMin() + rnd.nextDouble() * (market.pdMax() - market.pdMin());
        }
        boolean commonA = fixedCommonA != null ? fixedCommonA : rnd.nextInt(3) == 0;
        double sharedA = commonA ? -rnd.nextDouble() * 0.05 : 0;
        int n = minEvs + rnd.nextInt(maxEvs - minEvs + 1);
        Fleet.Builder b = Fleet.builder();
        for (int i = 0; i < n; i++) {
            double cap = 1 + rnd.nextInt(100);
            double energy = switch (rnd.nextInt(6)) {
                case 0 -> 0;
                case 1 -> cap;
                default -> Math.round(rnd.nextDouble() * cap * 10) / 10.0;
            };
            double a = commonA ? sharedA : -rnd.nextDouble() * 0.1;
            double beta = 0.02 + rnd.nextDouble() * 0.5;
            double uIdle = rnd.nextInt(3) == 0 ? 0 : (rnd.nextDouble() - 0.5) * 0.3;
            double t = target[rnd.nextInt(targets)];
            double q = a - t;
            double w0 = beta / Math.max(energy / cap, market.socFloor());
            double lo = -Math.min(1, Math.max(0, energy - market.socMin() * cap) / market.e0());
            switch (rnd.nextInt(5)) {
                case 0, 1 -> uIdle = dischargeUtility(w0, a, lo, t, uIdle);
                case 2 -> { // the discharge branch is born at t: c/2 = q
                    beta = scaleBeta(beta, w0, 2 * q * Follower.LN2);
                    uIdle = -Math.abs(uIdle);
                }
                case 3 -> { // the clamp switches at t: c/(2 − m) = q
                    if (lo < 0) {
                        beta = scaleBeta(beta, w0, q * (2 + lo) * Follower.LN2);
                        double w = beta / Math.max(energy / cap, market.socFloor());
                        if (rnd.nextBoolean()) {
                            uIdle = dischargeUtility(w, a, lo, t, uIdle);
                        }
                    }
                }
                default -> uIdle = chargeUtility(w0, cap, energy, market, uIdle);
            }
            if (!(beta > 0) || !Double.isFinite(beta) || !Double.isFinite(uIdle)) {
                beta = 0.16;
                uIdle = 0;
            }
            b.add("ev" + i, cap, energy, beta, a, uIdle);
        }
        Fleet fleet = b.build();
        double eLimit = switch (rnd.nextInt(4)) {
            case 0 -> 0;
            case 1 -> 300;
            case 2 -> rnd.nextDouble() * n * 2;
            default -> market.e0() * dischargedAt(fleet, market, target[0]); // the kink at a target
        };
        if (fixedLimit == fixedLimit) {
            eLimit = fixedLimit;
        }
        Market withLimit = Market.builder(pRt).epsilon(market.epsilon()).wService(market.wService())
                .wGrid(market.wGrid()).pDelay(market.pDelay()).delta(market.delta()).socMin(market.socMin())
                .eLimit(eLimit).build();
        return new SlotCases(seed, "thresholds" + (commonA ? "-common" : "-per-ev"), fleet, withLimit);
    }

    /** {@code u_d(t)} as {@link Follower} computes it, or {@code fallback} if the branch does not exist at t. */
    private static double dischargeUtility(double w, double a, double lo, double t, double fallback) {
        if (!(lo < 0 && a - t > 0)) {
            return fallback;
        }
        double xD = Math.max(w / ((a - t) * Follower.LN2) - 2, lo);
        if (!(xD < 0)) {
            return fallback;
        }
        return w * (Follower.log2(2 + xD) - 1) - a * xD + t * xD;
    }

    private static double chargeUtility(double w, double cap, double energy, Market market, double fallback) {
        double hi = Math.min(1, (cap - energy) / market.e0());
        if (!(hi > 0)) {
            return fallback;
        }
        double xC = Math.min(w / (market.pC() * Follower.LN2) - 1, hi);
        return xC > 0 ? w * Follower.log2(1 + xC) - market.pC() * xC : fallback;
    }

    /** The β that gives willingness {@code wanted}, from the current β and its willingness {@code w}. */
    private static double scaleBeta(double beta, double w, double wanted) {
        return wanted > 0 ? beta * (wanted / w) : beta;
    }

    private static double dischargedAt(Fleet fleet, Market market, double p) {
        double sum = 0;
        for (int i = 0; i < fleet.size(); i++) {
            double x = Follower.respond(fleet, i, market, p).amount();
            if (x < 0) {
                sum -= x;
            }
        }
        return sum;
    }
}
