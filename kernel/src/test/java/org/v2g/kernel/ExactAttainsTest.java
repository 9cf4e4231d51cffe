package org.v2g.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Item 1 of the exact solver's contract, on fleets built to put EVs exactly on their decision switches
 * ({@link ThresholdFleets}): the published price attains the reported revenue (the literal
 * {@link ReferenceSolver} evaluated at that price, every time) and that revenue is at least the
 * reference's own grid maximum. Every failure names the seed.
 */
class ExactAttainsTest {
    private static final ExactSolver EXACT = new ExactSolver();

    static IntStream batches() {
        return IntStream.range(0, 40);
    }

    /** 4,000 adversarial slots of up to 12 EVs. */
    @ParameterizedTest(name = "seeds {0}00..{0}99")
    @MethodSource("batches")
    void publishedPriceAttainsItsRevenueOnThresholdFleets(int batch) {
        for (long seed = batch * 100L; seed < batch * 100L + 100; seed++) {
            check(ThresholdFleets.of(seed, 12));
        }
    }

    /**
     * Issue 13's example, 7 EVs with per-EV {@code a}, {@code β}, {@code U_idle} (some positive),
     * {@code ε = 0.0005}, {@code E_limit = 300}, {@code p_rt = 0.66}, with EVs put exactly on their
     * switches: 2,000 seeds.
     */
    @ParameterizedTest(name = "seeds {0}00..{0}99")
    @MethodSource("issueBatches")
    void issueShapedSevenEvFleets(int batch) {
        for (long seed = 50_000 + batch * 100L; seed < 50_000 + batch * 100L + 100; seed++) {
            check(ThresholdFleets.issueShaped(seed, 7));
        }
    }

    static IntStream issueBatches() {
        return IntStream.range(0, 20);
    }

    /** Larger threshold fleets (up to 150 EVs): the candidate heap and the node budget under load. */
    @ParameterizedTest(name = "seeds {0}0..{0}9")
    @MethodSource("largeBatches")
    void largerThresholdFleets(int batch) {
        for (long seed = 90_000 + batch * 10L; seed < 90_000 + batch * 10L + 10; seed++) {
            check(ThresholdFleets.of(seed, 150));
        }
    }

    static IntStream largeBatches() {
        return IntStream.range(0, 10);
    }

    static void check(SlotCases c) {
        SlotResult r = EXACT.solve(c.fleet(), c.market(), true);
        double atPrice = ReferenceSolver.revenue(c.fleet(), c.market(), r.price());
        assertEquals(atPrice, r.revenue(), SlotCases.tolerance(atPrice),
                () -> "reported revenue is not the reference's at p_d=" + r.price() + ": " + c);
        assertTrue(r.price() >= c.market().pdMin() && r.price() <= c.market().pdMax(), () -> "price outside: " + c);
        SlotResult grid = new ReferenceSolver().solve(c.fleet(), c.market());
        assertTrue(r.revenue() >= grid.revenue() - SlotCases.tolerance(grid.revenue()),
                () -> "below the reference grid maximum " + grid.revenue() + " at " + grid.price() + " (exact "
                        + r.revenue() + " at " + r.price() + "): " + c);
        double[] literal = ReferenceSolver.amounts(c.fleet(), c.market(), r.price());
        double[] published = r.dispatch().orElseThrow().amounts();
        for (int i = 0; i < literal.length; i++) {
            int ev = i;
            assertEquals(Decision.of(literal[i]), Decision.of(published[i]),
                    () -> "EV " + ev + " at p_d=" + r.price() + ": " + c);
        }
    }
}
