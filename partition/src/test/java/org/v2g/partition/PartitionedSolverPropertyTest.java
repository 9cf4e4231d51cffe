package org.v2g.partition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.v2g.kernel.FastSolver;
import org.v2g.kernel.Fleet;
import org.v2g.kernel.Market;
import org.v2g.kernel.PreparedSlot;
import org.v2g.kernel.SlotResult;

/**
 * The parallel entry point against its sequential twin: for random fleets, markets, worker counts
 * (1–16), capacities, slowdowns, chunk policies and faults (throw, stall, leave at random points), the
 * pool's answer is {@link FastSolver}'s with the same kernel, bit for bit, and every grid point is
 * accepted exactly once. Each case is a seed; a failure message names it.
 */
class PartitionedSolverPropertyTest {

    static LongStream seeds() {
        return LongStream.range(0, 40).map(i -> 0x5C0FFEEL * 31 + i * 0x9E3779B97F4A7C15L);
    }

    static LongStream simdSeeds() {
        return LongStream.range(0, 16).map(i -> 0xB16B00B5L + i * 0x9E3779B97F4A7C15L);
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void scalarKernel(long seed) {
        check(seed, "scalar");
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("simdSeeds")
    void simdKernel(long seed) {
        Slots.warmSimd();
        check(seed, "simd");
    }

    private static void check(long seed, String kernel) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Fleet fleet = Slots.fleet(rnd);
        Market market = Slots.market(rnd);
        int workers = 1 + rnd.nextInt(16);
        PoolConfig config = Slots.pool(rnd, workers, true, kernel);
        PreparedSlot slot = PreparedSlot.of(fleet, market);
        FastSolver twin = new FastSolver(config.revenueKernel());
        SlotResult expected = twin.solve(fleet, market, true);
        String context = "seed=" + seed + " evs=" + fleet.size() + " grid=" + slot.grid().size()
                + " workers=" + workers + " capacities=" + Arrays.toString(config.capacities())
                + " policy=" + config.policy() + " kernel=" + config.kernel() + " faults=" + config.faults();
        try (PartitionedSolver pool = PartitionedSolver.start(config)) {
            PartitionedResult faulty = pool.solveWithMetrics(fleet, market, true);
            PoolAssertions.sameAnswer(expected, faulty.result(), context);
            PoolAssertions.ledgerConsistent(faulty.metrics(), slot, config.revenueKernel(), context);
            assertArrayEquals(expected.dispatch().orElseThrow().amounts(),
                    faulty.result().dispatch().orElseThrow().amounts(), context);
            assertEquals(PartitionedSolver.NAME, faulty.result().solver(), context);

            PartitionedResult clean = pool.solve(slot, List.of(), false);
            PoolAssertions.sameAnswer(expected, clean.result(), "fault-free second slot " + context);
            PoolAssertions.ledgerConsistent(clean.metrics(), slot, config.revenueKernel(), "fault-free " + context);
            for (WorkerReport w : clean.metrics().workers()) {
                // STALLED is possible without a fault: a thread the OS starves for longer than the
                // deadline (this machine is shared) is honestly reported as one that showed no life.
                assertTrue(w.status() == WorkerStatus.COMPLETED || w.status() == WorkerStatus.STALLED,
                        () -> "worker " + w.id() + " " + w.status() + " in a fault-free slot " + context);
                assertEquals("", w.failure(), () -> "worker " + w.id() + " in a fault-free slot " + context);
            }
        }
    }
}
