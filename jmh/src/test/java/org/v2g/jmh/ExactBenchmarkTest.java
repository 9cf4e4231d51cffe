package org.v2g.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.v2g.kernel.Fleet;
import org.v2g.kernel.Market;
import org.v2g.kernel.ReferenceSolver;
import org.v2g.kernel.SlotResult;

/**
 * The solvers of {@link ExactBenchmark}, on the benchmark's own fleets and markets, answer as the literal
 * {@link ReferenceSolver}: the grid solvers with its argmax and revenue, the exact solver (SPEC section 3)
 * with a price in the interval whose reference revenue is at least the grid maximum and is the revenue it
 * reports.
 */
class ExactBenchmarkTest {

    @Test
    void peak2000AnswersAsTheReference() {
        ExactBenchmark bench = new ExactBenchmark();
        ExactBenchmark.Peak2000 st = new ExactBenchmark.Peak2000();
        st.setUp();
        assertEquals(3361, st.slot.grid().size(), "p_rt 1.12: 3,361 prices");
        SlotResult ref = new ReferenceSolver().solve(st.fleet, st.market);
        Oracle.assertSameArgmax(ref, 0, bench.sweep2000(st), st.market.grid(), "sweep2000");
        Oracle.assertSameArgmax(ref, 0, bench.simdGrid2000(st), st.market.grid(), "simdGrid2000");
        assertEquals(st.slot.grid().size(), bench.prepare2000(st).grid().size(), "prepare2000 grid");
        exactAgainstReference(bench.exact2000(st), ref, st.fleet, st.market, "exact2000");
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 1000})
    void scalingAnswersAsTheReference(int n) {
        ExactBenchmark.Scaling st = new ExactBenchmark.Scaling();
        st.n = n;
        st.setUp();
        SlotResult r = new ExactBenchmark().exactScaling(st);
        assertEquals(n, r.evs());
        Market market = st.slot.market();
        exactAgainstReference(r, new ReferenceSolver().solve(st.fleet, market), st.fleet, market, "exactScaling n=" + n);
    }

    /** The heterogeneous state at its small size (the reference grid of 200,000 EVs is too slow for a test). */
    @Test
    void mixed2000AnswersAsTheReference() {
        ExactBenchmark bench = new ExactBenchmark();
        ExactBenchmark.Mixed st = new ExactBenchmark.Mixed();
        st.n = 2000;
        st.setUp();
        Market market = st.slot.market();
        SlotResult ref = new ReferenceSolver().solve(st.fleet, market);
        Oracle.assertSameArgmax(ref, 0, bench.sweepMixed(st), market.grid(), "sweepMixed");
        Oracle.assertSameArgmax(ref, 0, bench.simdGridMixed(st), market.grid(), "simdGridMixed");
        exactAgainstReference(bench.exactMixed(st), ref, st.fleet, market, "exactMixed n=2000");
    }

    private static void exactAgainstReference(SlotResult exact, SlotResult gridRef, Fleet fleet,
                                              Market market, String what) {
        double tol = Oracle.TOLERANCE * Math.max(1, Math.abs(gridRef.revenue()));
        assertTrue(exact.price() >= market.pdMin() - 1e-12 && exact.price() <= market.pdMax() + 1e-12,
                what + ": price " + exact.price() + " outside the interval");
        assertTrue(exact.revenue() >= gridRef.revenue() - tol,
                what + ": revenue " + exact.revenue() + " below the reference's grid maximum " + gridRef.revenue());
        Oracle.assertRevenue(ReferenceSolver.revenue(fleet, market, exact.price()), exact.revenue(),
                what + ": revenue at its own price");
    }
}
