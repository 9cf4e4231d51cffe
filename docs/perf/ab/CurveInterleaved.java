// Usage (from the repository root, after mvn -q -pl jmh -am package -DskipTests):
//   J=/usr/lib/jvm/temurin-25-jdk-amd64/bin; mkdir -p /tmp/ab && $J/javac --add-modules jdk.incubator.vector \
//     -cp jmh/target/benchmarks.jar -d /tmp/ab docs/perf/ab/CurveInterleaved.java
//   $J/java -Xmx4g --add-modules jdk.incubator.vector -cp /tmp/ab:jmh/target/benchmarks.jar CurveInterleaved 40
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.v2g.jmh.Workloads;
import org.v2g.kernel.Kernels;
import org.v2g.kernel.PreparedSlot;
import org.v2g.kernel.RevenueKernel;

/**
 * CurveBenchmark's workloads (paper fleet, ~4M EV-prices per call from the centre of the grid) for
 * every N in one JVM, taking turns in 20 ms bursts, so that machine load falls on all sizes alike.
 * A cross-check of the JMH curve's shape on a shared machine; best and median burst per size.
 */
public class CurveInterleaved {
    static long sink;

    public static void main(String[] args) {
        int rounds = Integer.parseInt(args[0]);
        int[] sizes = {100, 300, 1000, 1500, 2000, 3000, 10000, 30000, 50000, 100000, 300000, 1000000};
        PreparedSlot[] slots = new PreparedSlot[sizes.length];
        int[] k0 = new int[sizes.length];
        int[] k1 = new int[sizes.length];
        for (int j = 0; j < sizes.length; j++) {
            int n = sizes[j];
            slots[j] = PreparedSlot.of(Workloads.fleet("paper", n), Workloads.market(n));
            int prices = (int) Math.max(1, Math.min(slots[j].grid().size(), 4_000_000L / n));
            k0[j] = Workloads.centredSlice(slots[j].grid(), prices);
            k1[j] = k0[j] + prices;
        }
        RevenueKernel[] kernels = {Kernels.simd(), Kernels.scalar()};
        List<List<Double>> rates = new ArrayList<>();
        for (int j = 0; j < 2 * sizes.length; j++) {
            rates.add(new ArrayList<>());
        }
        for (int r = -10; r < rounds; r++) {
            for (int j = 0; j < sizes.length; j++) {
                for (int kk = 0; kk < 2; kk++) {
                    long evals = (long) sizes[j] * (k1[j] - k0[j]);
                    long t0 = System.nanoTime(), calls = 0;
                    do {
                        sink += kernels[kk].best(slots[j], k0[j], k1[j]).k();
                        calls++;
                    } while (System.nanoTime() - t0 < 20_000_000L);
                    if (r >= 0) {
                        rates.get(2 * j + kk).add(evals * calls / ((System.nanoTime() - t0) * 1e-9));
                    }
                }
            }
        }
        System.out.printf("lanes=%d rounds=%d%n| N | simd best G/s | simd median | scalar best G/s | scalar median |%n",
                Kernels.lanes(), rounds);
        for (int j = 0; j < sizes.length; j++) {
            List<Double> s = rates.get(2 * j), c = rates.get(2 * j + 1);
            Collections.sort(s);
            Collections.sort(c);
            System.out.printf("| %,d | %.2f | %.2f | %.2f | %.2f |%n", sizes[j], s.get(s.size() - 1) / 1e9,
                    s.get(s.size() / 2) / 1e9, c.get(c.size() - 1) / 1e9, c.get(c.size() / 2) / 1e9);
        }
        if (sink == 42) {
            System.out.println();
        }
    }
}
