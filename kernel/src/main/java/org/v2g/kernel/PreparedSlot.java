package org.v2g.kernel;

import org.v2g.kernel.internal.Checks;

/**
 * Everything about a slot that does not depend on the discharging price, computed once so that the
 * per-price loop of the fast kernels holds no logarithm.
 *
 * <p>Per EV it keeps:
 * <ul>
 *   <li>{@code c = w/ln2}, so the unclamped discharge amount is {@code |x| = 2 − c/q} with
 *       {@code q = a − p_d};</li>
 *   <li>{@code m = −lo}, the most it can discharge;</li>
 *   <li>{@code qStar}: it discharges exactly when {@code q > qStar}. The discharge utility grows
 *       with {@code q}, its best alternative (idle or the charging branch) does not depend on
 *       {@code p_d}, so the crossing is one number (derivation in {@code docs/KERNEL.md});</li>
 *   <li>{@code lost}: what the leader's revenue loses when this EV leaves its alternative for
 *       discharging ({@code W_service·E0·x_c} of a charger, {@code −p_delay} of an idler);</li>
 *   <li>{@code alt}: the amount of the alternative (the charge {@code x_c}, or 0 when idle).</li>
 * </ul>
 * so that {@code R(p) = base − Σ_D lost + E0·(W_grid + p)·Σ_D |x| − δ·|E_limit − E0·Σ_D |x||}.
 *
 * <p>Floors (SPEC section 8) are settled here, so no kernel loop knows of them: a floor that only cuts
 * an EV's discharge gives it a smaller {@code m}; an EV below its floor must charge an amount that does
 * not depend on {@code p_d}, so it is a constant of the slot: its charge is in {@code alt} and
 * {@code base}, and with {@code m = 0}, {@code qStar = +∞} it never enters a sum over dischargers (nor
 * the exact solver's events), like an empty battery.
 *
 * <p>Thread-safe: immutable after construction; kernels only read it.
 */
public final class PreparedSlot {
    private static final int NEWTON_STEPS = 100;

    final Market market;
    final PriceGrid grid;
    final int n;
    final double[] c;
    final double[] m;
    final double[] qStar;
    final double[] a;
    final double[] lost;
    final double[] alt;
    /**
     * The follower's {@code w} and the utility of its best alternative to discharging (idle, or charging
     * if strictly better), the same expressions as {@link Follower#respond}, so the literal valuation
     * ({@code LiteralValuation}) reads them instead of recomputing them at every price.
     */
    final double[] w;
    final double[] altUtility;
    /** Every EV shares {@link #commonA}: the per-price loop multiplies by {@code 1/q} instead of dividing. */
    final boolean uniformA;
    final double commonA;
    /** Revenue when nobody discharges, without the penalty: {@code W_service·E0·Σ x_c − p_delay·|I|}. */
    final double base;
    private final double e0;
    private final double wGrid;
    private final double delta;
    private final double eLimit;

    private PreparedSlot(Fleet fleet, Market market) {
        this.market = market;
        this.grid = market.grid();
        this.n = fleet.size();
        this.c = new double[n];
        this.m = new double[n];
        this.qStar = new double[n];
        this.a = fleet.a.clone();
        this.lost = new double[n];
        this.alt = new double[n];
        this.w = new double[n];
        this.altUtility = new double[n];
        this.uniformA = fleet.uniformA();
        this.commonA = n == 0 ? 0 : a[0];
        this.e0 = market.e0();
        this.wGrid = market.wGrid();
        this.delta = market.delta();
        this.eLimit = market.eLimit();

        double pC = market.pC();
        double sumCharge = 0;
        int idle = 0;
        for (int i = 0; i < n; i++) {
            double cap = fleet.capacity[i];
            double energy = fleet.energy[i];
            double w = fleet.beta[i] / Math.max(energy / cap, market.socFloor());
            double hi = Math.min(1, (cap - energy) / e0);
            double floor = fleet.floor(i);
            double lo = -Math.min(1, Math.max(0, energy - Math.max(floor, market.socMin() * cap)) / e0);

            // The best alternative to discharging: idle, replaced by charging only if strictly better;
            // below its floor, the forced charge (lo = 0 then, so it never discharges).
            double altAmount = 0;
            double altUtility = fleet.uIdle[i];
            if (floor > energy) {
                double need = Math.min(hi, (floor - energy) / e0);
                altAmount = Math.min(hi, Math.max(need, w / (pC * Follower.LN2) - 1));
            } else if (hi > 0) {
                double xC = Math.min(w / (pC * Follower.LN2) - 1, hi);
                if (xC > 0) {
                    double uC = w * Follower.log2(1 + xC) - pC * xC;
                    if (uC > altUtility) {
                        altAmount = xC;
                        altUtility = uC;
                    }
                }
            }
            alt[i] = altAmount;
            this.w[i] = w;
            this.altUtility[i] = altUtility;
            if (altAmount > 0) {
                sumCharge += altAmount;
                lost[i] = market.wService() * e0 * altAmount;
            } else {
                idle++;
                lost[i] = -market.pDelay();
            }
            c[i] = w / Follower.LN2;
            m[i] = -lo;
            qStar[i] = dischargeThreshold(w, lo, altUtility);
        }
        this.base = market.wService() * e0 * sumCharge - market.pDelay() * idle;
    }

    /**
     * Prepares a slot; the inputs are already validated by their types.
     *
     * @param fleet  the slot's EVs
     * @param market the slot's market and grid
     * @return the prepared slot, O(N) to build
     * @throws InvalidInputException naming {@code fleet} or {@code market} when it is null
     */
    public static PreparedSlot of(Fleet fleet, Market market) {
        Checks.notNull("fleet", "slot", fleet);
        Checks.notNull("market", "slot", market);
        return new PreparedSlot(fleet, market);
    }

    /** {@return the slot's price grid} */
    public PriceGrid grid() {
        return grid;
    }

    /** {@return the slot's market} */
    public Market market() {
        return market;
    }

    /** {@return the number of EVs} */
    public int size() {
        return n;
    }

    /**
     * {@code R(p)} from the two sums over the dischargers; the one place both kernels turn sums into
     * revenue, so they differ only in summation order.
     */
    double revenue(double p, double sumDischarge, double sumLost) {
        return base - sumLost + e0 * (wGrid + p) * sumDischarge - delta * Math.abs(eLimit - e0 * sumDischarge);
    }

    /**
     * Every EV's signed amount at price {@code p}, by the fast kernels' own decision rule.
     *
     * @param p the discharging price, CNY/kWh
     * @return {@code x_i} per EV in fleet order
     */
    public double[] amountsAt(double p) {
        double[] x = new double[n];
        double inverse = 1 / (commonA - p);
        for (int i = 0; i < n; i++) {
            double q = a[i] - p;
            if (qStar[i] < q) {
                double cq = uniformA ? c[i] * inverse : c[i] / q;
                x[i] = -Math.min(2 - cq, m[i]);
            } else {
                x[i] = alt[i];
            }
        }
        return x;
    }

    /**
     * The {@code q = a − p_d} above which an EV discharges rather than take its alternative of utility
     * {@code altUtility}; {@code +∞} when it cannot discharge.
     *
     * <p>The discharge branch exists for {@code q > c/2} ({@code c = w/ln2}) and its utility then rises
     * strictly from 0 without bound, so there is exactly one crossing:
     * <ul>
     *   <li>{@code altUtility ≤ 0}: as soon as the branch exists, {@code q* = c/2};</li>
     *   <li>on the clamped piece ({@code q ≥ c/(2−m)}) the utility is linear:
     *       {@code w·(log2(2−m) − 1) + q·m};</li>
     *   <li>on the unclamped piece, with {@code q = c·(1+z)/2}, the utility is {@code c·(z − ln(1+z))},
     *       so {@code z} solves {@code z − ln(1+z) = altUtility/c}: Newton from above on a convex
     *       increasing function converges monotonically.</li>
     * </ul>
     */
    static double dischargeThreshold(double w, double lo, double altUtility) {
        if (!(lo < 0)) {
            return Double.POSITIVE_INFINITY;
        }
        double c = w / Follower.LN2;
        if (altUtility <= 0) {
            return c / 2;
        }
        double m = -lo;
        double clampedBase = w * (Follower.log2(2 - m) - 1);
        double qClamp = c / (2 - m);
        if (clampedBase + qClamp * m <= altUtility) {
            return (altUtility - clampedBase) / m;
        }
        double t = altUtility / c;
        // Start above the root: z0 − ln(1+z0) − t = u − ln(1 + u + u²/2) > 0 for u = sqrt(2t).
        double z = Math.sqrt(2 * t) + t;
        for (int step = 0; step < NEWTON_STEPS; step++) {
            double f = z - Math.log1p(z) - t;
            if (!(f > 0)) {
                break;
            }
            double next = z - f * (1 + z) / z;
            if (!(next < z)) {
                break;
            }
            z = next;
        }
        return c * (1 + z) / 2;
    }
}
