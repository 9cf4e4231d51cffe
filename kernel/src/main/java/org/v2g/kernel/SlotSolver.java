package org.v2g.kernel;

/**
 * Solves one slot: the leader's price and the followers' answers to it.
 *
 * <p>Usage:
 * <pre>{@code
 * SlotSolver solver = Solvers.byName("simd");
 * SlotResult r = solver.solve(fleet, market, true);
 * double price = r.price();
 * Decision d = r.dispatch().orElseThrow().decision(0);
 * }</pre>
 *
 * <p>Implementations are thread-safe: a solver holds no per-slot state.
 */
public interface SlotSolver {

    /** {@return the name printed in answers ({@code reference}, {@code scalar}, {@code simd}, ...)} */
    String name();

    /**
     * The slot's answer.
     *
     * @param fleet        the plugged-in EVs
     * @param market       the slot's market and price grid
     * @param withDispatch also return every EV's decision and amount
     * @return the published price, the revenue there, the counts and, if asked, the dispatch
     * @throws InvalidInputException for a null fleet or market, or input SPEC section 6 rejects
     */
    SlotResult solve(Fleet fleet, Market market, boolean withDispatch);

    /**
     * The slot's answer without the per-EV dispatch.
     *
     * @param fleet  the plugged-in EVs
     * @param market the slot's market and price grid
     * @return the published price, the revenue there and the counts
     */
    default SlotResult solve(Fleet fleet, Market market) {
        return solve(fleet, market, false);
    }
}
