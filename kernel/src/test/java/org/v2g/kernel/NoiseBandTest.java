package org.v2g.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The grid points near some EV's threshold, and only those. */
class NoiseBandTest {

    @Test
    void anEvOnAGridPointIsFoundAndNothingElse() {
        Market market = Market.builder(0.66).epsilon(0.001).build();
        double target = market.grid().price(700);
        // Discharge branch born exactly at the target: c/2 = a − target, U_idle = 0, SOC 1.
        double a = -0.01;
        double capacity = 60;
        double energy = capacity; // full: no charging branch, so the alternative is idle at 0
        double beta = 2 * (a - target) * Follower.LN2 * (energy / capacity);
        Fleet fleet = Fleet.builder().add("on", capacity, energy, beta, a, 0).add("empty", 40, 0).build();
        int[] band = NoiseBand.gridPoints(PreparedSlot.of(fleet, market));
        assertArrayEquals(new int[] {700}, band);
    }

    @Test
    void nobodyCanDischargeNoBand() {
        Fleet fleet = Fleet.builder().add("a", 40, 0).add("b", 50, 0).build();
        assertArrayEquals(new int[0], NoiseBand.gridPoints(PreparedSlot.of(fleet, Market.builder(1.12).build())));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13, 14, 15})
    void ascendingDistinctAndEachNearAThreshold(long seed) {
        for (long s = seed * 100; s < seed * 100 + 40; s++) {
            SlotCases c = ThresholdFleets.of(s, 12);
            PreparedSlot slot = PreparedSlot.of(c.fleet(), c.market());
            int[] band = NoiseBand.gridPoints(slot);
            for (int j = 0; j < band.length; j++) {
                assertTrue(j == 0 || band[j - 1] < band[j], c::toString);
                double p = slot.grid().price(band[j]);
                boolean near = false;
                for (int i = 0; i < slot.size(); i++) {
                    double q = slot.a[i] - p;
                    near |= Math.abs(q - slot.qStar[i]) <= 2 * NoiseBand.RELATIVE * slot.qStar[i] + 1e-15;
                }
                assertTrue(near, () -> "index not near any threshold: " + c);
            }
        }
    }

    /**
     * The pairs are exactly those of a scan of every grid point against every EV's band, on threshold
     * slots (EVs put on grid points) and generated ones: the filter that skips EVs far from the grid
     * drops none that the band reaches.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {21, 22, 23, 24})
    void pairsAreWhatAScanOfTheWholeGridFinds(long seed) {
        int found = 0;
        for (long s = seed * 100; s < seed * 100 + 50; s++) {
            SlotCases c = s % 2 == 0 ? ThresholdFleets.of(s, 12) : SlotCases.of(s, 60);
            PreparedSlot slot = PreparedSlot.of(c.fleet(), c.market());
            long[] pairs = NoiseBand.pairs(slot);
            assertArrayEquals(scan(slot), pairs, c::toString);
            found += pairs.length;
        }
        assertTrue(found > 0, "no band point in any slot: the comparison tested nothing");
    }

    private static long[] scan(PreparedSlot s) {
        PriceGrid grid = s.grid();
        long[] out = new long[0];
        for (int i = 0; i < s.size(); i++) {
            double qStar = s.qStar[i];
            if (!(qStar < Double.POSITIVE_INFINITY)) {
                continue;
            }
            double half = NoiseBand.RELATIVE * qStar + 8 * Math.ulp(qStar) + 8 * Math.ulp(s.a[i]);
            double pLo = s.a[i] - qStar - half;
            double pHi = s.a[i] - qStar + half;
            for (int k = 0; k < grid.size(); k++) {
                double p = grid.price(k);
                if (p >= pLo && p <= pHi) {
                    out = java.util.Arrays.copyOf(out, out.length + 1);
                    out[out.length - 1] = (long) k << 32 | i;
                }
            }
        }
        java.util.Arrays.sort(out);
        return out;
    }
}
