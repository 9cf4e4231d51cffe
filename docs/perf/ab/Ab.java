// Usage (from the repository root, after mvn -q -pl jmh -am package -DskipTests):
//   J=/usr/lib/jvm/temurin-25-jdk-amd64/bin; mkdir -p /tmp/ab && $J/javac --add-modules jdk.incubator.vector \
//     -cp jmh/target/benchmarks.jar -d /tmp/ab docs/perf/ab/*.java
//   $J/java --add-modules jdk.incubator.vector -cp /tmp/ab:jmh/target/benchmarks.jar Ab 2000 paper current,A,old 50
// Arguments: N, fleet (paper|varied), variants (current = Kernels.simd(); see KernelVariants), rounds.
import java.util.*;
import org.v2g.kernel.*;
import org.v2g.jmh.Workloads;

/** Interleaved A/B: variants alternate in short bursts, so load hits all alike; report best and median. */
public class Ab {
    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        String fleet = args[1];
        List<String> variants = List.of(args[2].split(","));
        int rounds = Integer.parseInt(args[3]);
        PreparedSlot slot = PreparedSlot.of(Workloads.fleet(fleet, n), Workloads.market(n));
        int usable = slot.grid().size() - 12;
        int prices = (int) Math.min(usable, 8_000_000L / n);
        int k0 = (usable - prices) / 2, k1 = k0 + prices;
        long evals = (long) n * prices;
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        for (String v : variants) rates.put(v, new ArrayList<>());
        long sink = 0;
        for (int r = -20; r < rounds; r++) {
            for (String v : variants) {
                long t0 = System.nanoTime(), calls = 0;
                do { sink += run(v, slot, k0, k1).k(); calls++; } while (System.nanoTime() - t0 < 20_000_000L);
                double rate = evals * calls / ((System.nanoTime() - t0) * 1e-9);
                if (r >= 0) rates.get(v).add(rate);
            }
        }
        for (var e : rates.entrySet()) {
            List<Double> l = e.getValue(); Collections.sort(l);
            System.out.printf("n=%d %s %-10s best %.3f G/s  p75 %.3f  median %.3f G/s%n", n, fleet, e.getKey(),
                l.get(l.size() - 1) / 1e9, l.get(l.size() * 3 / 4) / 1e9, l.get(l.size() / 2) / 1e9);
        }
        if (sink == 42) System.out.println();
    }
    static GridPoint run(String v, PreparedSlot s, int k0, int k1) {
        return switch (v) {
            case "current" -> Kernels.simd().best(s, k0, k1);
            default -> KernelVariants.best(v, s, k0, k1);
        };
    }
}
