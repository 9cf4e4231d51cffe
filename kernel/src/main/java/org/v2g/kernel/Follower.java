package org.v2g.kernel;

/**
 * The follower's best response of SPEC section 1, written literally: both branches with their
 * logarithms and the tie order, and section 8's floor. The oracle of every fast path; never optimised.
 *
 * <p>Thread-safe: stateless.
 */
public final class Follower {
    static final double LN2 = Math.log(2);

    private Follower() {
    }

    /**
     * What one EV does and how much it gains.
     *
     * @param decision charge, discharge or idle
     * @param amount   the normalised amount {@code x} (positive charges, negative discharges, 0 idle)
     * @param utility  the EV's utility at that amount
     */
    public record Response(Decision decision, double amount, double utility) {
    }

    /**
     * The best response of one EV at discharging price {@code pD}.
     *
     * @param capacity {@code C_i}, kWh
     * @param energy   {@code E_i}, kWh
     * @param beta     {@code β_i}
     * @param a        {@code a_i}
     * @param uIdle    {@code U_idle,i}
     * @param market   the slot's market ({@code p_c}, {@code E0}, the SoC floors)
     * @param pD       the published discharging price {@code p_d}, CNY/kWh, {@code ≤ 0}
     * @return the EV's best response (SPEC section 1, eq. 9)
     */
    public static Response respond(double capacity, double energy, double beta, double a, double uIdle,
            Market market, double pD) {
        return respond(capacity, energy, beta, a, uIdle, 0, market, pD);
    }

    /**
     * The best response of one EV with floor {@code F_i} (SPEC section 8): the floor cuts its
     * discharge, and an EV below its floor must charge. With {@code floor = 0}, section 1 exactly.
     *
     * @param capacity {@code C_i}, kWh
     * @param energy   {@code E_i}, kWh
     * @param beta     {@code β_i}
     * @param a        {@code a_i}
     * @param uIdle    {@code U_idle,i}
     * @param floor    {@code F_i}, kWh the EV must hold after the slot
     * @param market   the slot's market ({@code p_c}, {@code E0}, the SoC floors)
     * @param pD       the published discharging price {@code p_d}, CNY/kWh, {@code ≤ 0}
     * @return the EV's best response
     */
    public static Response respond(double capacity, double energy, double beta, double a, double uIdle,
            double floor, Market market, double pD) {
        double e0 = market.e0();
        double pC = market.pC();

        double soc = energy / capacity;
        double w = beta / Math.max(soc, market.socFloor());
        double hi = Math.min(1, (capacity - energy) / e0);
        double lo = -Math.min(1, Math.max(0, energy - Math.max(floor, market.socMin() * capacity)) / e0);

        if (floor > energy) {
            // Below its floor: idle and discharge are not open to it; its utility's best point on [need, hi].
            double need = Math.min(hi, (floor - energy) / e0);
            double x = Math.min(hi, Math.max(need, w / (pC * LN2) - 1));
            return new Response(Decision.CHARGE, x, w * log2(1 + x) - pC * x);
        }

        // Start with idle; charging replaces it only if strictly better.
        Response best = new Response(Decision.IDLE, 0, uIdle);

        if (hi > 0) {
            double stationary = w / (pC * LN2) - 1;
            double xC = Math.min(stationary, hi);
            if (xC > 0) {
                double uC = w * log2(1 + xC) - pC * xC;
                if (uC > best.utility()) {
                    best = new Response(Decision.CHARGE, xC, uC);
                }
            }
        }

        // Discharging replaces the current best only if strictly better.
        if (lo < 0 && a - pD > 0) {
            double stationary = w / ((a - pD) * LN2) - 2;
            double xD = Math.max(stationary, lo);
            if (xD < 0) {
                double uD = w * (log2(2 + xD) - 1) - a * xD + pD * xD;
                if (uD > best.utility()) {
                    best = new Response(Decision.DISCHARGE, xD, uD);
                }
            }
        }
        return best;
    }

    /**
     * The best response of EV {@code i} of the fleet, with its floor.
     *
     * @param fleet  the slot's EVs
     * @param i      the EV's index in fleet order
     * @param market the slot's market
     * @param pD     the published discharging price {@code p_d}, CNY/kWh
     * @return the EV's best response
     */
    public static Response respond(Fleet fleet, int i, Market market, double pD) {
        return respond(fleet.capacity(i), fleet.energy(i), fleet.beta(i), fleet.a(i), fleet.uIdle(i),
                fleet.floor(i), market, pD);
    }

    static double log2(double v) {
        return Math.log(v) / LN2;
    }
}
