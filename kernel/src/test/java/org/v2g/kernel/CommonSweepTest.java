package org.v2g.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.v2g.kernel.internal.SyntheticFleets;

/**
 * The common-a sweep over buckets with skipped blocks ({@link CommonSweep}) against the same sweep
 * offering every block and against the plain sweep that applies every event in sorted order, on seeded
 * and threshold slots and paper fleets (failures name the slot): the same best candidate, ceiling and
 * heap as offering every block to the bit, the plain sweep's best value within rounding, a runner-up
 * that the skipped bound covers, and each block's bound above every value the plain sweep's pieces of
 * that block reach.
 */
class CommonSweepTest {

    private static final int[] BUCKETS = {1, 3, ExactEvents.BUCKET, 64};

    private static SlotCases slot(long seed) {
        if (seed % 3 == 0) {
            return ThresholdFleets.of(seed, 12);
        }
        if (seed % 3 == 1) {
            int n = 200 + (int) (seed % 7) * 150;
            return new SlotCases(seed, "paper", SyntheticFleets.paper(n, seed), Market.builder(1.12).eLimit(0.2 * n).build());
        }
        return SlotCases.of(seed, 300);
    }

    private static boolean close(double expected, double actual) {
        return Math.abs(expected - actual) <= 1e-11 * Math.max(1, Math.abs(expected));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void skippedBlocksChangeNothingThatIsKept(long seed) {
        int skippedSomewhere = 0;
        for (long t = seed * 1000; t < seed * 1000 + 60; t++) {
            SlotCases c = slot(t);
            if (!c.fleet().uniformA()) {
                continue;
            }
            PreparedSlot s = PreparedSlot.of(c.fleet(), c.market());
            Candidates plain = Candidates.top();
            SweepState plainStart = new SweepState(s);
            CommonSweep.plain(s, ExactEvents.build(s, plainStart), plainStart, plain);
            for (int perBucket : BUCKETS) {
                String where = c + " buckets of " + perBucket;
                SweepState start = new SweepState(s);
                CommonSweep sweep = new CommonSweep(s, ExactEvents.bucketed(s, start, perBucket), start);
                Candidates every = Candidates.top();
                assertEquals(Double.NEGATIVE_INFINITY, sweep.sweep(every, false), where);
                Candidates pruned = Candidates.top();
                double skipped = sweep.sweep(pruned);
                skippedSomewhere += skipped > Double.NEGATIVE_INFINITY ? 1 : 0;
                assertEquals(every.best(), pruned.best(), where);
                assertEquals(every.ceiling(), pruned.ceiling(), where);
                assertTrue(pruned.runnerUp() <= every.runnerUp(), where);
                assertTrue(Math.max(pruned.runnerUp(), skipped) >= every.runnerUp(), where);
                assertTrue(close(plain.best().value(), pruned.best().value()),
                        where + ": " + pruned.best() + " against the plain sweep's " + plain.best());
                assertTrue(close(plain.ceiling(), pruned.ceiling()), where);
                // The second pass: a heap above a threshold near the best keeps the same candidates.
                double best = every.best().value();
                double threshold = best - 1e-3 * Math.max(1, Math.abs(best)) * (t % 4);
                Candidates everyHeap = Candidates.heap(threshold);
                sweep.sweep(everyHeap, false);
                Candidates prunedHeap = Candidates.heap(threshold);
                sweep.sweep(prunedHeap);
                assertArrayEquals(everyHeap.sorted(), prunedHeap.sorted(), where);
            }
        }
        assertTrue(skippedSomewhere > 0, "no block was ever skipped: the test does not exercise the pruning");
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13, 14})
    void everyBlockBoundsWhatItsPiecesReach(long seed) {
        for (long t = seed * 1000; t < seed * 1000 + 40; t++) {
            SlotCases c = slot(t);
            if (!c.fleet().uniformA()) {
                continue;
            }
            PreparedSlot s = PreparedSlot.of(c.fleet(), c.market());
            for (int perBucket : BUCKETS) {
                SweepState start = new SweepState(s);
                ExactEvents events = ExactEvents.bucketed(s, start, perBucket);
                CommonSweep.Blocks blocks = new CommonSweep(s, events, start).blocks;
                events.sortAll();
                double most = Double.NEGATIVE_INFINITY;
                SweepState sequential = start.copyCommon(); // every event in sorted order, as the plain sweep
                SweepState restored = start.copyCommon();
                for (int b = 0; b < blocks.count; b++) {
                    String where = c + " buckets of " + perBucket + " block " + b;
                    Candidates plain = Candidates.top();
                    CommonSweep.offerPieces(s, events, sequential, blocks.left[b], blocks.from[b], blocks.from[b + 1], plain);
                    assertTrue(plain.ceiling() <= blocks.bound[b], where + ": " + plain.ceiling() + " > " + blocks.bound[b]);
                    restored.sums().restore(blocks.snapshot, b * DischargerSums.SNAPSHOT);
                    Candidates one = Candidates.top();
                    CommonSweep.offerPieces(s, events, restored, blocks.left[b], blocks.from[b], blocks.from[b + 1], one);
                    assertTrue(one.ceiling() <= blocks.bound[b], where + ": " + one.ceiling() + " > " + blocks.bound[b]);
                    most = Math.max(most, one.ceiling());
                }
                assertEquals(events.count, blocks.from[blocks.count], c.toString());
                assertTrue(blocks.incumbent <= most, c + " buckets of " + perBucket);
            }
        }
    }

    /** A snapshot restores the sums to the bit. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {21, 22})
    void snapshotRestoresTheSums(long seed) {
        SlotCases c = slot(seed * 3 + 1);
        PreparedSlot s = PreparedSlot.of(c.fleet(), c.market());
        SweepState start = new SweepState(s);
        ExactEvents events = ExactEvents.build(s, start);
        SweepState state = start.copyCommon();
        double[] snapshot = new double[DischargerSums.SNAPSHOT];
        for (int j = 0; j < events.count; j++) {
            state.apply(events, j);
            state.sums().save(snapshot, 0);
            DischargerSums back = new DischargerSums();
            back.restore(snapshot, 0);
            DischargerSums sums = state.sums();
            String where = c + " event " + j;
            assertEquals(Double.doubleToRawLongBits(sums.clampedM()), Double.doubleToRawLongBits(back.clampedM()), where);
            assertEquals(Double.doubleToRawLongBits(sums.freeC()), Double.doubleToRawLongBits(back.freeC()), where);
            assertEquals(Double.doubleToRawLongBits(sums.lost()), Double.doubleToRawLongBits(back.lost()), where);
            assertEquals(sums.dischargers(), back.dischargers(), where);
            assertEquals(sums.free(), back.free(), where);
        }
    }
}
