package org.v2g.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.v2g.kernel.internal.SyntheticFleets;

/**
 * Misuse of the kernel's public entry points fails at the call that is wrong, naming the field and the
 * value: the market builder's every setter, {@code Solvers.byName}, dispatch indices, the price grid,
 * fleets from arrays and null arguments to the solvers.
 */
class EntryPointMisuseTest {

    /** Each builder setter, by its SPEC section 7 key, and the values it may never take. */
    static Stream<Arguments> badBuilderValues() {
        List<Arguments> cases = new ArrayList<>();
        setter("w_service", Market.Builder::wService, cases, Double.NaN, Double.POSITIVE_INFINITY, -0.5);
        setter("w_grid", Market.Builder::wGrid, cases, Double.NaN, Double.NEGATIVE_INFINITY, -0.792);
        setter("p_delay", Market.Builder::pDelay, cases, Double.NaN, Double.POSITIVE_INFINITY, -0.1);
        setter("e_limit", Market.Builder::eLimit, cases, Double.NaN, Double.POSITIVE_INFINITY, -10.0);
        setter("delta", Market.Builder::delta, cases, Double.NaN, Double.POSITIVE_INFINITY, -2.24);
        setter("p_d_min", Market.Builder::pdMin, cases, Double.NaN, Double.NEGATIVE_INFINITY);
        setter("p_d_max", Market.Builder::pdMax, cases, Double.NaN, Double.NEGATIVE_INFINITY, 0.5);
        setter("epsilon", Market.Builder::epsilon, cases, Double.NaN, Double.POSITIVE_INFINITY, -0.001, 0.0);
        setter("e0", Market.Builder::e0, cases, Double.NaN, Double.POSITIVE_INFINITY, -3.75, 0.0);
        setter("soc_floor", Market.Builder::socFloor, cases, Double.NaN, Double.POSITIVE_INFINITY, -0.1, 0.0, 1.5);
        setter("soc_min", Market.Builder::socMin, cases, Double.NaN, Double.POSITIVE_INFINITY, -0.1, 1.5);
        return cases.stream();
    }

    private static void setter(String key, BiConsumer<Market.Builder, Double> set, List<Arguments> into,
            double... bad) {
        for (double v : bad) {
            into.add(Arguments.of(key, v, set));
        }
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badBuilderValues")
    void eachBuilderSetterRejectsABadValueNamingItself(String key, double value, BiConsumer<Market.Builder, Double> set) {
        Market.Builder b = Market.builder(1.12);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> set.accept(b, value));
        assertNames(e, key, "market", String.valueOf(value));
        // Set by key (as the market file does), the same value is blamed on the same key.
        InvalidInputException byKey = assertThrows(InvalidInputException.class, () -> Market.builder(1.12).set(key, value));
        assertNames(byKey, key, "market", String.valueOf(value));
        // The builder is still usable: nothing was half-set.
        assertEquals(Market.builder(1.12).build(), b.build());
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void aRealTimePriceThatIsNotANumberIsRejectedByTheBuilderCall(double pRt) {
        assertNames(assertThrows(InvalidInputException.class, () -> Market.builder(pRt)), "p_rt", "market",
                String.valueOf(pRt));
    }

    @Test
    void aNegativeRealTimePriceIsBlamedOnPrtNotOnTheDefaultsItDerives() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Market.builder(-1.12).build());
        assertNames(e, "p_rt", "market", "-1.12");
        assertTrue(e.getMessage().contains("delta"), e.getMessage());
        InvalidInputException pdMin = assertThrows(InvalidInputException.class,
                () -> Market.builder(-1.12).delta(1).build());
        assertNames(pdMin, "p_rt", "market", "-1.12");
        assertTrue(pdMin.getMessage().contains("p_d_min"), pdMin.getMessage());
        // With both derived values given, a negative real-time price is a valid market.
        Market m = Market.builder(-1.12).delta(1).pdMin(-2).build();
        assertEquals(-1.12, m.pRt());
        assertNames(assertThrows(InvalidInputException.class, () -> Market.builder(1.12).set("p_rt", 2.0)),
                "p_rt", "market", "2.0");
    }

    @Test
    void anUnknownOrMissingSolverNameIsNamedWithTheValidNames() {
        for (String name : new String[] {null, "fast", "", "SIMD"}) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> Solvers.byName(name));
            assertEquals("solver", e.field());
            assertEquals(String.valueOf(name), e.value());
            for (String valid : Solvers.NAMES) {
                assertTrue(e.getMessage().contains(valid), e.getMessage());
            }
        }
        assertEquals("kernel", assertThrows(InvalidInputException.class, () -> Kernels.byName(null)).field());
        assertEquals("avx", assertThrows(InvalidInputException.class, () -> Kernels.byName("avx")).value());
    }

    @Test
    void aDispatchIndexOutsideTheFleetNamesTheIndexAndTheFleetSize() {
        Dispatch empty = Solvers.byName("simd").solve(Fleet.empty(), Market.builder(1.12).build(), true)
                .dispatch().orElseThrow();
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> empty.decision(0));
        assertTrue(e.getMessage().contains("i=0") && e.getMessage().contains("has 0 EVs"), e.getMessage());
        Dispatch two = Solvers.byName("scalar").solve(SyntheticFleets.paper(2, 1), Market.builder(1.12).build(), true)
                .dispatch().orElseThrow();
        for (Executable bad : List.<Executable>of(() -> two.decision(2), () -> two.amount(-1))) {
            IndexOutOfBoundsException x = assertThrows(IndexOutOfBoundsException.class, bad);
            assertTrue(x.getMessage().contains("has 2 EVs (0..1)"), x.getMessage());
        }
        assertEquals(Decision.of(two.amount(1)), two.decision(1));
        assertNames(assertThrows(InvalidInputException.class, () -> Dispatch.of(new double[] {0.5, Double.NaN})),
                "amount", "index=1", "NaN");
        assertEquals("amounts", assertThrows(InvalidInputException.class, () -> Dispatch.of(null)).field());
    }

    @Test
    void aPriceGridThatIsNotAGridIsRejectedNamingTheField() {
        assertNames(assertThrows(InvalidInputException.class, () -> new PriceGrid(Double.NaN, 0.001, 3)),
                "p_d_min", "grid", "NaN");
        assertNames(assertThrows(InvalidInputException.class, () -> new PriceGrid(-1, Double.NaN, 3)),
                "epsilon", "grid", "NaN");
        assertNames(assertThrows(InvalidInputException.class, () -> new PriceGrid(-1, -0.001, 3)),
                "epsilon", "grid", "-0.001");
        assertNames(assertThrows(InvalidInputException.class, () -> new PriceGrid(-1, 0.001, 0)),
                "size", "grid", "0");
    }

    @Test
    void fleetsFromArraysAndMixedSchedulesAreRejectedNamingTheColumn() {
        String[] ids = {"a", "b"};
        double[] two = {40, 40};
        double[] one = {20};
        assertNames(assertThrows(InvalidInputException.class,
                () -> Fleet.of(ids, two, one, two, new double[] {-0.01, -0.01}, new double[2], null, null)),
                "energy_kwh", "fleet", "1 entries");
        assertNames(assertThrows(InvalidInputException.class,
                () -> Fleet.of(null, two, two, two, two, two, null, null)), "id", "fleet", "null");
        assertNames(assertThrows(InvalidInputException.class,
                () -> Fleet.of(ids, null, two, two, two, two, null, null)), "capacity_kwh", "fleet", "null");
        assertNames(assertThrows(InvalidInputException.class,
                () -> Fleet.of(ids, two, two, two, new double[] {-0.01, -0.01}, new double[2], two, null)),
                "departure_h", "fleet", "missing");
        InvalidInputException mixed = assertThrows(InvalidInputException.class, () -> Fleet.builder()
                .add("bus-1", 160, 57.2, 0.16, -0.01, 0, 7, 9).add("car-7", 40, 26.2).build());
        assertNames(mixed, "arrival_h", "ev=car-7", "missing");
        assertTrue(mixed.getMessage().contains("ev=bus-1"), mixed.getMessage());
        Fleet fleet = SyntheticFleets.paper(3, 1);
        assertEquals("energy_kwh", assertThrows(InvalidInputException.class, () -> fleet.withEnergies(null)).field());
    }

    @Test
    void everySolverNamesANullFleetOrMarket() {
        Fleet fleet = SyntheticFleets.paper(3, 1);
        Market market = Market.builder(1.12).build();
        for (String name : Solvers.NAMES) {
            SlotSolver solver = Solvers.byName(name);
            assertEquals("fleet", assertThrows(InvalidInputException.class,
                    () -> solver.solve(null, market, true)).field(), name);
            assertEquals("market", assertThrows(InvalidInputException.class,
                    () -> solver.solve(fleet, null, true)).field(), name);
        }
        InvalidInputException other = assertThrows(InvalidInputException.class,
                () -> new ExactSolver().solve(SyntheticFleets.paper(2, 1), PreparedSlot.of(fleet, market), false));
        assertNames(other, "fleet", "slot", "2 EVs");
    }

    private static void assertNames(InvalidInputException e, String field, String item, String value) {
        assertEquals(field, e.field(), e.getMessage());
        assertEquals(item, e.item(), e.getMessage());
        assertEquals(value, e.value(), e.getMessage());
        assertTrue(e.getMessage().startsWith(field + " ") && e.getMessage().contains("value=" + value),
                e.getMessage());
    }
}
