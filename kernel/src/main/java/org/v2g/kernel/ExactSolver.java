package org.v2g.kernel;

import java.util.ArrayDeque;

/**
 * The leader's best price over the whole interval {@code [p_dmin, p_dmax]}, not only the ε-grid
 * (SPEC section 3, last point), by a sweep over the prices where some EV changes its answer.
 *
 * <p>Each EV that can discharge has two breakpoints: {@code b = a − qStar}, below which it
 * discharges (strictly: at {@code p = b} it does not), and {@code a − c/(2 − m)}, below which its
 * amount is clamped at {@code m}. Between consecutive breakpoints the dischargers and the clamped
 * ones are fixed, so {@code R} is a smooth function of the price built from a few running sums; the
 * sweep visits the sorted breakpoints once and maximises every piece:
 * <ul>
 *   <li>one common {@code a} (the paper's case): on each side of the penalty kink
 *       {@code R = α − β/q − γ·q} with {@code q = a − p}, maximised in closed form
 *       ({@code q* = sqrt(β/γ)} clipped into the piece); O(1) per piece, O(N log N) in all;</li>
 *   <li>per-EV {@code a}: {@code Σ c_i/(a_i − p)} has no O(1) running form, so each piece is
 *       maximised by a branch and bound whose bounds come from splitting {@code R} into a concave
 *       and a convex part; it stops when no unexplored part can beat the best value by more than
 *       {@value #BB_TOLERANCE}·max(1,|R|). O(N) per evaluation, so O(N·P) for P surviving pieces.</li>
 * </ul>
 * A piece is closed on the left and open on the right ({@code [b_j, b_{j+1})}); when its supremum is
 * the open end, the answer is the largest price below the breakpoint at which both the prepared
 * thresholds and the literal {@link Follower} still let the leaving EVs discharge (see
 * {@code docs/EXACT.md}). The published revenue is recomputed at the returned price in one O(N)
 * pass, with the literal {@link Follower} deciding for every EV within {@value #NEAR} (relative) of
 * its threshold, so it equals {@link ReferenceSolver#revenue} at that price up to rounding.
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

    public static final String NAME = "exact";
    /** Relative distance {@code |q − qStar|/qStar} within which the literal {@link Follower} decides. */
    static final double NEAR = 1e-6;
    /** Relative tolerance of the per-EV-a branch and bound. */
    static final double BB_TOLERANCE = 1e-11;
    /** Candidates kept for the final, honest evaluation. */
    static final int KEPT = 16;
    /** Nodes one piece may use in the branch and bound before giving up its tolerance. */
    static final int MAX_NODES = 4096;

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
     * @param fleet the fleet the slot was prepared from; the literal {@link Follower} needs it
     */
    public SlotResult solve(Fleet fleet, PreparedSlot slot, boolean withDispatch) {
        if (fleet.size() != slot.size()) {
            throw new IllegalArgumentException("fleet has " + fleet.size() + " EVs, slot has " + slot.size());
        }
        Run run = new Run(fleet, slot);
        run.sweep();
        double price = run.choose();
        return SlotResult.fromAmounts(NAME, -1, price, run.chosenRevenue, run.chosenAmounts, slot.market,
                withDispatch);
    }

    /** The state of one solve. */
    private static final class Run {
        private static final byte OUT = 0;
        private static final byte CLAMPED = 1;
        private static final byte FREE = 2;
        private static final int LEAVE_CLAMPED = 0;
        private static final int LEAVE_FREE = 1;
        private static final int UNCLAMP = 2;

        private final Fleet fleet;
        private final PreparedSlot s;
        private final Market market;
        private final int n;
        private final double pMin;
        private final double pMax;
        private final double e0;
        private final double wGrid;
        private final double delta;
        private final double eLimit;

        // Events in (pMin, pMax], sorted by price; payload in event order (common a, large tables only).
        private double[] eventKey;
        private int[] eventEntry;
        private double[] eventC;
        private double[] eventM;
        private double[] eventLost;
        private int events;

        private final byte[] state;
        private DischargerSums sums = new DischargerSums();
        /** Length of {@link #freeList}. */
        private int listed;
        // Free dischargers by index (per-EV a only): the branch and bound loops over them.
        private final int[] freeList;
        private final int[] freePos;

        // The kept candidates (a heap, see offer): predicted value, price, piece, open end or not.
        private final double[] candPrice = new double[KEPT];
        private final double[] candValue = new double[KEPT];
        private final double[] candLeft = new double[KEPT];
        private final double[] candRight = new double[KEPT];
        private final boolean[] candOpen = new boolean[KEPT];
        private final int[] heap = new int[KEPT];
        // Pass 1 (common a): the best candidate and the value of the runner-up.
        private boolean heapMode;
        private double threshold = Double.NEGATIVE_INFINITY;
        private double topValue = Double.NEGATIVE_INFINITY;
        private double topPrice;
        private boolean topOpen;
        private double topLeft = Double.NaN;
        private double topRight;
        private double runnerUp = Double.NEGATIVE_INFINITY;
        private DischargerSums initialSums;
        private int cands;
        // The chosen price's revenue and amounts, and a buffer for the next candidate's.
        double chosenRevenue;
        double[] chosenAmounts;
        private double[] scratch;
        private double bestValue = Double.NEGATIVE_INFINITY;
        /** The largest upper bound the per-EV-a search discarded without valuing (pruned pieces and nodes). */
        private double discardedBound = Double.NEGATIVE_INFINITY;
        /** Times the grid fallback ran (tests count it). */
        int fallbacks;

        Run(Fleet fleet, PreparedSlot s) {
            this.fleet = fleet;
            this.s = s;
            this.market = s.market;
            this.n = s.n;
            this.pMin = market.pdMin();
            this.pMax = market.pdMax();
            this.e0 = market.e0();
            this.wGrid = market.wGrid();
            this.delta = market.delta();
            this.eLimit = market.eLimit();
            this.state = s.uniformA ? new byte[0] : new byte[n];
            this.freeList = s.uniformA ? null : new int[n];
            this.freePos = s.uniformA ? null : new int[n];
            this.chosenAmounts = new double[n]; // scratch is allocated only if a second candidate is valued
            buildEvents();
        }

        /**
         * Events inside the interval, sorted, and the state at {@code pMin}. An entry is
         * {@code 4·i + kind}: {@link #LEAVE_CLAMPED} or {@link #LEAVE_FREE} (EV {@code i} stops
         * discharging; which of the two is known here, since its clamp event, if any, comes first) or
         * {@link #UNCLAMP} (its amount leaves the bound {@code m}).
         */
        private void buildEvents() {
            double[] key = new double[2 * n];
            int[] entry = new int[2 * n];
            int count = 0;
            for (int i = 0; i < n; i++) {
                double qStar = s.qStar[i];
                if (!(qStar < Double.POSITIVE_INFINITY)) {
                    continue; // never discharges
                }
                double b = s.a[i] - qStar;
                if (!(b > pMin)) {
                    continue; // out on the whole interval
                }
                double unclamp = s.a[i] - s.c[i] / (2 - s.m[i]);
                if (unclamp > pMin) {
                    sums.enterClamped(s.m[i], s.lost[i]);
                    if (!s.uniformA) {
                        state[i] = CLAMPED;
                    }
                } else {
                    sums.enterFree(s.c[i], s.m[i], s.lost[i]);
                    if (!s.uniformA) {
                        list(i);
                    }
                }
                // The clamp matters only while the EV still discharges.
                if (unclamp > pMin && unclamp <= pMax && unclamp < b) {
                    key[count] = unclamp;
                    entry[count++] = 4 * i + UNCLAMP;
                }
                if (b <= pMax) {
                    key[count] = b;
                    entry[count++] = 4 * i + (unclamp < b ? LEAVE_FREE : LEAVE_CLAMPED);
                }
            }
            // Payload travels with the events only for large tables, where reading it by EV index in
            // event order would miss the caches; small tables read it in place.
            boolean carry = s.uniformA && count > EventOrder.PACKED_MAX;
            EventOrder.Sorted sorted = carry ? EventOrder.sortEvents(key, entry, count, s.c, s.m, s.lost, 2)
                    : EventOrder.sortEvents(key, entry, count, null, null, null, 2);
            events = count;
            eventKey = sorted.key();
            eventEntry = sorted.entry();
            eventC = sorted.x();
            eventM = sorted.y();
            eventLost = sorted.z();
        }

        /**
         * Common {@code a}: a first pass keeps only the best candidate and the runner-up's value (one
         * comparison per piece); see {@link #choose} for the second. Per-EV {@code a}: one pass into the
         * heap, whose best value also prunes the branch and bound.
         */
        void sweep() {
            if (s.uniformA) {
                initialSums = sums.copy();
            } else {
                heapMode = true;
            }
            pieces();
        }

        /** Visits every piece {@code [l, r)} and the closed end {@code pMax}. */
        private void pieces() {
            double l = pMin;
            int j = 0;
            while (true) {
                double r = j < events ? eventKey[j] : pMax;
                if (r > l) {
                    if (s.uniformA) {
                        commonPiece(l, r);
                    } else {
                        perEvPiece(l, r);
                    }
                }
                if (j == events) {
                    break;
                }
                for (; j < events && eventKey[j] == r; j++) {
                    if (s.uniformA) {
                        applyCommon(j);
                    } else {
                        apply(eventEntry[j]);
                    }
                }
                l = r;
            }
            offer(pMax, value(pMax), false, pMax, pMax);
        }

        /** Common {@code a}: the event's kind says it all; its payload is carried or read by EV index. */
        private void applyCommon(int k) {
            int entry = eventEntry[k];
            int kind = entry & 3;
            int i = entry >> 2;
            boolean carried = eventC != null;
            double m = carried ? eventM[k] : s.m[i];
            double c = carried ? eventC[k] : s.c[i];
            if (kind == UNCLAMP) {
                sums.unclamp(c, m);
            } else if (kind == LEAVE_CLAMPED) {
                sums.leaveClamped(m, carried ? eventLost[k] : s.lost[i]);
            } else {
                sums.leaveFree(c, m, carried ? eventLost[k] : s.lost[i]);
            }
        }

        /** Per-EV {@code a}: the state machine also keeps the list of free dischargers. */
        private void apply(int entry) {
            int i = entry >> 2;
            byte st = state[i];
            if ((entry & 3) == UNCLAMP) {
                if (st == CLAMPED) {
                    sums.unclamp(s.c[i], s.m[i]);
                    list(i);
                }
                return;
            }
            if (st == OUT) {
                return;
            }
            if (st == CLAMPED) {
                sums.leaveClamped(s.m[i], s.lost[i]);
            } else {
                sums.leaveFree(s.c[i], s.m[i], s.lost[i]);
                unlist(i);
            }
            state[i] = OUT;
        }

        /** Puts EV {@code i} on the list of free dischargers (per-EV a). */
        private void list(int i) {
            state[i] = FREE;
            freePos[i] = listed;
            freeList[listed++] = i;
        }

        private void unlist(int i) {
            int last = freeList[--listed];
            int at = freePos[i];
            freeList[at] = last;
            freePos[last] = at;
        }

        /** {@code R(p)} with the current dischargers (the piece's formula, also at its open end). */
        private double value(double p) {
            if (sums.dischargers() == 0) {
                return s.revenue(p, 0, 0);
            }
            if (s.uniformA) {
                return s.revenue(p, sums.clampedM() + 2.0 * sums.free() - sums.freeC() / (s.commonA - p), sums.lost());
            }
            return s.revenue(p, amountAt(p), sums.lost());
        }

        /** {@code Σ_D |x|} at {@code p} with the current dischargers, per-EV a. */
        private double amountAt(double p) {
            double sum = sums.clampedM();
            for (int j = 0; j < listed; j++) {
                int i = freeList[j];
                sum += 2 - s.c[i] / (s.a[i] - p);
            }
            return sum;
        }

        /**
         * One common {@code a}: {@code S(q) = A − B/q} and, on each side of the kink, {@code R =
         * κ + E0·(g − q)·S(q)} with {@code g = W_grid ± δ + a}, which is {@code α − β/q − γ·q} with
         * {@code β = E0·g·B}, {@code γ = E0·A}: concave when {@code β > 0} (maximum at
         * {@code q = sqrt(gB/A)}), decreasing in {@code q} otherwise. The kink
         * {@code E0·S(q) = E_limit} is at {@code q = B/(A − E_limit/E0)}. Every candidate is valued
         * with the true {@code R}, so taking the best of them is the piece's maximum.
         */
        private void commonPiece(double l, double r) {
            double open = value(r);
            double bestP = l;
            double bestV = value(l);
            if (sums.dischargers() > 0 && sums.free() > 0) { // otherwise constant or linear in p
                double a = s.commonA;
                double bigA = sums.clampedM() + 2.0 * sums.free();
                double bigB = sums.freeC();
                double qLo = a - r;
                double qHi = a - l;
                double denominator = bigA - eLimit / e0;
                for (int k = 0; k < 3; k++) {
                    double q;
                    if (k == 0) {
                        q = denominator > 0 ? bigB / denominator : Double.NaN; // the kink
                    } else {
                        double g = wGrid + (k == 1 ? delta : -delta) + a;
                        q = g * bigB > 0 ? Math.sqrt(g * bigB / bigA) : Double.NaN;
                    }
                    double p = a - q;
                    if (q > qLo && q < qHi && p > l && p < r) {
                        double v = value(p);
                        if (v > bestV) {
                            bestV = v;
                            bestP = p;
                        }
                    }
                }
            }
            // One candidate per piece: its maximum, or the supremum at the open end if that is higher.
            if (open > bestV) {
                offer(r, open, true, l, r);
            } else {
                offer(bestP, bestV, false, l, r);
            }
        }

        /**
         * Per-EV {@code a}: branch and bound over {@code [l, r]}. With
         * {@code g_i = W_grid ± δ + a_i} on the shortfall/excess side, {@code R_± = κ_± +
         * E0·(h_± + p)·S(p)} has {@code R_±' = E0·(M + 2|U| − Σ_U g_i·c_i/q_i²)}; the terms with
         * {@code g_i > 0} fall with {@code p}, those with {@code g_i < 0} rise, so their values at the two
         * ends bound {@code R_±'} on the interval, and two lines through the end values bound
         * {@code R_±}. {@code R = min(R_+, R_−)} (the penalty is {@code −δ|y| = min(−δy, δy)}), so the
         * smaller of the two bounds bounds {@code R}; no kink needs to be found.
         */
        private void perEvPiece(double l, double r) {
            if (sums.dischargers() == 0) {
                double v = s.revenue(l, 0, 0);
                offer(l, v, false, l, r);
                offer(r, s.revenue(r, 0, 0), true, l, r);
                return;
            }
            // Cheap O(1) bound first: every free EV gives at most its m.
            double most = sums.clampedM() + sums.freeM();
            double cheap = s.base - sums.lost() + e0 * Math.max(0, wGrid + r) * most
                    - delta * Math.max(0, eLimit - e0 * most);
            if (cands == KEPT && cheap <= candValue[heap[0]]) {
                discardedBound = Math.max(discardedBound, cheap);
                return;
            }
            Point left = point(l);
            Point right = point(r);
            offer(l, left.value, false, l, r);
            offer(r, right.value, true, l, r);
            if (listed == 0) {
                return; // linear in p
            }
            double slope = sums.clampedM() + 2.0 * listed;
            ArrayDeque<Point[]> stack = new ArrayDeque<>();
            stack.push(new Point[] {left, right});
            int nodes = 0;
            while (!stack.isEmpty() && nodes < MAX_NODES) {
                Point[] node = stack.pop();
                Point x = node[0];
                Point y = node[1];
                double best = bestValue;
                double bound = Math.min(sideBound(x, y, slope, 1), sideBound(x, y, slope, -1));
                if (bound <= best + BB_TOLERANCE * Math.max(1, Math.abs(best))) {
                    discardedBound = Math.max(discardedBound, bound);
                    continue;
                }
                double mid = 0.5 * (x.p + y.p);
                if (!(mid > x.p && mid < y.p)) {
                    discardedBound = Math.max(discardedBound, bound);
                    continue;
                }
                Point m = point(mid);
                nodes++;
                offer(mid, m.value, false, l, r);
                stack.push(new Point[] {m, y});
                stack.push(new Point[] {x, m});
            }
            while (!stack.isEmpty()) { // the node budget ran out: what is left is only bounded
                Point[] node = stack.pop();
                discardedBound = Math.max(discardedBound,
                        Math.min(sideBound(node[0], node[1], slope, 1), sideBound(node[0], node[1], slope, -1)));
            }
        }

        /** Upper bound of {@code R_side} on {@code [x.p, y.p]} (side +1: shortfall, −1: excess). */
        private double sideBound(Point x, Point y, double slope, int side) {
            double fx = sideValue(x, side);
            double fy = sideValue(y, side);
            double dMax = e0 * (slope - x.positive(side) - y.negative(side));
            double dMin = e0 * (slope - y.positive(side) - x.negative(side));
            if (dMax <= 0) {
                return fx;
            }
            if (dMin >= 0) {
                return fy;
            }
            double t = (fy - fx + dMax * x.p - dMin * y.p) / (dMax - dMin);
            t = Math.min(y.p, Math.max(x.p, t));
            return Math.min(fx + dMax * (t - x.p), fy - dMin * (y.p - t));
        }

        private double sideValue(Point x, int side) {
            return s.base - sums.lost() + e0 * (wGrid + x.p) * x.amount - side * delta * (eLimit - e0 * x.amount);
        }

        private Point point(double p) {
            double amount = sums.clampedM();
            double posPlus = 0;
            double negPlus = 0;
            double posMinus = 0;
            double negMinus = 0;
            double gPlus = wGrid + delta;
            double gMinus = wGrid - delta;
            for (int j = 0; j < listed; j++) {
                int i = freeList[j];
                double q = s.a[i] - p;
                double cq = s.c[i] / q;
                amount += 2 - cq;
                double w = cq / q;
                double gp = (gPlus + s.a[i]) * w;
                double gm = (gMinus + s.a[i]) * w;
                if (gp > 0) {
                    posPlus += gp;
                } else {
                    negPlus += gp;
                }
                if (gm > 0) {
                    posMinus += gm;
                } else {
                    negMinus += gm;
                }
            }
            return new Point(p, amount, s.revenue(p, amount, sums.lost()), posPlus, negPlus, posMinus, negMinus);
        }

        /**
         * Keeps the {@link #KEPT} best candidates. {@code heap} holds slot numbers as a binary heap whose
         * root is the worst kept candidate: in a rising run of pieces every piece is a new best, and a
         * sift of slot numbers (depth 4) is what that costs.
         */
        private void offer(double p, double v, boolean open, double left, double right) {
            if (!(v == v)) {
                return;
            }
            if (!heapMode) {
                if (topLeft != topLeft || before(v, p, open, topValue, topPrice, topOpen)) {
                    runnerUp = Math.max(runnerUp, topValue);
                    topValue = v;
                    topPrice = p;
                    topOpen = open;
                    topLeft = left;
                    topRight = right;
                } else {
                    runnerUp = Math.max(runnerUp, v);
                }
                return;
            }
            if (v < threshold) {
                return;
            }
            bestValue = Math.max(bestValue, v);
            int slot;
            boolean appended = cands < KEPT;
            if (appended) {
                slot = cands;
                heap[cands++] = slot;
            } else {
                slot = heap[0];
                if (v < candValue[slot] || !before(v, p, open, candValue[slot], candPrice[slot], candOpen[slot])) {
                    return; // the common case, decided on one comparison
                }
            }
            candValue[slot] = v;
            candPrice[slot] = p;
            candOpen[slot] = open;
            candLeft[slot] = left;
            candRight[slot] = right;
            if (appended) {
                for (int at = cands - 1; at > 0 && worse(heap[at], heap[(at - 1) >> 1]); at = (at - 1) >> 1) {
                    int up = heap[(at - 1) >> 1];
                    heap[(at - 1) >> 1] = heap[at];
                    heap[at] = up;
                }
                return;
            }
            for (int at = 0; ; ) {
                int child = 2 * at + 1;
                if (child >= cands) {
                    break;
                }
                if (child + 1 < cands && worse(heap[child + 1], heap[child])) {
                    child++;
                }
                if (!worse(heap[child], heap[at])) {
                    break;
                }
                int down = heap[at];
                heap[at] = heap[child];
                heap[child] = down;
                at = child;
            }
        }

        /** Slot {@code x} ranks after slot {@code y}. */
        private boolean worse(int x, int y) {
            return before(candValue[y], candPrice[y], candOpen[y], candValue[x], candPrice[x], candOpen[x]);
        }

        private void swap(int x, int y) {
            double v = candValue[x];
            candValue[x] = candValue[y];
            candValue[y] = v;
            double p = candPrice[x];
            candPrice[x] = candPrice[y];
            candPrice[y] = p;
            boolean o = candOpen[x];
            candOpen[x] = candOpen[y];
            candOpen[y] = o;
            double l = candLeft[x];
            candLeft[x] = candLeft[y];
            candLeft[y] = l;
            double r = candRight[x];
            candRight[x] = candRight[y];
            candRight[y] = r;
        }

        private static boolean before(double v, double p, boolean open, double v2, double p2, boolean open2) {
            if (v != v2) {
                return v > v2;
            }
            if (p != p2) {
                return p > p2;
            }
            return !open && open2;
        }

        /**
         * The published price: the best, by the literal valuation, of the attained piece candidates
         * ({@link #chooseCandidates}), the grid points in the {@link NoiseBand} of some threshold (where the
         * reference's value may be what no piece predicts) and, only if the pieces' best prediction or a
         * bound the search discarded beats that value by more than SPEC's tolerance (an attainment that
         * collapsed), the kernels' grid argmax off the band. Ties go to the larger price.
         */
        double choose() {
            double bestP = chooseCandidates();
            double bestV = chosenRevenue;
            int[] band = NoiseBand.gridPoints(s);
            for (int k : band) {
                double p = s.grid.price(k);
                double v = keep(p, bestV, bestP);
                if (v > bestV || (v == bestV && p > bestP)) {
                    bestV = v;
                    bestP = p;
                }
            }
            double ceiling = Math.max(Math.max(topValue, runnerUp), Math.max(bestValue, discardedBound));
            if (bestV < ceiling - 1e-10 * Math.max(1, Math.abs(ceiling))) {
                fallbacks++;
                int from = 0;
                for (int j = 0; j <= band.length; j++) {
                    int to = j < band.length ? band[j] : s.grid.size();
                    if (to > from) {
                        GridPoint g = Kernels.scalar().best(s, from, to);
                        double p = s.grid.price(g.k());
                        double v = keep(p, bestV, bestP);
                        if (v > bestV || (v == bestV && p > bestP)) {
                            bestV = v;
                            bestP = p;
                        }
                    }
                    from = to + 1;
                }
            }
            return bestP;
        }

        /**
         * Turns the best candidates into attained prices and values them honestly, best predicted
         * first, until no remaining prediction beats the best value found.
         */
        private double chooseCandidates() {
            double bestP = pMax;
            double bestV = Double.NEGATIVE_INFINITY;
            if (!heapMode) {
                bestP = attain(topPrice, topOpen, topLeft, topRight);
                bestV = evaluate(bestP, chosenAmounts);
                chosenRevenue = bestV;
                // Another piece can only win if its prediction beats the attained value by more than
                // rounding; then sweep again, keeping just those candidates.
                if (!(runnerUp > bestV + 1e-12 * Math.max(1, Math.abs(bestV)))) {
                    return bestP;
                }
                sums = initialSums.copy();
                heapMode = true;
                threshold = bestV;
                pieces();
            }
            for (int i = 1; i < cands; i++) { // at most KEPT entries: insertion sort, best first
                for (int j = i; j > 0 && before(candValue[j], candPrice[j], candOpen[j], candValue[j - 1],
                        candPrice[j - 1], candOpen[j - 1]); j--) {
                    swap(j, j - 1);
                }
            }
            for (int j = 0; j < cands; j++) {
                if (bestV > Double.NEGATIVE_INFINITY && !(candValue[j] > bestV)) {
                    break;
                }
                double p = attain(candPrice[j], candOpen[j], candLeft[j], candRight[j]);
                double v = keep(p, bestV, bestP);
                if (v > bestV || (v == bestV && p > bestP)) {
                    bestV = v;
                    bestP = p;
                }
            }
            return bestP;
        }

        /**
         * Values {@code p} honestly into the scratch amounts; if it beats {@code (bestV, bestP)} its
         * amounts and revenue become the chosen ones (the buffers swap, so the answer's dispatch costs
         * no extra pass).
         */
        private double keep(double p, double bestV, double bestP) {
            if (scratch == null) {
                scratch = new double[n];
            }
            double v = evaluate(p, scratch);
            if (v > bestV || (v == bestV && p > bestP)) {
                double[] t = chosenAmounts;
                chosenAmounts = scratch;
                scratch = t;
                chosenRevenue = v;
            }
            return v;
        }

        /**
         * The price to publish for a candidate of the piece {@code [l, r)}: the candidate itself if the
         * EVs near it answer as on the piece, else the attained price nearest to the end it is close to
         * (a stationary point may fall within rounding of a breakpoint too).
         */
        private double attain(double p, boolean open, double l, double r) {
            if (open) {
                return settle(l, r, true);
            }
            if (!(l < r) || agrees(p, l)) {
                return p;
            }
            return r - p < p - l ? settle(l, r, true) : settle(l, r, false);
        }

        /**
         * An attained price of the piece {@code [l, r)} as close as rounding allows to the candidate:
         * for the open end, the largest price below {@code r}, for the closed end {@code l} the
         * smallest price from {@code l} up, at which every EV near the price answers as on the piece,
         * by the prepared threshold and by the literal {@link Follower}. At a breakpoint itself either
         * may round the other way. If the first price fails, the distance from the end doubles until
         * one holds and is then bisected back towards the end, to 1e−13 relative.
         */
        private double settle(double l, double r, boolean open) {
            double end = open ? r : l;
            double p = open ? Math.nextDown(r) : l;
            if (!(p >= l && p < r) || agrees(p, l)) {
                return open && p < l ? l : p;
            }
            double bad = p;
            double good = Double.NaN;
            // The literal Follower's noise band is ~1e-8 relative: start the doubling well inside it and
            // stop the bisection at 1e-13 relative, where a nearer price no longer changes R visibly.
            double fine = 1e-13 * Math.abs(end) + 2 * Math.ulp(end);
            for (double h = Math.max(2 * Math.abs(p - end), 10 * fine); ; h *= 2) {
                double t = open ? r - h : l + h;
                if (!(t >= l && t < r)) {
                    return open ? l : p; // nothing agrees: keep the honest value of the end itself
                }
                if (agrees(t, l)) {
                    good = t;
                    break;
                }
                bad = t;
            }
            for (int step = 0; step < 60 && Math.abs(bad - good) > fine; step++) {
                double mid = 0.5 * (good + bad);
                if (mid == good || mid == bad) {
                    break;
                }
                if (agrees(mid, l)) {
                    good = mid;
                } else {
                    bad = mid;
                }
            }
            return good;
        }

        /** True when every EV whose breakpoint is within the window of {@code p} answers as on the piece. */
        private boolean agrees(double p, double l) {
            double window = 2 * NEAR * Math.abs(p) + Double.MIN_NORMAL;
            int k = lowerBound(eventKey, events, p - window);
            for (; k < events && eventKey[k] <= p + window; k++) {
                if ((eventEntry[k] & 3) == UNCLAMP) {
                    continue;
                }
                int i = eventEntry[k] >> 2;
                boolean onPiece = eventKey[k] > l;
                boolean prepared = s.qStar[i] < s.a[i] - p;
                if (prepared != onPiece) {
                    return false;
                }
                boolean literal = Follower.respond(fleet, i, market, p).amount() < 0;
                if (literal != onPiece) {
                    return false;
                }
            }
            return true;
        }

        private static int lowerBound(double[] sorted, int length, double key) {
            int lo = 0;
            int hi = length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (sorted[mid] < key) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        /**
         * {@code R(p)} in one O(N) pass by the literal follower: the reference's value at {@code p}.
         *
         * @param amounts receives every EV's signed amount, or {@code null}
         */
        double evaluate(double p, double[] amounts) {
            return LiteralValuation.revenue(fleet, market, p, amounts);
        }
    }

    /** {@code R} and the bounds' ingredients at one price of a per-EV-a piece. */
    private record Point(double p, double amount, double value, double posPlus, double negPlus, double posMinus,
            double negMinus) {

        double positive(int side) {
            return side > 0 ? posPlus : posMinus;
        }

        double negative(int side) {
            return side > 0 ? negPlus : negMinus;
        }
    }
}
