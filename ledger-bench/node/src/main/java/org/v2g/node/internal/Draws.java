package org.v2g.node.internal;

import java.util.SplittableRandom;

/** Random draws with algorithms fixed here, so a seed gives the same day on every JDK. */
public final class Draws {
    private Draws() {
    }

    /** Standard normal by Box–Muller. */
    static double gaussian(SplittableRandom rnd) {
        double u = 1 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** Normal with mean and deviation, clipped into {@code [lo, hi]}. */
    static double normal(SplittableRandom rnd, double mean, double sd, double lo, double hi) {
        return Math.max(lo, Math.min(hi, mean + sd * gaussian(rnd)));
    }

    static double uniform(SplittableRandom rnd, double lo, double hi) {
        return lo + (hi - lo) * rnd.nextDouble();
    }

    /** An index drawn with the given non-negative weights. */
    static int weighted(SplittableRandom rnd, double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double u = rnd.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** Rounds hours to whole minutes, as a schedule would record them. */
    static double toMinute(double hours) {
        return Math.round(hours * 60) / 60.0;
    }
}
