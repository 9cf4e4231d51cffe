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
        return 2L * s.n <= EventOrder.PACKED_MAX ? buildPacked(s, start) : buildGeneral(s, start);
    }

    /** Any size: key and entry arrays sorted by {@link EventOrder#sortEvents}, payload carried if large. */
    static ExactEvents buildGeneral(PreparedSlot s, SweepState start) {
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
            double b = leaveKey(s, i);
            if (!(b > pMin)) {
                continue; // out on the whole interval
            }
            double unclamp = unclampKey(s, i);
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

    /**
     * Small tables: the events go straight into one {@code long[]} of {@code (key bits, entry)} and one
     * {@link java.util.Arrays#sort(long[])} orders them, with no key, entry or index arrays before it.
     * The exact key is recomputed from the entry (the same expression as when packing, so the same
     * bits), and one insertion pass orders the keys that tie on the packed bits — equal keys by entry,
     * i.e. by EV, the order {@link EventOrder#sortEvents} gives them (input order), so the table is the
     * same to the bit.
     */
    static ExactEvents buildPacked(PreparedSlot s, SweepState start) {
        double pMin = s.market.pdMin();
        double pMax = s.market.pdMax();
        long mask = (1L << (32 - Integer.numberOfLeadingZeros(4 * s.n - 1))) - 1; // every entry < 4n
        long[] packed = new long[2 * s.n];
        int count = 0;
        int[] members = new int[s.n];
        int memberCount = 0;
        for (int i = 0; i < s.n; i++) {
            double qStar = s.qStar[i];
            if (!(qStar < Double.POSITIVE_INFINITY)) {
                continue; // never discharges
            }
            double b = leaveKey(s, i);
            if (!(b > pMin)) {
                continue; // out on the whole interval
            }
            double unclamp = unclampKey(s, i);
            start.enter(i, unclamp > pMin);
            members[memberCount++] = i;
            if (unclamp > pMin && unclamp <= pMax && unclamp < b) {
                packed[count++] = (EventOrder.sortable(unclamp) & ~mask) | (4 * i + UNCLAMP);
            }
            if (b <= pMax) {
                packed[count++] = (EventOrder.sortable(b) & ~mask) | (4 * i + (unclamp < b ? LEAVE_FREE : LEAVE_CLAMPED));
            }
        }
        java.util.Arrays.sort(packed, 0, count);
        double[] key = new double[count];
        int[] entry = new int[count];
        for (int j = 0; j < count; j++) {
            int e = (int) (packed[j] & mask);
            double k = kind(e) == UNCLAMP ? unclampKey(s, ev(e)) : leaveKey(s, ev(e));
            int at = j;
            // Only neighbours that tie on the packed bits can be out of order (or −0.0 before 0.0).
            for (; at > 0 && (key[at - 1] > k || (key[at - 1] == k && entry[at - 1] > e)); at--) {
                key[at] = key[at - 1];
                entry[at] = entry[at - 1];
            }
            key[at] = k;
            entry[at] = e;
        }
        return new ExactEvents(new EventOrder.Sorted(key, entry, null, null, null), count, members, memberCount);
    }

    private static double leaveKey(PreparedSlot s, int i) {
        return s.a[i] - s.qStar[i];
    }

    private static double unclampKey(PreparedSlot s, int i) {
        return s.a[i] - s.c[i] / (2 - s.m[i]);
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
