package org.v2g.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.v2g.kernel.SlotResult;

/**
 * Each {@link CurveBenchmark} method, at each fleet size, returns the argmax and revenue that
 * {@code ReferenceSolver} finds on the same fleet, market and slice of prices.
 */
class CurveBenchmarkTest {

    static Stream<Arguments> workloads() {
        return Oracle.params(CurveBenchmark.class);
    }

    @ParameterizedTest(name = "n={0} fleet={1}")
    @MethodSource("workloads")
    void kernelMethodsFindTheReferenceArgmaxOfTheirSlice(int n, String fleet) {
        CurveBenchmark b = new CurveBenchmark();
        b.n = n;
        b.fleet = fleet;
        b.prepare();
        long evaluations = (long) n * (b.k1 - b.k0);
        assertTrue(evaluations <= CurveBenchmark.EVALUATIONS || b.k1 - b.k0 == 1,
                "a call stays near " + CurveBenchmark.EVALUATIONS + " evaluations: " + evaluations);
        SlotResult ref = Oracle.referenceOnSlice(b.evs, b.market, b.k0, b.k1);
        KernelBenchmark.Evaluations e = new KernelBenchmark.Evaluations();
        Oracle.assertSameArgmax(ref, b.k0, b.simd(e), b.slot.grid(), "simd");
        Oracle.assertSameArgmax(ref, b.k0, b.scalar(e), b.slot.grid(), "scalar");
        Oracle.assertSameArgmax(ref, b.k0, b.reference(e), b.slot.grid(), "reference");
        assertEquals(3 * evaluations, e.evaluations, "evaluations counted");
    }
}
