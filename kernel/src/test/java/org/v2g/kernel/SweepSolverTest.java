package org.v2g.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.v2g.kernel.internal.SyntheticFleets;

/**
 * The sweep against the brute-force grid: the same argmax index on every generated fleet. Also counts
 * how often the sweep's own values, without re-scoring, would have picked another index.
 */
class SweepSolverTest {
    private static final AtomicInteger SLOTS = new AtomicInteger();
    private static final AtomicInteger RAW_FLIPS = new AtomicInteger();
    private static final AtomicInteger FALLBACKS = new AtomicInteger();

    static IntStream batches() {
        return IntStream.range(0, 30);
    }

    /** 3,000 slots of up to 300 EVs (mostly one common a: per-EV a is the kernel by construction). */
    @ParameterizedTest(name = "seeds {0}00..{0}99")
    @MethodSource("batches")
    void sameIndexAsTheBruteForce(int batch) {
        for (long seed = 100_000 + batch * 100L; seed < 100_000 + batch * 100L + 100; seed++) {
            check(commonA(seed, 300), Kernels.simd());
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void scalarTwin(long seed) {
        for (long s = seed * 1000; s < seed * 1000 + 50; s++) {
            check(commonA(s, 300), Kernels.scalar());
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13, 14})
    void largeFleets(long seed) {
        SlotCases c = commonA(seed, 10);
        Fleet fleet = seed % 2 == 0 ? SyntheticFleets.paper(2000, seed) : SyntheticFleets.edgy(2000, seed, true);
        check(new SlotCases(seed, "large", fleet, c.market()), Kernels.simd());
    }

    /**
     * Per-EV {@code a} against the literal reference at every grid point (SPEC section 3's accuracy
     * rule): for every {@code k}, the reference's {@code R(p_k)} is at most the reference's {@code R} at
     * the sweep's price plus 1e−9·max(1,|R|); the sweep's reported revenue is the reference's at its
     * price within the same tolerance; and any grid point the reference values clearly higher
     * (beyond the tolerance) fails the test with the seed.
     */
    @ParameterizedTest(name = "seeds {0}0..{0}9")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void perEvAAgainstTheReference(int batch) {
        for (long seed = batch * 10L; seed < batch * 10L + 10; seed++) {
            SlotCases c = seed % 2 == 0
                    ? new SlotCases(seed, "varied", SyntheticFleets.varied(60, seed),
                            SlotCases.market(new SplittableRandom(seed), 60))
                    : ThresholdFleets.of(seed, 12);
            if (seed % 2 == 0) {
                assertFalse(c.fleet().uniformA(), () -> "a per-EV-a fleet expected: " + c);
            }
            SlotResult r = new SweepSolver().solve(c.fleet(), c.market());
            PriceGrid grid = c.market().grid();
            assertEquals(grid.price(r.k()), r.price(), c::toString);
            double atSweep = ReferenceSolver.revenue(c.fleet(), c.market(), r.price());
            assertEquals(atSweep, r.revenue(), SlotCases.tolerance(atSweep), c::toString);
            for (int k = 0; k < grid.size(); k++) {
                double atK = ReferenceSolver.revenue(c.fleet(), c.market(), grid.price(k));
                int point = k;
                assertTrue(atK <= atSweep + SlotCases.tolerance(atK),
                        () -> "reference at k=" + point + " " + atK + " above its value at the sweep's k="
                                + r.k() + " " + atSweep + ": " + c);
            }
        }
    }

    @Test
    void edgeCases() {
        Market peak = Market.builder(1.12).eLimit(50).build();
        check(new SlotCases(0, "empty", Fleet.empty(), peak), Kernels.simd());
        check(new SlotCases(0, "one-point", SyntheticFleets.paper(100, 3),
                Market.builder(1.12).pdMin(-1).pdMax(-1).build()), Kernels.simd());
        Fleet.Builder b = Fleet.builder();
        for (int i = 0; i < 10; i++) {
            b.add("ev" + i, 50, 0);
        }
        SlotResult r = check(new SlotCases(0, "no-discharge", b.build(), peak), Kernels.simd());
        assertEquals(peak.grid().lastIndex(), r.k(), "a plateau: the largest k");
        assertEquals("sweep", Solvers.byName("sweep").name());
        assertTrue(Solvers.NAMES.contains("sweep"));
    }

    @AfterAll
    static void report() {
        System.out.printf("sweep: %d slots, raw sweep argmax differed from the kernel's in %d, "
                + "plateau fallbacks %d%n", SLOTS.get(), RAW_FLIPS.get(), FALLBACKS.get());
    }

    private static SlotCases commonA(long seed, int max) {
        SlotCases c = SlotCases.of(seed, max);
        if (c.fleet().uniformA() || new SplittableRandom(seed).nextInt(10) == 0) {
            return c;
        }
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
        Fleet fleet = rnd.nextBoolean() ? SyntheticFleets.paper(c.fleet().size(), seed)
                : SyntheticFleets.edgy(c.fleet().size(), seed, true);
        return new SlotCases(seed, "common", fleet, c.market());
    }

    private static SlotResult check(SlotCases c, RevenueKernel kernel) {
        PreparedSlot slot = PreparedSlot.of(c.fleet(), c.market());
        GridPoint brute = kernel.best(slot, 0, slot.grid().size());
        GridPoint sweep = new SweepSolver(kernel).best(slot);
        assertEquals(brute.k(), sweep.k(), () -> "argmax index: " + c + " sweep=" + sweep + " brute=" + brute);
        assertEquals(brute.revenue(), sweep.revenue(), SlotCases.tolerance(brute.revenue()), c::toString);
        SLOTS.incrementAndGet();
        if (slot.uniformA) {
            boolean[] exact = new boolean[slot.grid().size()];
            double[] raw = SweepSolver.revenues(slot, exact);
            int rawK = 0;
            for (int k = 1; k < raw.length; k++) {
                if (raw[k] >= raw[rawK]) {
                    rawK = k;
                }
            }
            if (rawK != brute.k()) {
                RAW_FLIPS.incrementAndGet();
            }
            double max = raw[rawK];
            double floor = max - SweepSolver.errorBound(slot);
            if (IntStream.range(0, raw.length).filter(k -> raw[k] >= floor && !exact[k]).count()
                    > SweepSolver.MAX_RESCORED) {
                FALLBACKS.incrementAndGet();
            }
        }
        SlotResult r = new SweepSolver(kernel).solve(c.fleet(), c.market());
        assertEquals(brute.k(), r.k(), c::toString);
        return r;
    }
}
