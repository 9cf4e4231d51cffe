package org.v2g.kernel;

import java.util.SplittableRandom;
import org.v2g.kernel.internal.SyntheticFleets;

/**
 * Seeded slots (fleet and market) for the property tests of the exact and sweep solvers: the same
 * seed gives the same slot, and {@link #toString} names the seed so a failure can be replayed.
 */
record SlotCases(long seed, String kind, Fleet fleet, Market market) {

    private static final double[] RT = {0.26, 0.66, 1.12};

    /** A slot of at most {@code maxEvs} EVs. */
    static SlotCases of(long seed, int maxEvs) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = rnd.nextInt(8) == 0 ? rnd.nextInt(4) : rnd.nextInt(maxEvs + 1);
        String kind;
        Fleet fleet;
        switch (rnd.nextInt(5)) {
            case 0 -> {
                kind = "paper";
                fleet = SyntheticFleets.paper(n, rnd.nextLong());
            }
            case 1 -> {
                kind = "varied";
                fleet = SyntheticFleets.varied(n, rnd.nextLong());
            }
            case 2 -> {
                kind = "edgy-common";
                fleet = SyntheticFleets.edgy(n, rnd.nextLong(), true);
            }
            case 3 -> {
                kind = "edgy-per-ev";
                fleet = SyntheticFleets.edgy(n, rnd.nextLong(), false);
            }
            default -> {
                kind = "paper-idle";
                fleet = withIdleUtility(SyntheticFleets.paper(n, rnd.nextLong()), rnd);
            }
        }
        return new SlotCases(seed, kind, fleet, market(rnd, n));
    }

    /** Markets of SPEC sections 2–3: Shenzhen tariffs or random, all three E_limit regimes. */
    static Market market(SplittableRandom rnd, int n) {
        double pRt = rnd.nextInt(4) < 3 ? RT[rnd.nextInt(RT.length)] : 0.05 + rnd.nextDouble() * 1.5;
        Market.Builder b = Market.builder(pRt);
        switch (rnd.nextInt(3)) {
            case 0 -> b.eLimit(0);
            case 1 -> b.eLimit(rnd.nextDouble() * Math.max(1, n) * 3.75 * 0.6);
            default -> b.eLimit(1e6);
        }
        if (rnd.nextBoolean()) {
            b.wService(rnd.nextDouble()).wGrid(rnd.nextDouble() * 1.5).pDelay(rnd.nextDouble() * 0.3);
        }
        if (rnd.nextBoolean()) {
            b.delta(rnd.nextDouble() * 3);
        }
        if (rnd.nextInt(6) == 0) {
            b.pdMax(-rnd.nextDouble() * pRt); // an interval that stops short of 0
        }
        return b.build();
    }

    private static Fleet withIdleUtility(Fleet f, SplittableRandom rnd) {
        Fleet.Builder b = Fleet.builder();
        double u = (rnd.nextDouble() - 0.5) * 0.2;
        for (int i = 0; i < f.size(); i++) {
            b.add(f.id(i), f.capacity(i), f.energy(i), f.beta(i), f.a(i), u);
        }
        return b.build();
    }

    /** The tolerance of SPEC section 3: {@code 1e−9·max(1, |R|)}. */
    static double tolerance(double revenue) {
        return 1e-9 * Math.max(1, Math.abs(revenue));
    }

    @Override
    public String toString() {
        return "seed=" + seed + " kind=" + kind + " n=" + fleet.size() + " market=" + market;
    }
}
