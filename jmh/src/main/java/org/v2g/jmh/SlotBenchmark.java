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
import org.openjdk.jmh.infra.BenchmarkParams;
import org.v2g.kernel.FastSolver;
import org.v2g.kernel.Fleet;
import org.v2g.kernel.Kernels;
import org.v2g.kernel.Market;
import org.v2g.kernel.PreparedSlot;
import org.v2g.kernel.SlotResult;
import org.v2g.kernel.SlotSolver;

/**
 * One whole slot end to end, as a caller sees it: {@code FastSolver.solve(fleet, market)} prepares the
 * slot (a logarithm and, for some EVs, a Newton solve per EV), scans all 3,361 prices of the Shenzhen
 * peak grid ({@code p_rt = 1.12}, {@code ε = 0.001}), and reads every EV's decision at the argmax.
 * N = 2000 as in the paper's case study. Target: at most 1 ms.
 *
 * <p>{@link #simd} / {@link #scalar} differ only in the kernel the solver holds; {@link #prepare} times
 * the price-independent part alone, so {@code simd − prepare} is the grid scan.
 *
 * <p>Warm-up, forks and traps: as {@link KernelBenchmark}; here too the first call, interpreted, takes
 * 2-3 s, so the first warm-up iteration is one call, and 8 are needed before the rate is steady. The
 * fleet is built once per trial, never inside the timed method; the solver's own {@code nanos} field
 * is ignored, JMH times the call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {Workloads.ADD_VECTOR, Workloads.ALLOW_UNSAFE})
public class SlotBenchmark {

    @Param({"2000"})
    int n;

    @Param({"paper", "varied"})
    String fleet;

    Fleet evs;
    Market market;

    private final SlotSolver simd = new FastSolver(Kernels.simd());
    private final SlotSolver scalar = new FastSolver(Kernels.scalar());

    @Setup(Level.Trial)
    public void setup(BenchmarkParams params) {
        Species.check(params.getBenchmark());
        prepareWorkload();
    }

    /** Builds the workload; also what the unit test calls. */
    void prepareWorkload() {
        evs = Workloads.fleet(fleet, n);
        market = Workloads.market(n);
    }

    @Benchmark
    public SlotResult simd() {
        return simd.solve(evs, market);
    }

    @Benchmark
    public SlotResult scalar() {
        return scalar.solve(evs, market);
    }

    @Benchmark
    public PreparedSlot prepare() {
        return PreparedSlot.of(evs, market);
    }
}
