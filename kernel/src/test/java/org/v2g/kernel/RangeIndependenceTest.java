package org.v2g.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The value at one grid index does not depend on the range it was asked in, bit for bit, and the
 * best point of a split grid is the best point of the whole: what lets the partition layer promise
 * the single-threaded answer.
 */
class RangeIndependenceTest {

    static LongStream seeds() {
        return LongStream.range(0, 24);
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void subRangesGiveTheSameBitsAsTheWholeGrid(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = rnd.nextInt(300);
        PreparedSlot slot = PreparedSlot.of(Generated.fleet(n, seed), Generated.market(seed, n, 0.005));
        int size = slot.grid().size();
        for (RevenueKernel kernel : new RevenueKernel[] {Kernels.simd(), Kernels.scalar()}) {
            double[] whole = new double[size];
            kernel.revenues(slot, 0, size, whole);
            GridPoint best = kernel.best(slot, 0, size);
            assertEquals(Double.doubleToLongBits(whole[best.k()]), Double.doubleToLongBits(best.revenue()),
                    "seed=" + seed);
            for (int trial = 0; trial < 20; trial++) {
                int k0 = rnd.nextInt(size);
                int k1 = k0 + 1 + rnd.nextInt(size - k0);
                double[] part = new double[k1 - k0];
                kernel.revenues(slot, k0, k1, part);
                GridPoint partBest = GridPoint.NONE;
                for (int k = k0; k < k1; k++) {
                    String where = "seed=" + seed + " kernel=" + kernel.name() + " range=[" + k0 + "," + k1 + ") k=" + k;
                    assertEquals(Double.doubleToLongBits(whole[k]), Double.doubleToLongBits(part[k - k0]), where);
                    assertEquals(Double.doubleToLongBits(whole[k]), Double.doubleToLongBits(kernel.revenue(slot, k)), where);
                    partBest = GridPoint.better(new GridPoint(k, whole[k]), partBest);
                }
                assertEquals(partBest, kernel.best(slot, k0, k1), "seed=" + seed + " [" + k0 + "," + k1 + ")");
            }
            // Split anywhere: the better of the halves is the whole's best.
            int cut = 1 + rnd.nextInt(Math.max(1, size - 1));
            if (cut < size) {
                assertEquals(best, GridPoint.better(kernel.best(slot, 0, cut), kernel.best(slot, cut, size)));
            }
        }
    }
}
