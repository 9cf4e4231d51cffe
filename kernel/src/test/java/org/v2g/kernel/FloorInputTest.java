package org.v2g.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SPEC section 8's inputs in {@link Fleet} and {@link DepartureFloors}: the model's accessors, and
 * section 6's new bad inputs refused naming the field, the EV and the value.
 */
class FloorInputTest {

    static Stream<Arguments> badFloorsAndTargets() {
        return Stream.of(
                Arguments.of("floor_kwh", "-0.5", (Runnable) () -> Fleet.builder().add("ok", 40, 20)
                        .add("ev042", 40, 20).floor(-0.5).build()),
                Arguments.of("floor_kwh", "40.5", (Runnable) () -> Fleet.builder().add("ok", 40, 20)
                        .add("ev042", 40, 20).floor(40.5).build()),
                Arguments.of("floor_kwh", "NaN", (Runnable) () -> Fleet.builder().add("ok", 40, 20)
                        .add("ev042", 40, 20).floor(Double.NaN).build()),
                Arguments.of("target_kwh", "41.0", (Runnable) () -> Fleet.builder().add("ok", 40, 20, 0.16, -0.01, 0, 7, 9)
                        .add("ev042", 40, 20, 0.16, -0.01, 0, 7, 9).target(41).build()),
                Arguments.of("target_kwh", "-1.0", (Runnable) () -> Fleet.builder().add("ok", 40, 20, 0.16, -0.01, 0, 7, 9)
                        .add("ev042", 40, 20, 0.16, -0.01, 0, 7, 9).target(-1).build()),
                Arguments.of("target_kwh", "NaN", (Runnable) () -> Fleet.builder().add("ok", 40, 20, 0.16, -0.01, 0, 7, 9)
                        .add("ev042", 40, 20, 0.16, -0.01, 0, 7, 9).target(Double.NaN).build()),
                Arguments.of("target_kwh", "30.0", (Runnable) () -> Fleet.builder().add("ok", 40, 20)
                        .add("ev042", 40, 20).target(30).build()),
                Arguments.of("floor_kwh", "41.0", (Runnable) () -> Fleet.builder().add("ok", 40, 20)
                        .add("ev042", 40, 20).build().withFloors(new double[] {0, 41})),
                Arguments.of("floor_kwh", "Infinity", (Runnable) () -> Fleet.of(new String[] {"ok", "ev042"},
                        new double[] {40, 40}, new double[] {20, 20}, new double[] {0.16, 0.16},
                        new double[] {-0.01, -0.01}, new double[2], null, null, null,
                        new double[] {0, Double.POSITIVE_INFINITY})));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badFloorsAndTargets")
    void refusedNamingFieldEvAndValue(String field, String value, Runnable build) {
        InvalidInputException e = assertThrows(InvalidInputException.class, build::run);
        assertEquals(field, e.field());
        assertEquals("ev=ev042", e.item());
        assertEquals(value, e.value());
    }

    @Test
    void aTargetNeedsADeparture() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Fleet.builder().add("ev1", 40, 10).target(20).build());
        assertTrue(e.getMessage().contains("departure_h"), e.getMessage());
    }

    @Test
    void floorsBelongToOneSlotNotToADay() {
        Fleet day = Fleet.builder().add("a", 40, 10, 0.16, -0.01, 0, 7, 9)
                .add("b", 40, 10, 0.16, -0.01, 0, 7, 9).floor(12).build();
        InvalidInputException e = assertThrows(InvalidInputException.class, day::requireNoFloors);
        assertEquals("floor_kwh", e.field());
        assertEquals("ev=b", e.item(), "the first EV with a floor above 0");
        assertEquals("12.0", e.value());
        Fleet.builder().add("a", 40, 10, 0.16, -0.01, 0, 7, 9).target(30).build().requireNoFloors();
    }

    @Test
    void wrongLengthsAndMisuse() {
        Fleet two = Fleet.builder().add("a", 40, 10).add("b", 40, 10).build();
        assertEquals("floor_kwh", assertThrows(InvalidInputException.class,
                () -> two.withFloors(new double[3])).field());
        assertThrows(IllegalStateException.class, () -> Fleet.builder().floor(1));
        assertThrows(IllegalStateException.class, () -> Fleet.builder().target(1));
        assertEquals("slots_left", assertThrows(InvalidInputException.class,
                () -> DepartureFloors.floor(20, 0, 3.75)).field());
        Fleet day = Fleet.builder().add("a", 40, 10, 0.16, -0.01, 0, 7, 9).target(30).build();
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> DepartureFloors.floors(day, new int[] {0}, 3.75));
        assertEquals("ev=a", e.item());
        assertEquals("slots_left", assertThrows(InvalidInputException.class,
                () -> DepartureFloors.floors(day, new int[2], 3.75)).field());
        assertEquals("target_soc", assertThrows(InvalidInputException.class,
                () -> day.withTargetSocWhereMissing(1.5)).field());
    }

    @Test
    void accessorsAndTheFleetWithoutTheColumns() {
        Fleet plain = Fleet.builder().add("a", 40, 10).build();
        assertFalse(plain.hasFloors());
        assertFalse(plain.hasTargets());
        assertEquals(0.0, plain.floor(0));
        assertTrue(Double.isNaN(plain.target(0)));
        Fleet mixed = Fleet.builder().add("a", 40, 10, 0.16, -0.01, 0, 7, 9).target(32)
                .add("b", 60, 10, 0.16, -0.01, 0, 7, 9).build();
        assertTrue(mixed.hasTargets());
        assertTrue(mixed.hasTarget(0));
        assertFalse(mixed.hasTarget(1));
        assertEquals(32.0, mixed.target(0));
        Fleet filled = mixed.withTargetSocWhereMissing(0.8);
        assertEquals(32.0, filled.target(0), "an EV's own target stays");
        assertEquals(48.0, filled.target(1), 1e-12);
        Fleet floored = mixed.withFloors(new double[] {12, 0});
        assertTrue(floored.hasFloors());
        assertEquals(12.0, floored.floor(0));
        assertEquals(32.0, floored.target(0), "withFloors keeps the targets");
        assertArrayEquals(mixed.energies(), floored.withEnergies(new double[] {11, 12}).withFloors(new double[2])
                .withEnergies(mixed.energies()).energies());
        assertEquals(12.0, floored.withEnergies(new double[] {11, 12}).floor(0), "withEnergies keeps the floors");
    }

    /*
     * F = max(0, T − (n − 1)·E0) with E0 = 3.75 and T = 32:
     *   n = 1 (its last slot): 32;   n = 3: 32 − 7.5 = 24.5;   n = 9: 32 − 30 = 2;   n = 10: 32 − 33.75 < 0 → 0.
     */
    @Test
    void theDayRule() {
        assertEquals(32.0, DepartureFloors.floor(32, 1, 3.75));
        assertEquals(24.5, DepartureFloors.floor(32, 3, 3.75));
        assertEquals(2.0, DepartureFloors.floor(32, 9, 3.75));
        assertEquals(0.0, DepartureFloors.floor(32, 10, 3.75));
        Fleet day = Fleet.builder().add("a", 40, 10, 0.16, -0.01, 0, 7, 9).target(32)
                .add("b", 40, 10, 0.16, -0.01, 0, 7, 9).build();
        assertArrayEquals(new double[] {24.5, 0}, DepartureFloors.floors(day, new int[] {3, 0}, 3.75),
                "an EV without a target has floor 0, its count unread");
    }
}
