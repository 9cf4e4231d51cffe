package org.v2g.kernel;

/**
 * The four terms of the leader's revenue (SPEC section 2), each as a non-negative magnitude.
 *
 * @param service   {@code W_service·E0·Σ_C x_i} (eq. 4)
 * @param grid      {@code W_grid·E0·Σ_D |x_i|} (eq. 5)
 * @param payments  {@code p_delay·|I| + (−p_d)·E0·Σ_D |x_i|}, paid to idle and discharging EVs (eq. 6)
 * @param penalty   {@code δ·|E_limit − E0·Σ_D |x_i||} (eq. 7)
 */
public record RevenueTerms(double service, double grid, double payments, double penalty) {

    /**
     * The terms for the given sums at discharging price {@code pD}, in the SPEC's own order.
     *
     * @param m            the slot's market
     * @param pD           the discharging price, CNY/kWh
     * @param sumCharge    {@code Σ_C x_i} over the charging EVs
     * @param sumDischarge {@code Σ_D |x_i|} over the discharging EVs
     * @param idle         {@code |I|}, the number of idle EVs
     * @return the four terms, CNY
     */
    public static RevenueTerms of(Market m, double pD, double sumCharge, double sumDischarge, int idle) {
        double service = m.wService() * m.e0() * sumCharge;
        double grid = m.wGrid() * m.e0() * sumDischarge;
        double payments = m.pDelay() * idle + (-pD) * m.e0() * sumDischarge;
        double penalty = m.delta() * Math.abs(m.eLimit() - m.e0() * sumDischarge);
        return new RevenueTerms(service, grid, payments, penalty);
    }

    /** {@return {@code R = service + grid − payments − penalty}, CNY} */
    public double revenue() {
        return service + grid - payments - penalty;
    }
}
