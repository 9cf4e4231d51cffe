package org.v2g.kernel;

import org.v2g.kernel.internal.Checks;

/**
 * The leader's best price over the whole interval {@code [p_dmin, p_dmax]}, not only the ε-grid
 * (SPEC section 3, last point), by a sweep over the prices where some EV changes its answer.
 *
 * <p>Between consecutive breakpoints ({@link ExactEvents}) the dischargers and the clamped ones are
 * fixed, so {@code R} is a smooth function of the price built from a few running sums
 * ({@link SweepState}); the sweep visits the sorted breakpoints once and maximises every piece:
 * <ul>
 *   <li>one common {@code a} (the paper's case): in closed form, O(1) per piece ({@link CommonPiece}),
 *       only on the runs of pieces whose bound could beat a kept value ({@link CommonSweep});</li>
 *   <li>per-EV {@code a}: a branch and bound per piece ({@link PerEvSearch}), O(N) per evaluation.</li>
 * </ul>
 * The pieces' best points ({@link Candidates}) are turned into attained prices ({@link Attainment}) and
 * valued by the literal follower ({@link LiteralValuation}): the published revenue is
 * {@link ReferenceSolver#revenue} at the published price, bit for bit. Grid points in the noise band
 * of a threshold ({@link NoiseBand}) are valued literally too, and if an attainment collapses (its
 * literal value falls short of what the search predicted or discarded by more than 1e−10·max(1,|R|)),
 * the kernels' grid argmax is valued as well; so the answer is at least the grid maximum. Details and
 * the argument in {@code docs/EXACT.md}.
 *
 * <p>Usage:
 * <pre>{@code
 * SlotResult r = Solvers.byName("exact").solve(fleet, market);
 * double price = r.price();          // any price in [p_dmin, p_dmax]; r.k() is -1
 * }</pre>
 *
 * <p>Thread-safe: stateless; each solve works on its own arrays.
 */
public final class ExactSolver implements SlotSolver {
    /** The solver's name in {@link Solvers#byName} and on the command line. */
    public static final String NAME = "exact";
    /** Relative shortfall of the literal value below the search's ceiling that sends the solve to the grid. */
    static final double COLLAPSE = 1e-10;

    /** An exact solver; it holds no state, so one instance serves every thread. */
    public ExactSolver() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SlotResult solve(Fleet fleet, Market market, boolean withDispatch) {
        long start = System.nanoTime();
        PreparedSlot slot = PreparedSlot.of(fleet, market);
        return solve(fleet, slot, withDispatch).withNanos(System.nanoTime() - start);
    }

    /**
     * Solves an already prepared slot (benchmarks prepare once).
     *
     * @param fleet        the fleet the slot was prepared from; the literal {@link Follower} needs it
     * @param slot         the prepared slot ({@link PreparedSlot#of})
     * @param withDispatch whether the result carries every EV's amount at the published price
     * @return the published price, its revenue (the reference's at that price) and the counts
     * @throws InvalidInputException if the fleet is not the slot's (its size differs)
     */
    public SlotResult solve(Fleet fleet, PreparedSlot slot, boolean withDispatch) {
        Checks.notNull("fleet", "slot", fleet);
        Checks.notNull("slot", "slot", slot);
        if (fleet.size() != slot.size()) {
            throw new InvalidInputException("fleet", "slot", fleet.size() + " EVs",
                    "must be the fleet the slot was prepared from (" + slot.size() + " EVs)");
        }
        Run run = new Run(fleet, slot);
        run.solve();
        return SlotResult.fromAmounts(NAME, -1, run.bestP, run.bestV, run.chosenAmounts, slot.market,
                withDispatch);
    }

    /** One solve: the sweep over the pieces, then the literal choice among the candidates. */
    static final class Run {
        private final Fleet fleet;
        private final PreparedSlot s;
        private final SweepState start;
        private final ExactEvents events;
        private final Attainment attainment;
        private DischargerTable table;
        private double discardedBound = Double.NEGATIVE_INFINITY;
        private double ceiling = Double.NEGATIVE_INFINITY;
        // The chosen price, its literal revenue and amounts, and a buffer for the next candidate's.
        double bestP = Double.NaN;
        double bestV = Double.NEGATIVE_INFINITY;
        double[] chosenAmounts;
        private double[] scratch;
        /** Times the grid fallback ran (tests read it). */
        int fallbacks;
        /** Literal valuations of the whole fleet (tests and measurements read it). */
        int valuations;
        /** Passes over the discharger table of the per-EV search (tests and measurements read it). */
        int passes;

        Run(Fleet fleet, PreparedSlot s) {
            this.fleet = fleet;
            this.s = s;
            this.start = new SweepState(s);
            // Common a sorts only the buckets its sweep visits; the per-EV search reads the whole table in order.
            this.events = s.uniformA ? ExactEvents.bucketed(s, start, ExactEvents.BUCKET) : ExactEvents.build(s, start);
            this.attainment = new Attainment(fleet, s, events);
            this.chosenAmounts = new double[s.n];
        }

        /**
         * Common {@code a}: a first pass keeps only the best candidate and the runner-up's value; only if
         * the runner-up's prediction beats the best's literal value is the sweep run again into a heap.
         * Per-EV {@code a}: one pass into the heap, whose best value also prunes the branch and bound.
         * Then the noise band and, if the search is not conclusive, the grid.
         */
        void solve() {
            if (s.uniformA) {
                Candidates top = Candidates.top();
                // Skipped blocks lie below a value some kept piece reaches, but may hide the runner-up.
                CommonSweep sweep = new CommonSweep(s, events, start);
                double skipped = sweep.sweep(top);
                ceiling = Math.max(top.ceiling(), ceiling);
                consider(attainment.price(top.best()));
                if (Math.max(top.runnerUp(), skipped) > bestV + 1e-12 * Math.max(1, Math.abs(bestV))) {
                    Candidates heap = Candidates.heap(bestV);
                    sweep.sweep(heap);
                    considerBestFirst(heap);
                }
            } else {
                Candidates heap = Candidates.heap(Double.NEGATIVE_INFINITY);
                PerEvSearch search = new PerEvSearch(s, events, table(), heap, passBudget(s));
                search.run();
                passes = search.passes();
                discardedBound = Math.max(discardedBound, search.discardedBound());
                ceiling = Math.max(heap.ceiling(), ceiling);
                considerBestFirst(heap);
            }
            int[] band = considerBand();
            double most = Math.max(ceiling, discardedBound);
            if (bestV < most - COLLAPSE * Math.max(1, Math.abs(most))) {
                fallbacks++;
                if (!(s.uniformA && sweepOffBand(band))) {
                    kernelOffBand(band);
                }
            }
        }

        /**
         * Values literally the band points whose bound ({@link NoiseBand#bound}) could reach the best
         * value so far (within {@link #COLLAPSE}); the others cannot beat it. Returns every band point.
         */
        private int[] considerBand() {
            long[] pairs = NoiseBand.pairs(s);
            int[] band = new int[pairs.length];
            int points = 0;
            for (int from = 0; from < pairs.length; ) {
                int k = NoiseBand.point(pairs[from]);
                int to = from + 1;
                while (to < pairs.length && NoiseBand.point(pairs[to]) == k) {
                    to++;
                }
                band[points++] = k;
                double p = s.grid.price(k);
                double bound = NoiseBand.bound(s, table(), p, pairs, from, to);
                if (!(bound < bestV - COLLAPSE * Math.max(1, Math.abs(bestV)))) {
                    consider(p);
                }
                from = to;
            }
            return java.util.Arrays.copyOf(band, points);
        }

        private DischargerTable table() {
            if (table == null) {
                table = DischargerTable.of(s, events);
            }
            return table;
        }

        /**
         * Common {@code a}: values literally the grid points off the band whose sweep value is within
         * the sweep's error bound of the best off-band sweep value (O(N log N + K)); false if more than
         * {@link SweepSolver#MAX_RESCORED} points are that close.
         */
        private boolean sweepOffBand(int[] band) {
            boolean[] plateau = new boolean[s.grid.size()];
            double[] values = SweepSolver.revenues(s, plateau);
            for (int k : band) {
                values[k] = Double.NaN;
            }
            double max = Double.NEGATIVE_INFINITY;
            for (double v : values) {
                max = v > max ? v : max; // NaN (band points) never wins
            }
            double floor = max - 2 * SweepSolver.errorBound(s);
            int[] near = new int[SweepSolver.MAX_RESCORED];
            int count = 0;
            int lastPlateau = -1;
            for (int k = 0; k < values.length; k++) {
                if (values[k] >= floor) {
                    if (plateau[k]) {
                        lastPlateau = k; // nobody discharges: equal values, the largest k stands for all
                    } else if (count == near.length) {
                        return false;
                    } else {
                        near[count++] = k;
                    }
                }
            }
            for (int j = 0; j < count; j++) {
                consider(s.grid.price(near[j]));
            }
            if (lastPlateau >= 0) {
                consider(s.grid.price(lastPlateau));
            }
            return true;
        }

        /** The kernels' argmax on each stretch of the grid between band points, valued literally. */
        private void kernelOffBand(int[] band) {
            int from = 0;
            for (int j = 0; j <= band.length; j++) {
                int to = j < band.length ? band[j] : s.grid.size();
                if (to > from) {
                    consider(s.grid.price(Kernels.scalar().best(s, from, to).k()));
                }
                from = to + 1;
            }
        }

        /**
         * Passes over the table the per-EV search may take before it leaves the rest to the grid: as many
         * as the grid has points, so a search that cannot prune costs about as much as the grid.
         */
        static int passBudget(PreparedSlot s) {
            return Math.max(PerEvSearch.MIN_BUDGET, s.grid.size());
        }

        /** Attains and values the kept candidates best first, until no prediction beats the best value. */
        private void considerBestFirst(Candidates heap) {
            for (Candidates.Candidate c : heap.sorted()) {
                if (bestV > Double.NEGATIVE_INFINITY && !(c.value() > bestV)) {
                    break;
                }
                consider(attainment.price(c));
            }
        }

        /**
         * Values {@code p} literally; if it beats the best so far (ties: the larger price) its amounts and
         * revenue become the chosen ones (the buffers swap, so the dispatch costs no extra pass).
         */
        private void consider(double p) {
            if (scratch == null) {
                scratch = new double[s.n];
            }
            valuations++;
            double v = LiteralValuation.revenue(fleet, s, p, scratch);
            if (v > bestV || (v == bestV && p > bestP) || Double.isNaN(bestP)) {
                double[] t = chosenAmounts;
                chosenAmounts = scratch;
                scratch = t;
                bestV = v;
                bestP = p;
            }
        }
    }
}
