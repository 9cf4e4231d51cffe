package org.v2g.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.v2g.cli.io.FleetCsv;
import org.v2g.cli.io.SlotsCsv;
import org.v2g.cli.report.DayCharts;
import org.v2g.kernel.Fleet;
import org.v2g.kernel.InvalidInputException;
import org.v2g.kernel.SlotSolver;
import org.v2g.kernel.Solvers;
import org.v2g.ledger.internal.Sha256;
import org.v2g.ledger.LedgerConfig;
import org.v2g.ledger.LedgerLock;
import org.v2g.ledger.RingBufferSlotLedger;
import org.v2g.ledger.SlotLedger;
import org.v2g.node.AggregatorNode;
import org.v2g.node.Baseline;
import org.v2g.node.internal.DayFiles;
import org.v2g.node.DayPlan;
import org.v2g.node.DayResult;
import org.v2g.node.DaySlot;
import org.v2g.node.DaySummary;
import org.v2g.node.internal.ElaadStatistics;
import org.v2g.node.Scp;
import org.v2g.node.internal.SeededKeys;
import org.v2g.node.SlotListener;
import org.v2g.node.SlotReport;
import org.v2g.node.internal.Tariff;
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
        // one string per paragraph: picocli wraps each element to the terminal width on its own
        footer = {"%nWrites slots.csv, evs.csv, summary.json, four PNG charts and the ledger (--out/ledger, the"
            + " sealer's public key beside it; private keys in --keys) into --out (docs/CASE-STUDY.md). A day killed at"
            + " any point continues with --resume. Check the ledger with: v2g verify DIR/ledger."})
final class CaseStudyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DayMixin dayOptions;

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

    @Option(names = "--slots", paramLabel = "FILE.csv",
            description = "Use these slots (CSV: start_h,p_rt[,e_limit][,...]) instead of the 96 Shenzhen slots from 07:00.")
    Path slotsFile;

    @Option(names = "--elaad", paramLabel = "DIR",
            description = "Draw the generated cars from ElaadNL statistics in DIR (e.g. ../shared/data/elaad).")
    Path elaadDir;

    @Option(names = "--no-charts", description = "Skip the PNG charts.")
    boolean noCharts;

    @Option(names = "--no-ledger", description = "Run the node without recording a ledger.")
    boolean noLedger;

    @Option(names = "--resume", description = "Continue the day whose ledger is in --out (after a crash or a kill):"
            + " the slots it holds are read back, the rest are run. Without it, an --out that holds a ledger is refused.")
    boolean resume;

    @Option(names = "--keys", paramLabel = "DIR",
            description = {OptionHelp.KEYS, "Default: --out/keys; --resume needs the day's keys there."})
    Path keysDir;

    @Mixin
    PoolMixin pool;

    /** The block file inside the ledger directory. */
    static final String LEDGER_FILE = "blocks.v2gl";
    /** SCPs of the day: 3f+1 with f = 1. */
    private static final int VOTERS = 4;

    @Override
    public Integer call() {
        if (resume && noLedger) {
            throw new ParameterException(spec.commandLine(), "--resume needs the ledger: it cannot go with --no-ledger");
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
            DayCharts.write(out, plan, day, baseline);
        }
        long t4 = System.nanoTime();

        DaySummary s = DaySummary.of(plan, day, baseline);
        summary(screen, s, Map.of("plan", t1 - t0, "day", t2 - t1, "files", t3 - t2, "charts", t4 - t3));
        return 0;
    }

    /**
     * The day on a node whose four SCPs check with {@code checker}; the ledger goes into --out unless
     * --no-ledger. A new day refuses an --out that holds a ledger; --resume continues it.
     */
    private DayResult runDay(DayPlan plan, SlotSolver proposer, SlotSolver checker, SlotListener progress) {
        if (noLedger) {
            AggregatorNode node = AggregatorNode.builder(proposer).scps(AggregatorNode.scps(checker, 1, 1, 1, 1)).build();
            return day(node, proposer, progress).run(plan);
        }
        DayDirectory dir = new DayDirectory(out, keysDir);
        Map<String, String> manifest = manifest(checker);
        // The writer's lock first: a directory another run is writing is reported as locked, and its
        // keys and manifest are never touched.
        LedgerLock lock = LedgerLock.acquire(dir.ledger());
        DayDirectory.DayKeys keys;
        try {
            if (dir.hasLedger()) {
                if (!resume) {
                    throw new InvalidInputException("--out", "dir=" + out, out, "already holds a day's ledger ("
                            + dir.ledger() + "): pass --resume to continue that day, or remove it or choose another"
                            + " --out");
                }
                keys = dir.resumeDay(manifest, VOTERS);
            } else {
                keys = dir.startDay(manifest, VOTERS);
            }
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        List<Scp> scps = new ArrayList<>(VOTERS);
        for (int i = 0; i < VOTERS; i++) {
            scps.add(new Scp(i, 1, keys.voters().get(i), checker));
        }
        try (SlotLedger ledger = RingBufferSlotLedger.open(LedgerConfig.of(dir.ledger(), keys.sealer()), lock);
             AggregatorNode node = AggregatorNode.builder(proposer).ledger(ledger).scps(scps).build()) {
            if (node.lastSlot() >= 0) {
                spec.commandLine().getErr().printf(Locale.ROOT, "resuming the day in %s after slot %d of %d%n", out,
                        node.lastSlot(), plan.slots().size());
            }
            return day(node, proposer, progress).run(plan);
        }
    }

    /** The EVs' devices of the simulated day sign with keys derived from the seed, so a resumed day can sign again. */
    private TradingDay day(AggregatorNode node, SlotSolver proposer, SlotListener progress) {
        return new TradingDay(node, proposer.name(), progress).withEvKeys(id -> SeededKeys.derive(dayOptions.seed(), "ev/" + id));
    }

    /** The options that define the day: a resumed run must give the same. */
    private Map<String, String> manifest(SlotSolver checker) {
        Map<String, String> m = new LinkedHashMap<>(dayOptions.manifest());
        m.put("--solver", checker.name());
        m.put("--fleet", fileIdentity(fleetFile));
        m.put("--slots", fileIdentity(slotsFile));
        m.put("--elaad", elaadDir == null ? "" : elaadDir.toAbsolutePath().normalize().toString());
        return m;
    }

    /** A file by its contents (SHA-256), so that a moved copy still resumes and an edited one does not. */
    private static String fileIdentity(Path file) {
        if (file == null) {
            return "";
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            return HexFormat.of().formatHex(Sha256.hash(bytes, 0, bytes.length));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private DayPlan plan() {
        return dayOptions.withTargets(planWithoutTargetSoc());
    }

    private DayPlan planWithoutTargetSoc() {
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
        if (fleet != null) {
            fleet.requireNoFloors(); // SPEC section 6: a day's floors follow from target_kwh
        }
        if (slotsFile == null) {
            return fleet == null ? DayPlan.caseStudy(dayOptions.evs(), dayOptions.seed(), elaad) : DayPlan.withFleet(fleet, dayOptions.seed());
        }
        List<SlotsCsv.Slot> rows = InputFileException.read("--slots", slotsFile, SlotsCsv::read);
        List<DaySlot> slots = new ArrayList<>(rows.size());
        for (int s = 0; s < rows.size(); s++) {
            slots.add(new DaySlot(s, rows.get(s).startH(), rows.get(s).market(), Double.NaN));
        }
        Fleet f = fleet != null ? fleet : DayPlan.caseStudy(dayOptions.evs(), dayOptions.seed(), elaad).fleet();
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
        w.printf(Locale.ROOT, "  owners' net cost per kWh held at departure %.4f CNY/kWh (uncoordinated %.4f)%n",
                s.ownersCostPerKwhHeld(), s.baselineOwnersCostPerKwhHeld());
        if (s.evsWithTarget() > 0) {
            w.printf(Locale.ROOT, "  departure targets: %d EVs with one, below target %d (uncoordinated %d)%n",
                    s.evsWithTarget(), s.belowTarget(), s.baselineBelowTarget());
        }
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
