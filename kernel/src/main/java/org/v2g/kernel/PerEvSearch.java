package org.v2g.kernel;

import java.util.ArrayDeque;

/**
 * The maximum of {@code R} on one piece {@code [l, r]} when {@code a} differs per EV: a branch and bound
 * (docs/EXACT.md section 3). With {@code g_i = W_grid ± δ + a_i} on the shortfall/excess side,
 * {@code R_± = κ_± + E0·(h_± + p)·S(p)} has {@code R_±' = E0·(M + 2|U| − Σ_U g_i·c_i/q_i²)}; the terms
 * with {@code g_i > 0} fall with {@code p}, those with {@code g_i < 0} rise, so their values at the two
 * ends bound {@code R_±'} on the interval, and two lines through the end values bound {@code R_±}.
 * {@code R = min(R_+, R_−)} (the penalty is {@code −δ|y| = min(−δy, δy)}), so the smaller of the two
 * bounds bounds {@code R}; no kink needs to be found. A node is split while its bound beats the best
 * value offered so far by more than {@value #TOLERANCE}·max(1,|R|).
 *
 * <p>Every bound it discards without valuing is kept in {@link #discardedBound}: if the candidates'
 * literal values later fall short of it, the solver knows its search is not conclusive.
 *
 * <p>Not thread-safe: one per solve.
 */
final class PerEvSearch {
    /** Relative tolerance of the branch and bound. */
    static final double TOLERANCE = 1e-11;
    /** Nodes one piece may use before its remaining nodes are only bounded. */
    static final int MAX_NODES = 4096;

    private final PreparedSlot s;
    private final SweepState state;
    private final Candidates out;
    private final double e0;
    private final double wGrid;
    private final double delta;
    private final double eLimit;
    private double discardedBound = Double.NEGATIVE_INFINITY;

    PerEvSearch(PreparedSlot s, SweepState state, Candidates out) {
        this.s = s;
        this.state = state;
        this.out = out;
        this.e0 = s.market.e0();
        this.wGrid = s.market.wGrid();
        this.delta = s.market.delta();
        this.eLimit = s.market.eLimit();
    }

    /** The largest upper bound discarded without valuing (pruned pieces and nodes). */
    double discardedBound() {
        return discardedBound;
    }

    /** Offers the ends of {@code [l, r)} (the right one open) and the points the search values inside. */
    void piece(double l, double r) {
        DischargerSums sums = state.sums();
        if (sums.dischargers() == 0) {
            out.offer(l, s.revenue(l, 0, 0), false, l, r);
            out.offer(r, s.revenue(r, 0, 0), true, l, r);
            return;
        }
        // Cheap O(1) bound first: every free EV gives at most its m.
        double most = sums.clampedM() + sums.freeM();
        double cheap = s.base - sums.lost() + e0 * Math.max(0, wGrid + r) * most
                - delta * Math.max(0, eLimit - e0 * most);
        if (out.excludes(cheap)) {
            discardedBound = Math.max(discardedBound, cheap);
            return;
        }
        Point left = point(l);
        Point right = point(r);
        out.offer(l, left.value, false, l, r);
        out.offer(r, right.value, true, l, r);
        if (state.free() == 0) {
            return; // linear in p
        }
        double slope = sums.clampedM() + 2.0 * state.free();
        ArrayDeque<Point[]> stack = new ArrayDeque<>();
        stack.push(new Point[] {left, right});
        int nodes = 0;
        while (!stack.isEmpty() && nodes < MAX_NODES) {
            Point[] node = stack.pop();
            Point x = node[0];
            Point y = node[1];
            double best = out.ceiling();
            double bound = bound(x, y, slope);
            double mid = 0.5 * (x.p + y.p);
            if (bound <= best + TOLERANCE * Math.max(1, Math.abs(best)) || !(mid > x.p && mid < y.p)) {
                discardedBound = Math.max(discardedBound, bound);
                continue;
            }
            Point m = point(mid);
            nodes++;
            out.offer(mid, m.value, false, l, r);
            stack.push(new Point[] {m, y});
            stack.push(new Point[] {x, m});
        }
        while (!stack.isEmpty()) { // the node budget ran out: what is left is only bounded
            Point[] node = stack.pop();
            discardedBound = Math.max(discardedBound, bound(node[0], node[1], slope));
        }
    }

    /** An upper bound of {@code R} on {@code [x.p, y.p]}. */
    double bound(Point x, Point y, double slope) {
        return Math.min(sideBound(x, y, slope, 1), sideBound(x, y, slope, -1));
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
        return s.base - state.sums().lost() + e0 * (wGrid + x.p) * x.amount
                - side * delta * (eLimit - e0 * x.amount);
    }

    /** {@code R} and the bound's ingredients at {@code p}, with the current dischargers. */
    Point point(double p) {
        double amount = state.sums().clampedM();
        double posPlus = 0;
        double negPlus = 0;
        double posMinus = 0;
        double negMinus = 0;
        double gPlus = wGrid + delta;
        double gMinus = wGrid - delta;
        for (int j = 0; j < state.free(); j++) {
            int i = state.freeEv(j);
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
        return new Point(p, amount, s.revenue(p, amount, state.sums().lost()), posPlus, negPlus, posMinus, negMinus);
    }

    /** {@code R} and the bounds' ingredients at one price of a piece. */
    record Point(double p, double amount, double value, double posPlus, double negPlus, double posMinus,
            double negMinus) {

        double positive(int side) {
            return side > 0 ? posPlus : posMinus;
        }

        double negative(int side) {
            return side > 0 ? negPlus : negMinus;
        }
    }
}
