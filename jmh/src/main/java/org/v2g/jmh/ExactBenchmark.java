package org.v2g.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.v2g.kernel.ExactSolver;
import org.v2g.kernel.Fleet;
import org.v2g.kernel.GridPoint;
import org.v2g.kernel.Kernels;
import org.v2g.kernel.Market;
import org.v2g.kernel.PreparedSlot;
import org.v2g.kernel.SlotResult;
import org.v2g.kernel.SweepSolver;
import org.v2g.kernel.internal.SyntheticFleets;

/**
 * The exact solver (continuous optimum), the sweep (grid optimum in O(N log N + K)) and the brute-force
 * Vector API grid (O(N·K)) on one prepared slot, in one run so the ratios hold on a loaded machine;
 * then the exact solver from 100 to 1,000,000 EVs to show its N log N curve.
 *
 * <p>Every method starts from a {@link PreparedSlot}: preparing (logarithms, the threshold's Newton
 * steps) is common to all three solvers and is measured on its own by {@link #prepare2000}.
 *
 * <p>Traps named: results are returned so they are not dead code; the slot is built in
 * {@code @Setup(Level.Trial)}, never inside the measured method; the paper fleet has one common
 * {@code a}, the case the closed form and the sweep are for (per-EV {@code a} is documented in
 * {@code docs/EXACT.md}). One fork and short iterations: the numbers are for ratios on a shared box,
 * not for publication-grade absolute values.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -jar jmh/target/benchmarks.jar ExactBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ExactBenchmark {

    /** N = 2,000 paper EVs at the Shenzhen peak (p_rt 1.12): a grid of 3,361 prices. */
    @State(Scope.Benchmark)
    public static class Peak2000 {
        Fleet fleet;
        Market market;
        PreparedSlot slot;
        final ExactSolver exact = new ExactSolver();
        final SweepSolver sweep = new SweepSolver(Kernels.simd());

        @Setup(Level.Trial)
        public void setUp() {
            fleet = SyntheticFleets.paper(2000, 2026);
            market = Market.builder(1.12).eLimit(400).build();
            slot = PreparedSlot.of(fleet, market);
        }
    }

    /** The same market over fleets of growing size; E_limit grows with N so the kink stays inside. */
    @State(Scope.Benchmark)
    public static class Scaling {
        @Param({"100", "1000", "10000", "100000", "1000000"})
        int n;
        Fleet fleet;
        PreparedSlot slot;
        final ExactSolver exact = new ExactSolver();

        @Setup(Level.Trial)
        public void setUp() {
            fleet = SyntheticFleets.paper(n, 2026);
            slot = PreparedSlot.of(fleet, Market.builder(1.12).eLimit(0.2 * n).build());
        }
    }

    /**
     * Heterogeneous fleets ({@code SyntheticFleets.varied}: per-EV {@code a}, {@code β} and
     * {@code U_idle}) at the peak; E_limit grows with N. The sweep hands per-EV {@code a} to the kernel
     * and the exact solver runs its per-piece branch and bound (docs/EXACT.md sections 3 and 5).
     */
    @State(Scope.Benchmark)
    public static class Mixed {
        @Param({"2000", "200000"})
        int n;
        Fleet fleet;
        PreparedSlot slot;
        final ExactSolver exact = new ExactSolver();
        final SweepSolver sweep = new SweepSolver(Kernels.simd());

        @Setup(Level.Trial)
        public void setUp() {
            fleet = SyntheticFleets.varied(n, 2026);
            slot = PreparedSlot.of(fleet, Market.builder(1.12).eLimit(0.2 * n).build());
        }
    }

    @Benchmark
    public SlotResult exactMixed(Mixed st) {
        return st.exact.solve(st.fleet, st.slot, false);
    }

    @Benchmark
    public GridPoint sweepMixed(Mixed st) {
        return st.sweep.best(st.slot);
    }

    @Benchmark
    public GridPoint simdGridMixed(Mixed st) {
        return Kernels.simd().best(st.slot, 0, st.slot.grid().size());
    }

    @Benchmark
    public SlotResult exact2000(Peak2000 st) {
        return st.exact.solve(st.fleet, st.slot, false);
    }

    @Benchmark
    public GridPoint sweep2000(Peak2000 st) {
        return st.sweep.best(st.slot);
    }

    @Benchmark
    public GridPoint simdGrid2000(Peak2000 st) {
        return Kernels.simd().best(st.slot, 0, st.slot.grid().size());
    }

    @Benchmark
    public PreparedSlot prepare2000(Peak2000 st) {
        return PreparedSlot.of(st.fleet, st.market);
    }

    @Benchmark
    public SlotResult exactScaling(Scaling st) {
        return st.exact.solve(st.fleet, st.slot, false);
    }
}
