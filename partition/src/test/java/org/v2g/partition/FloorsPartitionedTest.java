package org.v2g.partition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.v2g.kernel.FastSolver;
import org.v2g.kernel.Fleet;
import org.v2g.kernel.Follower;
import org.v2g.kernel.Market;
import org.v2g.kernel.SlotResult;

/**
 * Fleets with floors (SPEC section 8) through the worker pool: a seeded mix of EVs without a floor,
 * with a floor that cuts their discharge and below their floor (forced to charge). The pool's answer
 * is {@link FastSolver}'s with the same kernel bit for bit (faults included), and every forced EV
 * charges in the dispatch exactly what the literal follower says. A failure message names the seed.
 */
class FloorsPartitionedTest {

    static LongStream seeds() {
        return LongStream.range(0, 12).map(i -> 0xF1005L + i * 0x9E3779B97F4A7C15L);
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void sameAnswerAsTheSequentialTwin(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Fleet fleet = withFloors(Slots.fleet(rnd), rnd);
        Market market = Slots.market(rnd);
        String kernel = rnd.nextBoolean() ? "scalar" : "simd";
        if (kernel.equals("simd")) {
            Slots.warmSimd();
        }
        int workers = 1 + rnd.nextInt(8);
        PoolConfig config = Slots.pool(rnd, workers, true, kernel);
        SlotResult expected = new FastSolver(config.revenueKernel()).solve(fleet, market, true);
        String context = "seed=" + seed + " evs=" + fleet.size() + " workers=" + workers + " kernel=" + kernel;
        try (PartitionedSolver pool = PartitionedSolver.start(config)) {
            SlotResult got = pool.solveWithMetrics(fleet, market, true).result();
            PoolAssertions.sameAnswer(expected, got, context);
            double[] x = got.dispatch().orElseThrow().amounts();
            assertArrayEquals(expected.dispatch().orElseThrow().amounts(), x, context);
            int forced = 0;
            for (int i = 0; i < fleet.size(); i++) {
                if (fleet.floor(i) > fleet.energy(i)) {
                    forced++;
                    assertEquals(Follower.respond(fleet, i, market, got.price()).amount(), x[i], context + " ev=" + i);
                }
            }
            assertTrue(forced > 0 || fleet.size() < 10, context + ": no forced EV");
        }
    }

    /** Per EV: no floor (40 %), a floor within 1.5·E0 below the energy (35 %), above it (25 %). */
    private static Fleet withFloors(Fleet fleet, SplittableRandom rnd) {
        double[] floor = new double[fleet.size()];
        for (int i = 0; i < floor.length; i++) {
            double c = fleet.capacity(i);
            double e = fleet.energy(i);
            int kind = rnd.nextInt(20);
            if (kind >= 15) {
                floor[i] = e + (c - e) * rnd.nextDouble();
            } else if (kind >= 8) {
                floor[i] = Math.max(0, e - 1.5 * 3.75 * rnd.nextDouble());
            }
        }
        return fleet.withFloors(floor);
    }
}
