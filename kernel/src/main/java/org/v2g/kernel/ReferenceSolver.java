package org.v2g.kernel;

import org.v2g.kernel.internal.Checks;

/**
 * The slow, literal solver of SPEC sections 1–3: at every grid price, every EV's best response by
 * {@link Follower#respond}, then the four revenue terms, then the argmax with the tie rule. It is the
 * oracle of every fast path and is written to be obviously right, not fast: O(N·K) logarithms.
 *
 * <p>Thread-safe: stateless.
 */
public final class ReferenceSolver implements SlotSolver {

    /** The solver's name, as {@link Solvers#byName} and the command line's {@code --solver} take it. */
    public static final String NAME = "reference";

    /** The reference solver; it holds no state, so one instance serves every slot. */
    public ReferenceSolver() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SlotResult solve(Fleet fleet, Market market, boolean withDispatch) {
        long start = System.nanoTime();
        Checks.notNull("fleet", "slot", fleet);
        PriceGrid grid = Checks.notNull("market", "slot", market).grid();
        GridPoint best = GridPoint.NONE;
        for (int k = 0; k < grid.size(); k++) {
            GridPoint here = new GridPoint(k, revenue(fleet, market, grid.price(k)));
            best = GridPoint.better(here, best);
        }
        double price = grid.price(best.k());
        double[] amounts = amounts(fleet, market, price);
        return SlotResult.fromAmounts(NAME, best.k(), price, best.revenue(), amounts, market, withDispatch)
                .withNanos(System.nanoTime() - start);
    }

    /**
     * {@code R(p_d)} of SPEC section 2, every EV answering {@code pD}.
     *
     * @param fleet  the slot's EVs
     * @param market the slot's market
     * @param pD     the discharging price, CNY/kWh
     * @return the aggregator's revenue, CNY
     */
    public static double revenue(Fleet fleet, Market market, double pD) {
        return terms(fleet, market, pD).revenue();
    }

    /**
     * The four terms of {@code R(p_d)} (SPEC section 2), every EV answering {@code pD}.
     *
     * @param fleet  the slot's EVs
     * @param market the slot's market
     * @param pD     the discharging price, CNY/kWh
     * @return the terms; {@link RevenueTerms#revenue()} is their sum
     */
    public static RevenueTerms terms(Fleet fleet, Market market, double pD) {
        double sumCharge = 0;
        double sumDischarge = 0;
        int idle = 0;
        for (int i = 0; i < fleet.size(); i++) {
            Follower.Response r = Follower.respond(fleet, i, market, pD);
            switch (r.decision()) {
                case CHARGE -> sumCharge += r.amount();
                case DISCHARGE -> sumDischarge += Math.abs(r.amount());
                case IDLE -> idle++;
            }
        }
        return RevenueTerms.of(market, pD, sumCharge, sumDischarge, idle);
    }

    /**
     * Every EV's signed amount at {@code pD}, by {@link Follower#respond}.
     *
     * @param fleet  the slot's EVs
     * @param market the slot's market
     * @param pD     the discharging price, CNY/kWh
     * @return {@code x_i} per EV in fleet order
     */
    public static double[] amounts(Fleet fleet, Market market, double pD) {
        double[] x = new double[fleet.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = Follower.respond(fleet, i, market, pD).amount();
        }
        return x;
    }
}
