package org.v2g.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link RevenueKernel}'s promise that the value at one index never depends on the range it was asked
 * in, bit for bit: the SIMD kernel's {@code best} and {@code revenues} evaluate several prices per pass
 * over the fleet, and every price of a pass must come out exactly as {@code revenue(slot, k)} alone.
 * Random ranges start and end anywhere, so prices fall in every position of a pass and in the
 * one-at-a-time remainder. Fleet sizes straddle the vector widths (tails of every length).
 *
 * <p>Only the SIMD kernel has range paths of its own: the scalar kernel's {@code best} and
 * {@code revenues} are the interface's loops over {@code revenue(slot, k)}, so there is nothing of its to
 * compare here (its values are {@code FastPathAgreementTest}'s). kernel/pom.xml runs this test once more
 * per forced vector width ({@code -Dv2g.vector.bits}), since passes and tails differ with the lane count.
 */
class RangeInvarianceTest {

    /** The Vector API kernel really runs, at the forced width when one is set: else this test checks nothing. */
    @BeforeAll
    static void theVectorKernelRuns() {
        assertTrue(Kernels.vectorAvailable(), "run with --add-modules jdk.incubator.vector");
        assertEquals("simd", Kernels.simd().name());
        String bits = System.getProperty(VectorKernel.BITS_PROPERTY, "");
        if (!bits.isEmpty()) {
            assertEquals(Integer.parseInt(bits) / Double.SIZE, Kernels.lanes(), VectorKernel.BITS_PROPERTY + "=" + bits);
        }
    }

    static LongStream seeds() {
        return LongStream.range(0, 48);
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void rangesGiveTheValuesOfSinglePrices(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = new int[] {0, 1, 3, 7, 8, 9, 15, 16, 17, 31, 33, 64, 65, 257, 1999}[rnd.nextInt(15)];
        Fleet fleet = Generated.fleet(n, seed);
        Market market = Generated.market(seed, n, 0.01);
        PreparedSlot slot = PreparedSlot.of(fleet, market);
        int size = slot.grid().size();
        RevenueKernel kernel = Kernels.simd();
        double[] single = new double[size];
        for (int k = 0; k < size; k++) {
            single[k] = kernel.revenue(slot, k);
        }
        for (int trial = 0; trial < 20; trial++) {
            int k0 = trial == 0 ? 0 : rnd.nextInt(size);
            int k1 = trial == 0 ? size : k0 + 1 + rnd.nextInt(size - k0);
            String where = "seed=" + seed + " n=" + n + " lanes=" + Kernels.lanes() + " range=[" + k0 + ", " + k1 + ")";
            double[] out = new double[k1 - k0];
            kernel.revenues(slot, k0, k1, out);
            int bestK = k0;
            for (int k = k0; k < k1; k++) {
                assertEquals(Double.doubleToLongBits(single[k]), Double.doubleToLongBits(out[k - k0]),
                        () -> where + ": revenues differs from revenue");
                if (single[k] >= single[bestK]) {
                    bestK = k;
                }
            }
            GridPoint best = kernel.best(slot, k0, k1);
            assertEquals(bestK, best.k(), where + ": best index");
            assertEquals(Double.doubleToLongBits(single[bestK]), Double.doubleToLongBits(best.revenue()),
                    where + ": best revenue");
        }
    }
}
