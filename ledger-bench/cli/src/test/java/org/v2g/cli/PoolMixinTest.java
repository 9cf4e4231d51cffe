package org.v2g.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.v2g.cli.io.FleetCsv;
import org.v2g.cli.io.MarketJson;
import org.v2g.kernel.Market;
import org.v2g.kernel.internal.SyntheticFleets;
import org.v2g.partition.ChunkPolicy;
import org.v2g.partition.Fault;
import org.v2g.partition.PoolConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The pool options' syntax on the command line ({@link PoolMixin}): both {@code --option value} and
 * {@code --option=value}, repeatable {@code --slowdown} and {@code --fail}, and every mistake one line
 * naming the option and the value, exit code 2.
 */
class PoolMixinTest {
    @TempDir
    Path dir;

    @Command(name = "pool")
    static final class PoolOnly {
        @Mixin
        PoolMixin pool;
    }

    private static Optional<PoolConfig> parse(String... args) {
        PoolOnly command = new PoolOnly();
        new CommandLine(command).parseArgs(args);
        return command.pool.config();
    }

    @Test
    void parsesTheFullSyntax() {
        PoolConfig c = parse("--workers", "4", "--capacities", "1,2,4,8", "--slowdown", "3:4.0", "--fail", "2@0.5",
                "--fail=1@0.25:stall,0@0:leave", "--slowdown=0:1.5").orElseThrow();
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
    void defaultsAreEqualFullSpeedWorkersAndNoOptionIsNoPool() {
        PoolConfig c = parse("--workers=2").orElseThrow();
        assertArrayEquals(new double[] {1, 1}, c.capacities());
        assertEquals(List.of(), c.faults());
        assertEquals(Optional.empty(), parse());
    }

    /** Through {@code v2g solve}: the pool options after {@code --solver partitioned}, the option and value named. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--workers 0|--workers|0",
        "--workers x|--workers|x",
        "--workers 2000|--workers|2000",
        "--capacities 1,2|--workers|missing",
        "--workers 3 --capacities 1,2|--capacities|1,2",
        "--workers 2 --capacities 1,x|--capacities|1,x",
        "--workers 2 --capacities 1,-2|--capacities|1,-2",
        "--workers 2 --capacities 1,NaN|--capacities|1,NaN",
        "--workers 2 --slowdown 3:4.0|--slowdown|3:4.0",
        "--workers 2 --slowdown 1:0.5|--slowdown|1:0.5",
        "--workers 2 --slowdown 1:2 --slowdown 1:3|--slowdown|1:3",
        "--workers 4 --fail 2@1.5|--fail|2@1.5",
        "--workers 4 --fail 4@0.5|--fail|4@0.5",
        "--workers 4 --fail 2@0.5:explode|--fail|2@0.5:explode",
        "--workers 4 --fail 2@0.5 --fail 2@0.1|--fail|2@0.1",
        "--workers 4 --threads 2|--threads|--threads",
        "--workers 4 --workers 5|--workers|5",
        "--workers 4 --fail|--fail|Missing required parameter",
    })
    void errorsNameTheOptionAndTheValue(String line, String option, String value) throws IOException {
        Path fleet = Files.writeString(dir.resolve("fleet.csv"), FleetCsv.format(SyntheticFleets.paper(8, 1)));
        Path market = Files.writeString(dir.resolve("market.json"), MarketJson.format(Market.builder(1.12).build()));
        List<String> args = new java.util.ArrayList<>(List.of("solve", "--fleet", fleet.toString(), "--market",
                market.toString(), "--solver", "partitioned"));
        args.addAll(List.of(line.split(" ")));
        MainTest.Run r = MainTest.run(args.toArray(String[]::new));
        assertEquals(2, r.code(), r.err());
        assertEquals("", r.out());
        String err = r.err().strip();
        assertTrue(err.startsWith("error: ") && !err.contains("\n"), err);
        assertTrue(err.contains(option), "'" + option + "' not in: " + err);
        assertTrue(err.contains(value), "'" + value + "' not in: " + err);
    }
}
