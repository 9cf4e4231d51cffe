package org.v2g.kernel;

import java.util.PriorityQueue;

/**
 * The maximum of {@code R} over {@code [p_dmin, p_dmax]} when {@code a} differs per EV: one best-first
 * branch and bound over the whole interval (docs/EXACT.md section 3), instead of a search inside every
 * piece.
 *
 * <p>A node is a span {@code [B_lo, B_hi)} of consecutive boundaries of the event table. Across a span
 * the dischargers only shrink and {@code S = Σ_D |x|} only falls as the price rises, so the amounts at
 * its two ends ({@link DischargerTable#boundary}) and the most the EVs leaving inside it can add
 * bound {@code R} on the whole span; a span is split at its middle boundary. A single piece is then
 * searched with the sharper bound of its derivative: with {@code g_i = W_grid ± δ + a_i},
 * {@code R_±' = E0·(M + 2|U| − Σ_U g_i·c_i/q_i²)}; the terms with {@code g_i > 0} fall with {@code p},
 * those with {@code g_i < 0} rise, so their values at the two ends bound {@code R_±'} and two lines
 * through the end values bound {@code R_±}; {@code R = min(R_+, R_−)}. A piece's node is split at its
 * midpoint.
 *
 * <p>The node of the largest bound is split first; the search stops when no bound beats the best value
 * offered by more than {@value #TOLERANCE}·max(1,|R|), or after {@link #budget} passes over the table.
 * Every bound it leaves unsplit is kept in {@link #discardedBound}: if the candidates' literal values
 * fall short of it, the solver knows its search was not conclusive and values the grid.
 *
 * <p>Not thread-safe: one per solve.
 */
final class PerEvSearch {
    /** Relative tolerance of the branch and bound. */
    static final double TOLERANCE = 1e-11;
    /** Passes every search may take, however small the grid. */
    static final int MIN_BUDGET = 4096;

    private final PreparedSlot s;
    private final DischargerTable table;
    private final Candidates out;
    private final double[] boundaries;
    private final int last;
    private final int budget;
    private final double e0;
    private final double wGrid;
    private final double delta;
    private final double eLimit;
    private double discardedBound = Double.NEGATIVE_INFINITY;
    private int passes;

    /**
     * @param budget passes over the table (each O(N)) before the remaining nodes are only bounded
     */
    PerEvSearch(PreparedSlot s, ExactEvents events, DischargerTable table, Candidates out, int budget) {
        this.s = s;
        this.table = table;
        this.out = out;
        this.budget = budget;
        this.e0 = s.market.e0();
        this.wGrid = s.market.wGrid();
        this.delta = s.market.delta();
        this.eLimit = s.market.eLimit();
        double pMin = s.market.pdMin();
        double pMax = s.market.pdMax();
        double[] bounds = new double[events.count + 2];
        int count = 0;
        bounds[count++] = pMin;
        for (int k = 0; k < events.count; k++) {
            if (events.key[k] > bounds[count - 1]) {
                bounds[count++] = events.key[k];
            }
        }
        if (bounds[count - 1] < pMax) {
            bounds[count++] = pMax;
        }
        this.boundaries = bounds;
        this.last = count - 1;
    }

    /** The passes over the table the search took. */
    int passes() {
        return passes;
    }

    /** The largest upper bound left unsplit. */
    double discardedBound() {
        return discardedBound;
    }

    /** Offers the boundaries' values and the points the search values inside; then {@link #discardedBound} is set. */
    void run() {
        double pMax = boundaries[last];
        double atMax = table.amount(pMax, pMax);
        int rowsAtMax = table.dischargers(pMax);
        passes++;
        out.offer(pMax, s.revenue(pMax, atMax, table.lost(rowsAtMax)), false, pMax, pMax);
        if (last == 0) {
            return;
        }
        double p0 = boundaries[0];
        double first = table.amount(p0, p0);
        passes++;
        offerLeft(0, first);
        double end = last == 1 ? table.amount(pMax, p0) : table.amount(pMax, boundaries[last - 1]);
        passes++;
        offerRight(last, end);
        PriorityQueue<Node> queue = new PriorityQueue<>((x, y) -> Double.compare(y.bound, x.bound));
        queue.add(span(0, last, first, end));
        while (!queue.isEmpty()) {
            Node node = queue.poll();
            double best = out.ceiling();
            if (node.bound <= best + TOLERANCE * Math.max(1, Math.abs(best)) || passes >= budget) {
                discardedBound = Math.max(discardedBound, node.bound);
                break; // every other node's bound is at most this one's
            }
            if (node.x != null) {
                splitInside(node, queue);
            } else if (node.hi - node.lo > 1) {
                splitSpan(node, queue);
            } else {
                open(node, queue);
            }
        }
    }

    private void splitSpan(Node node, PriorityQueue<Node> queue) {
        int mid = (node.lo + node.hi) >>> 1;
        double[] views = table.boundary(boundaries[mid], boundaries[mid - 1]);
        passes++;
        offerLeft(mid, views[0]);
        offerRight(mid, views[1]);
        queue.add(span(node.lo, mid, node.leftAmount, views[1]));
        queue.add(span(mid, node.hi, views[0], node.rightAmount));
    }

    /** A single piece: its ends with the derivative's ingredients, and the sharper bound. */
    private void open(Node node, PriorityQueue<Node> queue) {
        double l = boundaries[node.lo];
        double r = boundaries[node.hi];
        Point x = point(l, l);
        Point y = point(r, l);
        if (x.free == 0) {
            return; // constant or linear in p: the ends, already offered, are its maximum
        }
        queue.add(inside(node.lo, x, y, node.bound));
    }

    private void splitInside(Node node, PriorityQueue<Node> queue) {
        double mid = 0.5 * (node.x.p + node.y.p);
        if (!(mid > node.x.p && mid < node.y.p)) {
            discardedBound = Math.max(discardedBound, node.bound);
            return;
        }
        double l = boundaries[node.lo];
        Point m = point(mid, l);
        out.offer(mid, m.value, false, l, boundaries[node.lo + 1]);
        queue.add(inside(node.lo, node.x, m, node.bound));
        queue.add(inside(node.lo, m, node.y, node.bound));
    }

    private void offerLeft(int j, double amount) {
        double p = boundaries[j];
        double value = s.revenue(p, amount, table.lost(table.dischargers(p)));
        out.offer(p, value, false, p, j < last ? boundaries[j + 1] : p);
    }

    private void offerRight(int j, double amount) {
        double p = boundaries[j];
        double before = boundaries[j - 1];
        double value = s.revenue(p, amount, table.lost(table.dischargers(before)));
        out.offer(p, value, true, before, p);
    }

    /**
     * The bound of a span {@code [B_lo, B_hi)} from {@code S} at its left end and just left of its right
     * end: {@code S} lies between them, the EVs in {@code {b ≥ B_hi}} discharge throughout and those
     * leaving inside add at most their negative {@code lost}.
     */
    private Node span(int lo, int hi, double leftAmount, double rightAmount) {
        int rowsLeft = table.dischargers(boundaries[lo]);
        int rowsRight = table.dischargers(boundaries[hi - 1]);
        double y = boundaries[hi];
        double lost = table.lost(rowsRight) + table.negativeLost(rowsRight, rowsLeft);
        double gain = e0 * Math.max((wGrid + y) * leftAmount, (wGrid + y) * rightAmount);
        double low = e0 * rightAmount;
        double high = e0 * leftAmount;
        double shortOrExcess = low > eLimit ? low - eLimit : (high < eLimit ? eLimit - high : 0);
        double bound = s.base - lost + gain - delta * shortOrExcess;
        return new Node(bound, lo, hi, leftAmount, rightAmount, null, null);
    }

    private Node inside(int lo, Point x, Point y, double parentBound) {
        return new Node(Math.min(parentBound, bound(x, y)), lo, lo + 1, x.amount, y.amount, x, y);
    }

    /** An upper bound of {@code R} on {@code [x.p, y.p]} inside one piece. */
    double bound(Point x, Point y) {
        return Math.min(sideBound(x, y, 1), sideBound(x, y, -1));
    }

    /** Upper bound of {@code R_side} on {@code [x.p, y.p]} (side +1: shortfall, −1: excess). */
    private double sideBound(Point x, Point y, int side) {
        double fx = sideValue(x, side);
        double fy = sideValue(y, side);
        double dMax = e0 * (x.slope - x.positive(side) - y.negative(side));
        double dMin = e0 * (x.slope - y.positive(side) - x.negative(side));
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
        return s.base - x.lost + e0 * (wGrid + x.p) * x.amount - side * delta * (eLimit - e0 * x.amount);
    }

    /** {@code R} and the bound's ingredients at {@code p} on the piece that starts at {@code ref}. */
    Point point(double p, double ref) {
        passes++;
        int rows = table.dischargers(ref);
        double amount = 0;
        double slope = 0;
        int free = 0;
        double posPlus = 0;
        double negPlus = 0;
        double posMinus = 0;
        double negMinus = 0;
        double gPlus = wGrid + delta;
        double gMinus = wGrid - delta;
        for (int j = 0; j < rows; j++) {
            if (table.u[j] > ref) {
                amount += table.m[j];
                slope += table.m[j];
                continue;
            }
            free++;
            double q = table.a[j] - p;
            double cq = table.c[j] / q;
            amount += 2 - cq;
            double w = cq / q;
            double gp = (gPlus + table.a[j]) * w;
            double gm = (gMinus + table.a[j]) * w;
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
        slope += 2.0 * free;
        double lost = table.lost(rows);
        return new Point(p, amount, lost, s.revenue(p, amount, lost), slope, free, posPlus, negPlus, posMinus,
                negMinus);
    }

    /** A node: a span of boundaries, or (with {@code x}, {@code y}) a stretch inside the piece {@code lo}. */
    private record Node(double bound, int lo, int hi, double leftAmount, double rightAmount, Point x, Point y) {
    }

    /** {@code R} and the bounds' ingredients at one price of a piece. */
    record Point(double p, double amount, double lost, double value, double slope, int free, double posPlus,
            double negPlus, double posMinus, double negMinus) {

        double positive(int side) {
            return side > 0 ? posPlus : posMinus;
        }

        double negative(int side) {
            return side > 0 ? negPlus : negMinus;
        }
    }
}
