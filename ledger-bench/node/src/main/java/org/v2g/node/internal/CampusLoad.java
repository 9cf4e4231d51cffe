package org.v2g.node.internal;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.v2g.node.DaySlot;

/**
 * The campus base load and the auxiliary discharge demand of the case study. The paper's Fig. 3
 * (SUSTech campus, 27–28 May 2021) is not published as data, so both are generated from a seed:
 *
 * <ul>
 *   <li><b>Base load</b>, kW: {@code 5200} plus three daily humps — late morning (peak 2600 kW at
 *       10:30, σ 1.6 h), afternoon (3000 kW at 15:30, σ 2 h), evening (1200 kW at 20:00, σ 1.5 h) —
 *       minus a night trough (1200 kW at 03:30, σ 2 h), times an AR(1) noise of 1.5 % per slot
 *       (coefficient 0.8).</li>
 *   <li><b>Auxiliary demand</b> {@code E_limit}, kWh per slot: the grid asks the aggregator for 1.5 kWh per kWh of
 *       load above the day's median, per 2,000 EVs:
 *       {@code E_limit = 1.5 · (N/2000) · max(0, L − median(L)) · 0.25 h}.</li>
 * </ul>
 */
public final class CampusLoad {
    private static final double NOISE = 0.015;
    private static final double NOISE_MEMORY = 0.8;

    private final double[] baseLoadKw;
    private final double[] eLimitKwh;

    private CampusLoad(double[] baseLoadKw, double[] eLimitKwh) {
        this.baseLoadKw = baseLoadKw;
        this.eLimitKwh = eLimitKwh;
    }

    /**
     * @param startH start of the first slot, hours
     * @param slots  number of 15-minute slots
     * @param evs    fleet size, scales the auxiliary demand
     */
    public static CampusLoad generate(double startH, int slots, int evs, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
        double[] load = new double[slots];
        double noise = 0;
        for (int s = 0; s < slots; s++) {
            double h = startH + (s + 0.5) * DaySlot.HOURS;
            noise = NOISE_MEMORY * noise + Math.sqrt(1 - NOISE_MEMORY * NOISE_MEMORY) * Draws.gaussian(rnd);
            double shape = 5200 + 2600 * bump(h, 10.5, 1.6) + 3000 * bump(h, 15.5, 2.0)
                    + 1200 * bump(h, 20.0, 1.5) - 1200 * bump(h, 3.5, 2.0);
            load[s] = shape * (1 + NOISE * noise);
        }
        double[] sorted = load.clone();
        Arrays.sort(sorted);
        double median = slots == 0 ? 0 : (sorted[(slots - 1) / 2] + sorted[slots / 2]) / 2;
        double scale = 1.5 * evs / 2000.0;
        double[] eLimit = new double[slots];
        for (int s = 0; s < slots; s++) {
            eLimit[s] = scale * Math.max(0, load[s] - median) * DaySlot.HOURS;
        }
        return new CampusLoad(load, eLimit);
    }

    public double baseLoadKw(int slot) {
        return baseLoadKw[slot];
    }

    public double eLimitKwh(int slot) {
        return eLimitKwh[slot];
    }

    /** A Gaussian bump on the 24-hour circle. */
    private static double bump(double hours, double centre, double sigma) {
        double d = Math.abs((hours % 24) - centre);
        d = Math.min(d, 24 - d);
        return Math.exp(-d * d / (2 * sigma * sigma));
    }
}
