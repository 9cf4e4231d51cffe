package org.v2g.kernel;

import org.v2g.kernel.internal.CanonicalRevenue;
import org.v2g.kernel.internal.SyntheticFleets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * SPEC section 8's one-slot floor worked by hand, at the normal tariff (p_rt 0.66, so p_c = 1.16,
 * δ = 1.32) and the cheapest price p_d = −3·p_rt = −1.98, with the paper's β 0.16, a −0.01, E0 3.75,
 * W_service 0.5, W_grid 0.792, p_delay 0.1, E_limit 0. ln2 = 0.693147181.
 *
 * <pre>
 * forced:    C 40, E 10, F 12. SOC 0.25, w = 0.16/0.25 = 0.64, hi = min(1, 30/3.75) = 1.
 *            F > E: need = min(1, (12 − 10)/3.75) = 0.533333333; stationary 0.64/(1.16·ln2) − 1 = −0.204030322,
 *            x = min(1, max(0.533333333, −0.204)) = 0.533333333 (2 kWh), u = 0.64·log2(1.533333) − 1.16·0.533333
 *            = −0.223996996: worse than idle (0), but idle is not open to it.
 * unreached: C 40, E 10, F 18. need = min(1, 8/3.75 = 2.1333) = 1 = hi: full power, x = 1 (3.75 kWh).
 * cut:       C 40, E 20, F 18. w = 0.16/0.5 = 0.32, lo = −min(1, (20 − 18)/3.75) = −0.533333333 (−1 without floor).
 *            Charging: 0.32/(1.16·ln2) − 1 = −0.602 < 0, absent. Discharging at q = a − p_d = 1.97:
 *            0.32/(1.97·ln2) − 2 = −1.765653597, x_d = max(−1.7657, −0.5333) = −0.533333333 (2 kWh),
 *            u_d = 0.32·(log2(1.466667) − 1) − (−0.01)(−0.533333) + (−1.98)(−0.533333) = 0.907479794 > 0.
 * at floor:  C 40, E 20, F 20. lo = −min(1, max(0, 0)/3.75) = 0: cannot discharge; charging absent as for
 *            "cut": idle, x = 0 (without the floor it would discharge).
 *
 * Fleet of the four at p_d = −1.98: Σ_C x = 1.533333 (5.75 kWh), Σ_D |x| = 0.533333 (2 kWh), |I| = 1.
 *   R = 0.5·5.75 + 0.792·2 − 0.1·1 − 1.98·2 − 1.32·|0 − 2| = 2.875 + 1.584 − 0.1 − 3.96 − 2.64 = −2.241.
 * </pre>
 */
class FloorHandCasesTest {
    private static final double TIGHT = 1e-12;
    private static final Market NORMAL = Market.builder(0.66).build();
    private static final double P = -1.98;

    static Fleet fourEvs() {
        return Fleet.builder()
                .add("forced", 40, 10).floor(12)
                .add("unreached", 40, 10).floor(18)
                .add("cut", 40, 20).floor(18)
                .add("at-floor", 40, 20).floor(20)
                .build();
    }

    @Test
    void anEvBelowItsFloorChargesWhatItNeedsEvenAtALoss() {
        Follower.Response r = Follower.respond(fourEvs(), 0, NORMAL, P);
        assertEquals(Decision.CHARGE, r.decision());
        assertEquals(2 / 3.75, r.amount(), TIGHT);
        assertEquals(-0.22399699597963024, r.utility(), TIGHT);
    }

    @Test
    void aFloorOutOfReachInThisSlotChargesAtFullPower() {
        Follower.Response r = Follower.respond(fourEvs(), 1, NORMAL, P);
        assertEquals(Decision.CHARGE, r.decision());
        assertEquals(1.0, r.amount());
    }

    @Test
    void aFloorBelowTheEnergyCutsTheDischarge() {
        Follower.Response r = Follower.respond(fourEvs(), 2, NORMAL, P);
        assertEquals(Decision.DISCHARGE, r.decision());
        assertEquals(-2 / 3.75, r.amount(), TIGHT);
        assertEquals(0.907479794035876, r.utility(), TIGHT);
        // The same EV without its floor discharges at full power.
        assertEquals(-1.0, Follower.respond(40, 20, Fleet.DEFAULT_BETA, Fleet.DEFAULT_A, 0, NORMAL, P).amount());
    }

    @Test
    void anEvExactlyAtItsFloorIdlesInsteadOfDischarging() {
        Follower.Response r = Follower.respond(fourEvs(), 3, NORMAL, P);
        assertEquals(Decision.IDLE, r.decision());
        assertEquals(0.0, r.amount());
        assertEquals(Decision.DISCHARGE,
                Follower.respond(40, 20, Fleet.DEFAULT_BETA, Fleet.DEFAULT_A, 0, NORMAL, P).decision());
    }

    @Test
    void theFleetsRevenueAndEveryPathsAmounts() {
        Fleet fleet = fourEvs();
        RevenueTerms t = ReferenceSolver.terms(fleet, NORMAL, P);
        assertEquals(-2.241, t.revenue(), TIGHT);
        double[] expected = {2 / 3.75, 1, -2 / 3.75, 0};
        assertArrayEquals(expected, ReferenceSolver.amounts(fleet, NORMAL, P), TIGHT);
        assertArrayEquals(expected, PreparedSlot.of(fleet, NORMAL).amountsAt(P), TIGHT);
        SlotResult canonical = CanonicalRevenue.of(fleet, NORMAL).at(0, "test", true);
        assertEquals(P, canonical.price());
        assertArrayEquals(expected, canonical.dispatch().orElseThrow().amounts(), TIGHT);
        assertEquals(-2.241, canonical.revenue(), TIGHT);
        assertEquals(2, canonical.charging());
        assertEquals(1, canonical.discharging());
        assertEquals(1, canonical.idle());
        PreparedSlot slot = PreparedSlot.of(fleet, NORMAL);
        assertEquals(-2.241, Kernels.scalar().revenue(slot, 0), TIGHT);
        assertEquals(-2.241, Kernels.simd().revenue(slot, 0), TIGHT);
    }

    @Test
    void forcedEvsChargeAtEveryPriceAndNeverEnterTheDischargeSums() {
        Fleet fleet = fourEvs();
        PreparedSlot slot = PreparedSlot.of(fleet, NORMAL);
        for (int i : new int[] {0, 1}) {
            assertEquals(Double.POSITIVE_INFINITY, slot.qStar[i]);
            assertEquals(0.0, slot.m[i]);
        }
        assertEquals(2 / 3.75, slot.m[2], TIGHT);
        for (int k = 0; k < NORMAL.grid().size(); k += 97) {
            double[] x = ReferenceSolver.amounts(fleet, NORMAL, NORMAL.grid().price(k));
            assertEquals(2 / 3.75, x[0], TIGHT);
            assertEquals(1.0, x[1]);
        }
    }

    @Test
    void zeroFloorsAreTheFleetWithoutFloorsBitForBit() {
        Fleet plain = SyntheticFleets.varied(301, 5);
        Fleet zero = plain.withFloors(new double[plain.size()]);
        Market market = Market.builder(1.12).eLimit(300).build();
        for (SlotSolver solver : new SlotSolver[] {new FastSolver(Kernels.simd()), new FastSolver(Kernels.scalar()),
                new SweepSolver(), new ExactSolver()}) {
            SlotResult a = solver.solve(plain, market, true);
            SlotResult b = solver.solve(zero, market, true);
            assertEquals(a.withoutDispatch().withNanos(0), b.withoutDispatch().withNanos(0), solver.name());
            assertArrayEquals(a.dispatch().orElseThrow().amounts(), b.dispatch().orElseThrow().amounts(), solver.name());
        }
        CanonicalRevenue ca = CanonicalRevenue.of(plain, market);
        CanonicalRevenue cb = CanonicalRevenue.of(zero, market);
        for (int k = 0; k < market.grid().size(); k += 13) {
            assertEquals(Double.doubleToLongBits(ca.revenue(k)), Double.doubleToLongBits(cb.revenue(k)));
        }
    }
}
