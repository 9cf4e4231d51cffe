package org.v2g.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The candidate keeper alone: top mode, the heap of the best 16, the tie rule, the ceiling. */
class CandidatesTest {

    @Test
    void topModeKeepsTheBestAndTheRunnerUp() {
        Candidates c = Candidates.top();
        c.offer(-1, 5, false, -2, -1);
        c.offer(-0.5, 7, true, -1, -0.5);
        c.offer(-0.2, 6, false, -0.5, 0);
        assertEquals(7, c.best().value());
        assertTrue(c.best().open());
        assertEquals(6, c.runnerUp());
        assertEquals(7, c.ceiling());
    }

    @Test
    void tiesPreferTheLargerPriceThenTheClosedEnd() {
        Candidates c = Candidates.top();
        c.offer(-1, 5, false, -2, -1);
        c.offer(-0.5, 5, true, -1, -0.5);
        assertEquals(-0.5, c.best().price());
        c.offer(-0.5, 5, false, -0.5, 0);
        assertFalse(c.best().open());
        assertTrue(Candidates.before(1, -1, false, 1, -1, true));
        assertFalse(Candidates.before(1, -1, true, 1, -1, false));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void heapKeepsTheSixteenBestInOrder(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Candidates heap = Candidates.heap(0.2);
        List<double[]> all = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            double v = Math.floor(rnd.nextDouble() * 50) / 50; // many equal values: the tie rule matters
            double p = -rnd.nextDouble();
            heap.offer(p, v, false, p - 0.1, p);
            if (v >= 0.2) {
                all.add(new double[] {v, p});
            }
        }
        all.sort(Comparator.<double[]>comparingDouble(x -> -x[0]).thenComparingDouble(x -> -x[1]));
        Candidates.Candidate[] kept = heap.sorted();
        assertEquals(Candidates.KEPT, kept.length, "seed " + seed);
        for (int j = 0; j < kept.length; j++) {
            assertEquals(all.get(j)[0], kept[j].value(), "seed " + seed);
            assertEquals(all.get(j)[1], kept[j].price(), "seed " + seed);
        }
        assertTrue(heap.excludes(kept[kept.length - 1].value() - 1e-9));
        assertFalse(heap.excludes(kept[0].value() + 1));
    }

    @Test
    void notANumberIsIgnoredAndThresholdHolds() {
        Candidates heap = Candidates.heap(1);
        heap.offer(0, Double.NaN, false, 0, 0);
        heap.offer(0, 0.5, false, 0, 0);
        assertEquals(0, heap.sorted().length);
        assertEquals(0.5, heap.ceiling(), "the ceiling counts what the threshold rejects");
    }
}
