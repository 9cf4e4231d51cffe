package org.v2g.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.v2g.kernel.GridPoint;
import org.v2g.kernel.SlotResult;

/**
 * Every method of {@link PartitionBenchmark} computes the answer of the literal {@code ReferenceSolver}
 * on the benchmark's own fleet and market, with and without injected faults.
 */
class PartitionBenchmarkTest {

    @Test
    void everyMethodFindsTheSameBestPrice() {
        PartitionBenchmark b = new PartitionBenchmark();
        b.n = 300;
        b.setup();
        try {
            // warm the SIMD kernel first: its lane reduction rounds differently before C2 compiles it
            for (int i = 0; i < 40; i++) {
                b.sequential();
            }
            GridPoint expected = b.sequential();
            SlotResult ref = Oracle.referenceOnSlice(b.fleet, b.slot.market(), 0, b.slot.grid().size());
            Oracle.assertSameArgmax(ref, 0, expected, b.slot.grid(), "sequential");
            PartitionBenchmark.PoolView view = new PartitionBenchmark.PoolView();
            assertEquals(expected, b.pool1(view));
            assertEquals(expected, b.pool2(view));
            assertEquals(expected, b.capacities1248(view));
            assertEquals(expected, b.staticEqualSplit1248(view));
            assertEquals(expected, b.parallelStream1248());
            assertEquals(expected, b.faultFree4(view));
            assertEquals(expected, b.oneThrows4(view));
            assertEquals(expected, b.oneStalls4(view));
            // the pools' own view, which the report divides: one slot per pool call, a makespan and an
            // ideal from each
            assertEquals(7, view.slots());
            assertTrue(view.idealNanos > 0, "ideal " + view.idealNanos);
            assertTrue(view.makespanNanos > 0, "makespan " + view.makespanNanos);
        } finally {
            b.tearDown();
        }
    }
}
