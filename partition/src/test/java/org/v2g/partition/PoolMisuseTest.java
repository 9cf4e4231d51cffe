package org.v2g.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.v2g.kernel.InvalidInputException;

/**
 * Misuse of the pool's public entry points fails at the call that is wrong (the builder setter, not
 * {@code build} or the first slot), naming the field, the item and the value.
 */
class PoolMisuseTest {

    static Stream<Arguments> badCalls() {
        return Stream.of(
                Arguments.of("workers", "pool", "0", (Executable) () -> PoolConfig.builder(0)),
                Arguments.of("capacity", "worker=1", "NaN",
                        (Executable) () -> PoolConfig.builder(2).capacities(1, Double.NaN)),
                Arguments.of("capacity", "worker=0", "-1.0",
                        (Executable) () -> PoolConfig.builder(2).capacities(-1, 2)),
                Arguments.of("capacity", "worker=0", "Infinity",
                        (Executable) () -> PoolConfig.builder(1).capacities(Double.POSITIVE_INFINITY)),
                Arguments.of("capacities", "pool", "null",
                        (Executable) () -> PoolConfig.builder(2).capacities((double[]) null)),
                Arguments.of("capacities", "pool", "1 values", (Executable) () -> PoolConfig.builder(2).capacities(1)),
                Arguments.of("slowdown", "worker=1", "NaN",
                        (Executable) () -> PoolConfig.builder(2).slowdown(1, Double.NaN)),
                Arguments.of("slowdown", "worker=0", "0.5", (Executable) () -> PoolConfig.builder(2).slowdown(0, 0.5)),
                Arguments.of("worker", "pool", "2", (Executable) () -> PoolConfig.builder(2).slowdown(2, 2.0)),
                Arguments.of("faults", "pool", "null", (Executable) () -> PoolConfig.builder(2).fail(null)),
                Arguments.of("faults", "worker=3", "3@0.5:throw",
                        (Executable) () -> PoolConfig.builder(2).fail(new Fault(3, 0.5, Fault.Kind.THROW))),
                Arguments.of("after", "worker=0", "NaN", (Executable) () -> new Fault(0, Double.NaN, Fault.Kind.STALL)),
                Arguments.of("kind", "worker=0", "null", (Executable) () -> new Fault(0, 0.5, null)),
                Arguments.of("policy", "pool", "null", (Executable) () -> PoolConfig.builder(2).policy(null)),
                Arguments.of("kernel", "pool", "null", (Executable) () -> PoolConfig.builder(2).kernel(null)),
                Arguments.of("kernel", "pool", "avx", (Executable) () -> PoolConfig.builder(2).kernel("avx")),
                Arguments.of("stall_deadline", "pool", "null",
                        (Executable) () -> PoolConfig.builder(2).stallDeadline(null)),
                Arguments.of("stall_deadline", "pool", "PT0S",
                        (Executable) () -> PoolConfig.builder(2).stallDeadline(Duration.ZERO)),
                Arguments.of("workers", "pool", "null", (Executable) () -> new PoolConfig(null, ChunkPolicy.adaptive(),
                        "simd", Duration.ofSeconds(1), List.of())),
                Arguments.of("workers", "index=1", "null", (Executable) () -> new PoolConfig(
                        Arrays.asList(WorkerSpec.of(0), null), ChunkPolicy.adaptive(), "simd", Duration.ofSeconds(1),
                        List.of())),
                Arguments.of("faults", "pool", "null", (Executable) () -> new PoolConfig(List.of(WorkerSpec.of(0)),
                        ChunkPolicy.adaptive(), "simd", Duration.ofSeconds(1), null)),
                Arguments.of("config", "PartitionedSolver.start", "null",
                        (Executable) () -> PartitionedSolver.start(null)));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("badCalls")
    void aBadArgumentIsRejectedAtItsCallNamingFieldItemAndValue(String field, String item, String value,
            Executable call) {
        InvalidInputException e = assertThrows(InvalidInputException.class, call);
        assertEquals(field, e.field(), e.getMessage());
        assertEquals(item, e.item(), e.getMessage());
        assertEquals(value, e.value(), e.getMessage());
        assertTrue(e.getMessage().startsWith(field + " ") && e.getMessage().endsWith("value=" + value),
                e.getMessage());
    }

    @Test
    void aRejectedCapacityListLeavesTheBuilderAsItWas() {
        PoolConfig.Builder b = PoolConfig.builder(3).capacities(1, 2, 4);
        assertThrows(InvalidInputException.class, () -> b.capacities(8, Double.NaN, 8));
        assertEquals(List.of(1.0, 2.0, 4.0), box(b.build().capacities()));
    }

    @Test
    void aPoolNamesANullSlotOrFaultList() {
        try (PartitionedSolver pool = PartitionedSolver.start(PoolConfig.of(1))) {
            assertEquals("slot", assertThrows(InvalidInputException.class, () -> pool.solve(null, List.of(), false))
                    .field());
            assertEquals("market", assertThrows(InvalidInputException.class,
                    () -> pool.solve(org.v2g.kernel.Fleet.empty(), null, false)).field());
            assertEquals("faults", assertThrows(InvalidInputException.class, () -> pool.solve(
                    org.v2g.kernel.PreparedSlot.of(org.v2g.kernel.Fleet.empty(),
                            org.v2g.kernel.Market.builder(1.12).build()), null, false)).field());
        }
    }

    private static List<Double> box(double[] values) {
        List<Double> out = new ArrayList<>();
        for (double v : values) {
            out.add(v);
        }
        return out;
    }
}
