package org.v2g.kernel;

/**
 * The EVs that discharge somewhere in {@code (p_dmin, p_dmax]}, laid out for the per-EV-{@code a}
 * branch and bound ({@link PerEvSearch}): sorted by their leave breakpoint {@code b = a − qStar},
 * largest first, so the dischargers of any price are a prefix of the table, and {@code Σ_D |x|} at a
 * price is one pass over that prefix.
 *
 * <p>Membership is decided against a reference price {@code ref} that is a boundary of the event table
 * ({@link ExactEvents}): on the piece {@code [ref, next)} the dischargers are {@code {b > ref}} and the
 * clamped ones {@code {u > ref}} ({@code u = a − c/(2 − m)}, or {@code +∞} when the EV leaves before it
 * unclamps). Amounts are then the piece formula {@code m} or {@code 2 − c/(a − p)} at any {@code p} of
 * the piece, its open right end included: the same rule as the sweep's running state.
 *
 * <p>The table also keeps prefix sums of {@code lost} and of its negative part, so {@code Σ_D lost} and
 * the most that leaving EVs inside a span can add to the revenue are O(1) (docs/EXACT.md section 3).
 *
 * <p>Thread-safe after construction: read only.
 */
final class DischargerTable {
    /** Leave breakpoints, descending. */
    final double[] b;
    final double[] u;
    final double[] a;
    final double[] c;
    final double[] m;
    /** Fleet index of each row. */
    final int[] ev;
    private final double[] lostPrefix;
    private final double[] negativeLostPrefix;
    final int size;

    private DischargerTable(int size) {
        this.size = size;
        this.b = new double[size];
        this.u = new double[size];
        this.a = new double[size];
        this.c = new double[size];
        this.m = new double[size];
        this.ev = new int[size];
        this.lostPrefix = new double[size + 1];
        this.negativeLostPrefix = new double[size + 1];
    }

    /** The event table's members, ordered by descending leave breakpoint (O(N) once the events are sorted). */
    static DischargerTable of(PreparedSlot s, ExactEvents events) {
        events.sortAll();
        DischargerTable t = new DischargerTable(events.memberCount);
        double pMax = s.market.pdMax();
        int row = 0;
        for (int j = 0; j < events.memberCount; j++) { // those that never leave come first
            int i = events.members[j];
            if (s.a[i] - s.qStar[i] > pMax) {
                row = t.put(row, s, i);
            }
        }
        for (int k = events.count - 1; k >= 0; k--) {
            int entry = events.entry[k];
            if (ExactEvents.kind(entry) != ExactEvents.UNCLAMP) {
                row = t.put(row, s, ExactEvents.ev(entry));
            }
        }
        DischargerSums.Neumaier lost = new DischargerSums.Neumaier();
        DischargerSums.Neumaier negative = new DischargerSums.Neumaier();
        for (int j = 0; j < t.size; j++) {
            double l = s.lost[t.ev[j]];
            lost.add(l);
            negative.add(Math.min(0, l));
            t.lostPrefix[j + 1] = lost.value();
            t.negativeLostPrefix[j + 1] = negative.value();
        }
        return t;
    }

    private int put(int row, PreparedSlot s, int i) {
        double leave = s.a[i] - s.qStar[i];
        double unclamp = s.a[i] - s.c[i] / (2 - s.m[i]);
        b[row] = leave;
        u[row] = unclamp < leave ? unclamp : Double.POSITIVE_INFINITY;
        a[row] = s.a[i];
        c[row] = s.c[i];
        m[row] = s.m[i];
        ev[row] = i;
        return row + 1;
    }

    /** The number of rows with {@code b > ref}: the dischargers of the piece that starts at {@code ref}. */
    int dischargers(double ref) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (b[mid] > ref) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** {@code Σ lost} over the first {@code rows} rows. */
    double lost(int rows) {
        return lostPrefix[rows];
    }

    /** {@code Σ min(0, lost)} over the rows {@code [from, to)}. */
    double negativeLost(int from, int to) {
        return negativeLostPrefix[to] - negativeLostPrefix[from];
    }

    /** {@code Σ_D |x|} at {@code p} on the piece that starts at {@code ref} ({@code p ≥ ref}, up to its open end). */
    double amount(double p, double ref) {
        int rows = dischargers(ref);
        double sum = 0;
        for (int j = 0; j < rows; j++) {
            sum += u[j] > ref ? m[j] : 2 - c[j] / (a[j] - p);
        }
        return sum;
    }

    /**
     * At a boundary {@code p} of the event table, {@code Σ_D |x|} as the left end of its piece
     * ({@code ref = p}) and as the open right end of the piece before ({@code ref = before}), in one pass.
     *
     * @return {@code {left, right}}
     */
    double[] boundary(double p, double before) {
        int left = dischargers(p);
        int right = dischargers(before);
        double sumLeft = 0;
        double sumRight = 0;
        for (int j = 0; j < left; j++) {
            double free = 2 - c[j] / (a[j] - p);
            sumLeft += u[j] > p ? m[j] : free;
            sumRight += u[j] > before ? m[j] : free;
        }
        for (int j = left; j < right; j++) {
            sumRight += u[j] > before ? m[j] : 2 - c[j] / (a[j] - p);
        }
        return new double[] {sumLeft, sumRight};
    }
}
