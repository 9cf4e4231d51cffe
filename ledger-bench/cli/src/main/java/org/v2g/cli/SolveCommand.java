package org.v2g.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.v2g.cli.io.AnswerJson;
import org.v2g.cli.io.FleetCsv;
import org.v2g.cli.io.MarketJson;
import org.v2g.kernel.Fleet;
import org.v2g.kernel.Kernels;
import org.v2g.kernel.Market;
import org.v2g.kernel.SlotResult;
import org.v2g.kernel.Solvers;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.v2g.partition.PartitionedResult;
import org.v2g.partition.PartitionedSolver;
import org.v2g.partition.PoolConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code v2g solve}: one slot's leader price for a fleet file and a market file, as answer JSON on stdout. */
@Command(name = "solve",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Solve one slot: the discharging price that maximises the aggregator's revenue.",
        // one string per paragraph: picocli wraps each element to the terminal width on its own
        footer = {"%nPrints one JSON object on stdout: p_d, k, revenue and its four terms, the counts of"
            + " charging, discharging and idle EVs, timing (docs/CLI.md). Exit codes: 0 success,"
            + " 2 bad input (one line on stderr naming the field, the EV or line and the value), 1 failure."})
final class SolveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--fleet", required = true, paramLabel = "FILE.csv",
            description = "Fleet CSV: id,capacity_kwh,energy_kwh[,beta][,a][,u_idle][,arrival_h,departure_h]")
    Path fleet;

    @Option(names = "--market", required = true, paramLabel = "FILE.json",
            description = "Market JSON for the slot, e.g. {\"p_rt\": 1.12, \"e_limit\": 400}")
    Path market;

    private String solver = "simd";

    @Option(names = "--dispatch", description = "Also print every EV's decision and amount x.")
    boolean dispatch;

    @Option(names = "--solver", paramLabel = "NAME", defaultValue = "simd",
            description = "reference, scalar, simd, exact, sweep or partitioned (default: ${DEFAULT-VALUE}).")
    void solver(String name) {
        List<String> allowed = new ArrayList<>(Solvers.NAMES);
        allowed.add(PartitionedSolver.NAME);
        solver = Main.checkedSolver(spec, name, allowed);
    }

    @Mixin
    PoolMixin pool;

    @Override
    public Integer call() {
        Optional<PoolConfig> config = pool.config();
        boolean partitioned = PartitionedSolver.NAME.equals(solver);
        if (partitioned != config.isPresent()) {
            throw new ParameterException(spec.commandLine(), partitioned
                    ? "--solver partitioned needs --workers N: value=missing"
                    : "--workers needs --solver partitioned: value=" + solver);
        }
        Fleet f = InputFileException.read("--fleet", fleet, FleetCsv::read);
        f.requireNoTargets(); // one slot: floor_kwh, not a day's target_kwh (docs/CLI.md)
        Market m = InputFileException.read("--market", market, MarketJson::read);
        PrintWriter out = spec.commandLine().getOut();
        if (partitioned) {
            try (PartitionedSolver p = PartitionedSolver.start(config.get())) {
                PartitionedResult r = p.solveWithMetrics(f, m, dispatch);
                // The metrics hold one report per worker: its ranges, partial result, points and busy time.
                out.print(AnswerJson.format(r.result(), f, Kernels.lanes(), "\"metrics\": " + r.metrics().toJson()));
            }
        } else {
            SlotResult result = Solvers.byName(solver).solve(f, m, dispatch);
            int lanes = "simd".equals(result.solver()) ? Kernels.lanes() : 1;
            out.print(AnswerJson.format(result, f, lanes));
        }
        out.flush();
        return 0;
    }
}
