package org.v2g.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.v2g.kernel.internal.SyntheticFleets;

/** Every bad input of SPEC section 6 is rejected with the field, the item and the value named. */
class BadInputTest {

    /** One EV whose fields are the good defaults below, one changed. */
    private static Fleet ev(String id, double cap, double energy, double beta, double a, double uIdle) {
        return Fleet.builder().add("ok", 40, 20).add(id, cap, energy, beta, a, uIdle).build();
    }

    static Stream<Arguments> badEvs() {
        return Stream.of(
                Arguments.of("capacity_kwh", "-3.0", (Runnable) () -> ev("ev042", -3, 0, 0.16, -0.01, 0)),
                Arguments.of("capacity_kwh", "0.0", (Runnable) () -> ev("ev042", 0, 0, 0.16, -0.01, 0)),
                Arguments.of("capacity_kwh", "NaN", (Runnable) () -> ev("ev042", Double.NaN, 0, 0.16, -0.01, 0)),
                Arguments.of("capacity_kwh", "Infinity",
                        (Runnable) () -> ev("ev042", Double.POSITIVE_INFINITY, 0, 0.16, -0.01, 0)),
                Arguments.of("energy_kwh", "-0.1", (Runnable) () -> ev("ev042", 40, -0.1, 0.16, -0.01, 0)),
                Arguments.of("energy_kwh", "40.5", (Runnable) () -> ev("ev042", 40, 40.5, 0.16, -0.01, 0)),
                Arguments.of("energy_kwh", "NaN", (Runnable) () -> ev("ev042", 40, Double.NaN, 0.16, -0.01, 0)),
                Arguments.of("beta", "0.0", (Runnable) () -> ev("ev042", 40, 1, 0, -0.01, 0)),
                Arguments.of("beta", "-0.2", (Runnable) () -> ev("ev042", 40, 1, -0.2, -0.01, 0)),
                Arguments.of("a", "0.01", (Runnable) () -> ev("ev042", 40, 1, 0.16, 0.01, 0)),
                Arguments.of("a", "-Infinity",
                        (Runnable) () -> ev("ev042", 40, 1, 0.16, Double.NEGATIVE_INFINITY, 0)),
                Arguments.of("u_idle", "NaN", (Runnable) () -> ev("ev042", 40, 1, 0.16, -0.01, Double.NaN)),
                Arguments.of("id", "ok", (Runnable) () -> ev("ok", 40, 1, 0.16, -0.01, 0)),
                Arguments.of("departure_h", "7.0", (Runnable) () -> Fleet.builder()
                        .add("ev042", 40, 1, 0.16, -0.01, 0, 7, 7).build()),
                Arguments.of("departure_h", "6.5", (Runnable) () -> Fleet.builder()
                        .add("ev042", 40, 1, 0.16, -0.01, 0, 7, 6.5).build()));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badEvs")
    void badEvIsRejectedNamingFieldEvAndValue(String field, String value, Runnable build) {
        InvalidInputException e = assertThrows(InvalidInputException.class, build::run);
        assertEquals(field, e.field());
        assertEquals(value, e.value());
        assertTrue(e.getMessage().startsWith(field + " "), e.getMessage());
        String ev = field.equals("id") ? "ev=ok" : "ev=ev042";
        assertTrue(e.getMessage().contains(ev) && e.getMessage().contains("value=" + value), e.getMessage());
    }

    static Stream<Arguments> badMarkets() {
        return Stream.of(
                Arguments.of("p_rt", "NaN", (Consumer<Map<String, Double>>) m -> m.put("p_rt", Double.NaN)),
                Arguments.of("p_rt", "Infinity",
                        (Consumer<Map<String, Double>>) m -> m.put("p_rt", Double.POSITIVE_INFINITY)),
                Arguments.of("e0", "0.0", (Consumer<Map<String, Double>>) m -> m.put("e0", 0.0)),
                Arguments.of("e0", "-3.75", (Consumer<Map<String, Double>>) m -> m.put("e0", -3.75)),
                Arguments.of("epsilon", "0.0", (Consumer<Map<String, Double>>) m -> m.put("epsilon", 0.0)),
                Arguments.of("epsilon", "-0.001", (Consumer<Map<String, Double>>) m -> m.put("epsilon", -0.001)),
                Arguments.of("epsilon", "1.0E-10", (Consumer<Map<String, Double>>) m -> m.put("epsilon", 1e-10)),
                Arguments.of("p_d_min", "-0.1", (Consumer<Map<String, Double>>) m -> {
                    m.put("p_d_min", -0.1);
                    m.put("p_d_max", -0.2);
                }),
                Arguments.of("p_d_max", "0.5", (Consumer<Map<String, Double>>) m -> m.put("p_d_max", 0.5)),
                Arguments.of("w_service", "-0.5", (Consumer<Map<String, Double>>) m -> m.put("w_service", -0.5)),
                Arguments.of("w_grid", "-1.0", (Consumer<Map<String, Double>>) m -> m.put("w_grid", -1.0)),
                Arguments.of("p_delay", "-0.1", (Consumer<Map<String, Double>>) m -> m.put("p_delay", -0.1)),
                Arguments.of("e_limit", "-5.0", (Consumer<Map<String, Double>>) m -> m.put("e_limit", -5.0)),
                Arguments.of("delta", "-2.0", (Consumer<Map<String, Double>>) m -> m.put("delta", -2.0)),
                Arguments.of("soc_floor", "0.0", (Consumer<Map<String, Double>>) m -> m.put("soc_floor", 0.0)),
                Arguments.of("soc_min", "1.5", (Consumer<Map<String, Double>>) m -> m.put("soc_min", 1.5)),
                Arguments.of("bogus", "1.0", (Consumer<Map<String, Double>>) m -> m.put("bogus", 1.0)),
                Arguments.of("p_rt", "missing", (Consumer<Map<String, Double>>) m -> m.remove("p_rt")));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badMarkets")
    void badMarketIsRejectedNamingKeyAndValue(String field, String value, Consumer<Map<String, Double>> spoil) {
        Map<String, Double> keys = new LinkedHashMap<>(Map.of("p_rt", 0.66));
        spoil.accept(keys);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Market.fromKeys(keys, "line=4"));
        assertEquals(field, e.field());
        assertEquals(value, e.value());
        assertEquals("line=4", e.item());
        assertTrue(e.getMessage().contains("line=4") && e.getMessage().contains("value=" + value), e.getMessage());
    }

    @Test
    void defaultsFollowTheRealTimePrice() {
        Market m = Market.fromKeys(Map.of("p_rt", 1.12), "market");
        assertEquals(2.24, m.delta());
        assertEquals(-3.36, m.pdMin(), 1e-15);
        assertEquals(0.0, m.pdMax());
        assertEquals(3361, m.grid().size());
        assertEquals(0.5, m.wService());
        assertEquals(0.792, m.wGrid());
        assertEquals(0.1, m.pDelay());
        assertEquals(3.75, m.e0());
        assertEquals(0.0, m.eLimit());
        // A negative real-time price makes the default penalty negative: the value given, p_rt, is blamed.
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Market.fromKeys(Map.of("p_rt", -0.2), "market"));
        assertEquals("p_rt", e.field());
        assertEquals("-0.2", e.value());
    }

    @Test
    void aRejectedEnergyUpdateLeavesTheFleetAsItWas() {
        Fleet fleet = SyntheticFleets.paper(10, 3);
        double[] before = fleet.energies();
        double[] next = fleet.energies();
        next[4] = -1;
        assertThrows(InvalidInputException.class, () -> fleet.withEnergies(next));
        assertEquals(java.util.Arrays.toString(before), java.util.Arrays.toString(fleet.energies()));
    }

    @Test
    void singlePointIntervalIsAValidGrid() {
        Market m = Market.builder(0.66).pdMin(-0.4).pdMax(-0.4).build();
        assertEquals(1, m.grid().size());
        SlotResult r = new FastSolver(Kernels.simd()).solve(SyntheticFleets.paper(20, 1), m);
        assertEquals(0, r.k());
        assertEquals(-0.4, r.price());
    }
}
