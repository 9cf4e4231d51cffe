package org.v2g.kernel;

/**
 * Turns a candidate of a piece {@code [l, r)} into a price that is attained: a price where the EVs near
 * it answer as on the piece, both by the prepared threshold and by the literal {@link Follower}
 * (docs/EXACT.md section 4). The supremum at an open end is not attained (the leaving EV idles at the
 * breakpoint, SPEC's tie rule), and at a breakpoint either rule may round the other way.
 *
 * <p>Not thread-safe: sorts the buckets of the event table it reads ({@link ExactEvents#sortBetween}).
 */
final class Attainment {
    /** Relative window {@code |p − b|/|p|} within which an EV's answer is checked. */
    static final double NEAR = 1e-6;

    private final Fleet fleet;
    private final PreparedSlot s;
    private final ExactEvents events;

    Attainment(Fleet fleet, PreparedSlot s, ExactEvents events) {
        this.fleet = fleet;
        this.s = s;
        this.events = events;
    }

    /**
     * The price to publish for a candidate: the candidate itself if the EVs near it answer as on the
     * piece, else the attained price nearest to the end it is close to (a stationary point may fall
     * within rounding of a breakpoint too).
     */
    double price(Candidates.Candidate c) {
        double l = c.left();
        double r = c.right();
        if (c.open()) {
            return settle(l, r, true);
        }
        double p = c.price();
        if (!(l < r) || agrees(p, l)) {
            return p;
        }
        return r - p < p - l ? settle(l, r, true) : settle(l, r, false);
    }

    /**
     * An attained price of {@code [l, r)} as close as rounding allows to one end: for the open end the
     * largest price below {@code r}, for the closed end {@code l} the smallest from {@code l} up, at which
     * every EV near the price answers as on the piece. If the first price fails, the distance from the
     * end doubles until one holds and is then bisected back towards the end, to 1e−13 relative.
     */
    double settle(double l, double r, boolean open) {
        double end = open ? r : l;
        double p = open ? Math.nextDown(r) : l;
        if (!(p >= l && p < r) || agrees(p, l)) {
            return open && p < l ? l : p;
        }
        double bad = p;
        double good;
        // The literal Follower's noise band is ~1e-8 relative: start the doubling well inside it and stop
        // the bisection at 1e-13 relative, where a nearer price no longer changes R visibly.
        double fine = 1e-13 * Math.abs(end) + 2 * Math.ulp(end);
        for (double h = Math.max(2 * Math.abs(p - end), 10 * fine); ; h *= 2) {
            double t = open ? r - h : l + h;
            if (!(t >= l && t < r)) {
                return open ? l : p; // nothing agrees: keep the end itself, valued literally
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

    /** True when every EV whose breakpoint is within the window of {@code p} answers as on the piece {@code [l, …)}. */
    boolean agrees(double p, double l) {
        double window = 2 * NEAR * Math.abs(p) + Double.MIN_NORMAL;
        events.sortBetween(p - window, p + window);
        for (int k = events.lowerBound(p - window); k < events.count && events.key[k] <= p + window; k++) {
            int entry = events.entry[k];
            if (ExactEvents.kind(entry) == ExactEvents.UNCLAMP) {
                continue;
            }
            int i = ExactEvents.ev(entry);
            boolean onPiece = events.key[k] > l;
            boolean prepared = s.qStar[i] < s.a[i] - p;
            if (prepared != onPiece) {
                return false;
            }
            boolean literal = Follower.respond(fleet, i, s.market, p).amount() < 0;
            if (literal != onPiece) {
                return false;
            }
        }
        return true;
    }
}
