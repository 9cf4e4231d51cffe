package org.v2g.partition;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.v2g.kernel.Fleet;
import org.v2g.kernel.Market;
import org.v2g.kernel.internal.SyntheticFleets;

/** Seeded random slots and pools for the property tests. */
final class Slots {
    private Slots() {
    }

    static Fleet fleet(SplittableRandom rnd) {
        int n = 1 + rnd.nextInt(1500);
        long seed = rnd.nextLong();
        return switch (rnd.nextInt(4)) {
            case 0 -> SyntheticFleets.paper(n, seed);
            case 1 -> SyntheticFleets.varied(n, seed);
            case 2 -> SyntheticFleets.edgy(n, seed, true);
            default -> SyntheticFleets.edgy(n, seed, false);
        };
    }

    /** A market whose grid has between 1 and a few thousand points. */
    static Market market(SplittableRandom rnd) {
        double[] tariff = {0.26, 0.66, 1.12};
        double pRt = tariff[rnd.nextInt(tariff.length)];
        Market.Builder b = Market.builder(pRt).eLimit(rnd.nextInt(3) == 0 ? 0 : rnd.nextDouble() * 2000);
        switch (rnd.nextInt(5)) {
            case 0 -> b.epsilon(0.0007 + rnd.nextDouble() * 0.01);
            case 1 -> b.pdMin(-rnd.nextDouble() * 0.01); // a handful of points, maybe one
            default -> {
                // the paper's grid: 3·p_rt / 0.001 + 1 points
            }
        }
        return b.build();
    }

    /** Random capacities, slowdowns and faults for {@code workers} workers; worker {@code healthy} never fails. */
    static PoolConfig pool(SplittableRandom rnd, int workers, boolean faults, String kernel) {
        PoolConfig.Builder b = PoolConfig.builder(workers);
        double[] capacities = new double[workers];
        for (int w = 0; w < workers; w++) {
            capacities[w] = rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(8) : 0.1 + rnd.nextDouble() * 10;
        }
        b.capacities(capacities);
        for (int w = 0; w < workers; w++) {
            if (rnd.nextInt(4) == 0) {
                b.slowdown(w, 1 + rnd.nextDouble() * 5);
            }
        }
        if (faults) {
            int healthy = rnd.nextInt(workers);
            for (Fault f : faults(rnd, workers, healthy)) {
                b.fail(f);
            }
        }
        return b.policy(policy(rnd)).kernel(kernel)
                .stallDeadline(java.time.Duration.ofMillis(250)).build();
    }

    /**
     * Runs the SIMD kernel over fleets of every shape until C2 has compiled all of its paths. Its lane
     * reduction ({@code reduceLanes(ADD)}) sums in a different order interpreted than compiled, so the
     * same {@code k} can differ in the last bits between JIT tiers (a kernel issue, see
     * docs/PARTITION.md); bit-for-bit comparisons of the SIMD kernel are made once it is hot.
     */
    static synchronized void warmSimd() {
        if (warm) {
            return;
        }
        org.v2g.kernel.RevenueKernel k = org.v2g.kernel.Kernels.simd();
        for (int round = 0; round < 2; round++) {
            for (int n : new int[] {1, 3, 7, 8, 9, 17, 33, 64, 100, 257}) {
                for (Fleet f : new Fleet[] {SyntheticFleets.paper(n, n), SyntheticFleets.varied(n, n),
                        SyntheticFleets.edgy(n, n, true), SyntheticFleets.edgy(n, n, false)}) {
                    org.v2g.kernel.PreparedSlot s = org.v2g.kernel.PreparedSlot.of(f, Market.builder(1.12).eLimit(300).build());
                    for (int i = 0; i < s.grid().size(); i++) {
                        k.revenue(s, i);
                    }
                }
            }
        }
        warm = true;
    }

    private static boolean warm;

    static List<Fault> faults(SplittableRandom rnd, int workers, int healthy) {
        List<Fault> faults = new ArrayList<>();
        Fault.Kind[] kinds = Fault.Kind.values();
        for (int w = 0; w < workers; w++) {
            if (w != healthy && rnd.nextInt(3) == 0) {
                double after = rnd.nextInt(5) == 0 ? 0 : rnd.nextDouble();
                faults.add(new Fault(w, after, kinds[rnd.nextInt(kinds.length)]));
            }
        }
        return faults;
    }

    static ChunkPolicy policy(SplittableRandom rnd) {
        return switch (rnd.nextInt(4)) {
            case 0 -> ChunkPolicy.staticSplit();
            case 1 -> new ChunkPolicy(1 + rnd.nextInt(64), 1 + rnd.nextInt(32), rnd.nextBoolean(),
                    rnd.nextBoolean() ? Double.POSITIVE_INFINITY : 0.5 + rnd.nextDouble() * 4);
            default -> ChunkPolicy.adaptive();
        };
    }
}
