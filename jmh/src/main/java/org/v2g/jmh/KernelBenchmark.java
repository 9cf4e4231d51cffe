package org.v2g.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * The leader's revenue over the price grid of one slot: {@code best(slot, 0, K+1)}, every price of the
 * Shenzhen peak grid (3,361 points) against the whole fleet, by the Vector API kernel and by its scalar
 * twin; the literal {@link ReferenceSolver} on a small slice of the same grid.
 *
 * <p>The score that matters is the secondary {@code evaluations} (EV·price evaluations per second,
 * {@link Evaluations}); the primary score is calls per second. Compare ratios only between methods of one
 * run: the machine these numbers come from is shared.
 *
 * <p>Pairs that differ in one thing:
 * <ul>
 *   <li>{@link #simd} / {@link #scalar}: the kernel, nothing else;</li>
 *   <li>{@link #simd} / {@link #simd256} / {@link #simd512}: the vector species only. The species is a
 *       {@code static final} read once from {@code -Dv2g.vector.bits} when the kernel class loads, so one
 *       JVM has one width for good: the width has to be a fork's JVM argument, not a {@code @Param}
 *       (which would change nothing after class loading). Each width method carries its own
 *       {@code @Fork(jvmArgsAppend = ...)}, and {@link #setup} refuses to run one whose lanes do not match
 *       its name (which happens if {@code -jvmArgsAppend} on the command line replaces the annotation's).</li>
 *   <li>{@code floors} (SPEC section 8, default {@code none}, run with {@code -p floors=none,0,30}):
 *       {@code none} is the fleet without floors, today's path; {@code 0} gives 30 % of the EVs a floor
 *       that cuts their discharge and forces none; {@code 30} forces 30 % to charge (floor above their
 *       energy). {@code PreparedSlot} settles floors before the loop, so all three should time alike
 *       ({@link Workloads#withFloors}).</li>
 * </ul>
 *
 * <p>Sizes 1999/2000/2001: 2000 is a multiple of every unroll width (4·8 lanes), 1999 leaves a vector
 * tail and a scalar tail of 7, 2001 a scalar tail of 1; a kernel that only shines on round sizes shows it.
 *
 * <p>Warm-up and forks: the Vector API is only fast once C2 has intrinsified it; before that every
 * {@code DoubleVector} is a heap object and one call of {@link #simd} at N = 2000 takes 2-7 s (measured:
 * the first warm-up iteration scores 0.15-0.4 calls/s). So the first 1 s iteration is a single call, C2
 * reaches the loop during the second or third, and the rate was still climbing in the fourth and fifth
 * (with 3 warm-up iterations the first measured ones were 2-6x low). Hence 8 warm-up iterations. Two
 * forks because one JIT compilation can land on a worse loop layout for the life of its JVM
 * (run-to-run variance that more iterations would not reveal).
 * <p>Traps this class avoids, named:
 * <ul>
 *   <li><b>dead code</b>: every method returns its {@link GridPoint}, which JMH consumes;</li>
 *   <li><b>constant folding</b>: the slot lives in a {@code @State} field, not a {@code static final};</li>
 *   <li><b>profile pollution</b>: {@code RevenueKernel.best} calls {@code revenue} through the interface;
 *       were simd and scalar timed in one JVM that call site would be bimorphic and neither inlined as it
 *       is in production. JMH forks each method into its own JVM, so never run this with {@code -f 0};</li>
 *   <li><b>silent fallback</b>: without {@code --add-modules jdk.incubator.vector} {@code Kernels.simd()}
 *       is the scalar twin; {@link #setup} refuses to time "simd" then;</li>
 *   <li><b>the empty part of the grid</b>: at the ten prices {@code p_d > a = −0.01} nobody can discharge
 *       and both kernels return at once; they are 0.3% of the evaluations counted.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {Workloads.ADD_VECTOR, Workloads.ALLOW_UNSAFE})
public class KernelBenchmark {

    /** Prices of the reference's slice: the literal solver takes ~60 µs per price at N = 2000 (a log per EV). */
    static final int REFERENCE_PRICES = 8;

    @Param({"1999", "2000", "2001"})
    int n;

    @Param({"paper", "varied"})
    String fleet;

    /** {@code none}, {@code 0} or {@code 30}: see {@link Workloads#withFloors}. */
    @Param({"none"})
    String floors = "none";

    Fleet evs;
    Market market;
    PreparedSlot slot;
    /** The whole grid, {@code [0, K+1)}. */
    int k0;
    int k1;
    /** The reference's slice, centred in the grid. */
    int refK0;
    int refK1;

    private final RevenueKernel simd = Kernels.simd();
    private final RevenueKernel scalar = Kernels.scalar();

    /**
     * EV·price evaluations done; JMH divides by the iteration's time, so the secondary result
     * {@code evaluations} is evaluations per second.
     */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Evaluations {
        public long evaluations;

        @Setup(Level.Iteration)
        public void reset() {
            evaluations = 0;
        }
    }

    @Setup(Level.Trial)
    public void setup(BenchmarkParams params) {
        Species.check(params.getBenchmark());
        prepare();
    }

    /** Builds the workload; also what the unit test calls. */
    void prepare() {
        evs = Workloads.withFloors(Workloads.fleet(fleet, n), floors);
        market = Workloads.market(n);
        slot = PreparedSlot.of(evs, market);
        k0 = 0;
        k1 = slot.grid().size();
        refK0 = Workloads.centredSlice(slot.grid(), REFERENCE_PRICES);
        refK1 = refK0 + REFERENCE_PRICES;
    }

    @Benchmark
    public GridPoint simd(Evaluations e) {
        e.evaluations += (long) n * (k1 - k0);
        return simd.best(slot, k0, k1);
    }

    @Benchmark
    public GridPoint scalar(Evaluations e) {
        e.evaluations += (long) n * (k1 - k0);
        return scalar.best(slot, k0, k1);
    }

    @Benchmark
    @Fork(value = 2, jvmArgsAppend = {Workloads.ADD_VECTOR, Workloads.ALLOW_UNSAFE, "-Dv2g.vector.bits=256"})
    public GridPoint simd256(Evaluations e) {
        e.evaluations += (long) n * (k1 - k0);
        return simd.best(slot, k0, k1);
    }

    @Benchmark
    @Fork(value = 2, jvmArgsAppend = {Workloads.ADD_VECTOR, Workloads.ALLOW_UNSAFE, "-Dv2g.vector.bits=512"})
    public GridPoint simd512(Evaluations e) {
        e.evaluations += (long) n * (k1 - k0);
        return simd.best(slot, k0, k1);
    }

    /** The literal solver's loop ({@code ReferenceSolver.solve}) on the slice {@code [refK0, refK1)}. */
    @Benchmark
    public GridPoint reference(Evaluations e) {
        e.evaluations += (long) n * (refK1 - refK0);
        GridPoint best = GridPoint.NONE;
        for (int k = refK0; k < refK1; k++) {
            best = GridPoint.better(new GridPoint(k, ReferenceSolver.revenue(evs, market, slot.grid().price(k))), best);
        }
        return best;
    }
}
