package org.v2g.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.v2g.kernel.GridPoint;
import org.v2g.kernel.PreparedSlot;
import org.v2g.kernel.RevenueKernel;
import org.v2g.kernel.SlotResult;

/** Assertions shared by the pool tests. */
final class PoolAssertions {
    private PoolAssertions() {
    }

    /** Same grid index, price and revenue, bit for bit. */
    static void sameAnswer(SlotResult expected, SlotResult actual, String context) {
        assertEquals(expected.k(), actual.k(), () -> "k " + context);
        assertEquals(Double.doubleToRawLongBits(expected.price()), Double.doubleToRawLongBits(actual.price()),
                () -> "price " + expected.price() + " vs " + actual.price() + " " + context);
        assertEquals(Double.doubleToRawLongBits(expected.revenue()), Double.doubleToRawLongBits(actual.revenue()),
                () -> "revenue " + expected.revenue() + " vs " + actual.revenue() + " " + context);
    }

    /**
     * Every grid point accepted exactly once (the accepted ranges tile the grid), the counts add up, and
     * each worker's partial result is the sequential best over its own ranges.
     */
    static void ledgerConsistent(SlotMetrics m, PreparedSlot slot, RevenueKernel kernel, String context) {
        int size = slot.grid().size();
        assertEquals(size, m.gridPoints(), () -> "grid points " + context);
        assertEquals(size, m.acceptedPoints(), () -> "accepted points " + context);
        List<Range> all = new ArrayList<>();
        long sum = 0;
        for (WorkerReport w : m.workers()) {
            long points = 0;
            GridPoint best = GridPoint.NONE;
            for (Range r : w.ranges()) {
                points += r.size();
                best = GridPoint.better(best, kernel.best(slot, r.k0(), r.k1()));
            }
            long p = points;
            assertEquals(p, w.acceptedPoints(), () -> "worker " + w.id() + " accepted " + context);
            assertEquals(w.ranges().size(), w.chunks(), () -> "worker " + w.id() + " chunks " + context);
            GridPoint b = best;
            assertEquals(b, w.best(), () -> "worker " + w.id() + " partial best " + context);
            assertTrue(w.evaluated() >= w.acceptedPoints(), () -> "worker " + w.id() + " evaluated " + context);
            sum += points;
            all.addAll(w.ranges());
        }
        assertEquals(size, sum, () -> "sum of accepted points " + context);
        all.sort(Comparator.comparingInt(Range::k0));
        int next = 0;
        for (Range r : all) {
            int n = next;
            assertEquals(n, r.k0(), () -> "ranges do not tile the grid at " + n + " " + context);
            next = r.k1();
        }
        assertEquals(size, next, () -> "ranges end " + context);
    }
}
