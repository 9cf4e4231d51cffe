package org.v2g.jmh.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders JMH JSON results as {@code OUTDIR/REPORT.md} with PNG charts.
 *
 * <pre>
 * java -cp jmh/target/benchmarks.jar org.v2g.jmh.report.PerfReport RESULT.json [MORE.json ...] OUTDIR
 * </pre>
 *
 * <p>Each input file is one JMH run. Per benchmark class: a table (score ± JMH's 99.9 % error, the
 * mean of each fork from {@code rawData} and their spread, a one-line rerun command per row) and a bar
 * chart; ratios ({@link #RATIOS}) are only formed between results of the same file, i.e. of one run on
 * one machine state. CurveBenchmark also gets throughput vs N, PartitionBenchmark its speed-ups.
 *
 * <p>{@code OUTDIR/latency/NAME/} directories, as {@code jmh/report} leaves them after {@code v2g bench
 * ledger} runs, add a latency section with HdrHistogram percentile plots ({@link Latency}). The headline
 * table ({@link Summary}) opens REPORT.md and is also written alone to {@code OUTDIR/summary.md} for
 * {@link Splice}. Machine, JDK, commit and load: {@link Stamp} (its system properties are optional).
 *
 * <p>{@code jmh/report} renders into the run's raw directory ({@code jmh/target/perf/SUITE/} by default,
 * outside the tracked tree); {@link Publish} then copies REPORT.md, summary.md and the charts into
 * {@code docs/perf/SUITE/}, without the JSON and latency files.
 */
public final class PerfReport {
    /** The JVM flags of every rerun command. */
    static final String JVM_FLAGS = "--add-modules jdk.incubator.vector --sun-misc-unsafe-memory-access=allow "
        + "--add-exports java.base/jdk.internal.misc=ALL-UNNAMED";

    /**
     * A ratio within one run: how many times faster {@code a} is than {@code b} (throughput a/b, time
     * b/a), on the headline metric, between results with equal params.
     */
    record Ratio(String cls, String a, String b, String meaning, String target) {
        Ratio(String cls, String a, String b, String meaning) {
            this(cls, a, b, meaning, "");
        }
    }

    static final List<Ratio> RATIOS = List.of(
        new Ratio("KernelBenchmark", "simd", "scalar", "Vector API kernel over its scalar twin", "≥ 3.5×"),
        new Ratio("KernelBenchmark", "simd", "reference", "Vector API kernel over the literal ReferenceSolver", "≥ 50×"),
        new Ratio("KernelBenchmark", "simd256", "simd", "256-bit species over the preferred one"),
        new Ratio("KernelBenchmark", "simd512", "simd", "512-bit species over the preferred one"),
        new Ratio("CurveBenchmark", "simd", "scalar", "Vector API kernel over its scalar twin"),
        new Ratio("CurveBenchmark", "simd", "reference", "Vector API kernel over the literal ReferenceSolver"),
        new Ratio("SlotBenchmark", "simd", "scalar", "whole slot, SIMD kernel over scalar"),
        new Ratio("ExactBenchmark", "exact2000", "sweep2000", "exact solver over the sweep"),
        new Ratio("ExactBenchmark", "sweep2000", "simdGrid2000", "sweep over the brute-force SIMD grid"),
        new Ratio("ExactBenchmark", "exactMixed", "simdGridMixed", "heterogeneous fleet: exact solver over the SIMD grid",
            "≥ 1× at n=200000"),
        new Ratio("ExactBenchmark", "sweepMixed", "simdGridMixed", "heterogeneous fleet: sweep over the SIMD grid"),
        new Ratio("PartitionBenchmark", "pool2", "pool1", "two workers over one", "≥ 1.85×"),
        new Ratio("PartitionBenchmark", "pool1", "sequential", "one-worker pool over the plain loop (overhead)"),
        new Ratio("PartitionBenchmark", "capacities1248", "staticEqualSplit1248",
            "1:2:4:8 workers: work stealing over a static split", "> 1×"),
        new Ratio("PartitionBenchmark", "capacities1248", "parallelStream1248",
            "1:2:4:8 workers: the pool over the JDK's parallel stream", "> 1×"),
        new Ratio("PartitionBenchmark", "faultFree4", "oneThrows4",
            "one of four workers throws mid-slot: its time over the fault-free one", "≤ 1.3×"),
        new Ratio("PartitionBenchmark", "faultFree4", "oneStalls4",
            "one of four workers stalls mid-slot: its time over the fault-free one", "≤ 1.3×"),
        new Ratio("LedgerAppendBenchmark", "ledgerRingOffer", "agronaOffer", "ledger ring over raw Agrona, offersMade",
            "≥ 0.70×"),
        new Ratio("LedgerAppendBenchmark", "ledgerRingOffer", "jctoolsOffer", "ledger ring over JCTools MPSC, offersMade"),
        new Ratio("LedgerAppendBenchmark", "ledgerRingOffer", "disruptorOffer", "ledger ring over the Disruptor, offersMade"));

    /**
     * One computed ratio: value and error (relative errors in quadrature; NaN if unknown), and the
     * lowest and highest ratio over every pair of fork means (fork i of a, fork j of b).
     */
    record RatioValue(Ratio ratio, String params, double value, double error, double forkLow, double forkHigh) {
    }

    private PerfReport() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: PerfReport RESULT.json [MORE.json ...] OUTDIR");
            System.exit(2);
        }
        List<Path> inputs = new ArrayList<>();
        for (int i = 0; i < args.length - 1; i++) {
            inputs.add(Path.of(args[i]));
        }
        Path out = write(inputs, Path.of(args[args.length - 1]));
        System.out.println(out);
    }

    /** Reads the inputs, writes REPORT.md and the PNGs into {@code outDir}; returns the REPORT.md path. */
    public static Path write(List<Path> inputs, Path outDir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(outDir);
        List<List<Run>> read = new ArrayList<>();
        for (Path p : inputs) {
            read.add(Run.read(Files.readString(p, StandardCharsets.UTF_8)));
        }
        // one run per class: its alternated rounds (NAME.rK.json) merged, or its one JSON file
        List<List<Run>> files = new ArrayList<>(Rounds.group(inputs, read).values());
        Stamp stamp = Stamp.of(files, inputs);
        List<Latency> latency = Latency.readAll(outDir);
        List<RatioValue> ratios = new ArrayList<>();
        for (List<Run> runs : files) {
            ratios.addAll(ratios(runs));
        }

        StringBuilder md = new StringBuilder();
        md.append("# Performance report").append(stamp.suite().isEmpty() ? "" : " (" + stamp.suite() + ")").append("\n\n");
        stamp.table(md, inputs);
        md.append("Absolute numbers move with the machine's load; compare methods of one class (one run) only. Error = JMH's ")
            .append("99.9 % confidence half-width over all measured iterations of all forks; charts add markers at ")
            .append("the lowest and highest fork mean. Each row's rerun line runs from the repository root once ")
            .append("`jmh/target/benchmarks.jar` is built (`jmh/report` builds it, or `mvn -q -pl jmh -am package ")
            .append("-DskipTests`).\n\n");
        md.append("## Summary\n\n");
        Summary.table(md, files, ratios, latency);
        Files.writeString(outDir.resolve("summary.md"), Summary.block(stamp, files, ratios, latency), StandardCharsets.UTF_8);

        if (!ratios.isEmpty()) {
            md.append("## Ratios within one run\n\n")
                .append("How many times faster the first method is than the second (throughput a/b, time b/a), on the ")
                .append("headline metric (`evaluations` for the kernel, `offersMade` for ledger offers, else the ")
                .append("primary score), between results of the same JMH run with equal params. ± combines both ")
                .append("relative errors in quadrature; the fork range is the lowest and highest ratio of one fork's mean ")
                .append("to another's — fork i against fork i when the class ran in alternated rounds (one fork per ")
                .append("round, every method once per round, so the pair ran minutes apart at most), else every fork ")
                .append("pair — a view of run-to-run variance that does not depend on the t-distribution of a few ")
                .append("iterations.\n\n")
                .append("| Ratio | Params | Speed-up | Fork range | Meaning | Target |\n|---|---|---|---|---|---|\n");
            for (RatioValue r : ratios) {
                md.append("| ").append(r.ratio().cls().replace("Benchmark", "")).append(": ").append(r.ratio().a())
                    .append(" / ").append(r.ratio().b()).append(" | ").append(r.params()).append(" | ")
                    .append(ratio(r.value(), r.error())).append(" | ")
                    .append(Double.isFinite(r.forkLow())
                        ? String.format(Locale.ROOT, "%.2f–%.2f×", r.forkLow(), r.forkHigh()) : "n/a")
                    .append(" | ").append(r.ratio().meaning()).append(" | ").append(r.ratio().target()).append(" |\n");
            }
            md.append('\n');
        }

        for (List<Run> runs : files) {
            Map<String, List<Run>> byClass = new LinkedHashMap<>();
            for (Run r : runs) {
                byClass.computeIfAbsent(r.className(), k -> new ArrayList<>()).add(r);
            }
            for (Map.Entry<String, List<Run>> e : byClass.entrySet()) {
                section(md, e.getKey(), e.getValue(), ratios, outDir);
            }
        }
        if (!latency.isEmpty()) {
            latency(md, latency, outDir);
        }
        Path report = outDir.resolve("REPORT.md");
        Files.writeString(report, md.toString(), StandardCharsets.UTF_8);
        return report;
    }

    /** The ratios of one run (one JSON file). */
    static List<RatioValue> ratios(List<Run> runs) {
        List<RatioValue> out = new ArrayList<>();
        for (Ratio ratio : RATIOS) {
            for (Run a : runs) {
                if (!a.className().equals(ratio.cls()) || !a.method().equals(ratio.a())) {
                    continue;
                }
                for (Run b : runs) {
                    if (b.className().equals(ratio.cls()) && b.method().equals(ratio.b())
                            && b.paramLabel().equals(a.paramLabel()) && b.mode().equals(a.mode())) {
                        Estimate e = faster(a, b);
                        out.add(new RatioValue(ratio, a.paramLabel(), e.value(), e.error(), e.forkLow(), e.forkHigh()));
                    }
                }
            }
        }
        return out;
    }

    /**
     * How many times faster {@code a} is than {@code b} on the headline metric (throughput a/b, time
     * b/a): relative errors in quadrature, and the lowest and highest ratio over every pair of fork
     * means (fork i of a, fork j of b). For {@code a == b} the error is a's own.
     */
    static Estimate faster(Run a, Run b) {
        Run.Metric ma = a.headline();
        Run.Metric mb = b.headline();
        boolean up = a.higherIsBetter();
        double v = up ? ma.score() / mb.score() : mb.score() / ma.score();
        double rel = a == b ? ma.error() / ma.score() : Math.hypot(ma.error() / ma.score(), mb.error() / mb.score());
        double[] range = forkRatioRange(a, b, up ? ma.forkMeans() : mb.forkMeans(), up ? mb.forkMeans() : ma.forkMeans());
        return new Estimate(v, v * rel, range[0], range[1]);
    }

    /**
     * Lowest and highest {@code num[i] / den[j]} over the forks: the same-round pairs ({@code i == j})
     * when both results come from the same alternated rounds, else every pair. NaN when there are none.
     */
    static double[] forkRatioRange(Run a, Run b, double[] num, double[] den) {
        boolean paired = a.rounds() > 1 && a.rounds() == b.rounds() && num.length == den.length;
        double lo = Double.NaN;
        double hi = Double.NaN;
        for (int i = 0; i < num.length; i++) {
            for (int j = 0; j < den.length; j++) {
                if (paired && i != j) {
                    continue;
                }
                double f = num[i] / den[j];
                lo = Double.isNaN(lo) ? f : Math.min(lo, f);
                hi = Double.isNaN(hi) ? f : Math.max(hi, f);
            }
        }
        return new double[] {lo, hi};
    }

    private static void section(StringBuilder md, String cls, List<Run> runs, List<RatioValue> ratios, Path outDir) {
        Run first = runs.get(0);
        md.append("## ").append(cls).append("\n\n")
            .append("Mode `").append(first.mode()).append("`, ").append(first.forks()).append(" fork(s)")
            .append(first.rounds() > 1 ? " in " + first.rounds() + " alternated rounds (fork i of every method ran in round i)" : "")
            .append(", ")
            .append(first.warmupIterations()).append(" × ").append(first.warmupTime()).append(" warm-up, ")
            .append(first.measurementIterations()).append(" × ").append(first.measurementTime())
            .append(" measurement, ").append(first.threads()).append(" thread(s). Fork means come from `rawData`; ")
            .append("spread = (max − min of the fork means) / score.\n\n")
            .append("| Method | Params | Metric | Score ± error | Unit | Fork means | Fork spread | Rerun |\n")
            .append("|---|---|---|---|---|---|---|---|\n");
        for (Run r : runs) {
            row(md, r, "primary", r.primary(), r.rerun());
            r.secondary().forEach((name, m) -> row(md, r, name, m, null));
        }
        md.append('\n');

        String png = cls.replace("Benchmark", "").toLowerCase(Locale.ROOT) + ".png";
        ReportCharts.bars(outDir.resolve(png), chartTitle(cls, first), runs);
        md.append("![").append(cls).append("](").append(png).append(")\n\n");

        if (cls.equals("CurveBenchmark")) {
            ReportCharts.curve(outDir.resolve("curve-throughput-vs-n.png"), runs);
            md.append("![throughput vs N](curve-throughput-vs-n.png)\n\n");
        }
        if (cls.equals("PartitionBenchmark")) {
            Map<String, Estimate> speedups = new LinkedHashMap<>();
            Run base = runs.stream().filter(r -> r.method().equals("pool1")).findFirst().orElse(null);
            if (base != null) {
                for (Run r : runs) {
                    if (r.paramLabel().equals(base.paramLabel()) && r.mode().equals(base.mode())) {
                        speedups.put(r.method(), faster(r, base));
                    }
                }
                ReportCharts.ratios(outDir.resolve("partition-speedup.png"),
                    "Partition: speed-up over pool1, same run (" + base.paramLabel() + ")", "× pool1", speedups,
                    Double.NaN, "");
                md.append("![partition speed-up](partition-speedup.png)\n\n");
            }
            Heterogeneous.of(runs).ifPresent(h -> heterogeneous(md, h, outDir));
        }
    }

    private static void heterogeneous(StringBuilder md, Heterogeneous h, Path outDir) {
        md.append("### Heterogeneous SCPs: makespan vs the capacity-weighted ideal\n\n")
            .append("Four workers with capacities 1:2:4:8 (slowdowns 8, 4, 2, 1) together do the work of ")
            .append(String.format(Locale.ROOT, "%.3f", h.speed()))
            .append(" full-speed workers, so the capacity-weighted ideal time per slot is `pool1`'s time over that, ")
            .append("from the same run. *Wall clock / ideal* divides each method's time by it (± in quadrature, ")
            .append("fork range over every fork pair). *Pool's own* is the pool's makespan over its ideal ")
            .append("`G / Σ rate_w` from the workers' measured busy time (PartitionBenchmark.PoolView), summed per ")
            .append("fork; the machine's other load disturbs it far less than the wall clock. Target ≤ 1.1×.\n\n")
            .append("| Method | Time per slot | Fork means low–high | Wall clock / ideal | Fork range | ")
            .append("Pool's own makespan / ideal | Fork range | Iteration range |\n|---|---|---|---|---|---|---|---|\n")
            .append("| ideal = pool1 / ").append(String.format(Locale.ROOT, "%.3f", h.speed())).append(" | ")
            .append(timeText(h.ideal(), h.unit())).append(" | ").append(forkTimes(h.ideal()))
            .append(" | 1 | | | | |\n");
        for (Heterogeneous.Row r : h.rows()) {
            md.append("| ").append(r.method()).append(" | ").append(timeText(r.time(), h.unit())).append(" | ")
                .append(forkTimes(r.time())).append(" | ").append(r.wallOverIdeal().ratioText()).append(" | ")
                .append(r.wallOverIdeal().forkRangeText()).append(" | ");
            if (r.poolOverIdeal() == null) {
                md.append("n/a (no pool) | | |\n");
            } else {
                md.append(r.poolOverIdeal().ratioText()).append(" | ").append(r.poolOverIdeal().forkRangeText())
                    .append(" | ").append(String.format(Locale.ROOT, "%.2f–%.2f×", r.iterationLow(), r.iterationHigh()))
                    .append(" |\n");
            }
        }
        md.append('\n');
        ReportCharts.heterogeneous(outDir.resolve("partition-heterogeneous.png"), h);
        md.append("![heterogeneous makespan vs ideal](partition-heterogeneous.png)\n\n");
    }

    private static String timeText(Estimate e, String unit) {
        return fmt(e.value()) + (Double.isFinite(e.error()) ? " ± " + fmt(e.error()) : "") + " " + unit;
    }

    private static String forkTimes(Estimate e) {
        return Double.isFinite(e.forkLow()) ? fmt(e.forkLow()) + "–" + fmt(e.forkHigh()) : "n/a";
    }

    /** The bar chart's title: what the class's chart answers. */
    static String chartTitle(String cls, Run first) {
        return switch (cls) {
            case "KernelBenchmark" -> "Kernel: EV·price evaluations per second per kernel";
            case "SlotBenchmark" -> "Slot: time per solve per solver (lower is better)";
            case "ExactBenchmark" -> "Exact solver vs sweep: time per slot (lower is better)";
            case "PartitionBenchmark" -> "Partition: time per slot per pool (lower is better)";
            case "LedgerAppendBenchmark" -> "Ledger ring vs peer queues: records in per second (offersMade)";
            default -> cls + ": " + (first.higherIsBetter() ? "throughput" : "time (lower is better)") + " per method";
        };
    }

    /** One table row; {@code rerun} null for a secondary metric (the row above reruns it). */
    private static void row(StringBuilder md, Run r, String metric, Run.Metric m, String rerun) {
        StringBuilder forks = new StringBuilder();
        for (double f : m.forkMeans()) {
            forks.append(forks.isEmpty() ? "" : " / ").append(fmt(f));
        }
        double spread = m.forkSpread();
        md.append("| ").append(r.method()).append(" | ").append(r.paramLabel()).append(" | ").append(metric)
            .append(" | ").append(fmt(m.score())).append(" ± ").append(Double.isFinite(m.error()) ? fmt(m.error()) : "n/a")
            .append(" | ").append(m.unit()).append(" | ").append(forks).append(" | ")
            .append(Double.isFinite(spread) ? String.format(Locale.ROOT, "%.1f %%", spread * 100) : "n/a")
            .append(" | ").append(rerun == null ? "same run as above" : "`" + rerun + "`").append(" |\n");
    }

    /** About four significant digits, with a k/M/G suffix from 10^4 up. */
    static String fmt(double v) {
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a >= 1e9) {
            return String.format(Locale.ROOT, "%.3f G", v / 1e9);
        }
        if (a >= 1e6) {
            return String.format(Locale.ROOT, "%.3f M", v / 1e6);
        }
        if (a >= 1e4) {
            return String.format(Locale.ROOT, "%.3f k", v / 1e3);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.3f", v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }

    static String ratio(double v, double e) {
        return String.format(Locale.ROOT, "%.2f×", v)
            + (Double.isFinite(e) ? String.format(Locale.ROOT, " ± %.2f", e) : "");
    }

    /** The latency section: per run its percentiles, the range over runs of one command, a plot per command. */
    private static void latency(StringBuilder md, List<Latency> runs, Path outDir) {
        md.append("## Ledger latency at a fixed offered rate (`v2g bench ledger`)\n\n")
            .append("Open loop: each record's send time is fixed in advance and its latency timed from it ")
            .append("(coordinated omission corrected). *Append*: until `append` returned; *durable ack*: until an ")
            .append("acknowledger saw the record durable. Each run is its own JVM; the percentiles are the tool's ")
            .append("own (`summary.txt`), the plot is drawn from its HdrHistogram `.hgrm` files in `latency/`. ")
            .append("Rows of one command are repetitions: their range is the spread between JVMs.\n\n")
            .append("| Run | Achieved | Latency");
        for (String c : Latency.COLUMNS) {
            md.append(" | ").append(c);
        }
        md.append(" |\n|---|---|---");
        md.append("|---".repeat(Latency.COLUMNS.size())).append("|\n");
        Map<String, List<Latency>> groups = new LinkedHashMap<>();
        for (Latency l : runs) {
            groups.computeIfAbsent(l.group(), k -> new ArrayList<>()).add(l);
        }
        for (List<Latency> group : groups.values()) {
            for (Latency l : group) {
                for (String name : List.of("append", "durable ack")) {
                    md.append("| ").append(l.name()).append(" | ")
                        .append(Double.isFinite(l.achieved()) ? fmt(l.achieved()) + " records/s" : "n/a")
                        .append(" | ").append(name);
                    for (String c : Latency.COLUMNS) {
                        md.append(" | ").append(Latency.micros(l.percentiles().get(name).getOrDefault(c, Double.NaN)));
                    }
                    md.append(" |\n");
                }
            }
            if (group.size() > 1) {
                for (String name : List.of("append", "durable ack")) {
                    md.append("| **range over ").append(group.size()).append(" runs** | | ").append(name);
                    for (String c : Latency.COLUMNS) {
                        double lo = Double.NaN;
                        double hi = Double.NaN;
                        for (Latency l : group) {
                            double v = l.percentiles().get(name).getOrDefault(c, Double.NaN);
                            lo = Double.isNaN(lo) ? v : Math.min(lo, v);
                            hi = Double.isNaN(hi) ? v : Math.max(hi, v);
                        }
                        md.append(" | ").append(Latency.micros(lo)).append("–").append(Latency.micros(hi));
                    }
                    md.append(" |\n");
                }
            }
        }
        md.append('\n');
        for (Map.Entry<String, List<Latency>> g : groups.entrySet()) {
            Latency first = g.getValue().get(0);
            String png = "latency-" + g.getKey() + ".png";
            ReportCharts.latency(outDir.resolve(png), "Ledger latency percentiles: " + Summary.rate(first) + " offered, "
                + g.getValue().size() + " run(s)", g.getValue());
            md.append("**").append(first.description()).append("**\n\n")
                .append("Rerun one: `").append(first.command().isEmpty() ? "n/a" : first.command()).append("`\n\n")
                .append("![latency ").append(g.getKey()).append("](").append(png).append(")\n\n");
        }
    }
}
