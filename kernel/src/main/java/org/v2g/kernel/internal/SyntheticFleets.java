package org.v2g.kernel.internal;

import java.util.SplittableRandom;
import org.v2g.kernel.Fleet;

/**
 * Seeded synthetic fleets for property tests, benchmarks and examples. The same seed gives the same
 * fleet on every JVM.
 *
 * <ul>
 *   <li>{@link #paper}: the paper's parameters (β 0.16, a −0.01, U_idle 0), capacities of cars and
 *       buses, energies uniform over the battery;</li>
 *   <li>{@link #varied}: per-EV β, a and U_idle as well;</li>
 *   <li>{@link #edgy}: mostly edge values: SOC exactly 0 and 1, capacities below {@code E0},
 *       {@code a = 0}, negative and positive idle utilities, tiny and huge β.</li>
 * </ul>
 */
public final class SyntheticFleets {
    private static final double[] CAPACITIES = {32, 40, 50, 64, 65, 75, 82, 100, 160, 250};

    private SyntheticFleets() {
    }

    /** Paper parameters, random capacities and energies. */
    public static Fleet paper(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Fleet.Builder b = Fleet.builder();
        for (int i = 0; i < n; i++) {
            double cap = CAPACITIES[rnd.nextInt(CAPACITIES.length)];
            b.add("ev" + i, cap, round(rnd.nextDouble() * cap));
        }
        return b.build();
    }

    /** Per-EV {@code β}, {@code a} and {@code U_idle}. */
    public static Fleet varied(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Fleet.Builder b = Fleet.builder();
        for (int i = 0; i < n; i++) {
            double cap = CAPACITIES[rnd.nextInt(CAPACITIES.length)];
            double beta = 0.02 + rnd.nextDouble() * 0.5;
            double a = -rnd.nextDouble() * 0.1;
            double uIdle = rnd.nextDouble() < 0.7 ? 0 : (rnd.nextDouble() - 0.5) * 0.2;
            b.add("ev" + i, cap, round(rnd.nextDouble() * cap), beta, a, uIdle);
        }
        return b.build();
    }

    /**
     * Mostly edge values.
     *
     * @param commonA when true every EV gets the same {@code a} (drawn once, possibly 0)
     */
    public static Fleet edgy(int n, long seed, boolean commonA) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double sharedA = pick(rnd, 0.0, -0.01, -0.05, -rnd.nextDouble() * 0.2);
        Fleet.Builder b = Fleet.builder();
        for (int i = 0; i < n; i++) {
            double cap = pick(rnd, 0.5, 1.0, 3.0, 3.75, 4.0, 40.0, 64.0, 160.0, 1 + rnd.nextDouble() * 300);
            double energy = switch (rnd.nextInt(6)) {
                case 0 -> 0;
                case 1 -> cap;
                case 2 -> Math.min(cap, 1e-4);
                case 3 -> Math.max(0, cap - 1e-4);
                default -> rnd.nextDouble() * cap;
            };
            double beta = pick(rnd, 0.16, 1e-4, 0.01, 0.5, 2.0, 5.0 * rnd.nextDouble() + 1e-6);
            double a = commonA ? sharedA : pick(rnd, 0.0, -0.01, -0.5, -rnd.nextDouble() * 0.3);
            double uIdle = pick(rnd, 0.0, 0.0, -0.05, 0.01, 0.1, -1.0, (rnd.nextDouble() - 0.5) * 0.6);
            b.add("ev" + i, cap, energy, beta, a, uIdle);
        }
        return b.build();
    }

    private static double pick(SplittableRandom rnd, double... options) {
        return options[rnd.nextInt(options.length)];
    }

    private static double round(double kwh) {
        return Math.round(kwh * 10) / 10.0;
    }
}
