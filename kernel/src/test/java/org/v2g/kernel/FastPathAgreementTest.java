package org.v2g.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.v2g.kernel.internal.SyntheticFleets;

/**
 * The fast paths against the literal reference (SPEC section 3): at every grid price where no EV lies
 * within 1e−9 of a decision boundary, {@code R} agrees to 1e−9·max(1,|R|); and the reference's
 * revenue at each fast path's {@code p_d*} is within that tolerance of the reference's own maximum.
 * Surefire runs this class once per forced vector width ({@code -Dv2g.vector.bits=128|256|512}).
 * Every case is a seed; a failure message starts with it.
 */
class FastPathAgreementTest {
    private static final double TOL = 1e-9;
    private static final double NEAR = 1e-9;
    private static final List<RevenueKernel> KERNELS = List.of(Kernels.simd(), Kernels.scalar());
    private static long pointsCompared;
    private static long pointsExcused;

    @BeforeAll
    static void vectorKernelIsReallyInUse() {
        assertTrue(Kernels.vectorAvailable(), "tests run with --add-modules jdk.incubator.vector");
        String bits = System.getProperty(VectorKernel.BITS_PROPERTY, "");
        if (!bits.isBlank()) {
            assertEquals(Integer.parseInt(bits.trim()) / Double.SIZE, Kernels.lanes(), "forced species not in use");
        }
    }

    @AfterAll
    static void boundaryExcusesStayRare() {
        // Guard against a test that excuses everything: boundary points must be a tiny minority.
        assertTrue(pointsCompared > 100_000, "compared only " + pointsCompared + " points");
        assertTrue(pointsExcused * 1000 < pointsCompared,
                "excused " + pointsExcused + " of " + pointsCompared + " points as near a boundary");
    }

    static Stream<Arguments> sizesAroundTheLanes() {
        int lanes = Kernels.lanes();
        List<Arguments> cases = new ArrayList<>();
        int[] sizes = {0, 1, 2, 3, lanes - 1, lanes, lanes + 1, 2 * lanes + 3, 4 * lanes - 1, 4 * lanes,
                4 * lanes + 1, 8 * lanes + 5, 100, 1023};
        for (int n : sizes) {
            for (long s = 0; s < 8; s++) {
                cases.add(Arguments.of(Math.max(0, n), 1000L * n + s));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "n={0} seed={1}")
    @MethodSource("sizesAroundTheLanes")
    void agreesAtEveryPriceAndOnTheArgmax(int n, long seed) {
        Fleet fleet = Generated.fleet(n, seed);
        Market market = Generated.market(seed, n, n > 200 ? 0.01 : 0.003);
        check(fleet, market, seed);
    }

    /** Thousands of small fleets, every kind. */
    @ParameterizedTest(name = "batch {0}")
    @MethodSource("batches")
    void thousandsOfSmallFleets(long batch) {
        for (long seed = batch * 500; seed < (batch + 1) * 500; seed++) {
            int n = (int) Math.floorMod(seed * 31, 40L);
            check(Generated.fleet(n, seed), Generated.market(seed, n, 0.01), seed);
        }
    }

    static LongStream batches() {
        return LongStream.range(0, 4);
    }

    /** The large sizes of the issue on a coarser grid, so the reference stays affordable. */
    @ParameterizedTest(name = "n={0}")
    @MethodSource("largeSizes")
    void largeFleets(int n) {
        long seed = 77L * n;
        check(Generated.fleet(n, seed), Generated.market(seed, n, 0.02), seed);
    }

    static IntStream largeSizes() {
        return IntStream.of(2049, 20000);
    }

    @Test
    void fleetsWhereNobodyDischargesAndWhereEverybodyDoes() {
        // Empty batteries cannot discharge at all.
        Fleet empty = Fleet.builder().add("a", 40, 0).add("b", 60, 0).add("c", 3, 0).build();
        Market market = Market.builder(0.66).eLimit(20).build();
        check(empty, market, -1);
        SlotResult r = new FastSolver(Kernels.simd()).solve(empty, market);
        assertEquals(0, r.discharging());
        assertEquals(market.grid().lastIndex(), r.k(), "flat revenue: the tie rule picks the largest index");
        // Full batteries at the cheapest price all discharge.
        Fleet full = SyntheticFleets.paper(37, 5).withEnergies(fullOf(SyntheticFleets.paper(37, 5)));
        Market deep = Market.builder(1.12).eLimit(1e6).build();
        check(full, deep, -2);
        double[] x = new FastSolver(Kernels.simd()).solve(full, deep, true).dispatch().orElseThrow().amounts();
        double[] atFloor = PreparedSlot.of(full, deep).amountsAt(deep.pdMin());
        assertTrue(IntStream.range(0, atFloor.length).allMatch(i -> atFloor[i] < 0), "everybody discharges");
        assertEquals(37, x.length);
    }

    private static double[] fullOf(Fleet f) {
        double[] e = new double[f.size()];
        for (int i = 0; i < e.length; i++) {
            e[i] = f.capacity(i);
        }
        return e;
    }

    private static void check(Fleet fleet, Market market, long seed) {
        PriceGrid grid = market.grid();
        PreparedSlot slot = PreparedSlot.of(fleet, market);
        double[] reference = new double[grid.size()];
        GridPoint refBest = GridPoint.NONE;
        for (int k = 0; k < grid.size(); k++) {
            reference[k] = ReferenceSolver.revenue(fleet, market, grid.price(k));
            refBest = GridPoint.better(new GridPoint(k, reference[k]), refBest);
        }
        for (RevenueKernel kernel : KERNELS) {
            double[] fast = new double[grid.size()];
            kernel.revenues(slot, 0, grid.size(), fast);
            for (int k = 0; k < grid.size(); k++) {
                pointsCompared++;
                double tol = TOL * Math.max(1, Math.abs(reference[k]));
                if (Math.abs(fast[k] - reference[k]) > tol) {
                    if (nearBoundary(fleet, market, grid.price(k))) {
                        pointsExcused++;
                        continue;
                    }
                    fail("seed=" + seed + " kernel=" + kernel.name() + " k=" + k + " p=" + grid.price(k)
                            + " fast=" + fast[k] + " reference=" + reference[k] + " fleet=" + fleet + " market=" + market);
                }
            }
            GridPoint best = kernel.best(slot, 0, grid.size());
            double refAtFast = reference[best.k()];
            GridPoint refMax = refBest;
            double tol = TOL * Math.max(1, Math.abs(refMax.revenue()));
            assertTrue(refAtFast >= refMax.revenue() - tol, () -> "seed=" + seed + " kernel=" + kernel.name()
                    + " argmax k=" + best.k() + " reference there " + refAtFast + " < reference max "
                    + refMax + " market=" + market);
        }
    }

    /** True when some EV's decision changes within {@code NEAR} of price {@code p}. */
    private static boolean nearBoundary(Fleet fleet, Market market, double p) {
        for (int i = 0; i < fleet.size(); i++) {
            Decision here = Follower.respond(fleet, i, market, p).decision();
            if (Follower.respond(fleet, i, market, p - NEAR).decision() != here
                    || Follower.respond(fleet, i, market, p + NEAR).decision() != here) {
                return true;
            }
        }
        return false;
    }
}
