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
 * <p>Built by {@link #build} the table is sorted. Built by {@link #bucketed} (common {@code a}) it is
 * only grouped into value buckets: bucket {@code b} holds the events {@code [bucketFrom(b), bucketFrom(b + 1))},
 * every key of a bucket is at most every key of the next (the bucket of a key is monotone in the key, so
 * equal keys share a bucket), and the events inside a bucket are in fleet order until
 * {@link #sortBucket} sorts them. A sweep that prunes whole buckets then sorts only the ones it visits;
 * {@link #sortBetween} and {@link #sortAll} serve the readers that need sorted keys. Sorted, either
 * table is the same to the bit: keys ascending, equal keys by entry.
 *
 * <p>Not thread-safe: the buckets are sorted on demand; one table per solve.
 */
final class ExactEvents {
    /** Events per bucket that {@link #bucketed} aims at; CommonSweep's blocks are the buckets. */
    static final int BUCKET = 16;

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
    private final EventOrder.Sorted columns;
    /** Bucket {@code b} is {@code [bucketStart[b], bucketStart[b + 1])}; one bucket for a sorted table. */
    private final int[] bucketStart;
    /** Whether bucket {@code b} is sorted; null once every bucket is. */
    private boolean[] bucketSorted;
    private final double origin;
    private final double scale;

    private ExactEvents(EventOrder.Sorted sorted, int count, int[] members, int memberCount) {
        this(sorted, count, members, memberCount, new int[] {0, count}, null, 0, 0);
    }

    private ExactEvents(EventOrder.Sorted sorted, int count, int[] members, int memberCount, int[] bucketStart,
            boolean[] bucketSorted, double origin, double scale) {
        this.columns = sorted;
        this.key = sorted.key();
        this.entry = sorted.entry();
        this.c = sorted.x();
        this.m = sorted.y();
        this.lost = sorted.z();
        this.count = count;
        this.members = members;
        this.memberCount = memberCount;
        this.bucketStart = bucketStart;
        this.bucketSorted = bucketSorted;
        this.origin = origin;
        this.scale = scale;
    }

    /** Events per bucket of {@link #build}: small enough that sorting the buckets is linear in practice. */
    static final int SORTED_BUCKET = 2;

    /**
     * The sorted table of the slot; {@code start} receives every EV that discharges at {@code p_dmin}.
     * A bucket sort ({@link #bucketed} with small buckets, each then sorted): O(N) for breakpoints that
     * spread over the interval, O(N log N) at worst (a crowded bucket is sorted by {@link java.util.Arrays#sort(long[])}),
     * and without the JIT's vectorised {@code Arrays.sort}, which not every CPU gets (docs/EXACT.md §7).
     */
    static ExactEvents build(PreparedSlot s, SweepState start) {
        return bucketed(s, start, SORTED_BUCKET).sortAll();
    }

    /**
     * The common-{@code a} table grouped into about {@code count / perBucket} value buckets over
     * {@code [min key, max key]}, none sorted yet (one counting pass and one scatter, O(N)); the payload
     * travels with the events as in {@link #buildGeneral}.
     */
    static ExactEvents bucketed(PreparedSlot s, SweepState start, int perBucket) {
        double pMin = s.market.pdMin();
        double pMax = s.market.pdMax();
        double[] key = new double[2 * s.n];
        int[] entry = new int[2 * s.n];
        int count = 0;
        int[] members = new int[s.n];
        int memberCount = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
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
                key[count] = unclamp;
                entry[count++] = 4 * i + UNCLAMP;
                min = unclamp < min ? unclamp : min;
            }
            if (b <= pMax) {
                key[count] = b;
                entry[count++] = 4 * i + (unclamp < b ? LEAVE_FREE : LEAVE_CLAMPED);
                max = b > max ? b : max;
                min = b < min ? b : min;
            }
        }
        int buckets = Math.max(1, count / Math.max(1, perBucket));
        double scale = buckets / (max - min);
        if (!(scale > 0 && scale < Double.POSITIVE_INFINITY)) {
            buckets = 1; // no event, all keys equal, or a range too wide for the division
            scale = 0;
            min = 0;
        }
        int[] bucketStart = new int[buckets + 1];
        int[] bucket = new int[count];
        for (int j = 0; j < count; j++) {
            int b = bucketOf(key[j], min, scale, buckets);
            bucket[j] = b;
            bucketStart[b + 1]++;
        }
        for (int b = 0; b < buckets; b++) {
            bucketStart[b + 1] += bucketStart[b];
        }
        boolean carry = s.uniformA && count > EventOrder.PACKED_MAX; // as buildGeneral: only common a reads it
        double[] sortedKey = new double[count];
        int[] sortedEntry = new int[count];
        double[] c = carry ? new double[count] : null;
        double[] m = carry ? new double[count] : null;
        double[] lost = carry ? new double[count] : null;
        int[] fill = java.util.Arrays.copyOf(bucketStart, buckets);
        for (int j = 0; j < count; j++) { // stable: a bucket keeps fleet order, so ties sort by entry
            int at = fill[bucket[j]]++;
            sortedKey[at] = key[j];
            int e = entry[j];
            sortedEntry[at] = e;
            if (carry) {
                c[at] = s.c[ev(e)];
                m[at] = s.m[ev(e)];
                lost[at] = s.lost[ev(e)];
            }
        }
        EventOrder.Sorted table = new EventOrder.Sorted(sortedKey, sortedEntry, c, m, lost);
        return new ExactEvents(table, count, members, memberCount, bucketStart, new boolean[buckets], min, scale);
    }

    private static int bucketOf(double key, double origin, double scale, int buckets) {
        return Math.max(0, Math.min(buckets - 1, (int) ((key - origin) * scale)));
    }

    /** Number of buckets (1 for a sorted table). */
    int buckets() {
        return bucketStart.length - 1;
    }

    /** The first event of bucket {@code b}; {@code bucketFrom(buckets())} is {@link #count}. */
    int bucketFrom(int b) {
        return bucketStart[b];
    }

    /** Sorts bucket {@code b} (keys ascending, equal keys by entry, payload moved along). */
    void sortBucket(int b) {
        if (bucketSorted != null && !bucketSorted[b]) {
            EventOrder.sortBucket(columns, bucketStart[b], bucketStart[b + 1]);
            bucketSorted[b] = true;
        }
    }

    /** Sorts every bucket that holds a key of {@code [lo, hi]}, so keys in that range are in order. */
    void sortBetween(double lo, double hi) {
        if (bucketSorted != null) {
            int last = bucketOf(hi, origin, scale, buckets());
            for (int b = bucketOf(lo, origin, scale, buckets()); b <= last; b++) {
                sortBucket(b);
            }
        }
    }

    /** Sorts the whole table: afterwards it is {@link #build}'s to the bit. */
    ExactEvents sortAll() {
        if (bucketSorted != null) {
            for (int b = 0; b < buckets(); b++) {
                sortBucket(b);
            }
            bucketSorted = null;
        }
        return this;
    }

    /**
     * The same table by {@link EventOrder#sortEvents} (the grid sweep's sort), payload carried if large:
     * the independent build the tests hold {@link #build} to.
     */
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

    /**
     * The first event whose key is {@code ≥ p}. In a bucketed table the bucket of {@code p} must be sorted
     * ({@link #sortBetween}): every other bucket lies wholly below or above {@code p}, so the search holds.
     */
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
