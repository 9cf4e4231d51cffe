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
import org.v2g.kernel.Fleet;
import org.v2g.kernel.GridPoint;
import org.v2g.kernel.Kernels;
import org.v2g.kernel.Market;
import org.v2g.kernel.PreparedSlot;
import org.v2g.kernel.ReferenceSolver;
import org.v2g.kernel.RevenueKernel;

/**
 * EV·price evaluations per second as the fleet grows from 100 to 1,000,000 EVs: where the curve bends is
 * where the fleet's arrays stop fitting a cache level. The kernel streams four {@code double} arrays
 * ({@code c, m, qStar, lost}: 32 bytes per EV with the {@code paper} fleet) once per price, so the
 * working set is {@code 32·N} bytes: L1d (48 KiB) holds 1,536 EVs, L2 (1 MiB) 32,768 EVs.
 *
 * <p>Each call evaluates a slice of about {@link #EVALUATIONS} EV·prices centred in the grid (all 3,361
 * prices for small fleets, a handful for a million EVs), so a call stays near a millisecond at every size
 * and the timer's resolution never dominates. Sizes sit on both sides of each cache boundary.
 *
 * <p>{@link #simd} / {@link #scalar} differ only in the kernel; {@link #reference} is the literal
 * solver's loop on the same slice, the curve's baseline. Warm-up, forks and traps: as
 * {@link KernelBenchmark}. One more trap: at small {@code N} the per-price work outside the EV loop
 * (lane reduction, the revenue formula, the interface call) is a real share of the time; that is part
 * of the curve, not noise.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {Workloads.ADD_VECTOR, Workloads.ALLOW_UNSAFE, "-Xmx4g"})
public class CurveBenchmark {

    /** EV·price evaluations per call, aimed at. */
    static final long EVALUATIONS = 4_000_000;

    @Param({"100", "300", "1000", "1500", "2000", "3000", "10000", "30000", "50000", "100000", "300000",
            "1000000"})
    int n;

    @Param({"paper"})
    String fleet;

    Fleet evs;
    Market market;
    PreparedSlot slot;
    int k0;
    int k1;

    private final RevenueKernel simd = Kernels.simd();
    private final RevenueKernel scalar = Kernels.scalar();

    @Setup(Level.Trial)
    public void setup(BenchmarkParams params) {
        Species.check(params.getBenchmark());
        prepare();
    }

    /** Builds the workload; also what the unit test calls. */
    void prepare() {
        evs = Workloads.fleet(fleet, n);
        market = Workloads.market(n);
        slot = PreparedSlot.of(evs, market);
        int prices = (int) Math.max(1, Math.min(slot.grid().size(), EVALUATIONS / n));
        k0 = Workloads.centredSlice(slot.grid(), prices);
        k1 = k0 + prices;
    }

    @Benchmark
    public GridPoint simd(KernelBenchmark.Evaluations e) {
        e.evaluations += (long) n * (k1 - k0);
        return simd.best(slot, k0, k1);
    }

    @Benchmark
    public GridPoint scalar(KernelBenchmark.Evaluations e) {
        e.evaluations += (long) n * (k1 - k0);
        return scalar.best(slot, k0, k1);
    }

    /** The literal solver's loop ({@code ReferenceSolver.revenue} per price) on the same slice. */
    @Benchmark
    public GridPoint reference(KernelBenchmark.Evaluations e) {
        e.evaluations += (long) n * (k1 - k0);
        GridPoint best = GridPoint.NONE;
        for (int k = k0; k < k1; k++) {
            best = GridPoint.better(new GridPoint(k, ReferenceSolver.revenue(evs, market, slot.grid().price(k))), best);
        }
        return best;
    }
}
