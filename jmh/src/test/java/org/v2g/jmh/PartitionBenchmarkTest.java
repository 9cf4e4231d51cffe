package org.v2g.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.v2g.kernel.GridPoint;

/** Every method of {@link PartitionBenchmark} computes the single-threaded answer. */
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
            assertEquals(expected, b.pool1());
            assertEquals(expected, b.pool2());
            assertEquals(expected, b.capacities1248());
            assertEquals(expected, b.staticEqualSplit1248());
            assertEquals(expected, b.parallelStream1248());
            assertEquals(expected, b.faultFree4());
            assertEquals(expected, b.oneThrows4());
            assertEquals(expected, b.oneStalls4());
        } finally {
            b.tearDown();
        }
    }
}
