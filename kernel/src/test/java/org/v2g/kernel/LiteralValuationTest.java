package org.v2g.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The exact solver's valuation is the reference's, bit for bit, at any price (failures name the seed). */
class LiteralValuationTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void bitForBitTheReference(long seed) {
        for (long s = seed * 1000; s < seed * 1000 + 50; s++) {
            SlotCases c = s % 2 == 0 ? SlotCases.of(s, 60) : ThresholdFleets.of(s, 12);
            SplittableRandom rnd = new SplittableRandom(s);
            double p = c.market().pdMin() + rnd.nextDouble() * (c.market().pdMax() - c.market().pdMin());
            double[] amounts = new double[c.fleet().size()];
            double v = LiteralValuation.revenue(c.fleet(), c.market(), p, amounts);
            assertEquals(Double.doubleToLongBits(ReferenceSolver.revenue(c.fleet(), c.market(), p)),
                    Double.doubleToLongBits(v), c::toString);
            assertArrayEquals(ReferenceSolver.amounts(c.fleet(), c.market(), p), amounts, 0.0, c::toString);
        }
    }
}
