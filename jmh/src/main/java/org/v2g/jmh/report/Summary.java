package org.v2g.jmh.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The headline table of a report, built from its JSON and latency runs only: absolute results
 * ({@link #HEADLINES}), the ratios that carry a target ({@link PerfReport#RATIOS}), the heterogeneous
 * makespan over its ideal and the ledger's latency percentiles. It opens REPORT.md and is written alone
 * to {@code summary.md}, which {@link Splice} copies into the README and docs/perf/REPORT.md.
 */
final class Summary {

    /** An absolute result shown in the summary: the headline metric of one method with these params. */
    record Headline(String cls, String method, String params, String label, String target) {
    }

    static final List<Headline> HEADLINES = List.of(
        new Headline("KernelBenchmark", "simd", "fleet=paper n=2000", "`R(p_d)` evaluations, N = 2,000, `simd`", "≥ 5 G/s"),
        new Headline("SlotBenchmark", "simd", "fleet=paper n=2000", "one whole slot, N = 2,000, 3,361 prices, `simd`",
            "≤ 1 ms"),
        new Headline("ExactBenchmark", "exact2000", "", "exact solver, N = 2,000", "≤ 50 µs"),
        new Headline("ExactBenchmark", "sweep2000", "", "sweep over 3,361 grid points, N = 2,000", "≤ 100 µs"),
        new Headline("LedgerAppendBenchmark", "ledgerRingOffer", "", "ledger ring append, 1 producer (records in)",
            "≥ 25 M/s"),
        new Headline("LedgerAppendBenchmark", "sealedPerBlockSync", "",
            "ledger sealed with Merkle roots and per-block fsync (records durable)", "≥ 2 M/s"));

    /** Latency targets at 1 M records/s (issue 5), by latency name. */
    static final Map<String, String> LATENCY_TARGETS = Map.of("append", "p99 ≤ 10 µs at 1 M/s",
        "durable ack", "p99 ≤ 2 ms at 1 M/s");

    private Summary() {
    }

    /** The summary block: the stamp line, the table, and a link to {@code REPORT.md} beside it. */
    static String block(Stamp stamp, List<List<Run>> files, List<PerfReport.RatioValue> ratios, List<Latency> latency) {
        StringBuilder md = new StringBuilder();
        md.append(stamp.line()).append(" Generated from the run's JSON by `PerfReport`; full tables, charts and ")
            .append("one-line rerun commands: [REPORT.md](REPORT.md).\n\n");
        table(md, files, ratios, latency);
        return md.toString();
    }

    /** The headline table alone. */
    static void table(StringBuilder md, List<List<Run>> files, List<PerfReport.RatioValue> ratios, List<Latency> latency) {
        md.append("| Result | This run | Fork range | Target |\n|---|---|---|---|\n");
        List<Run> all = files.stream().flatMap(List::stream).toList();
        for (Headline h : HEADLINES) {
            for (Run r : all) {
                if (r.className().equals(h.cls()) && r.method().equals(h.method()) && r.paramLabel().equals(h.params())) {
                    Run.Metric m = r.headline();
                    String unit = m.unit() + (r.headlineName().equals("primary") ? "" : " (" + r.headlineName() + ")");
                    md.append("| ").append(h.label()).append(" | ").append(PerfReport.fmt(m.score()))
                        .append(Double.isFinite(m.error()) ? " ± " + PerfReport.fmt(m.error()) : "").append(' ')
                        .append(unit).append(" | ")
                        .append(Double.isFinite(m.forkMin()) && m.forkMeans().length > 1
                            ? PerfReport.fmt(m.forkMin()) + "–" + PerfReport.fmt(m.forkMax()) : "n/a")
                        .append(" | ").append(h.target()).append(" |\n");
                }
            }
        }
        for (PerfReport.RatioValue r : ratios) {
            if (r.ratio().target().isEmpty()) {
                continue;
            }
            md.append("| ").append(r.ratio().meaning()).append(" (`").append(r.ratio().a()).append(" / ")
                .append(r.ratio().b()).append('`').append(r.params().isEmpty() ? "" : ", " + r.params())
                .append(") | ").append(PerfReport.ratio(r.value(), r.error())).append(" | ")
                .append(new Estimate(r.value(), r.error(), r.forkLow(), r.forkHigh()).forkRangeText()).append(" | ")
                .append(r.ratio().target()).append(" |\n");
        }
        for (List<Run> runs : files) {
            Optional<Heterogeneous> het = Heterogeneous.of(runs);
            if (het.isEmpty()) {
                continue;
            }
            for (Heterogeneous.Row row : het.get().rows()) {
                if (!row.method().equals("capacities1248")) {
                    continue;
                }
                md.append("| 1:2:4:8 workers, makespan / capacity-weighted ideal, wall clock (`capacities1248` / ")
                    .append("(`pool1` / ").append(String.format(Locale.ROOT, "%.3f", het.get().speed())).append(")) | ")
                    .append(row.wallOverIdeal().ratioText()).append(" | ").append(row.wallOverIdeal().forkRangeText())
                    .append(" | ≤ 1.1× |\n");
                if (row.poolOverIdeal() != null) {
                    md.append("| 1:2:4:8 workers, makespan / ideal, the pool's own view (busy-time rates) | ")
                        .append(row.poolOverIdeal().ratioText()).append(" | ")
                        .append(row.poolOverIdeal().forkRangeText()).append(" | ≤ 1.1× |\n");
                }
            }
        }
        Map<String, List<Latency>> groups = new LinkedHashMap<>();
        for (Latency l : latency) {
            groups.computeIfAbsent(l.group(), k -> new ArrayList<>()).add(l);
        }
        for (List<Latency> group : groups.values()) {
            Latency first = group.get(0);
            for (String name : Latency.LATENCIES.keySet().stream().sorted().toList()) {
                double lo = Double.NaN;
                double hi = Double.NaN;
                for (Latency l : group) {
                    double v = l.percentiles().get(name).getOrDefault("p99", Double.NaN);
                    lo = Double.isNaN(lo) ? v : Math.min(lo, v);
                    hi = Double.isNaN(hi) ? v : Math.max(hi, v);
                }
                md.append("| ledger ").append(name).append(" latency p99, ").append(rate(first))
                    .append(" offered (`v2g bench ledger`, ").append(group.size()).append(" run(s)) | ")
                    .append(Latency.micros(lo)).append(group.size() > 1 ? "–" + Latency.micros(hi) : "")
                    .append(" | ").append(group.size() > 1 ? "range over " + group.size() + " JVM runs" : "one run")
                    .append(" | ").append(LATENCY_TARGETS.get(name)).append(" |\n");
            }
        }
        md.append('\n');
    }

    /** The offered rate from the run's description, e.g. {@code 100,000 records/s}. */
    static String rate(Latency l) {
        int end = l.description().indexOf(" offered");
        return end > 0 ? l.description().substring(0, end) : l.description();
    }
}
