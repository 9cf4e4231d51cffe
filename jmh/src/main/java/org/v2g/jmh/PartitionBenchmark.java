package org.v2g.jmh;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.v2g.kernel.Fleet;
import org.v2g.kernel.GridPoint;
import org.v2g.kernel.Kernels;
import org.v2g.kernel.Market;
import org.v2g.kernel.PreparedSlot;
import org.v2g.kernel.RevenueKernel;
import org.v2g.kernel.internal.SyntheticFleets;
import org.v2g.partition.ChunkPolicy;
import org.v2g.partition.Fault;
import org.v2g.partition.PartitionedResult;
import org.v2g.partition.PartitionedSolver;
import org.v2g.partition.PoolConfig;
import org.v2g.partition.SlotMetrics;
import org.v2g.partition.internal.Slowdown;

/**
 * The partitioned solver on one slot: N EVs at the Shenzhen peak price (grid of 3,361 prices),
 * SIMD kernel, average time per slot. Methods come in groups to be read as ratios <em>of the same
 * run</em>:
 *
 * <ul>
 *   <li><b>Scaling</b>: {@link #pool1} / {@link #pool2} (target ≥ 1.85 on 2 cores);
 *       {@link #sequential} is the kernel's own loop without a pool, to show the pool's overhead.</li>
 *   <li><b>Heterogeneous SCPs</b>, capacities 1:2:4:8 simulated by slowdowns 8, 4, 2, 1 (slow
 *       workers sleep, see {@link Slowdown}, so the four together need 1.875 of the 2 cores):
 *       {@link #capacities1248} against the capacity-weighted ideal {@code pool1 / 1.875} (target
 *       ≤ 1.1×), against {@link #staticEqualSplit1248} (the grid cut in four equal parts, no stealing)
 *       and against {@link #parallelStream1248} (the JDK's parallel stream over the same grid in a
 *       4-thread ForkJoinPool whose threads carry the same slowdowns).</li>
 *   <li><b>Faults</b>: four half-speed SCPs (slowdown 2 each, so together they fill the 2 cores)
 *       {@link #faultFree4} against worker 3 failing after half its share, by throwing
 *       ({@link #oneThrows4}) or stalling ({@link #oneStalls4}); target ≤ 1.3×. The ideal ratio is
 *       7/6 ≈ 1.17: the lost worker did 1/8 of the grid, the other three do the rest at 3/4 speed.</li>
 * </ul>
 *
 * <p>Traps: the machine has 2 cores shared with other processes, so absolute times move between
 * runs; compare methods of the same run only. Pools are created once per trial and park between
 * slots; the first slots of a pool wake its threads from a cold park, which the warm-up absorbs.
 * One fork, because the pools' threads and the FJ pool are per JVM and the run is short by design.
 * The pool methods also report the pools' own makespan and ideal ({@link PoolView}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PartitionBenchmark {
    /** Slowdowns that simulate capacities 1:2:4:8 on equal cores. */
    static final double[] SLOWDOWNS_1248 = {8, 4, 2, 1};

    /**
     * Σ 1/slowdown of the 1:2:4:8 workers, in full-speed workers (1.875): the capacity-weighted ideal
     * time per slot of {@link #capacities1248} is {@link #pool1}'s time divided by this.
     */
    public static double speedOf1248() {
        double sum = 0;
        for (double s : SLOWDOWNS_1248) {
            sum += 1 / s;
        }
        return sum;
    }

    @Param({"20000"})
    public int n;

    Fleet fleet;
    PreparedSlot slot;
    RevenueKernel kernel;
    PartitionedSolver pool1;
    PartitionedSolver pool2;
    PartitionedSolver capacities1248;
    PartitionedSolver static1248;
    PartitionedSolver halfSpeed4;
    ForkJoinPool streams1248;

    @Setup(Level.Trial)
    public void setup() {
        fleet = SyntheticFleets.paper(n, 42);
        slot = PreparedSlot.of(fleet, Market.builder(1.12).eLimit(n * 0.4).build());
        kernel = Kernels.simd();
        pool1 = PartitionedSolver.start(PoolConfig.builder(1).build());
        pool2 = PartitionedSolver.start(PoolConfig.builder(2).build());
        capacities1248 = PartitionedSolver.start(slowed(PoolConfig.builder(4).capacities(1, 2, 4, 8)).build());
        static1248 = PartitionedSolver.start(slowed(PoolConfig.builder(4)).policy(ChunkPolicy.staticSplit()).build());
        PoolConfig.Builder half = PoolConfig.builder(4);
        for (int w = 0; w < 4; w++) {
            half.slowdown(w, 2);
        }
        halfSpeed4 = PartitionedSolver.start(half.build());
        streams1248 = slowedForkJoinPool(SLOWDOWNS_1248);
    }

    private static PoolConfig.Builder slowed(PoolConfig.Builder b) {
        for (int w = 0; w < SLOWDOWNS_1248.length; w++) {
            b.slowdown(w, SLOWDOWNS_1248[w]);
        }
        return b;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        for (PartitionedSolver p : List.of(pool1, pool2, capacities1248, static1248, halfSpeed4)) {
            p.close();
        }
        streams1248.shutdownNow();
    }

    @Benchmark
    public GridPoint sequential() {
        return kernel.best(slot, 0, slot.grid().size());
    }

    @Benchmark
    public GridPoint pool1(PoolView view) {
        return best(pool1, List.of(), view);
    }

    @Benchmark
    public GridPoint pool2(PoolView view) {
        return best(pool2, List.of(), view);
    }

    @Benchmark
    public GridPoint capacities1248(PoolView view) {
        return best(capacities1248, List.of(), view);
    }

    @Benchmark
    public GridPoint staticEqualSplit1248(PoolView view) {
        return best(static1248, List.of(), view);
    }

    @Benchmark
    public GridPoint parallelStream1248() {
        PreparedSlot s = slot;
        RevenueKernel k = kernel;
        return CompletableFuture.supplyAsync(() -> IntStream.range(0, s.grid().size()).parallel()
                .mapToObj(i -> {
                    long t0 = System.nanoTime();
                    GridPoint p = new GridPoint(i, k.revenue(s, i));
                    SLOWDOWN.get().charge(System.nanoTime() - t0);
                    return p;
                })
                .reduce(GridPoint.NONE, GridPoint::better), streams1248).join();
    }

    @Benchmark
    public GridPoint faultFree4(PoolView view) {
        return best(halfSpeed4, List.of(), view);
    }

    @Benchmark
    public GridPoint oneThrows4(PoolView view) {
        return best(halfSpeed4, List.of(new Fault(3, 0.5, Fault.Kind.THROW)), view);
    }

    @Benchmark
    public GridPoint oneStalls4(PoolView view) {
        return best(halfSpeed4, List.of(new Fault(3, 0.5, Fault.Kind.STALL)), view);
    }

    private GridPoint best(PartitionedSolver pool, List<Fault> faults, PoolView view) {
        PartitionedResult r = pool.solve(slot, faults, false);
        view.add(r.metrics());
        return new GridPoint(r.result().k(), r.result().revenue());
    }

    /**
     * The pools' own view of each measured iteration, as two JMH secondary metrics (sums over the
     * iteration's slots, in ns): the makespans and the ideals {@code G / Σ rate_w}, where each worker's
     * rate is measured from its busy time. Their ratio is a scheduling measure that other processes on
     * the box disturb much less than the wall-clock score: on a loaded machine the rates shrink with
     * the CPU the workers really got. The report divides them per iteration and per fork.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class PoolView {
        public long makespanNanos;
        public long idealNanos;
        private long slots;

        @Setup(Level.Iteration)
        public void reset() {
            makespanNanos = 0;
            idealNanos = 0;
            slots = 0;
        }

        void add(SlotMetrics m) {
            makespanNanos += m.makespanNanos();
            idealNanos += m.idealNanos();
            slots++;
        }

        long slots() {
            return slots;
        }

        @TearDown(Level.Iteration)
        public void print() {
            if (slots > 0) {
                System.out.printf("  [pool metrics: %d slots, mean makespan %.3f ms, mean ideal %.3f ms, ratio %.3f]%n",
                        slots, makespanNanos / 1e6 / slots, idealNanos / 1e6 / slots, (double) makespanNanos / idealNanos);
            }
        }
    }

    /** The slowdown of the current ForkJoinPool thread; full speed elsewhere. */
    static final ThreadLocal<Slowdown> SLOWDOWN = ThreadLocal.withInitial(() -> new Slowdown(1));

    /**
     * A 4-thread ForkJoinPool whose threads carry the given slowdowns, round-robin by creation (the
     * pool keeps its threads for an hour, so the four stay the four).
     */
    static ForkJoinPool slowedForkJoinPool(double[] slowdowns) {
        AtomicInteger created = new AtomicInteger();
        ForkJoinPool.ForkJoinWorkerThreadFactory factory = pool -> {
            double factor = slowdowns[created.getAndIncrement() % slowdowns.length];
            return new ForkJoinWorkerThread(null, pool, true) {
                @Override
                protected void onStart() {
                    super.onStart();
                    SLOWDOWN.set(new Slowdown(factor));
                }
            };
        };
        return new ForkJoinPool(slowdowns.length, factory, null, false, slowdowns.length, slowdowns.length, 1,
                null, 1, TimeUnit.HOURS);
    }
}
