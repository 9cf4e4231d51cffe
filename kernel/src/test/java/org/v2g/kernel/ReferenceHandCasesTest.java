package org.v2g.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The literal reference against values worked out by hand from SPEC sections 1–3 for the six EVs of
 * the paper's Table II, with the paper's parameters (β 0.16, a −0.01, U_idle 0, E0 3.75,
 * W_service 0.5, W_grid 0.792, p_delay 0.1, δ = 2·p_rt). The numbers were worked out in 30-digit
 * arithmetic, independently of this code; the comments show the steps.
 */
class ReferenceHandCasesTest {
    private static final double TIGHT = 1e-13;

    /** Table II: id, battery kWh, initial kWh. */
    static Fleet tableTwo() {
        return Fleet.builder()
                .add("1", 160, 57.2)
                .add("71", 64, 19.9)
                .add("74", 65, 17.7)
                .add("215", 40, 26.2)
                .add("217", 65, 37.1)
                .add("486", 32, 20.2)
                .build();
    }

    /*
     * Willingness w = β / SOC (every SOC is above the floor 0.001):
     *   EV 1:   SOC = 57.2/160 = 0.3575     w = 0.16/0.3575 = 0.447552448
     *   EV 71:  SOC = 19.9/64  = 0.3109375  w = 0.514572864
     *   EV 74:  SOC = 17.7/65  = 0.2723077  w = 0.587570621
     *   EV 215: SOC = 26.2/40  = 0.655      w = 0.244274809
     *   EV 217: SOC = 37.1/65  = 0.5707692  w = 0.280323450
     *   EV 486: SOC = 20.2/32  = 0.63125    w = 0.253465347
     * Every EV has more than E0 = 3.75 kWh free and stored, so hi = 1 and lo = −1.
     *
     * Charging stationary point w/(p_c·ln2) − 1:
     *   valley p_c = 0.76: EV 74: 0.587570621/(0.76·0.693147181) − 1 = 0.115375292 > 0, so
     *     x_c = 0.115375292, u_c = w·log2(1.115375292) − 0.76·0.115375292 = 0.004874318 > 0 = U_idle;
     *     every other EV has a negative stationary point (EV 1: −0.150, EV 71: −0.023, ...): no charging.
     *   normal p_c = 1.16 and peak p_c = 1.62: every stationary point is negative (EV 74: −0.269, −0.477).
     *
     * Discharging at q = a − p_d, stationary point w/(q·ln2) − 2, clamped at lo = −1:
     *   p_d = −0.5, q = 0.49: EV 1: 0.447552448/(0.49·0.693147181) − 2 = −0.682282252 (inside),
     *     u_d = w·(log2(1.317717748) − 1) − q·x = 0.447552448·(0.397999 − 1) + 0.49·0.682282252
     *         = 0.064910250 > 0: discharges 0.682282252.
     *   EV 215 at q = 0.49: 0.244274809/0.339642119 − 2 = −1.280787641 → clamped to −1,
     *     u_d = 0.244274809·(log2(1) − 1) + 0.49·1 = 0.245725191.
     *   p_d = −0.3, q = 0.29: EV 1: 0.447552448/(0.29·0.693147181) − 2 = 0.226488609 ≥ 0: branch absent.
     *   p_d = 0: q = −0.01 ≤ 0: branch absent for all.
     */
    static Stream<Arguments> singleEvCases() {
        return Stream.of(
                // p_rt, p_d, EV index, expected decision, amount, utility
                Arguments.of(0.26, -0.78, 0, Decision.DISCHARGE, -1.0, 0.32244755244755245),
                Arguments.of(0.26, -0.78, 2, Decision.DISCHARGE, -0.89911010160354982, 0.18622268653198099),
                Arguments.of(0.26, -0.5, 0, Decision.DISCHARGE, -0.68228225179258373, 0.064910250489314135),
                Arguments.of(0.26, -0.5, 2, Decision.DISCHARGE, -0.27003015966272115, 0.0093637963867159459),
                Arguments.of(0.26, -0.5, 3, Decision.DISCHARGE, -1.0, 0.24572519083969466),
                Arguments.of(0.26, -0.3, 0, Decision.IDLE, 0.0, 0.0),
                Arguments.of(0.26, -0.3, 2, Decision.CHARGE, 0.11537529179640347, 0.0048743183632626295),
                Arguments.of(0.26, -0.3, 4, Decision.DISCHARGE, -0.6054439608471773, 0.02975614634833172),
                Arguments.of(0.26, 0.0, 2, Decision.CHARGE, 0.11537529179640347, 0.0048743183632626295),
                Arguments.of(0.26, 0.0, 5, Decision.IDLE, 0.0, 0.0),
                Arguments.of(0.66, -1.98, 1, Decision.DISCHARGE, -1.0, 1.455427135678392),
                Arguments.of(0.66, -0.5, 1, Decision.DISCHARGE, -0.48495567442282994, 0.031469809738324648),
                Arguments.of(0.66, -0.3, 2, Decision.IDLE, 0.0, 0.0),
                Arguments.of(0.66, -0.3, 5, Decision.DISCHARGE, -0.7390579362663891, 0.045646117782540596),
                Arguments.of(0.66, 0.0, 3, Decision.IDLE, 0.0, 0.0),
                Arguments.of(1.12, -3.36, 4, Decision.DISCHARGE, -1.0, 3.0696765498652294),
                Arguments.of(1.12, -0.5, 5, Decision.DISCHARGE, -1.0, 0.23653465346534653),
                Arguments.of(1.12, -0.3, 3, Decision.DISCHARGE, -0.78477911796665362, 0.052005746605346321),
                Arguments.of(1.12, -0.3, 1, Decision.IDLE, 0.0, 0.0),
                Arguments.of(1.12, 0.0, 0, Decision.IDLE, 0.0, 0.0));
    }

    @ParameterizedTest(name = "p_rt={0} p_d={1} ev#{2}")
    @MethodSource("singleEvCases")
    void followerMatchesHandWork(double pRt, double pD, int ev, Decision decision, double amount, double utility) {
        Market market = Market.builder(pRt).build();
        Follower.Response r = Follower.respond(tableTwo(), ev, market, pD);
        assertEquals(decision, r.decision());
        assertEquals(amount, r.amount(), TIGHT);
        assertEquals(utility, r.utility(), TIGHT);
    }

    /*
     * Valley, p_d = −0.3, E_limit = 5: chargers {74} with Σx = 0.115375292; dischargers {215, 217, 486}
     * with Σ|x| = 0.784779118 + 0.605443961 + 0.739057936 = 2.129281015; idle {1, 71}.
     *   service  = 0.5 · 3.75 · 0.115375292                    = 0.216328672
     *   grid     = 0.792 · 3.75 · 2.129281015                  = 6.323964615
     *   payments = 0.1 · 2 + 0.3 · 3.75 · 2.129281015          = 2.595441142
     *   penalty  = 0.52 · |5 − 3.75 · 2.129281015| = 0.52·2.98480 = 1.552097979
     *   R        = 0.216328672 + 6.323964615 − 2.595441142 − 1.552097979 = 2.392754166
     */
    @Test
    void valleyRevenueTermByTerm() {
        RevenueTerms t = ReferenceSolver.terms(tableTwo(), Market.builder(0.26).eLimit(5).build(), -0.3);
        assertEquals(0.2163286721182565, t.service(), TIGHT);
        assertEquals(6.3239646147882535, t.grid(), TIGHT);
        assertEquals(2.5954411419652475, t.payments(), TIGHT);
        assertEquals(1.552097979406429, t.penalty(), TIGHT);
        assertEquals(2.3927541655348334, t.revenue(), TIGHT);
    }

    /*
     * Normal, p_d = −0.5, E_limit = 5: all six discharge, Σ|x| = 0.682282252 + 0.484955674
     * + 0.270030160 + 1 + 1 + 1 = 4.437268086; nobody charges or idles.
     *   grid = 0.792·3.75·4.437268086 = 13.178686215; payments = 0.5·3.75·4.437268086 = 8.319877661;
     *   penalty = 1.32·|5 − 16.639755322| = 15.364477025; R = 13.178686215 − 8.319877661 − 15.364477025.
     * Peak, p_d = 0, E_limit = 10: nobody can discharge (q = −0.01), nobody charges: six idle.
     *   payments = 0.1·6 = 0.6; penalty = 2.24·10 = 22.4; R = −23.
     */
    @Test
    void normalAndPeakRevenues() {
        Fleet fleet = tableTwo();
        assertEquals(-10.50566847106021, ReferenceSolver.revenue(fleet, Market.builder(0.66).eLimit(5).build(), -0.5),
                TIGHT);
        assertEquals(-10.014243367339775,
                ReferenceSolver.revenue(fleet, Market.builder(1.12).eLimit(10).build(), -0.5), TIGHT);
        RevenueTerms idle = ReferenceSolver.terms(fleet, Market.builder(1.12).eLimit(10).build(), 0.0);
        assertEquals(0.6, idle.payments(), TIGHT);
        assertEquals(22.4, idle.penalty(), TIGHT);
        assertEquals(-23.0, idle.revenue(), TIGHT);
        // Valley floor p_d = −0.78, E_limit = 0: the penalty now punishes every kWh discharged.
        assertEquals(-11.237804743554762,
                ReferenceSolver.revenue(fleet, Market.builder(0.26).build(), -0.78), TIGHT);
    }

    /*
     * The argmax over the whole grid, found by evaluating all K+1 prices in 30-digit arithmetic with
     * p_k = p_dmin + k·0.001 formed in double precision exactly as SPEC section 3 prescribes:
     *   valley  (K = 780,  E_limit 5):  k = 529,  p_d = −0.251, R = 2.7220338803418852
     *   normal  (K = 1980, E_limit 5):  k = 1729, p_d = −0.251, R = 2.3788401330377784
     *   peak    (K = 3360, E_limit 10): k = 3018, p_d = −0.342, R = 4.2499299174463278
     */
    static Stream<Arguments> argmaxCases() {
        return Stream.of(
                Arguments.of(0.26, 5.0, 781, 529, 2.7220338803418852),
                Arguments.of(0.66, 5.0, 1981, 1729, 2.3788401330377784),
                Arguments.of(1.12, 10.0, 3361, 3018, 4.2499299174463278));
    }

    @ParameterizedTest(name = "p_rt={0} e_limit={1}")
    @MethodSource("argmaxCases")
    void gridArgmaxMatchesHandWork(double pRt, double eLimit, int gridSize, int k, double revenue) {
        Market market = Market.builder(pRt).eLimit(eLimit).build();
        assertEquals(gridSize, market.grid().size());
        SlotResult r = new ReferenceSolver().solve(tableTwo(), market, true);
        assertEquals(k, r.k());
        assertEquals(market.grid().price(k), r.price());
        assertEquals(revenue, r.revenue(), TIGHT);
        assertEquals(r.revenue(), r.terms().revenue(), TIGHT);
        assertEquals(6, r.charging() + r.discharging() + r.idle());
    }
}
