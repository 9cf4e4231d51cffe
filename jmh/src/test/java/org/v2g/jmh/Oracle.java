package org.v2g.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.openjdk.jmh.annotations.Param;
import org.v2g.kernel.Fleet;
import org.v2g.kernel.GridPoint;
import org.v2g.kernel.Market;
import org.v2g.kernel.PriceGrid;
import org.v2g.kernel.ReferenceSolver;
import org.v2g.kernel.SlotResult;

/** The reference solver as the oracle of the benchmarks' workloads. */
final class Oracle {
    /** SPEC section 3: revenues agree to a relative 1e-9. */
    static final double TOLERANCE = 1e-9;

    private Oracle() {
    }

    /**
     * Every combination of a benchmark's {@code n} and {@code fleet} {@code @Param} values, read from the
     * benchmark class itself so that the test cannot drift from what the benchmark runs.
     */
    static Stream<Arguments> params(Class<?> benchmark) {
        List<Arguments> all = new ArrayList<>();
        for (String n : values(benchmark, "n")) {
            for (String fleet : values(benchmark, "fleet")) {
                all.add(Arguments.of(Integer.parseInt(n), fleet));
            }
        }
        return all.stream();
    }

    private static String[] values(Class<?> benchmark, String field) {
        try {
            return benchmark.getDeclaredField(field).getAnnotation(Param.class).value();
        } catch (NoSuchFieldException e) {
            throw new AssertionError(benchmark.getSimpleName() + " has no @Param " + field, e);
        }
    }

    /**
     * The reference solver's answer on the grid slice {@code [k0, k1)} of {@code market}: the same
     * market with {@code p_d_min}, {@code p_d_max} moved to the slice's ends, so the reference scans
     * exactly the benchmark's prices. Its grid index {@code k} is relative to {@code k0}.
     */
    static SlotResult referenceOnSlice(Fleet fleet, Market market, int k0, int k1) {
        PriceGrid grid = market.grid();
        if (k0 == 0 && k1 == grid.size()) {
            return new ReferenceSolver().solve(fleet, market);
        }
        Map<String, Double> keys = new HashMap<>(market.toKeys());
        keys.put("p_d_min", grid.price(k0));
        keys.put("p_d_max", grid.price(k1 - 1));
        Market slice = Market.fromKeys(keys, "slice");
        assertEquals(k1 - k0, slice.grid().size(), "slice market grid size");
        return new ReferenceSolver().solve(fleet, slice);
    }

    /** The benchmark's answer {@code got} is the reference's argmax and revenue. */
    static void assertSameArgmax(SlotResult ref, int k0, GridPoint got, PriceGrid grid, String what) {
        assertEquals(ref.k() + k0, got.k(), what + ": argmax index");
        assertEquals(ref.price(), grid.price(got.k()), 1e-12, what + ": argmax price");
        assertRevenue(ref.revenue(), got.revenue(), what);
    }

    static void assertRevenue(double expected, double actual, String what) {
        double allowed = TOLERANCE * Math.max(1, Math.abs(expected));
        assertTrue(Math.abs(expected - actual) <= allowed,
                () -> what + ": revenue " + actual + " differs from the reference's " + expected
                        + " by more than " + allowed);
    }
}
