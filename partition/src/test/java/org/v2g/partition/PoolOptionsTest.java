package org.v2g.partition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.v2g.partition.internal.PoolOptionException;
import org.v2g.partition.internal.PoolOptions;

/**
 * {@link PoolOptions#toConfig}: the values of {@code --workers N [--capacities …] [--slowdown W:F] [--fail
 * W@F[:kind]]} as the command line has split them (the syntax itself: the command line's PoolMixinTest).
 */
class PoolOptionsTest {

    @Test
    void buildsTheFullConfiguration() {
        PoolConfig c = PoolOptions.toConfig(4, "1,2,4,8", List.of("3:4.0", "0:1.5"),
                List.of("2@0.5", "1@0.25:stall,0@0:leave"));
        assertEquals(4, c.workers().size());
        assertArrayEquals(new double[] {1, 2, 4, 8}, c.capacities());
        assertEquals(4.0, c.workers().get(3).slowdown());
        assertEquals(1.5, c.workers().get(0).slowdown());
        assertEquals(1.0, c.workers().get(1).slowdown());
        assertEquals(List.of(new Fault(2, 0.5, Fault.Kind.THROW), new Fault(1, 0.25, Fault.Kind.STALL),
                new Fault(0, 0, Fault.Kind.LEAVE)), c.faults());
        assertEquals(ChunkPolicy.adaptive(), c.policy());
    }

    @Test
    void defaultsAreEqualFullSpeedWorkers() {
        PoolConfig c = PoolOptions.toConfig(2, null, null, null);
        assertArrayEquals(new double[] {1, 1}, c.capacities());
        assertEquals(List.of(), c.faults());
        assertEquals(c, PoolOptions.toConfig(2, null, List.of(), List.of()));
    }

    @Test
    void kindsAreCaseInsensitiveAndDefaultToThrow() {
        assertEquals(List.of(new Fault(0, 1, Fault.Kind.THROW), new Fault(1, 0.5, Fault.Kind.STALL),
                new Fault(2, 0.5, Fault.Kind.THROW)), PoolOptions.parseFaults("0@1, 1@0.5:STALL,2@.5:throw", 3));
    }

    /** workers | --capacities | --slowdown values (;) | --fail values (;) | option named | value named. */
    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "0|-|-|-|--workers|0",
        "2000|-|-|-|--workers|2000",
        "3|1,2|-|-|--capacities|1,2",
        "2|1,x|-|-|--capacities|1,x",
        "2|1,-2|-|-|--capacities|1,-2",
        "2|1,,2|-|-|--capacities|1,,2",
        "2|1,NaN|-|-|--capacities|1,NaN",
        "2|-|3:4.0|-|--slowdown|3:4.0",
        "2|-|1|-|--slowdown|1",
        "2|-|1:0.5|-|--slowdown|1:0.5",
        "2|-|1:2,1:3|-|--slowdown|1:2,1:3",
        "2|-|1:2;1:3|-|--slowdown|1:3",
        "4|-|-|2|--fail|2",
        "4|-|-|2@1.5|--fail|2@1.5",
        "4|-|-|4@0.5|--fail|4@0.5",
        "4|-|-|2@0.5:explode|--fail|2@0.5:explode",
        "4|-|-|2@half|--fail|2@half",
        "4|-|-|2@0.5;2@0.1|--fail|2@0.1",
    })
    void errorsNameTheOptionAndTheValue(int workers, String capacities, String slowdowns, String fails,
            String option, String value) {
        PoolOptionException e = assertThrows(PoolOptionException.class,
                () -> PoolOptions.toConfig(workers, capacities, list(slowdowns), list(fails)));
        assertEquals(option, e.option(), e.getMessage());
        assertEquals(value, e.value(), e.getMessage());
        assertTrue(e.getMessage().startsWith(option + " "), e.getMessage());
        assertTrue(e.getMessage().endsWith("value=" + value), e.getMessage());
    }

    private static List<String> list(String values) {
        return values == null ? null : Arrays.asList(values.split(";"));
    }
}
