package org.v2g.kernel;

import java.util.Arrays;

/**
 * The grid points where the literal {@link Follower} and the prepared threshold may disagree: those
 * within {@value #RELATIVE} (relative, in {@code q = a − p}) of some EV's discharge threshold
 * {@code qStar}. There an EV exactly on its switch is decided by rounding (its discharge utility is
 * {@code ≈ c·z²/2} against an error of {@code c·2^−52}, so up to {@code z ≈ 1e−8}), and the reference's
 * {@code R} at that grid point can be what no piece of the sweep predicts. The exact solver values
 * these points literally, so its answer is at least the reference's own value there.
 *
 * <p>Thread-safe: stateless.
 */
final class NoiseBand {
    /** Relative half-width of the band around {@code qStar}, ten times the Follower's noise. */
    static final double RELATIVE = 1e-7;

    private NoiseBand() {
    }

    /** The distinct grid indices in the band of some EV's threshold, ascending. */
    static int[] gridPoints(PreparedSlot s) {
        long[] pairs = pairs(s);
        int[] found = new int[pairs.length];
        int distinct = 0;
        for (long pair : pairs) {
            int k = point(pair);
            if (distinct == 0 || found[distinct - 1] != k) {
                found[distinct++] = k;
            }
        }
        return Arrays.copyOf(found, distinct);
    }

    /**
     * Every (grid point, EV) with the grid point in the band of the EV's threshold, as
     * {@code k << 32 | i}, ascending: for each band point, the EVs whose answer there rounding may decide.
     */
    static long[] pairs(PreparedSlot s) {
        PriceGrid grid = s.grid;
        int last = grid.size() - 1;
        long[] found = new long[16];
        int count = 0;
        double inverse = 1 / grid.epsilon();
        for (int i = 0; i < s.n; i++) {
            double qStar = s.qStar[i];
            if (!(qStar < Double.POSITIVE_INFINITY) || farFromTheGrid(s.a[i], qStar, grid.pMin(), inverse)) {
                continue;
            }
            double half = RELATIVE * qStar + 8 * Math.ulp(qStar) + 8 * Math.ulp(s.a[i]);
            double pLo = s.a[i] - qStar - half;
            double pHi = s.a[i] - qStar + half;
            if (pHi < grid.pMin() || pLo > grid.price(last)) {
                continue;
            }
            long kLo = Math.max(0, (long) Math.floor((pLo - grid.pMin()) / grid.epsilon()));
            long kHi = Math.min(last, (long) Math.ceil((pHi - grid.pMin()) / grid.epsilon()));
            for (long k = kLo; k <= kHi; k++) {
                double p = grid.price((int) k);
                if (p >= pLo && p <= pHi) {
                    if (count == found.length) {
                        found = Arrays.copyOf(found, 2 * count);
                    }
                    found[count++] = k << 32 | i;
                }
            }
        }
        Arrays.sort(found, 0, count);
        return Arrays.copyOf(found, count);
    }

    /**
     * True when no grid point can lie in the band of the threshold {@code b = a − qStar}: its distance
     * to the nearest grid point, in grid steps, exceeds an upper bound of the band's half-width
     * ({@code ulp(x) ≤ |x|·2^−52 + MIN_VALUE}) plus a margin far above the rounding of the steps. One
     * multiplication instead of the two divisions of the exact search, for almost every EV.
     */
    static boolean farFromTheGrid(double a, double qStar, double pMin, double inverseEpsilon) {
        double b = a - qStar;
        double steps = (b - pMin) * inverseEpsilon;
        double half = RELATIVE * Math.abs(qStar) + 8 * 0x1p-52 * (Math.abs(qStar) + Math.abs(a)) + Double.MIN_NORMAL;
        double margin = 1e-6 + 1e-12 * (Math.abs(steps) + (Math.abs(pMin) + Math.abs(b) + half) * inverseEpsilon);
        return Math.abs(steps - Math.rint(steps)) > half * inverseEpsilon + margin;
    }

    static int point(long pair) {
        return (int) (pair >>> 32);
    }

    static int ev(long pair) {
        return (int) pair;
    }

    /**
     * An upper bound of the reference's {@code R} at the band point {@code p}: every EV off the band
     * answers as the prepared rule does (the residual assumption of docs/EXACT.md section 4), the EVs
     * of {@code pairs[from, to)} may each discharge or not. So {@code S} lies between the table's amount
     * without them and with all of them, and {@code Σ_D lost} is at least the rest's plus their negative
     * parts. O(N): one pass over the table instead of N literal follower responses.
     */
    static double bound(PreparedSlot s, DischargerTable table, double p, long[] pairs, int from, int to) {
        int rows = table.dischargers(p);
        double without = table.amount(p, p);
        double lost = table.lost(rows);
        double extra = 0;
        double negative = 0;
        for (int j = from; j < to; j++) {
            int i = ev(pairs[j]);
            double q = s.a[i] - p;
            double free = 2 - s.c[i] / q;
            double leave = s.a[i] - s.qStar[i];
            if (leave > p) { // the table counts it: take out exactly what it added
                double unclamp = s.a[i] - s.c[i] / (2 - s.m[i]);
                boolean clamped = unclamp < leave && unclamp > p;
                without -= clamped ? s.m[i] : free;
                lost -= s.lost[i];
            }
            extra += q > 0 ? Math.min(s.m[i], Math.max(0, free)) : 0;
            negative += Math.min(0, s.lost[i]);
        }
        Market market = s.market;
        double e0 = market.e0();
        double low = Math.max(0, without);
        double high = low + extra;
        double gain = e0 * Math.max((market.wGrid() + p) * low, (market.wGrid() + p) * high);
        double eLimit = market.eLimit();
        double shortOrExcess = e0 * low > eLimit ? e0 * low - eLimit : (e0 * high < eLimit ? eLimit - e0 * high : 0);
        return s.base - (lost + negative) + gain - market.delta() * shortOrExcess;
    }
}
