package org.v2g.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.v2g.bench.io.FleetCsv;
import org.v2g.bench.io.SlotsCsv;
import org.v2g.bench.report.DayCharts;
import org.v2g.kernel.Fleet;
import org.v2g.kernel.InvalidInputException;
import org.v2g.kernel.SlotSolver;
import org.v2g.kernel.Solvers;
import org.v2g.ledger.Ed25519;
import org.v2g.ledger.LedgerConfig;
import org.v2g.ledger.LedgerLock;
import org.v2g.ledger.RingBufferSlotLedger;
import org.v2g.ledger.SlotLedger;
import org.v2g.node.AggregatorNode;
import org.v2g.node.Baseline;
import org.v2g.node.DayFiles;
import org.v2g.node.DayPlan;
import org.v2g.node.DayResult;
import org.v2g.node.DaySlot;
import org.v2g.node.DaySummary;
import org.v2g.node.ElaadStatistics;
import org.v2g.node.SlotListener;
import org.v2g.node.SlotReport;
import org.v2g.node.Tariff;
import org.v2g.node.TradingDay;
import org.v2g.partition.PartitionedSolver;
import org.v2g.partition.PoolConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code v2g case-study}: the paper's section IV day (SPEC section 5) end to end — a generated or
 * given fleet, 96 slots from 07:00, every slot solved and settled — with CSVs, a summary, charts and
 * an uncoordinated baseline in the output directory. Every input is read and validated before
 * anything is written.
 */
@Command(name = "case-study",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Run the paper's case-study day: 96 slots from 07:00, Shenzhen tariff, a fleet of buses and cars.",
        footer = {"%nWrites slots.csv, evs.csv, summary.json, three PNG charts and the ledger (--out/ledger, its",
            "sealing key beside it) into --out (docs/CASE-STUDY.md). Check the ledger with: v2g verify DIR/ledger."})
final class CaseStudyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--evs", defaultValue = "2000", paramLabel = "N", description = "Generated fleet size (default: ${DEFAULT-VALUE}).")
    int evs;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the generated fleet and load (default: ${DEFAULT-VALUE}).")
    long seed;

    private String solver = "simd";

    @Option(names = "--solver", paramLabel = "NAME", defaultValue = "simd",
            description = "Slot solver: reference, scalar, simd, exact or sweep (default: ${DEFAULT-VALUE});"
                    + " --workers N makes a worker pool the proposer.")
    void solver(String name) {
        solver = Main.checkedSolver(spec, name, Solvers.NAMES);
    }

    @Option(names = "--out", defaultValue = "v2g-out", paramLabel = "DIR", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--fleet", paramLabel = "FILE.csv",
            description = "Use this fleet (needs arrival_h and departure_h) instead of a generated one.")
    Path fleetFile;

    @Option(names = "--slots", paramLabel = "FILE.csv", description = "Use these slots (start_h,p_rt[,e_limit][,...]).")
    Path slotsFile;

    @Option(names = "--elaad", paramLabel = "DIR",
            description = "Draw the generated cars from ElaadNL statistics in DIR (e.g. ../shared/data/elaad).")
    Path elaadDir;

    @Option(names = "--no-charts", description = "Skip the PNG charts.")
    boolean noCharts;

    @Option(names = "--no-ledger", description = "Run the node without recording a ledger.")
    boolean noLedger;

    @Mixin
    PoolMixin pool;

    /** The ledger's directory inside --out, and the name of the sealing SCP's key files there. */
    static final String LEDGER_DIR = "ledger";
    static final String SEALER_KEY = "scp";
    static final String LEDGER_FILE = "blocks.v2gl";

    @Override
    public Integer call() {
        if (evs < 0) {
            throw new ParameterException(spec.commandLine(), "--evs must be >= 0: value=" + evs);
        }
        PrintWriter screen = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        DayPlan plan = plan();
        long t1 = System.nanoTime();

        Progress progress = new Progress(plan.slots().size());
        Optional<PoolConfig> poolConfig = pool.config();
        // With --workers the pool proposes and every SCP checks with the pool's kernel, single-threaded:
        // the pool's answer is that kernel's, bit for bit, so honest votes match.
        SlotSolver checker = Solvers.byName(poolConfig.map(PoolConfig::kernel).orElse(solver));
        DayResult day;
        try (PartitionedSolver workers = poolConfig.map(PartitionedSolver::start).orElse(null)) {
            day = runDay(plan, workers != null ? workers : checker, checker, progress);
        }
        progress.done();

        Baseline baseline = Baseline.uncoordinated(plan);
        long t2 = System.nanoTime();

        DayFiles.write(out, plan, day, baseline);
        long t3 = System.nanoTime();
        if (!noCharts) {
            DayCharts.write(out, day, baseline);
        }
        long t4 = System.nanoTime();

        DaySummary s = DaySummary.of(plan, day, baseline);
        summary(screen, s, Map.of("plan", t1 - t0, "day", t2 - t1, "files", t3 - t2, "charts", t4 - t3));
        return 0;
    }

    /** The day on a node whose four SCPs check with {@code checker}; the ledger goes into --out unless --no-ledger. */
    private DayResult runDay(DayPlan plan, SlotSolver proposer, SlotSolver checker, SlotListener progress) {
        AggregatorNode.Builder node = AggregatorNode.builder(proposer).scps(AggregatorNode.scps(checker, 1, 1, 1, 1));
        if (noLedger) {
            return new TradingDay(node.build(), proposer.name(), progress).run(plan);
        }
        Path ledgerDir = out.resolve(LEDGER_DIR);
        KeyPair sealer = Ed25519.generate();
        // The writer lock before anything is deleted: a run still writing this ledger keeps its files.
        LedgerLock lock = LedgerLock.acquire(ledgerDir);
        try {
            Files.createDirectories(ledgerDir);
            // A new day, a new chain: the previous run's ledger in this output directory is replaced.
            for (String previous : List.of(LEDGER_FILE, SEALER_KEY + ".key", SEALER_KEY + ".pub")) {
                Files.deleteIfExists(ledgerDir.resolve(previous));
            }
            Ed25519.store(sealer, ledgerDir, SEALER_KEY);
        } catch (IOException e) {
            lock.close();
            throw new UncheckedIOException("cannot create " + ledgerDir, e);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        try (SlotLedger ledger = RingBufferSlotLedger.open(LedgerConfig.of(ledgerDir, sealer), lock)) {
            AggregatorNode n = node.ledger(ledger).build();
            DayResult day = new TradingDay(n, proposer.name(), progress).run(plan);
            n.flush();
            return day;
        }
    }

    private DayPlan plan() {
        Optional<ElaadStatistics> elaad = Optional.empty();
        if (elaadDir != null) {
            try {
                elaad = Optional.of(ElaadStatistics.read(elaadDir));
            } catch (RuntimeException e) {
                throw new InvalidInputException("--elaad", "dir=" + elaadDir, elaadDir, "is not an ElaadNL directory ("
                        + e.getMessage() + ")");
            }
        }
        Fleet fleet = fleetFile == null ? null : InputFileException.read("--fleet", fleetFile, FleetCsv::read);
        if (fleet != null && !fleet.hasSchedule()) {
            throw new InvalidInputException("arrival_h", "file=" + fleetFile, "missing",
                    "and departure_h columns are required for a trading day");
        }
        if (slotsFile == null) {
            return fleet == null ? DayPlan.caseStudy(evs, seed, elaad) : DayPlan.withFleet(fleet, seed);
        }
        List<SlotsCsv.Slot> rows = InputFileException.read("--slots", slotsFile, SlotsCsv::read);
        List<DaySlot> slots = new ArrayList<>(rows.size());
        for (int s = 0; s < rows.size(); s++) {
            slots.add(new DaySlot(s, rows.get(s).startH(), rows.get(s).market(), Double.NaN));
        }
        Fleet f = fleet != null ? fleet : DayPlan.caseStudy(evs, seed, elaad).fleet();
        return new DayPlan(f, slots);
    }

    private void summary(PrintWriter w, DaySummary s, Map<String, Long> phases) {
        w.printf(Locale.ROOT, "v2g case study: %d EVs, %d slots, solver %s%n", s.evs(), s.slots(), s.solver());
        w.printf(Locale.ROOT, "  aggregator revenue      %12.2f CNY (auxiliary service %.2f)%n", s.aggregatorRevenue(),
                s.auxiliaryRevenue());
        w.printf(Locale.ROOT, "  EV owners, V2G scheme   %12.2f CNY net cost%n", s.ownersNetCost());
        w.printf(Locale.ROOT, "  EV owners, uncoordinated%12.2f CNY%n", s.baselineOwnersCost());
        w.printf(Locale.ROOT, "  energy charged/discharged %10.1f / %.1f kWh; stored at the end %.1f kWh"
                + " (uncoordinated %.1f)%n", s.chargedKwh(), s.dischargedKwh(), s.finalKwh(), s.baselineFinalKwh());
        for (Tariff.Level level : Tariff.Level.values()) {
            Double p = s.meanPriceByLevel().get(level);
            if (p != null) {
                w.printf(Locale.ROOT, "  %-7s mean p_d* %8.4f CNY/kWh, mean auxiliary revenue %8.2f CNY/slot%n",
                        level.name().toLowerCase(Locale.ROOT), p, s.meanAuxByLevel().get(level));
            }
        }
        w.printf(Locale.ROOT, "  time: plan %.0f ms, day %.0f ms (solve %.0f, settle %.0f), files %.0f ms, charts %.0f ms%n",
                phases.get("plan") / 1e6, phases.get("day") / 1e6, s.solveMs(), s.settleMs(), phases.get("files") / 1e6,
                phases.get("charts") / 1e6);
        w.printf(Locale.ROOT, "  outputs in %s%n", out.toAbsolutePath().normalize());
        w.flush();
    }

    /** A progress bar on stderr, drawn only when a terminal is attached. */
    private static final class Progress implements SlotListener {
        private final int total;
        private final boolean terminal = System.console() != null && System.console().isTerminal();
        private int done;

        Progress(int total) {
            this.total = total;
        }

        @Override
        public void onSettled(DaySlot slot, SlotReport report) {
            done++;
            if (terminal) {
                int width = 40;
                int filled = total == 0 ? width : done * width / total;
                System.err.printf("\r[%s%s] %d/%d slots %s", "#".repeat(filled), " ".repeat(width - filled), done, total,
                        slot.clock());
                System.err.flush();
            }
        }

        void done() {
            if (terminal) {
                System.err.print("\r" + " ".repeat(70) + "\r");
                System.err.flush();
            }
        }
    }
}
