package org.v2g.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.v2g.kernel.internal.CanonicalRevenue;
import org.v2g.kernel.internal.SyntheticFleets;

/**
 * The canonical evaluator against {@link ReferenceSolver}, and every solver's answer turned into the
 * same canonical bits, near-ties included. Every case names its seed.
 */
class CanonicalRevenueTest {

    static LongStream seeds() {
        return LongStream.range(0, 40);
    }

    /** SPEC section 3's accuracy at every grid point, and the reference's decisions at the optimum. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void agreesWithTheReferenceAtEveryGridPoint(long seed) {
        SlotCases c = SlotCases.of(seed, 40);
        CanonicalRevenue canonical = CanonicalRevenue.of(c.fleet(), c.market());
        PriceGrid grid = c.market().grid();
        for (int k = 0; k < grid.size(); k++) {
            double reference = ReferenceSolver.revenue(c.fleet(), c.market(), grid.price(k));
            assertEquals(reference, canonical.revenue(k), SlotCases.tolerance(reference), c + " k=" + k);
        }
        SlotResult ref = new ReferenceSolver().solve(c.fleet(), c.market(), true);
        SlotResult at = canonical.at(ref.k(), "reference", true);
        assertEquals(ref.charging(), at.charging(), c.toString());
        assertEquals(ref.discharging(), at.discharging(), c.toString());
        assertEquals(ref.idle(), at.idle(), c.toString());
        double[] expected = ref.dispatch().orElseThrow().amounts();
        double[] actual = at.dispatch().orElseThrow().amounts();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-12, c + " ev " + i);
        }
        assertEquals(at.revenue(), at.terms().revenue(), 0.0, "terms are the same sums: " + c);
    }

    /** Reference, scalar, simd and sweep sum differently; what they would sign is the same, bit for bit. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyGridSolverSignsTheSameBits(long seed) {
        SlotCases c = SlotCases.of(1000 + seed, 120);
        CanonicalRevenue canonical = CanonicalRevenue.of(c.fleet(), c.market());
        SlotResult first = null;
        for (String name : List.of("reference", "scalar", "simd", "sweep")) {
            SlotResult signed = canonical.canonical(Solvers.byName(name).solve(c.fleet(), c.market(), true));
            assertEquals(name, signed.solver());
            if (first == null) {
                first = signed;
                double best = new ReferenceSolver().solve(c.fleet(), c.market()).revenue();
                assertTrue(signed.revenue() >= best - SlotCases.tolerance(best), c + ": " + signed + " < " + best);
            } else {
                assertSameBits(first, signed, c + " " + name);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theExactSolversPriceIsKeptAndItsRevenueReEvaluated(long seed) {
        SlotCases c = SlotCases.of(2000 + seed, 200);
        SlotResult exact = new ExactSolver().solve(c.fleet(), c.market(), true);
        CanonicalRevenue canonical = CanonicalRevenue.of(c.fleet(), c.market());
        SlotResult signed = canonical.canonical(exact);
        assertEquals(-1, signed.k());
        assertEquals(Double.doubleToRawLongBits(exact.price()), Double.doubleToRawLongBits(signed.price()), c.toString());
        assertEquals(Double.doubleToRawLongBits(canonical.revenueAt(exact.price())),
                Double.doubleToRawLongBits(signed.revenue()), c.toString());
        assertEquals(exact.revenue(), signed.revenue(), SlotCases.tolerance(exact.revenue()), c.toString());
        assertEquals(exact.discharging(), signed.discharging(), c.toString());
    }

    /** Two grid points whose revenues differ only in the last bits: the kernels split, the canonical form does not. */
    @Test
    void aNearTieThatKernelsSplitIsResolvedCanonically() {
        int cases = 0;
        Set<String> splits = new HashSet<>();
        for (long seed = 0; cases < 12 && seed < 200; seed++) {
            Optional<SlotCases> tie = nearTie(seed);
            if (tie.isEmpty()) {
                continue;
            }
            cases++;
            SlotCases c = tie.get();
            CanonicalRevenue canonical = CanonicalRevenue.of(c.fleet(), c.market());
            Set<Integer> raw = new HashSet<>();
            SlotResult first = null;
            for (String name : List.of("reference", "scalar", "simd", "sweep")) {
                SlotResult found = Solvers.byName(name).solve(c.fleet(), c.market(), false);
                raw.add(found.k());
                SlotResult signed = canonical.canonical(found);
                first = first == null ? signed : first;
                assertSameBits(first, signed, c + " " + name);
            }
            if (raw.size() > 1) {
                splits.add(c.toString());
            }
        }
        assertEquals(12, cases, "near-ties found");
        assertTrue(!splits.isEmpty(), "no near-tie split the kernels: the cases do not test what they claim");
    }

    /** A solver's answer that is worse than a neighbour by more than the tolerance is signed as it is. */
    @Test
    void aWrongIndexIsNotCorrected() {
        SlotCases c = SlotCases.of(7, 100);
        CanonicalRevenue canonical = CanonicalRevenue.of(c.fleet(), c.market());
        SlotResult best = canonical.canonical(new ReferenceSolver().solve(c.fleet(), c.market()));
        for (int k : new int[] {best.k() - 1, best.k() + 1}) {
            if (k < 0 || k >= c.market().grid().size()
                    || best.revenue() - canonical.revenue(k) <= CanonicalRevenue.tolerance(canonical.revenue(k))) {
                continue;
            }
            SlotResult wrong = new SlotResult("liar", k, c.market().grid().price(k), best.revenue(), null, 0, 0, 0,
                    Optional.empty(), 0);
            SlotResult signed = canonical.canonical(wrong);
            assertEquals(k, signed.k(), c.toString());
            assertEquals(Double.doubleToRawLongBits(canonical.revenue(k)), Double.doubleToRawLongBits(signed.revenue()));
        }
    }

    @Test
    void aResultOutsideTheGridIsRefusedNamingTheField() {
        SlotCases c = SlotCases.of(3, 10);
        CanonicalRevenue canonical = CanonicalRevenue.of(c.fleet(), c.market());
        int size = c.market().grid().size();
        InvalidInputException k = assertThrows(InvalidInputException.class, () -> canonical.revenue(size));
        assertEquals("k", k.field());
        assertEquals(String.valueOf(size), k.value());
        SlotResult nan = new SlotResult("liar", -1, Double.NaN, 0, new RevenueTerms(0, 0, 0, 0), 0, 0, 0,
                Optional.empty(), 0);
        InvalidInputException price = assertThrows(InvalidInputException.class, () -> canonical.canonical(nan));
        assertEquals("price", price.field());
        assertThrows(InvalidInputException.class, () -> canonical.bestNear(0, 1, 3));
    }

    private static void assertSameBits(SlotResult expected, SlotResult actual, String message) {
        assertEquals(expected.k(), actual.k(), message);
        assertEquals(Double.doubleToRawLongBits(expected.price()), Double.doubleToRawLongBits(actual.price()), message);
        assertEquals(Double.doubleToRawLongBits(expected.revenue()), Double.doubleToRawLongBits(actual.revenue()),
                message + ": " + expected.revenue() + " vs " + actual.revenue());
        assertEquals(expected.charging(), actual.charging(), message);
        assertEquals(expected.discharging(), actual.discharging(), message);
        assertEquals(expected.idle(), actual.idle(), message);
        if (expected.dispatch().isPresent() && actual.dispatch().isPresent()) {
            assertArrayEquals(expected.dispatch().get().amounts(), actual.dispatch().get().amounts(), message);
        }
    }

    /**
     * A slot whose grid optimum has a neighbour equal to it up to the last bits: the grid's origin
     * {@code p_dmin} is moved by bisection until the two revenues cross. Empty when the crossing is a
     * jump (an EV's decision changes between the two prices) rather than a tie.
     */
    static Optional<SlotCases> nearTie(long seed) {
        Fleet fleet = SyntheticFleets.paper(30 + (int) (seed % 20), seed);
        Market m = Market.builder(new double[] {0.26, 0.66, 1.12}[(int) (seed % 3)])
                .eLimit(3.75 * (1 + seed % 7)).build();
        return nearTieOf(fleet, m).map(tie -> new SlotCases(seed, "near-tie", fleet, tie));
    }

    /** {@code m} with its grid's origin moved so that the optimum and its right neighbour tie. */
    static Optional<Market> nearTieOf(Fleet fleet, Market m) {
        CanonicalRevenue canonical = CanonicalRevenue.of(fleet, m);
        int best = 0;
        for (int k = 1; k < m.grid().size(); k++) {
            if (canonical.revenue(k) >= canonical.revenue(best)) {
                best = k;
            }
        }
        if (best == 0 || best == m.grid().lastIndex()) {
            return Optional.empty();
        }
        // h(s) = R(p_best+1) − R(p_best) on the grid moved by s: > 0 at s = −ε, ≤ 0 at s = 0.
        double lo = -m.epsilon();
        double hi = 0;
        for (int step = 0; step < 80; step++) {
            double mid = (lo + hi) / 2;
            if (mid == lo || mid == hi) {
                break;
            }
            if (gap(fleet, shifted(m, mid), best) > 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        Market tie = shifted(m, hi);
        double r = CanonicalRevenue.of(fleet, tie).revenue(best);
        if (Math.abs(gap(fleet, tie, best)) > 1e-12 * Math.max(1, Math.abs(r))) {
            return Optional.empty();
        }
        return Optional.of(tie);
    }

    private static double gap(Fleet fleet, Market m, int k) {
        CanonicalRevenue c = CanonicalRevenue.of(fleet, m);
        return c.revenue(k + 1) - c.revenue(k);
    }

    private static Market shifted(Market m, double s) {
        return new Market(m.pRt(), m.wService(), m.wGrid(), m.pDelay(), m.eLimit(), m.delta(), m.pdMin() + s,
                m.pdMax(), m.epsilon(), m.e0(), m.socFloor(), m.socMin());
    }
}
