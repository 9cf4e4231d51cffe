package org.v2g.kernel;

/**
 * The common-{@code a} sweep over the pieces (docs/EXACT.md sections 2 and 7), with runs of pieces
 * pruned by a bound from the running sums, so the closed form ({@link CommonPiece}) runs only where the
 * bound could beat what is already known.
 *
 * <p>A first pass applies every event and, every {@value #BLOCK} events (a <em>block</em>, never split
 * inside a group of equal keys), keeps a snapshot of the {@link DischargerSums}, the block's bound and
 * the value at its left end. Over a block {@code [x, y]} the dischargers only shrink and {@code S} only
 * falls as {@code p} rises, so with {@code S_hi = S(x)} of the first piece, {@code S_lo = S(y)} with the
 * dischargers after the block and {@code L_y} their {@code Σ lost}, every piece of the block has
 * <pre>
 * R ≤ base − L_y − Σ_{leavers in the block} min(0, lost)
 *       + E0·max over the corners of (W_grid + p)·S, p ∈ {x, y}, S ∈ {S_lo, S_hi}
 *       − δ·dist(E_limit, E0·[S_lo, S_hi])  + slack
 * </pre>
 * ({@code slack} covers the rounding of the sums and of the formula). The second pass restores the
 * snapshot of each block whose bound reaches the cut and offers its pieces exactly as the plain sweep
 * does (same sums, same bits); a block below the cut is skipped. The cut is what {@code out} would
 * reject anyway ({@link Candidates#floor}) and, in top mode, the best left-end value of the blocks
 * (a value some kept piece offers at least). So the kept best candidate, the heap and the ceiling are
 * the plain sweep's; only top mode's runner-up may miss a skipped block, which is why the largest
 * skipped bound is returned.
 *
 * <p>Worst case: no block is skipped (a flat {@code R}), and the cost is the plain sweep's plus one
 * more application of every event and O(1) per block: at most twice the events' cost.
 *
 * <p>Not thread-safe: one per call; stateless between calls.
 */
final class CommonSweep {
    /** Events per block (measured on the paper fleet at N = 2,000: 3 of 116 blocks survive). */
    static final int BLOCK = 32;

    private CommonSweep() {
    }

    /**
     * Offers every piece of {@code [p_dmin, p_dmax)} that could matter and the closed end
     * {@code p_dmax} to {@code out}.
     *
     * @param start the state at {@code p_dmin}; not changed
     * @return the largest bound of a skipped block, {@code −∞} if none was skipped
     */
    static double sweep(PreparedSlot s, ExactEvents events, SweepState start, Candidates out) {
        return sweep(s, events, start, out, BLOCK);
    }

    /**
     * {@link #sweep} with blocks of {@code block} events; {@code block ≤ 0} is the plain sweep, every
     * piece offered (tests compare the two).
     */
    static double sweep(PreparedSlot s, ExactEvents events, SweepState start, Candidates out, int block) {
        double pMax = s.market.pdMax();
        SweepState state = start.copyCommon();
        double skipped = Double.NEGATIVE_INFINITY;
        double l = s.market.pdMin();
        if (block > 0 && events.count > block) {
            Blocks blocks = Blocks.of(s, events, state, block);
            SweepState work = start.copyCommon();
            for (int b = 0; b < blocks.count; b++) {
                double cut = Math.max(out.floor(), out.isTop() ? blocks.incumbent : Double.NEGATIVE_INFINITY);
                if (blocks.bound[b] < cut) {
                    skipped = Math.max(skipped, blocks.bound[b]);
                    continue;
                }
                work.sums().restore(blocks.snapshot, b * DischargerSums.SNAPSHOT);
                offerPieces(s, events, work, blocks.left[b], blocks.from[b], blocks.from[b + 1], out);
            }
            l = blocks.count > 0 ? events.key[events.count - 1] : l; // state holds the sums after every event
        } else {
            l = offerPieces(s, events, state, l, 0, events.count, out);
        }
        if (pMax > l) {
            CommonPiece.offerBest(s, state, l, pMax, out);
        }
        out.offer(pMax, state.value(pMax), false, pMax, pMax);
        return skipped;
    }

    /**
     * Offers the pieces ending at the keys of events {@code [from, to)} ({@code to} at a group's start),
     * applying their events; returns the last key, the left end of the next piece.
     */
    static double offerPieces(PreparedSlot s, ExactEvents events, SweepState state, double l, int from, int to,
            Candidates out) {
        for (int j = from; j < to; ) {
            double r = events.key[j];
            CommonPiece.offerBest(s, state, l, r, out); // r > l: keys rise strictly between groups
            for (; j < to && events.key[j] == r; j++) {
                state.apply(events, j);
            }
            l = r;
        }
        return l;
    }

    /** The first pass: block boundaries, snapshots, bounds and the best left-end value. */
    static final class Blocks {
        final int count;
        /** Block {@code b} applies events {@code [from[b], from[b + 1])}. */
        final int[] from;
        /** Left end of block {@code b}'s first piece. */
        final double[] left;
        final double[] bound;
        final double[] snapshot;
        /** The largest value at a block's left end: some offered piece reaches it. */
        final double incumbent;

        private Blocks(int count, int[] from, double[] left, double[] bound, double[] snapshot, double incumbent) {
            this.count = count;
            this.from = from;
            this.left = left;
            this.bound = bound;
            this.snapshot = snapshot;
            this.incumbent = incumbent;
        }

        /** Applies every event to {@code state} (which ends after the last one) and bounds each block. */
        static Blocks of(PreparedSlot s, ExactEvents events, SweepState state, int block) {
            int most = events.count / block + 2;
            int[] from = new int[most + 1];
            double[] left = new double[most];
            double[] bound = new double[most];
            double[] snapshot = new double[most * DischargerSums.SNAPSHOT];
            double slack = slack(s, events);
            double incumbent = Double.NEGATIVE_INFINITY;
            double l = s.market.pdMin();
            int count = 0;
            int j = 0;
            while (j < events.count) {
                DischargerSums sums = state.sums();
                sums.save(snapshot, count * DischargerSums.SNAPSHOT);
                from[count] = j;
                left[count] = l;
                double atLeft = state.value(l);
                incumbent = atLeft > incumbent ? atLeft : incumbent;
                double high = sums.dischargers() == 0 ? 0 : state.amount(l);
                double negative = 0;
                int end = Math.min(events.count, j + block);
                for (; j < events.count && (j < end || events.key[j] == events.key[j - 1]); j++) {
                    int entry = events.entry[j];
                    if (ExactEvents.kind(entry) != ExactEvents.UNCLAMP) {
                        double lost = events.lost != null ? events.lost[j] : s.lost[ExactEvents.ev(entry)];
                        negative += Math.min(0, lost);
                    }
                    state.apply(events, j);
                }
                double y = events.key[j - 1];
                double low = sums.dischargers() == 0 ? 0 : state.amount(y);
                double lostAtY = sums.dischargers() == 0 ? 0 : sums.lost();
                bound[count] = bound(s.market, s.base - lostAtY - negative, l, y, low, high) + slack;
                count++;
                l = y;
            }
            from[count] = j;
            return new Blocks(count, from, left, bound, snapshot, incumbent);
        }

        /**
         * The bound of a block over {@code p ∈ [x, y]}, {@code S ∈ [low, high]}, with {@code constant} the
         * smallest {@code base − Σ_D lost} of its pieces.
         */
        static double bound(Market market, double constant, double x, double y, double low, double high) {
            double e0 = market.e0();
            double w = market.wGrid();
            double gain = Math.max(Math.max((w + x) * low, (w + x) * high), Math.max((w + y) * low, (w + y) * high));
            double eLimit = market.eLimit();
            double lo = e0 * Math.min(low, high);
            double hi = e0 * Math.max(low, high);
            double distance = lo > eLimit ? lo - eLimit : (hi < eLimit ? eLimit - hi : 0);
            return constant + e0 * gain - market.delta() * distance;
        }

        /**
         * Covers the rounding of the sums, the amounts and the formula: far more than the error of N
         * Neumaier-compensated terms and a dozen roundings of numbers no larger than {@code scale}
         * ({@code |lost| ≤ max(W_service·E0, p_delay)}, {@code 0 ≤ |x| ≤ 2}).
         */
        static double slack(PreparedSlot s, ExactEvents events) {
            Market m = s.market;
            double price = Math.max(Math.abs(m.pdMin()), Math.abs(m.pdMax()));
            double perEv = Math.max(m.wService() * m.e0(), m.pDelay()) + 2 * m.e0() * (Math.abs(m.wGrid()) + price + m.delta());
            double scale = Math.abs(s.base) + events.memberCount * perEv + m.delta() * m.eLimit() + 1;
            return 8.0 * (s.n + 16) * Math.ulp(1.0) * scale;
        }
    }
}
