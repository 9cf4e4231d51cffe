package org.v2g.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The exact solver's valuation is the reference's, bit for bit, at any price, in both forms (from the
 * fleet, and with the follower's price-independent numbers read from the prepared slot); failures name
 * the seed.
 */
class LiteralValuationTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void bitForBitTheReference(long seed) {
        for (long s = seed * 1000; s < seed * 1000 + 50; s++) {
            SlotCases c = s % 2 == 0 ? SlotCases.of(s, 60) : ThresholdFleets.of(s, 12);
            SplittableRandom rnd = new SplittableRandom(s);
            double p = c.market().pdMin() + rnd.nextDouble() * (c.market().pdMax() - c.market().pdMin());
            double[] amounts = new double[c.fleet().size()];
            double v = LiteralValuation.revenue(c.fleet(), PreparedSlot.of(c.fleet(), c.market()), p, amounts);
            assertEquals(Double.doubleToLongBits(ReferenceSolver.revenue(c.fleet(), c.market(), p)),
                    Double.doubleToLongBits(v), c::toString);
            assertBits(ReferenceSolver.amounts(c.fleet(), c.market(), p), amounts, c.toString());
        }
    }

    private static void assertBits(double[] expected, double[] actual, String where) {
        for (int j = 0; j < expected.length; j++) {
            assertEquals(Double.doubleToRawLongBits(expected[j]), Double.doubleToRawLongBits(actual[j]), where + " ev " + j);
        }
    }

    /**
     * The valuation writes {@link Follower#respond} out without its objects: every EV's amount must be
     * the follower's to the bit at the prices where answers switch (each EV's breakpoint, its clamp and
     * their neighbouring doubles), on fleets with floors too (some EVs below theirs, forced to charge).
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13, 14, 15, 16})
    void everyEvIsTheFollowerAtItsSwitches(long seed) {
        int discharging = 0;
        for (long s = seed * 1000; s < seed * 1000 + 40; s++) {
            SlotCases c = s % 2 == 0 ? SlotCases.of(s, 40) : ThresholdFleets.of(s, 12);
            SplittableRandom rnd = new SplittableRandom(s);
            Fleet fleet = s % 3 == 0 ? withFloors(c.fleet(), rnd) : c.fleet();
            Market market = c.market();
            PreparedSlot slot = PreparedSlot.of(fleet, market);
            double[] amounts = new double[fleet.size()];
            for (int i = 0; i < fleet.size(); i++) {
                double b = slot.a[i] - slot.qStar[i];
                double unclamp = slot.a[i] - slot.c[i] / (2 - slot.m[i]);
                double[] prices = {b, Math.nextUp(b), Math.nextDown(b), unclamp, Math.nextDown(unclamp),
                        market.pdMin() + rnd.nextDouble() * (market.pdMax() - market.pdMin())};
                for (double p : prices) {
                    if (!(p >= market.pdMin() && p <= market.pdMax())) {
                        continue;
                    }
                    double v = LiteralValuation.revenue(fleet, slot, p, amounts);
                    String where = c + " p=" + p;
                    assertEquals(Double.doubleToLongBits(ReferenceSolver.revenue(fleet, market, p)),
                            Double.doubleToLongBits(v), where);
                    for (int j = 0; j < amounts.length; j++) {
                        double follower = Follower.respond(fleet, j, market, p).amount();
                        assertEquals(Double.doubleToLongBits(follower), Double.doubleToLongBits(amounts[j]),
                                where + " ev " + j);
                        discharging += follower < 0 ? 1 : 0;
                    }
                }
            }
        }
        assertTrue(discharging > 100, "only " + discharging + " discharging answers checked");
    }

    /** A third of the EVs get a floor: below their energy, at it, or above it (forced to charge). */
    private static Fleet withFloors(Fleet fleet, SplittableRandom rnd) {
        double[] floor = new double[fleet.size()];
        for (int i = 0; i < floor.length; i++) {
            double e = fleet.energy(i);
            floor[i] = switch (rnd.nextInt(4)) {
                case 0 -> 0;
                case 1 -> e * rnd.nextDouble();
                case 2 -> e;
                default -> e + (fleet.capacity(i) - e) * rnd.nextDouble();
            };
        }
        return fleet.withFloors(floor);
    }
}
