package org.v2g.partition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code --workers N [--capacities …] [--slowdown W:F] [--fail W@F[:kind]]}. */
class PoolOptionsTest {

    @Test
    void parsesTheFullSyntax() {
        PoolConfig c = PoolOptions.parse("--workers", "4", "--capacities", "1,2,4,8", "--slowdown", "3:4.0",
                "--fail", "2@0.5", "--fail=1@0.25:stall,0@0:leave", "--slowdown=0:1.5");
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
        PoolConfig c = PoolOptions.parse("--workers=2");
        assertArrayEquals(new double[] {1, 1}, c.capacities());
        assertEquals(List.of(), c.faults());
        assertEquals(c, PoolOptions.toConfig(2, null, null, null));
    }

    @Test
    void kindsAreCaseInsensitiveAndDefaultToThrow() {
        assertEquals(List.of(new Fault(0, 1, Fault.Kind.THROW), new Fault(1, 0.5, Fault.Kind.STALL),
                new Fault(2, 0.5, Fault.Kind.THROW)), PoolOptions.parseFaults("0@1, 1@0.5:STALL,2@.5:throw", 3));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--workers 0|--workers|0",
        "--workers x|--workers|x",
        "--workers 2000|--workers|2000",
        "--capacities 1,2|--workers|",
        "--workers 3 --capacities 1,2|--capacities|1,2",
        "--workers 2 --capacities 1,x|--capacities|1,x",
        "--workers 2 --capacities 1,-2|--capacities|1,-2",
        "--workers 2 --capacities 1,,2|--capacities|1,,2",
        "--workers 2 --capacities 1,NaN|--capacities|1,NaN",
        "--workers 2 --slowdown 3:4.0|--slowdown|3:4.0",
        "--workers 2 --slowdown 1|--slowdown|1",
        "--workers 2 --slowdown 1:0.5|--slowdown|1:0.5",
        "--workers 2 --slowdown 1:2,1:3|--slowdown|1:2,1:3",
        "--workers 4 --fail 2|--fail|2",
        "--workers 4 --fail 2@1.5|--fail|2@1.5",
        "--workers 4 --fail 4@0.5|--fail|4@0.5",
        "--workers 4 --fail 2@0.5:explode|--fail|2@0.5:explode",
        "--workers 4 --fail 2@half|--fail|2@half",
        "--workers 4 --fail 2@0.5 --fail 2@0.1|--fail|2@0.1",
        "--workers 4 --threads 2|--threads|--threads",
        "--workers 4 --workers 5|--workers|5",
        "--workers 4 --fail|--fail|",
    })
    void errorsNameTheOptionAndTheValue(String line, String option, String value) {
        PoolOptionException e = assertThrows(PoolOptionException.class, () -> PoolOptions.parse(line.split(" ")));
        assertEquals(option, e.option(), e.getMessage());
        String v = value == null ? "" : value;
        assertEquals(v, e.value(), e.getMessage());
        assertTrue(e.getMessage().startsWith(option + " "), e.getMessage());
        assertTrue(e.getMessage().endsWith("value=" + v), e.getMessage());
    }
}
