package org.v2g.kernel;

/**
 * The exact solver's event table: every price of {@code (p_dmin, p_dmax]} where an EV changes its
 * answer, sorted, and who discharges at {@code p_dmin}.
 *
 * <p>Each EV that can discharge has two breakpoints: {@code b = a − qStar}, below which it discharges
 * (strictly: at {@code p = b} it does not, SPEC's tie rule), and {@code a − c/(2 − m)}, below which its
 * amount is clamped at {@code m}. An entry is {@code 4·i + kind}: {@link #LEAVE_CLAMPED} or
 * {@link #LEAVE_FREE} (EV {@code i} stops discharging; which of the two is known when the table is built,
 * since its clamp event, if any, comes first) or {@link #UNCLAMP} (its amount leaves the bound {@code m}).
 *
 * <p>Thread-safe after construction: read only.
 */
final class ExactEvents {
    static final int LEAVE_CLAMPED = 0;
    static final int LEAVE_FREE = 1;
    static final int UNCLAMP = 2;

    /** Sorted prices. */
    final double[] key;
    final int[] entry;
    /** Payload {@code c}, {@code m}, {@code lost} in event order (common a, large tables only), or null. */
    final double[] c;
    final double[] m;
    final double[] lost;
    final int count;
    /** The EVs that discharge somewhere in the interval (those given to {@code start}), in fleet order. */
    final int[] members;
    final int memberCount;

    private ExactEvents(EventOrder.Sorted sorted, int count, int[] members, int memberCount) {
        this.key = sorted.key();
        this.entry = sorted.entry();
        this.c = sorted.x();
        this.m = sorted.y();
        this.lost = sorted.z();
        this.count = count;
        this.members = members;
        this.memberCount = memberCount;
    }

    /** The table of the slot; {@code start} receives every EV that discharges at {@code p_dmin}. */
    static ExactEvents build(PreparedSlot s, SweepState start) {
        double pMin = s.market.pdMin();
        double pMax = s.market.pdMax();
        double[] key = new double[2 * s.n];
        int[] entry = new int[2 * s.n];
        int count = 0;
        int[] members = new int[s.n];
        int memberCount = 0;
        for (int i = 0; i < s.n; i++) {
            double qStar = s.qStar[i];
            if (!(qStar < Double.POSITIVE_INFINITY)) {
                continue; // never discharges
            }
            double b = s.a[i] - qStar;
            if (!(b > pMin)) {
                continue; // out on the whole interval
            }
            double unclamp = s.a[i] - s.c[i] / (2 - s.m[i]);
            start.enter(i, unclamp > pMin);
            members[memberCount++] = i;
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
        // Payload travels with the events only for large tables, where reading it by EV index in event
        // order would miss the caches; small tables read it in place.
        boolean carry = s.uniformA && count > EventOrder.PACKED_MAX;
        EventOrder.Sorted sorted = carry ? EventOrder.sortEvents(key, entry, count, s.c, s.m, s.lost, 2)
                : EventOrder.sortEvents(key, entry, count, null, null, null, 2);
        return new ExactEvents(sorted, count, members, memberCount);
    }

    static int ev(int entry) {
        return entry >> 2;
    }

    static int kind(int entry) {
        return entry & 3;
    }

    /** The first event whose key is {@code ≥ p}. */
    int lowerBound(double p) {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (key[mid] < p) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
