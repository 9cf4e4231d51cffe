package org.v2g.kernel;

import org.v2g.kernel.internal.CanonicalRevenue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fast path against the literal reference on fleets with floors (SPEC section 8): a seeded mix
 * of EVs without a floor, with a floor that cuts their discharge, exactly at their floor, and below it
 * (forced to charge, some out of reach). At every grid price where no EV lies within 1e−9 of a decision
 * boundary the scalar and vector kernels and the canonical evaluation agree with the reference to
 * 1e−9·max(1,|R|); the kernels', the sweep's and the exact solver's answers are worth the reference's
 * maximum within that tolerance, and the exact solver publishes the reference's revenue at its price.
 * Surefire runs this class once per forced vector width. A failure message starts with the seed.
 */
class FloorAgreementTest {
    private static final double TOL = 1e-9;
    private static final double NEAR = 1e-9;
    private static final List<RevenueKernel> KERNELS = List.of(Kernels.simd(), Kernels.scalar());
    private static long pointsCompared;
    private static long pointsExcused;
    private static long forcedEvs;
    private static long cutDischarges;

    @BeforeAll
    static void vectorKernelIsReallyInUse() {
        assertTrue(Kernels.vectorAvailable(), "tests run with --add-modules jdk.incubator.vector");
    }

    @AfterAll
    static void theMixReallyExercisedTheFloors() {
        assertTrue(pointsCompared > 100_000, "compared only " + pointsCompared + " points");
        assertTrue(pointsExcused * 1000 < pointsCompared,
                "excused " + pointsExcused + " of " + pointsCompared + " points as near a boundary");
        assertTrue(forcedEvs > 500, "only " + forcedEvs + " forced EVs");
        assertTrue(cutDischarges > 100, "only " + cutDischarges + " EVs discharged exactly down to their floor");
    }

    static Stream<Arguments> sizesAroundTheLanes() {
        int lanes = Kernels.lanes();
        List<Arguments> cases = new ArrayList<>();
        int[] sizes = {1, 2, 3, lanes - 1, lanes, lanes + 1, 4 * lanes - 1, 4 * lanes + 1, 37, 100, 301};
        for (int n : sizes) {
            for (long s = 0; s < 6; s++) {
                cases.add(Arguments.of(Math.max(1, n), 7919L * n + s));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "n={0} seed={1}")
    @MethodSource("sizesAroundTheLanes")
    void everyPathAgreesWithTheReferenceAtEveryPrice(int n, long seed) {
        Fleet fleet = withFloorMix(Generated.fleet(n, seed), seed);
        Market market = Generated.market(seed, n, n > 200 ? 0.01 : 0.003);
        check(fleet, market, seed);
    }

    /**
     * Floors for a fleet, per EV by the seed: none (40 %), cutting the discharge (25 %: between
     * {@code E − 1.5·E0} and {@code E}), exactly at the energy (10 %), forced (25 %: above {@code E},
     * up to {@code C}).
     */
    static Fleet withFloorMix(Fleet fleet, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed ^ 0xF100_12L);
        double[] floor = new double[fleet.size()];
        for (int i = 0; i < floor.length; i++) {
            double c = fleet.capacity(i);
            double e = fleet.energy(i);
            int kind = rnd.nextInt(20);
            if (kind < 8) {
                floor[i] = 0;
            } else if (kind < 13) {
                floor[i] = Math.max(0, e - 1.5 * 3.75 * rnd.nextDouble());
            } else if (kind < 15) {
                floor[i] = e;
            } else {
                floor[i] = rnd.nextInt(4) == 0 ? c : e + (c - e) * rnd.nextDouble();
            }
        }
        return fleet.withFloors(floor);
    }

    private static void check(Fleet fleet, Market market, long seed) {
        String where = "seed=" + seed + " fleet=" + fleet + " market=" + market;
        PriceGrid grid = market.grid();
        countMix(fleet, market);
        PreparedSlot slot = PreparedSlot.of(fleet, market);
        CanonicalRevenue canonical = CanonicalRevenue.of(fleet, market);
        double[] reference = new double[grid.size()];
        GridPoint refBest = GridPoint.NONE;
        for (int k = 0; k < grid.size(); k++) {
            reference[k] = ReferenceSolver.revenue(fleet, market, grid.price(k));
            refBest = GridPoint.better(new GridPoint(k, reference[k]), refBest);
        }
        double[] canonicalValues = new double[grid.size()];
        for (int k = 0; k < grid.size(); k++) {
            canonicalValues[k] = canonical.revenue(k);
        }
        compare("canonical", canonicalValues, reference, fleet, market, where);
        for (RevenueKernel kernel : KERNELS) {
            double[] fast = new double[grid.size()];
            kernel.revenues(slot, 0, grid.size(), fast);
            compare(kernel.name(), fast, reference, fleet, market, where);
            GridPoint best = kernel.best(slot, 0, grid.size());
            worthTheMaximum(kernel.name(), reference[best.k()], refBest, where);
            GridPoint sweep = new SweepSolver(kernel).best(slot);
            worthTheMaximum("sweep/" + kernel.name(), reference[sweep.k()], refBest, where);
        }
        SlotResult exact = new ExactSolver().solve(fleet, market, false);
        double refAtExact = ReferenceSolver.revenue(fleet, market, exact.price());
        assertEquals(refAtExact, exact.revenue(), TOL * Math.max(1, Math.abs(refAtExact)), "exact: " + where);
        worthTheMaximum("exact", exact.revenue(), refBest, where);
    }

    private static void compare(String path, double[] fast, double[] reference, Fleet fleet, Market market,
            String where) {
        PriceGrid grid = market.grid();
        for (int k = 0; k < grid.size(); k++) {
            pointsCompared++;
            if (Math.abs(fast[k] - reference[k]) > TOL * Math.max(1, Math.abs(reference[k]))) {
                if (nearBoundary(fleet, market, grid.price(k))) {
                    pointsExcused++;
                    continue;
                }
                fail(where + " path=" + path + " k=" + k + " p=" + grid.price(k) + " fast=" + fast[k]
                        + " reference=" + reference[k]);
            }
        }
    }

    private static void worthTheMaximum(String path, double value, GridPoint refMax, String where) {
        double tol = TOL * Math.max(1, Math.abs(refMax.revenue()));
        assertTrue(value >= refMax.revenue() - tol,
                () -> where + " path=" + path + ": reference there " + value + " < reference max " + refMax);
    }

    /** Counts the forced EVs and those that discharge exactly down to their floor at {@code p_dmin}. */
    private static void countMix(Fleet fleet, Market market) {
        for (int i = 0; i < fleet.size(); i++) {
            double f = fleet.floor(i);
            if (f > fleet.energy(i)) {
                forcedEvs++;
            } else if (f > 0 && fleet.energy(i) - f < market.e0()) {
                double x = Follower.respond(fleet, i, market, market.pdMin()).amount();
                if (x < 0 && x == -(fleet.energy(i) - Math.max(f, market.socMin() * fleet.capacity(i))) / market.e0()) {
                    cutDischarges++;
                }
            }
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
