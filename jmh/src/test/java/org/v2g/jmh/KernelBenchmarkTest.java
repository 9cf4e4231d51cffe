package org.v2g.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.v2g.kernel.SlotResult;

/**
 * Each {@link KernelBenchmark} method, on each of its {@code @Param} workloads, returns the argmax and
 * revenue that {@code ReferenceSolver} finds on the same fleet, market and prices.
 *
 * <p>{@code simd256}/{@code simd512} run here with the vector width of this test JVM (the species is
 * fixed at class loading); that the kernel is right at every width is the kernel module's per-width
 * test run. What this test pins is the benchmark's workload and range.
 */
class KernelBenchmarkTest {

    static Stream<Arguments> workloads() {
        return Oracle.params(KernelBenchmark.class);
    }

    @ParameterizedTest(name = "n={0} fleet={1}")
    @MethodSource("workloads")
    void kernelMethodsFindTheReferenceArgmaxOverTheWholeGrid(int n, String fleet) {
        KernelBenchmark b = new KernelBenchmark();
        b.n = n;
        b.fleet = fleet;
        b.prepare();
        assertEquals(0, b.k0);
        assertEquals(3361, b.k1, "the peak grid p_rt = 1.12 has 3,361 prices");
        SlotResult ref = Oracle.referenceOnSlice(b.evs, b.market, b.k0, b.k1);
        KernelBenchmark.Evaluations e = new KernelBenchmark.Evaluations();
        Oracle.assertSameArgmax(ref, b.k0, b.simd(e), b.slot.grid(), "simd");
        Oracle.assertSameArgmax(ref, b.k0, b.scalar(e), b.slot.grid(), "scalar");
        Oracle.assertSameArgmax(ref, b.k0, b.simd256(e), b.slot.grid(), "simd256");
        Oracle.assertSameArgmax(ref, b.k0, b.simd512(e), b.slot.grid(), "simd512");
        assertEquals(4L * n * 3361, e.evaluations, "evaluations counted");
    }

    /** The floor workloads ({@code -p floors=0,30}) at N = 2,000: the same argmax as the reference. */
    @ParameterizedTest(name = "floors={0} fleet={1}")
    @CsvSource({"0,paper", "30,paper", "30,varied"})
    void floorWorkloadsFindTheReferenceArgmax(String floors, String fleet) {
        KernelBenchmark b = new KernelBenchmark();
        b.n = 2000;
        b.fleet = fleet;
        b.floors = floors;
        b.prepare();
        int forced = 0;
        for (int i = 0; i < b.evs.size(); i++) {
            forced += b.evs.floor(i) > b.evs.energy(i) ? 1 : 0;
        }
        assertEquals(floors.equals("30") ? 600 : 0, forced, "EVs forced to charge");
        SlotResult ref = Oracle.referenceOnSlice(b.evs, b.market, b.k0, b.k1);
        KernelBenchmark.Evaluations e = new KernelBenchmark.Evaluations();
        Oracle.assertSameArgmax(ref, b.k0, b.simd(e), b.slot.grid(), "simd");
        Oracle.assertSameArgmax(ref, b.k0, b.scalar(e), b.slot.grid(), "scalar");
    }

    @ParameterizedTest(name = "n={0} fleet={1}")
    @MethodSource("workloads")
    void referenceMethodFindsTheReferenceArgmaxOfItsSlice(int n, String fleet) {
        KernelBenchmark b = new KernelBenchmark();
        b.n = n;
        b.fleet = fleet;
        b.prepare();
        assertEquals(KernelBenchmark.REFERENCE_PRICES, b.refK1 - b.refK0);
        SlotResult ref = Oracle.referenceOnSlice(b.evs, b.market, b.refK0, b.refK1);
        KernelBenchmark.Evaluations e = new KernelBenchmark.Evaluations();
        Oracle.assertSameArgmax(ref, b.refK0, b.reference(e), b.slot.grid(), "reference");
        assertEquals((long) n * KernelBenchmark.REFERENCE_PRICES, e.evaluations, "evaluations counted");
    }
}
