package org.v2g.kernel;

import java.util.SplittableRandom;
import org.v2g.kernel.internal.SyntheticFleets;

/** Seeded fleets and markets for the property tests; every case is reproducible from its seed. */
final class Generated {
    private Generated() {
    }

    /** A fleet of {@code n} EVs of a kind chosen by the seed: paper, varied, edgy with common or per-EV a. */
    static Fleet fleet(int n, long seed) {
        return switch ((int) Math.floorMod(seed, 4L)) {
            case 0 -> SyntheticFleets.paper(n, seed);
            case 1 -> SyntheticFleets.varied(n, seed);
            case 2 -> SyntheticFleets.edgy(n, seed, true);
            default -> SyntheticFleets.edgy(n, seed, false);
        };
    }

    /**
     * A market of the seed: a tariff level or a random price, an auxiliary demand that is zero,
     * reachable or out of reach, random fees, and a grid step that keeps the reference affordable.
     */
    static Market market(long seed, int evs, double epsilon) {
        SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 17);
        double pRt = pick(rnd, 0.26, 0.66, 1.12, 0.05 + rnd.nextDouble() * 2);
        Market.Builder b = Market.builder(pRt).epsilon(epsilon);
        double e0 = pick(rnd, 3.75, 3.75, 1.0, 7.5);
        b.e0(e0);
        b.eLimit(pick(rnd, 0.0, 0.3 * e0 * evs * rnd.nextDouble(), 10.0 * e0 * evs + 1, rnd.nextDouble() * 20));
        if (rnd.nextBoolean()) {
            b.wService(rnd.nextDouble()).wGrid(rnd.nextDouble() * 1.5).pDelay(rnd.nextDouble() * 0.3);
        }
        if (rnd.nextInt(3) == 0) {
            b.delta(rnd.nextDouble() * 3);
        }
        if (rnd.nextInt(4) == 0) {
            b.socMin(pick(rnd, 0.2, 0.5, 1.0));
        }
        if (rnd.nextInt(4) == 0) {
            b.socFloor(pick(rnd, 0.05, 0.5, 1.0));
        }
        if (rnd.nextInt(4) == 0) {
            double lo = -rnd.nextDouble() * 4;
            b.pdMin(lo).pdMax(lo * rnd.nextDouble());
        }
        return b.build();
    }

    private static double pick(SplittableRandom rnd, double... options) {
        return options[rnd.nextInt(options.length)];
    }
}
