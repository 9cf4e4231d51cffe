// Usage (from the repository root, after mvn -q -pl jmh -am package -DskipTests):
//   J=/usr/lib/jvm/temurin-25-jdk-amd64/bin; mkdir -p /tmp/ab && $J/javac --add-modules jdk.incubator.vector \
//     -cp jmh/target/benchmarks.jar -d /tmp/ab docs/perf/ab/Interleaved.java
//   $J/java --add-modules jdk.incubator.vector -cp /tmp/ab:jmh/target/benchmarks.jar Interleaved paper 60
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.v2g.jmh.Workloads;
import org.v2g.kernel.FastSolver;
import org.v2g.kernel.Fleet;
import org.v2g.kernel.GridPoint;
import org.v2g.kernel.Kernels;
import org.v2g.kernel.Market;
import org.v2g.kernel.PreparedSlot;
import org.v2g.kernel.ReferenceSolver;
import org.v2g.kernel.SlotSolver;

/**
 * The JMH workloads of KernelBenchmark and SlotBenchmark (N = 2000, the peak grid), timed in one JVM
 * with the methods taking turns in 20 ms bursts: load from other processes then falls on all of them
 * alike, so their ratios survive a shared machine better than separate JMH forks minutes apart.
 * Reports the best and the median burst. Not a replacement for JMH (no forks, one JIT outcome):
 * a cross-check of the ratios. simd overrides best(), scalar uses the interface default, so the
 * default method's call site stays monomorphic: no profile pollution between the two.
 */
public class Interleaved {
    static long sink;

    public static void main(String[] args) {
        String fleet = args[0];
        int rounds = Integer.parseInt(args[1]);
        int n = 2000;
        Fleet evs = Workloads.fleet(fleet, n);
        Market market = Workloads.market(n);
        PreparedSlot slot = PreparedSlot.of(evs, market);
        int size = slot.grid().size();
        int refK0 = Workloads.centredSlice(slot.grid(), 8);
        SlotSolver simdSolver = new FastSolver(Kernels.simd());
        SlotSolver scalarSolver = new FastSolver(Kernels.scalar());
        Map<String, LongSupplier> work = new LinkedHashMap<>(); // returns evaluations done (0: time only)
        work.put("kernel.simd", () -> { sink += Kernels.simd().best(slot, 0, size).k(); return (long) n * size; });
        work.put("kernel.scalar", () -> { sink += Kernels.scalar().best(slot, 0, size).k(); return (long) n * size; });
        work.put("kernel.reference", () -> {
            GridPoint best = GridPoint.NONE;
            for (int k = refK0; k < refK0 + 8; k++) {
                best = GridPoint.better(new GridPoint(k, ReferenceSolver.revenue(evs, market, slot.grid().price(k))), best);
            }
            sink += best.k();
            return (long) n * 8;
        });
        work.put("slot.simd", () -> { sink += simdSolver.solve(evs, market).k(); return 0; });
        work.put("slot.scalar", () -> { sink += scalarSolver.solve(evs, market).k(); return 0; });
        work.put("slot.prepare", () -> { sink += PreparedSlot.of(evs, market).size(); return 0; });
        Map<String, List<double[]>> results = new LinkedHashMap<>();
        work.keySet().forEach(k -> results.put(k, new ArrayList<>()));
        for (int r = -30; r < rounds; r++) {
            for (var e : work.entrySet()) {
                long t0 = System.nanoTime(), calls = 0, evals = 0;
                do {
                    evals += e.getValue().getAsLong();
                    calls++;
                } while (System.nanoTime() - t0 < 20_000_000L);
                long ns = System.nanoTime() - t0;
                if (r >= 0) {
                    results.get(e.getKey()).add(new double[] {evals / (ns * 1e-9), ns / 1e3 / calls});
                }
            }
        }
        System.out.printf("fleet=%s N=%d lanes=%d rounds=%d%n", fleet, n, Kernels.lanes(), rounds);
        for (var e : results.entrySet()) {
            List<Double> rate = new ArrayList<>(), us = new ArrayList<>();
            e.getValue().forEach(x -> { rate.add(x[0]); us.add(x[1]); });
            Collections.sort(rate);
            Collections.sort(us);
            int mid = rate.size() / 2;
            if (e.getKey().startsWith("kernel")) {
                System.out.printf("%-18s best %8.3f G/s  median %8.3f G/s%n", e.getKey(),
                        rate.get(rate.size() - 1) / 1e9, rate.get(mid) / 1e9);
            } else {
                System.out.printf("%-18s best %8.1f us    median %8.1f us%n", e.getKey(), us.get(0), us.get(mid));
            }
        }
        if (sink == 42) {
            System.out.println();
        }
    }
}
