package org.v2g.kernel;

/**
 * Solves a slot with a {@link RevenueKernel} over the whole grid: prepare once, evaluate every price,
 * take the argmax, then read every EV's decision at the chosen price.
 *
 * <p>Thread-safe: stateless.
 */
public final class FastSolver implements SlotSolver {
    private final RevenueKernel kernel;

    /**
     * A solver that evaluates every grid price with {@code kernel}.
     *
     * @param kernel the revenue kernel; its name is the solver's
     */
    public FastSolver(RevenueKernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public String name() {
        return kernel.name();
    }

    @Override
    public SlotResult solve(Fleet fleet, Market market, boolean withDispatch) {
        long start = System.nanoTime();
        PreparedSlot slot = PreparedSlot.of(fleet, market);
        GridPoint best = kernel.best(slot, 0, slot.grid().size());
        return resultAt(slot, best, kernel.name(), withDispatch).withNanos(System.nanoTime() - start);
    }

    /**
     * The result of a slot at a chosen grid point, decisions by the prepared slot's rule.
     *
     * @param slot         the prepared slot
     * @param point        the chosen grid index and its revenue
     * @param solver       the name the result carries
     * @param withDispatch whether the result carries every EV's amount at the price
     * @return the slot's result at {@code point}
     */
    public static SlotResult resultAt(PreparedSlot slot, GridPoint point, String solver, boolean withDispatch) {
        double price = slot.grid().price(point.k());
        return SlotResult.fromAmounts(solver, point.k(), price, point.revenue(), slot.amountsAt(price),
                slot.market(), withDispatch);
    }
}
