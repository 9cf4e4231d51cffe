package org.v2g.cli;

import java.util.concurrent.Callable;
import org.v2g.cli.ledger.LedgerBenchCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code v2g bench SUBJECT}: load tests; {@code ledger} is the one so far. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Load tests with latency percentiles.",
        subcommands = {LedgerBenchCommand.class})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "bench needs a subject: ledger");
    }
}
