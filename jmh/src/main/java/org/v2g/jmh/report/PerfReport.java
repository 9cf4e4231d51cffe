package org.v2g.jmh.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

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
 * <p>Optional system properties: {@code v2g.report.suite} (title), {@code v2g.report.started} (run
 * start), {@code v2g.report.root} (repository for {@code git rev-parse}), {@code v2g.report.commit} (the commit measured). Load averages are read from
 * {@code load-before.txt}/{@code load-after.txt} next to the first input, as {@code jmh/report} writes them.
 */
public final class PerfReport {
    /** The JVM flags of every rerun command. */
    static final String JVM_FLAGS = "--add-modules jdk.incubator.vector --sun-misc-unsafe-memory-access=allow "
        + "--add-exports java.base/jdk.internal.misc=ALL-UNNAMED";

    /**
     * A ratio within one run: how many times faster {@code a} is than {@code b} (throughput a/b, time
     * b/a), on the headline metric, between results with equal params.
     */
    record Ratio(String cls, String a, String b, String meaning) {
    }

    static final List<Ratio> RATIOS = List.of(
        new Ratio("KernelBenchmark", "simd", "scalar", "Vector API kernel over its scalar twin"),
        new Ratio("KernelBenchmark", "simd", "reference", "Vector API kernel over the literal ReferenceSolver"),
        new Ratio("KernelBenchmark", "simd256", "simd", "256-bit species over the preferred one"),
        new Ratio("KernelBenchmark", "simd512", "simd", "512-bit species over the preferred one"),
        new Ratio("CurveBenchmark", "simd", "scalar", "Vector API kernel over its scalar twin"),
        new Ratio("SlotBenchmark", "simd", "scalar", "whole slot, SIMD kernel over scalar"),
        new Ratio("ExactBenchmark", "exact2000", "sweep2000", "exact solver over the sweep"),
        new Ratio("ExactBenchmark", "sweep2000", "simdGrid2000", "sweep over the brute-force SIMD grid"),
        new Ratio("PartitionBenchmark", "pool2", "pool1", "two workers over one (target >= 1.85)"),
        new Ratio("PartitionBenchmark", "pool1", "sequential", "one-worker pool over the plain loop (overhead)"),
        new Ratio("PartitionBenchmark", "capacities1248", "staticEqualSplit1248", "work stealing over a static split"),
        new Ratio("LedgerAppendBenchmark", "ledgerRingOffer", "agronaOffer", "ledger ring over raw Agrona, offersMade"),
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
        List<List<Run>> files = new ArrayList<>();
        for (Path p : inputs) {
            files.add(Run.read(Files.readString(p, StandardCharsets.UTF_8)));
        }
        StringBuilder md = new StringBuilder();
        String suite = System.getProperty("v2g.report.suite", "");
        md.append("# Performance report").append(suite.isEmpty() ? "" : " (" + suite + ")").append("\n\n");
        stamp(md, files, inputs);

        List<RatioValue> ratios = new ArrayList<>();
        for (List<Run> runs : files) {
            ratios.addAll(ratios(runs));
        }
        if (!ratios.isEmpty()) {
            md.append("## Ratios within one run\n\n")
                .append("How many times faster the first method is than the second (throughput a/b, time b/a), on the ")
                .append("headline metric (`evaluations` for the kernel, `offersMade` for ledger offers, else the ")
                .append("primary score), between results of the same JMH run with equal params. ± combines both ")
                .append("relative errors in quadrature; the fork range is the lowest and highest ratio of one fork's mean ")
                .append("to another's (every fork pair), a view of run-to-run variance that does not depend on the ")
                .append("t-distribution of a few iterations.\n\n")
                .append("| Ratio | Params | Speed-up | Fork range | Meaning |\n|---|---|---|---|---|\n");
            for (RatioValue r : ratios) {
                md.append("| ").append(r.ratio().cls().replace("Benchmark", "")).append(": ").append(r.ratio().a())
                    .append(" / ").append(r.ratio().b()).append(" | ").append(r.params()).append(" | ")
                    .append(ratio(r.value(), r.error())).append(" | ")
                    .append(Double.isFinite(r.forkLow())
                        ? String.format(Locale.ROOT, "%.2f–%.2f×", r.forkLow(), r.forkHigh()) : "n/a")
                    .append(" | ").append(r.ratio().meaning()).append(" |\n");
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
                        Run.Metric ma = a.headline();
                        Run.Metric mb = b.headline();
                        double v = a.higherIsBetter() ? ma.score() / mb.score() : mb.score() / ma.score();
                        double rel = Math.hypot(ma.error() / ma.score(), mb.error() / mb.score());
                        double lo = Double.POSITIVE_INFINITY;
                        double hi = Double.NEGATIVE_INFINITY;
                        for (double fa : ma.forkMeans()) {
                            for (double fb : mb.forkMeans()) {
                                double f = a.higherIsBetter() ? fa / fb : fb / fa;
                                lo = Math.min(lo, f);
                                hi = Math.max(hi, f);
                            }
                        }
                        out.add(new RatioValue(ratio, a.paramLabel(), v, v * rel,
                            Double.isInfinite(lo) ? Double.NaN : lo, Double.isInfinite(hi) ? Double.NaN : hi));
                    }
                }
            }
        }
        return out;
    }

    private static void section(StringBuilder md, String cls, List<Run> runs, List<RatioValue> ratios, Path outDir) {
        Run first = runs.get(0);
        md.append("## ").append(cls).append("\n\n")
            .append("Mode `").append(first.mode()).append("`, ").append(first.forks()).append(" fork(s), ")
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
            Map<String, double[]> speedups = new LinkedHashMap<>();
            Run base = runs.stream().filter(r -> r.method().equals("pool1")).findFirst().orElse(null);
            if (base != null) {
                for (Run r : runs) {
                    if (!r.paramLabel().equals(base.paramLabel()) || !r.mode().equals(base.mode())) {
                        continue;
                    }
                    double v = r.higherIsBetter() ? r.primary().score() / base.primary().score()
                        : base.primary().score() / r.primary().score();
                    double rel = r == base ? base.primary().bar() / base.primary().score()
                        : Math.hypot(r.primary().bar() / r.primary().score(), base.primary().bar() / base.primary().score());
                    speedups.put(r.method(), new double[] {v, v * rel});
                }
                ReportCharts.speedups(outDir.resolve("partition-speedup.png"),
                    "PartitionBenchmark: speed-up over pool1 (" + base.paramLabel() + ")", "× pool1", speedups);
                md.append("![partition speed-up](partition-speedup.png)\n\n");
            }
        }
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

    private static void stamp(StringBuilder md, List<List<Run>> files, List<Path> inputs) {
        Run any = files.stream().flatMap(List::stream).findFirst().orElse(null);
        String jdk = any == null ? "n/a" : any.jdkVersion() + " (" + any.vmName() + " " + any.vmVersion() + ")";
        Path root = Path.of(System.getProperty("v2g.report.root", "."));
        md.append("| | |\n|---|---|\n")
            .append("| CPU | ").append(cpuModel()).append(" |\n")
            .append("| Cores | ").append(Runtime.getRuntime().availableProcessors()).append(" |\n")
            .append("| OS | ").append(osName()).append(" |\n")
            .append("| JDK | ").append(jdk).append(" |\n")
            .append("| Run started | ").append(System.getProperty("v2g.report.started", "n/a")).append(" |\n")
            .append("| Report written | ")
            .append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_INSTANT.withZone(ZoneOffset.UTC)))
            .append(" |\n")
            .append("| Git commit | ").append(gitCommit(root)).append(" |\n");
        Path dir = inputs.get(0).toAbsolutePath().getParent();
        String before = readFirstLine(dir.resolve("load-before.txt"));
        String after = readFirstLine(dir.resolve("load-after.txt"));
        if (before != null || after != null) {
            md.append("| Load average (1/5/15 min) | before: ").append(Objects.requireNonNullElse(before, "n/a"))
                .append(", after: ").append(Objects.requireNonNullElse(after, "n/a"))
                .append(" — on ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, a load near or above the core count means the run shared the CPU |\n");
        }
        md.append("| Inputs | ");
        for (int i = 0; i < inputs.size(); i++) {
            md.append(i == 0 ? "" : ", ").append('`').append(inputs.get(i).getFileName()).append('`');
        }
        md.append(" (one JMH run each) |\n\n");
        md.append("Absolute numbers move with the machine's load; compare methods of one run only. Error = JMH's ")
            .append("99.9 % confidence half-width over all measured iterations of all forks.\n\n");
    }

    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    static String osName() {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
                if (line.startsWith("PRETTY_NAME=")) {
                    return line.substring("PRETTY_NAME=".length()).replace("\"", "") + ", "
                        + System.getProperty("os.name") + " " + System.getProperty("os.version");
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // no os-release
        }
        return System.getProperty("os.name") + " " + System.getProperty("os.version");
    }

    /** {@code v2g.report.commit} when set (jmh/report records it at the run's start), else git's HEAD. */
    static String gitCommit(Path root) {
        String given = System.getProperty("v2g.report.commit", "");
        if (!given.isEmpty()) {
            return given;
        }
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").directory(root.toFile())
                .redirectErrorStream(true).start();
            String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && !s.isEmpty()) {
                return s;
            }
        } catch (IOException e) {
            // no git
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "n/a";
    }

    private static String readFirstLine(Path p) {
        try {
            return Files.isRegularFile(p) ? Files.readAllLines(p).stream().findFirst().orElse(null) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
