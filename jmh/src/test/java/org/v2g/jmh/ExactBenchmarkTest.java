package org.v2g.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.v2g.kernel.GridPoint;
import org.v2g.kernel.SlotResult;

/** The three solvers of {@link ExactBenchmark} compute the right answers on the benchmark's own slot. */
class ExactBenchmarkTest {

    @Test
    void exactSweepAndGridAgree() {
        ExactBenchmark bench = new ExactBenchmark();
        ExactBenchmark.Peak2000 st = new ExactBenchmark.Peak2000();
        st.setUp();
        GridPoint grid = bench.simdGrid2000(st);
        GridPoint sweep = bench.sweep2000(st);
        SlotResult exact = bench.exact2000(st);
        assertEquals(3361, st.slot.grid().size(), "p_rt 1.12: 3,361 prices");
        assertEquals(grid.k(), sweep.k());
        assertTrue(exact.revenue() >= grid.revenue() - 1e-9 * Math.max(1, Math.abs(grid.revenue())),
                exact + " vs " + grid);
    }

    @Test
    void scalingStateSolves() {
        ExactBenchmark.Scaling st = new ExactBenchmark.Scaling();
        st.n = 1000;
        st.setUp();
        SlotResult r = new ExactBenchmark().exactScaling(st);
        assertEquals(1000, r.evs());
    }
}
