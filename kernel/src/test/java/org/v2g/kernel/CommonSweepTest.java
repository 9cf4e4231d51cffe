package org.v2g.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.v2g.kernel.internal.SyntheticFleets;

/**
 * The common-a sweep with skipped blocks ({@link CommonSweep}) against the plain sweep that offers
 * every piece, on seeded and threshold slots and paper fleets (failures name the slot): the same best
 * candidate, ceiling and heap to the bit, a runner-up that the skipped bound covers, and each block's
 * bound above every value its pieces offer.
 */
class CommonSweepTest {

    private static final int[] BLOCKS = {1, 3, 32};

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
            SweepState start = new SweepState(s);
            ExactEvents events = ExactEvents.build(s, start);
            Candidates plain = Candidates.top();
            assertEquals(Double.NEGATIVE_INFINITY, CommonSweep.sweep(s, events, start, plain, 0), c.toString());
            for (int block : BLOCKS) {
                String where = c + " block " + block;
                Candidates pruned = Candidates.top();
                double skipped = CommonSweep.sweep(s, events, start, pruned, block);
                skippedSomewhere += skipped > Double.NEGATIVE_INFINITY ? 1 : 0;
                assertEquals(plain.best(), pruned.best(), where);
                assertEquals(plain.ceiling(), pruned.ceiling(), where);
                assertTrue(pruned.runnerUp() <= plain.runnerUp(), where);
                assertTrue(Math.max(pruned.runnerUp(), skipped) >= plain.runnerUp(), where);
                // The second pass: a heap above a threshold near the best keeps the same candidates.
                double best = plain.best().value();
                double threshold = best - 1e-3 * Math.max(1, Math.abs(best)) * (t % 4);
                Candidates plainHeap = Candidates.heap(threshold);
                CommonSweep.sweep(s, events, start, plainHeap, 0);
                Candidates prunedHeap = Candidates.heap(threshold);
                CommonSweep.sweep(s, events, start, prunedHeap, block);
                assertArrayEquals(plainHeap.sorted(), prunedHeap.sorted(), where);
            }
        }
        assertTrue(skippedSomewhere > 0, "no block was ever skipped: the test does not exercise the pruning");
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13, 14})
    void everyBlockBoundsWhatItsPiecesOffer(long seed) {
        for (long t = seed * 1000; t < seed * 1000 + 40; t++) {
            SlotCases c = slot(t);
            if (!c.fleet().uniformA()) {
                continue;
            }
            PreparedSlot s = PreparedSlot.of(c.fleet(), c.market());
            SweepState start = new SweepState(s);
            ExactEvents events = ExactEvents.build(s, start);
            for (int block : BLOCKS) {
                CommonSweep.Blocks blocks = CommonSweep.Blocks.of(s, events, start.copyCommon(), block);
                double most = Double.NEGATIVE_INFINITY;
                SweepState work = start.copyCommon();
                for (int b = 0; b < blocks.count; b++) {
                    work.sums().restore(blocks.snapshot, b * DischargerSums.SNAPSHOT);
                    Candidates one = Candidates.top();
                    CommonSweep.offerPieces(s, events, work, blocks.left[b], blocks.from[b], blocks.from[b + 1], one);
                    String where = c + " block size " + block + " block " + b;
                    assertTrue(one.ceiling() <= blocks.bound[b], where + ": " + one.ceiling() + " > " + blocks.bound[b]);
                    most = Math.max(most, one.ceiling());
                }
                assertEquals(events.count, blocks.count > 0 ? blocks.from[blocks.count] : events.count, c.toString());
                assertTrue(blocks.incumbent <= most, c + " block size " + block);
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
