package org.v2g.partition;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntUnaryOperator;

/**
 * A worker's home segment of the grid: the points nobody has claimed yet, {@code [front, back)}.
 * The owner claims chunks from the front, thieves from the back; both ends live in one word, so a
 * claim is one compare-and-set and a point is claimed by exactly one party.
 *
 * <pre>
 *   63                              32 31                               0
 *  +----------------------------------+----------------------------------+
 *  |              front               |               back               |
 *  +----------------------------------+----------------------------------+
 * </pre>
 *
 * <p>Both ends are grid indices in {@code [0, 2^31 − 1]}; the segment is empty when
 * {@code front >= back}. A claim returns the claimed range packed the same way, or {@link #NONE}.
 *
 * <p>Thread-safe: lock-free; progress of one claimer may delay another only by a failed CAS.
 */
final class Segment {
    /** No points claimed. */
    static final long NONE = -1L;

    final int owner;
    private final AtomicLong range;

    Segment(int owner, int k0, int k1) {
        this.owner = owner;
        this.range = new AtomicLong(pack(k0, k1));
    }

    static long pack(int front, int back) {
        return ((long) front << 32) | (back & 0xFFFF_FFFFL);
    }

    static int front(long packed) {
        return (int) (packed >>> 32);
    }

    static int back(long packed) {
        return (int) packed;
    }

    /** Points left unclaimed. */
    int left() {
        long r = range.get();
        return Math.max(0, back(r) - front(r));
    }

    /** Claims up to {@code n} points from the front. */
    long takeFront(int n) {
        while (true) {
            long r = range.get();
            int front = front(r);
            int back = back(r);
            if (front >= back) {
                return NONE;
            }
            int end = front + Math.min(n, back - front);
            if (range.compareAndSet(r, pack(end, back))) {
                return pack(front, end);
            }
        }
    }

    /** Claims {@code size(left)} points from the back; {@code size} sees the points left and returns ≥ 1. */
    long takeBack(IntUnaryOperator size) {
        while (true) {
            long r = range.get();
            int front = front(r);
            int back = back(r);
            if (front >= back) {
                return NONE;
            }
            int start = back - Math.min(size.applyAsInt(back - front), back - front);
            if (range.compareAndSet(r, pack(front, start))) {
                return pack(start, back);
            }
        }
    }
}
