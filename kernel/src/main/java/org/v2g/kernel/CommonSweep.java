package org.v2g.kernel;

/**
 * The common-{@code a} sweep over the pieces (docs/EXACT.md sections 2 and 2.1), with whole buckets of
 * the event table pruned by a bound from the running sums, so the closed form ({@link CommonPiece})
 * runs, and the events are sorted, only where the bound could beat what is already known.
 *
 * <p>The blocks are the non-empty buckets of a {@link ExactEvents#bucketed} table. The first pass
 * (construction) visits them in order without sorting them: it sums each block's changes to the
 * {@link DischargerSums} and applies them at once, keeping a snapshot of the sums before each block, the
 * value at its left end and its bound. Over a block {@code [x, y]} the dischargers only shrink and
 * {@code S} only falls as {@code p} rises, so with {@code S_hi = S(x)} before the block,
 * {@code S_lo = S(y)} after it and {@code L_y} the {@code Σ lost} after it, every piece of the block has
 * <pre>
 * R ≤ base − L_y − Σ_{leavers in the block} min(0, lost)
 *       + E0·max over the corners of (W_grid + p)·S, p ∈ {x, y}, S ∈ {S_lo, S_hi}
 *       − δ·dist(E_limit, E0·[S_lo, S_hi])  + slack
 * </pre>
 * ({@code slack} covers the rounding of the sums, the block totals and the formula). {@link #sweep}
 * restores the snapshot of each block whose bound reaches the cut, sorts its bucket and offers its
 * pieces; a block below the cut is skipped and never sorted. The cut is what {@code out} would reject
 * anyway ({@link Candidates#floor}) and, in top mode, the best left-end value of the blocks (the first
 * piece of that block starts from the same snapshot, so it offers that value to the bit). So the kept
 * best candidate, the heap and the ceiling are those of offering every block ({@code prune = false});
 * only top mode's runner-up may miss a skipped block, which is why the largest skipped bound is returned.
 *
 * <p>Against the plain sweep (every event applied in sorted order, {@link #plain}) the sums differ only
 * by rounding: a block's changes are summed plainly and then added compensated.
 *
 * <p>Worst case: no block is skipped (a flat {@code R}), and the cost is the plain sweep's (every bucket
 * sorted) plus one pass over the events and O(1) per block.
 *
 * <p>Not thread-safe: one per solve; {@link #sweep} may run more than once.
 */
final class CommonSweep {
    private final PreparedSlot s;
    private final ExactEvents events;
    private final SweepState start;
    final Blocks blocks;

    /** The first pass over a bucketed table; {@code start} is the state at {@code p_dmin}, not changed. */
    CommonSweep(PreparedSlot s, ExactEvents events, SweepState start) {
        this.s = s;
        this.events = events;
        this.start = start;
        this.blocks = Blocks.of(s, events, start);
    }

    /**
     * Offers every piece of {@code [p_dmin, p_dmax)} that could matter and the closed end
     * {@code p_dmax} to {@code out}.
     *
     * @return the largest bound of a skipped block, {@code −∞} if none was skipped
     */
    double sweep(Candidates out) {
        return sweep(out, true);
    }

    /** {@link #sweep}, or with {@code prune} false every block offered (tests compare the two). */
    double sweep(Candidates out, boolean prune) {
        double skipped = Double.NEGATIVE_INFINITY;
        SweepState work = start.copyCommon();
        for (int b = 0; b < blocks.count; b++) {
            double cut = Math.max(out.floor(), out.isTop() ? blocks.incumbent : Double.NEGATIVE_INFINITY);
            if (prune && blocks.bound[b] < cut) {
                skipped = Math.max(skipped, blocks.bound[b]);
                continue;
            }
            events.sortBucket(blocks.bucket[b]);
            work.sums().restore(blocks.snapshot, b * DischargerSums.SNAPSHOT);
            offerPieces(s, events, work, blocks.left[b], blocks.from[b], blocks.from[b + 1], out);
        }
        work.sums().restore(blocks.snapshot, blocks.count * DischargerSums.SNAPSHOT);
        offerEnd(s, work, blocks.end, out);
        return skipped;
    }

    /** The plain sweep: the whole table sorted, every event applied in order and every piece offered. */
    static void plain(PreparedSlot s, ExactEvents events, SweepState start, Candidates out) {
        events.sortAll();
        SweepState state = start.copyCommon();
        offerEnd(s, state, offerPieces(s, events, state, s.market.pdMin(), 0, events.count, out), out);
    }

    /** The last piece {@code [l, p_dmax)} after every event, and the closed end {@code p_dmax}. */
    private static void offerEnd(PreparedSlot s, SweepState state, double l, Candidates out) {
        double pMax = s.market.pdMax();
        if (pMax > l) {
            CommonPiece.offerBest(s, state, l, pMax, out);
        }
        out.offer(pMax, state.value(pMax), false, pMax, pMax);
    }

    /**
     * Offers the pieces ending at the keys of events {@code [from, to)} ({@code to} at a group's start, the
     * range sorted), applying their events; returns the last key, the left end of the next piece.
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

    /** The first pass: one block per non-empty bucket, with its snapshot, bound and left end. */
    static final class Blocks {
        final int count;
        /** Block {@code b} is bucket {@code bucket[b]}, events {@code [from[b], from[b + 1])}. */
        final int[] bucket;
        final int[] from;
        /** Left end of block {@code b}'s first piece. */
        final double[] left;
        final double[] bound;
        /** The sums before each block, and after the last one at {@code count}. */
        final double[] snapshot;
        /** The largest value at a block's left end: the first piece of that block offers it. */
        final double incumbent;
        /** The largest key: the left end of the last piece. */
        final double end;

        private Blocks(int count, int[] bucket, int[] from, double[] left, double[] bound, double[] snapshot,
                double incumbent, double end) {
            this.count = count;
            this.bucket = bucket;
            this.from = from;
            this.left = left;
            this.bound = bound;
            this.snapshot = snapshot;
            this.incumbent = incumbent;
            this.end = end;
        }

        /** Sums each bucket's changes, in fleet order, and bounds it. */
        static Blocks of(PreparedSlot s, ExactEvents events, SweepState start) {
            int most = events.buckets();
            int[] bucket = new int[most];
            int[] from = new int[most + 1];
            double[] left = new double[most];
            double[] bound = new double[most];
            double[] snapshot = new double[(most + 1) * DischargerSums.SNAPSHOT];
            double slack = slack(s, events);
            Rounding rounding = Rounding.of(s, events);
            boolean carried = events.c != null;
            SweepState state = start.copyCommon();
            DischargerSums sums = state.sums();
            double incumbent = Double.NEGATIVE_INFINITY;
            double l = s.market.pdMin();
            int count = 0;
            for (int b = 0; b < most; b++) {
                int to = events.bucketFrom(b + 1);
                int j = events.bucketFrom(b);
                if (j == to) {
                    continue;
                }
                sums.save(snapshot, count * DischargerSums.SNAPSHOT);
                bucket[count] = b;
                from[count] = j;
                left[count] = l;
                double atLeft = state.value(l);
                incumbent = atLeft > incumbent ? atLeft : incumbent;
                double high = sums.dischargers() == 0 ? 0 : state.amount(l);
                double clampedM = 0;
                double freeC = 0;
                double lost = 0;
                double negative = 0;
                int free = 0;
                int leaving = 0;
                double y = l;
                for (; j < to; j++) {
                    int entry = events.entry[j];
                    int i = ExactEvents.ev(entry);
                    int kind = ExactEvents.kind(entry);
                    double key = events.key[j];
                    y = key > y ? key : y;
                    double m = carried ? events.m[j] : s.m[i];
                    double c = carried ? events.c[j] : s.c[i];
                    if (kind == ExactEvents.UNCLAMP) {
                        clampedM -= m;
                        freeC += c;
                        free++;
                        continue;
                    }
                    if (kind == ExactEvents.LEAVE_CLAMPED) {
                        clampedM -= m;
                    } else {
                        freeC -= c;
                        free--;
                    }
                    double gone = carried ? events.lost[j] : s.lost[i];
                    lost -= gone;
                    negative += Math.min(0, gone);
                    leaving++;
                }
                sums.applyAll(clampedM, freeC, lost, free, -leaving);
                double low = sums.dischargers() == 0 ? 0 : state.amount(y);
                double lostAtY = sums.dischargers() == 0 ? 0 : sums.lost();
                bound[count] = bound(s.market, s.base - lostAtY - negative, l, y, low, high) + slack
                        + rounding.at(s.commonA - y);
                count++;
                l = y;
            }
            from[count] = events.count;
            sums.save(snapshot, count * DischargerSums.SNAPSHOT);
            return new Blocks(count, bucket, from, left, bound, snapshot, incumbent, l);
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
         * Covers the rounding of the compensated sums, the amounts and the formula: a dozen roundings of
         * numbers no larger than {@code scale} ({@code |lost| ≤ max(W_service·E0, p_delay)},
         * {@code 0 ≤ |x| ≤ 2}). The plain sums inside the blocks are {@link Rounding}'s.
         */
        static double slack(PreparedSlot s, ExactEvents events) {
            Market m = s.market;
            double price = Math.max(Math.abs(m.pdMin()), Math.abs(m.pdMax()));
            double perEv = Math.max(m.wService() * m.e0(), m.pDelay()) + 2 * m.e0() * (Math.abs(m.wGrid()) + price + m.delta());
            double scale = Math.abs(s.base) + events.memberCount * perEv + m.delta() * m.eLimit() + 1;
            return 8.0 * (s.n + 16) * Math.ulp(1.0) * scale;
        }
    }

    /**
     * The rounding of summing a block's changes plainly before adding them compensated: at most
     * {@code (k − 1)·u} of the block's absolute terms for {@code k} terms ({@code u} the unit roundoff),
     * so over the whole sweep at most {@code K·u·Σ|term|} per sum, {@code K} the largest bucket. In the
     * bound that error reaches {@code R} through {@code Σ lost} and through {@code E0·(W_grid + p ± δ)·S},
     * where {@code S}'s error is {@code Σ_clamped m}'s plus {@code Σ_free c}'s over {@code q}; the
     * smallest {@code q} of a block is at its right end. Times four: an EV's {@code m} and {@code c} enter twice
     * (unclamp, leave), and twice again for the roundings of this estimate.
     */
    record Rounding(double lost, double amountM, double amountC) {
        static Rounding of(PreparedSlot s, ExactEvents events) {
            int largest = 0;
            for (int b = 0; b < events.buckets(); b++) {
                largest = Math.max(largest, events.bucketFrom(b + 1) - events.bucketFrom(b));
            }
            double lost = 0;
            double m = 0;
            double c = 0;
            for (int j = 0; j < events.memberCount; j++) {
                int i = events.members[j];
                lost += Math.abs(s.lost[i]);
                m += Math.abs(s.m[i]);
                c += Math.abs(s.c[i]);
            }
            Market market = s.market;
            double price = Math.max(Math.abs(market.pdMin()), Math.abs(market.pdMax()));
            double weight = market.e0() * (Math.abs(market.wGrid()) + price + market.delta());
            double k = 4.0 * largest * Math.ulp(1.0);
            return new Rounding(k * lost, k * weight * m, k * weight * c);
        }

        /** The slack for a block whose smallest {@code q = a − p} is {@code q}. */
        double at(double q) {
            return lost + amountM + amountC / q;
        }
    }
}
