package org.v2g.kernel;

/**
 * The grid argmax of SPEC section 3 in O(N log N + K) instead of O(N·K): the EVs are sorted once by
 * their threshold {@code qStar} and by their clamp point {@code c/(2 − m)}; walking the grid from
 * {@code k = 0} ({@code q = a − p_k} falling) moves each EV out of the dischargers once and out of the
 * clamp once, so {@code R(p_k)} comes from running sums:
 * {@code Σ_D |x| = Σ_clamped m + 2·|free| − (1/q)·Σ_free c}.
 *
 * <p>Same answer as the brute force, index for index: the decision at each grid point is the
 * kernels' own test {@code qStar < a − p_k} with {@code p_k = grid.price(k)}, but the sums are taken in
 * another order, so two grid values closer than the summation error can swap. Every grid value within
 * a rigorous bound {@code τ} of the sweep's maximum (twice the worst-case error of a naive sum of the
 * terms, about {@code 2·(N+8)·2^−52·scale}) is therefore recomputed with the brute-force kernel's own
 * {@link RevenueKernel#revenue}, and the tie rule (larger {@code k}) applies to those values. Where
 * nobody discharges the sweep's value is the kernels' bit for bit and needs no re-scoring, so the usual
 * plateau (a range of prices that nobody answers) costs nothing. If more than {@value #MAX_RESCORED}
 * other points are that close, the whole grid goes to the kernel.
 *
 * <p>Per-EV {@code a}: {@code Σ c_i/(a_i − p)} has no O(1) running form, so the solver hands the grid
 * to the kernel (O(N·K)) and says so in its Javadoc rather than pretending.
 *
 * <p>Usage:
 * <pre>{@code
 * SlotResult r = Solvers.byName("sweep").solve(fleet, market);   // same k as "simd"
 * }</pre>
 *
 * <p>Thread-safe: holds only the (stateless) kernel.
 */
public final class SweepSolver implements SlotSolver {

    /** The solver's name, as {@link Solvers#byName} and the command line's {@code --solver} take it. */
    public static final String NAME = "sweep";
    /** Grid points re-valued by the kernel before falling back to the whole grid. */
    static final int MAX_RESCORED = 64;

    private final RevenueKernel kernel;

    /** Agrees with {@code Solvers.byName("simd")}. */
    public SweepSolver() {
        this(Kernels.simd());
    }

    /**
     * Agrees with {@code new FastSolver(kernel)}.
     *
     * @param kernel the kernel that re-values the candidate points (and the whole grid on fallback)
     */
    public SweepSolver(RevenueKernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SlotResult solve(Fleet fleet, Market market, boolean withDispatch) {
        long start = System.nanoTime();
        PreparedSlot slot = PreparedSlot.of(fleet, market);
        GridPoint best = best(slot);
        return FastSolver.resultAt(slot, best, NAME, withDispatch).withNanos(System.nanoTime() - start);
    }

    /**
     * The grid argmax of a prepared slot, equal to {@code kernel.best(slot, 0, K+1)}.
     *
     * @param slot the prepared slot
     * @return the best grid index and its revenue under SPEC section 3's tie rule
     */
    public GridPoint best(PreparedSlot slot) {
        int size = slot.grid.size();
        if (!slot.uniformA) {
            return kernel.best(slot, 0, size);
        }
        boolean[] exact = new boolean[size];
        double[] values = revenues(slot, exact);
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            max = Math.max(max, v);
        }
        double floor = max - errorBound(slot);
        int near = 0;
        for (int k = 0; k < size; k++) {
            if (values[k] >= floor && !exact[k]) {
                near++;
            }
        }
        if (near > MAX_RESCORED) {
            return kernel.best(slot, 0, size);
        }
        GridPoint best = GridPoint.NONE;
        for (int k = 0; k < size; k++) {
            if (values[k] >= floor) {
                best = GridPoint.better(new GridPoint(k, exact[k] ? values[k] : kernel.revenue(slot, k)), best);
            }
        }
        return best;
    }

    /**
     * {@code R(p_k)} at every grid point from running sums (common {@code a} only), each within
     * {@link #errorBound} / 2 of the kernels' value.
     *
     * @param exact set where nobody discharges: there the value is the kernels' value bit for bit
     *              (a whole plateau of equal values needs no re-scoring)
     */
    static double[] revenues(PreparedSlot s, boolean[] exact) {
        PriceGrid grid = s.grid;
        int size = grid.size();
        int n = s.n;
        double[] values = new double[size];
        // Only the EVs that discharge at k = 0 ever change; the others stay out at every grid point.
        double q0 = s.commonA - grid.price(0);
        int[] ev = new int[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (s.qStar[i] < q0) {
                ev[count++] = i;
            }
        }
        double[] threshold = new double[count];
        double[] clampAt = new double[count];
        for (int j = 0; j < count; j++) {
            int i = ev[j];
            threshold[j] = s.qStar[i];
            clampAt[j] = s.c[i] / (2 - s.m[i]);
        }
        int[] byThreshold = EventOrder.ascending(threshold, count);
        int[] byClamp = EventOrder.ascending(clampAt, count);

        boolean[] in = new boolean[count];
        boolean[] clamped = new boolean[count];
        DischargerSums sums = new DischargerSums();
        for (int j = 0; j < count; j++) {
            int i = ev[j];
            in[j] = true;
            if (clampAt[j] <= q0) {
                clamped[j] = true;
                sums.enterClamped(s.m[i], s.lost[i]);
            } else {
                sums.enterFree(s.c[i], s.lost[i]);
            }
        }
        int leave = count - 1;
        int unclamp = count - 1;
        for (int k = 0; k < size; k++) {
            double p = grid.price(k);
            double q = s.commonA - p;
            for (; leave >= 0 && !(threshold[byThreshold[leave]] < q); leave--) {
                int j = byThreshold[leave];
                int i = ev[j];
                if (in[j]) {
                    in[j] = false;
                    if (clamped[j]) {
                        sums.leaveClamped(s.m[i], s.lost[i]);
                    } else {
                        sums.leaveFree(s.c[i], s.lost[i]);
                    }
                }
            }
            for (; unclamp >= 0 && clampAt[byClamp[unclamp]] > q; unclamp--) {
                int j = byClamp[unclamp];
                int i = ev[j];
                if (in[j] && clamped[j]) {
                    clamped[j] = false;
                    sums.unclamp(s.c[i], s.m[i]);
                }
            }
            if (sums.dischargers() == 0) {
                values[k] = s.revenue(p, 0, 0); // bit for bit the kernels' value
                exact[k] = true;
            } else {
                values[k] = s.revenue(p, sums.amount(1 / q), sums.lost());
            }
        }
        return values;
    }

    /**
     * Twice the worst-case rounding error of a naive sum of the revenue's terms, an upper bound on
     * {@code |sweep − kernel|} at any grid point.
     */
    static double errorBound(PreparedSlot s) {
        double lostAbs = 0;
        double most = 0;
        for (int i = 0; i < s.n; i++) {
            if (s.qStar[i] < Double.POSITIVE_INFINITY) {
                lostAbs += Math.abs(s.lost[i]);
                most += s.m[i] + 4;
            }
        }
        Market m = s.market;
        double price = Math.max(Math.abs(m.pdMin()), Math.abs(m.pdMax()));
        double scale = Math.abs(s.base) + lostAbs + m.e0() * (m.wGrid() + price + m.delta()) * most
                + m.delta() * m.eLimit() + 1;
        return 2.0 * (s.n + 8) * Math.ulp(1.0) * scale;
    }
}
