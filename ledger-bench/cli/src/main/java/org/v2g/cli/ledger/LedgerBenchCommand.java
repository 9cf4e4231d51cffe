package org.v2g.cli.ledger;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.v2g.kernel.InvalidInputException;
import org.v2g.ledger.LedgerConfig;
import org.v2g.ledger.SyncPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code v2g bench ledger}: a fixed offered rate of 64-byte settlements into a fresh ledger, latency timed
 * from each record's intended send time ({@link LedgerLoad}), for append and for durable acknowledgement.
 * Writes {@code append.hgrm}, {@code durable.hgrm} (HdrHistogram percentile distributions in µs),
 * {@code latency.png} and {@code summary.txt} into {@code --out}, and prints the summary. The ledger itself
 * goes to a temporary directory inside {@code --out}, deleted at the end unless {@code --keep-ledger}.
 */
@Command(name = "ledger",
        mixinStandardHelpOptions = true,
        description = "Offer a fixed rate of settlements to the ledger; percentiles of append and durable-ack latency.",
        footer = {"%nLatency is timed from each record's intended send time (coordinated omission corrected)."})
public final class LedgerBenchCommand implements Callable<Integer> {
    /** Targets at 1 M records/s, from issue 5 (printed next to the measurement, not enforced). */
    static final double APPEND_P99_TARGET_US = 10;
    static final double DURABLE_P99_TARGET_US = 2_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--rate", defaultValue = "1000000", paramLabel = "N",
            description = "Records per second offered, all producers together (default: ${DEFAULT-VALUE}).")
    long rate;

    @Option(names = "--seconds", defaultValue = "20", paramLabel = "S", description = "Measured seconds (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--warmup", defaultValue = "2", paramLabel = "S",
            description = "Seconds run first at the same rate and not recorded (default: ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--producers", defaultValue = "1", paramLabel = "N", description = "Producer threads (default: ${DEFAULT-VALUE}).")
    int producers;

    @Option(names = "--sync", defaultValue = "block", paramLabel = "POLICY",
            description = "block, none or every:N (default: ${DEFAULT-VALUE}).")
    String sync;

    @Option(names = "--block-records", defaultValue = "" + LedgerConfig.DEFAULT_RECORDS_PER_BLOCK, paramLabel = "N",
            description = "Records per block at most (default: ${DEFAULT-VALUE}).")
    int blockRecords;

    @Option(names = "--block-age-us", defaultValue = "5000", paramLabel = "US",
            description = "Seal a block when its first record is this old, µs (default: ${DEFAULT-VALUE}).")
    long blockAgeMicros;

    @Option(names = "--ring-kib", defaultValue = "1024", paramLabel = "KIB",
            description = "Append ring size, KiB, a power of two (default: ${DEFAULT-VALUE}); a bigger ring rides out"
                    + " longer write and fsync stalls before producers wait.")
    int ringKib;

    @Option(names = "--out", defaultValue = "v2g-cli-ledger", paramLabel = "DIR",
            description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--keep-ledger", description = "Keep the ledger directory written by the run.")
    boolean keepLedger;

    @Option(names = "--no-plot", description = "Skip latency.png.")
    boolean noPlot;

    @Override
    public Integer call() throws IOException {
        check(rate > 0, "--rate", rate, "must be > 0");
        check(seconds > 0 && seconds <= 3600, "--seconds", seconds, "must be > 0 and <= 3600");
        check(warmup >= 0 && warmup <= 600, "--warmup", warmup, "must be >= 0 and <= 600");
        check(producers >= 1 && producers <= 64, "--producers", producers, "must be 1..64");
        check(blockRecords >= 1 && blockRecords <= 1 << 20, "--block-records", blockRecords, "must be 1..1048576");
        check(blockAgeMicros >= 1, "--block-age-us", blockAgeMicros, "must be >= 1");
        // 64 KiB: the smallest ring that holds eight of the largest (4 KiB) application records
        check(ringKib >= 64 && ringKib <= 1 << 20 && Integer.bitCount(ringKib) == 1, "--ring-kib", ringKib,
                "must be a power of two, 64..1048576");
        SyncPolicy policy;
        try {
            policy = SyncPolicy.parse(sync);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--sync", "option", sync, "must be block, none or every:N");
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new InvalidInputException("--out", "dir=" + out, out, "cannot be created (" + e + ")");
        }
        Path ledgerDir = Files.createTempDirectory(out, "ledger-");
        LedgerLoad.Result r;
        try {
            r = LedgerLoad.run(new LedgerLoad.Config(rate, seconds, warmup, producers, ledgerDir, policy,
                    blockRecords, Duration.ofNanos(blockAgeMicros * 1000), ringKib * 1024));
        } finally {
            if (!keepLedger) {
                delete(ledgerDir);
            }
        }
        hgrm(out.resolve("append.hgrm"), r.append());
        hgrm(out.resolve("durable.hgrm"), r.durable());
        String title = String.format(Locale.ROOT, "ledger: %,d records/s offered, %d producer(s), sync %s", rate,
                producers, policy);
        if (!noPlot) {
            LatencyPlot.write(out.resolve("latency.png"), title, List.of("append", "durable ack"),
                    List.of(r.append(), r.durable()));
        }
        String summary = summary(r, policy, keepLedger ? ledgerDir : null);
        Files.writeString(out.resolve("summary.txt"), summary);
        PrintWriter w = spec.commandLine().getOut();
        w.print(summary);
        w.flush();
        return 0;
    }

    private void check(boolean ok, String option, Object value, String rule) {
        if (!ok) {
            throw new ParameterException(spec.commandLine(), option + " " + rule + ": value=" + value);
        }
    }

    private String summary(LedgerLoad.Result r, SyncPolicy policy, Path keptLedger) {
        StringWriter text = new StringWriter();
        PrintWriter w = new PrintWriter(text);
        w.printf(Locale.ROOT, "v2g bench ledger: %,d records/s offered by %d producer(s) for %s s (+%s s warm-up),"
                + " sync %s, blocks of <= %d records or %d us, ring %d KiB%n", rate, producers, num(seconds),
                num(warmup), policy, blockRecords, blockAgeMicros, ringKib);
        w.printf(Locale.ROOT, "  sent %,d records (%,d measured) in %.3f s of a %.3f s schedule: %,.0f records/s;"
                + " %,d blocks%n", r.sent(), r.measured(), r.sendSeconds(), r.offeredSeconds(),
                r.sent() / Math.max(1e-9, r.sendSeconds()), r.blocks());
        w.printf(Locale.ROOT, "  ring full %,d times, window waits %,d, not durable at the end %,d%n", r.ringFull(),
                r.windowWaits(), r.unacked());
        w.println("  latency from the intended send time (coordinated omission corrected), us:");
        w.printf(Locale.ROOT, "  %-12s %10s %10s %10s %10s %10s %10s %10s%n", "", "p50", "p90", "p99", "p99.9",
                "p99.99", "max", "count");
        row(w, "append", r.append());
        row(w, "durable ack", r.durable());
        w.printf(Locale.ROOT, "  at 1 M/s the targets are append p99 <= %.0f us (here %s) and durable p99 <= %.0f us"
                + " (here %s)%n", APPEND_P99_TARGET_US, verdict(r.append(), APPEND_P99_TARGET_US),
                DURABLE_P99_TARGET_US, verdict(r.durable(), DURABLE_P99_TARGET_US));
        w.printf(Locale.ROOT, "  outputs in %s: append.hgrm durable.hgrm%s summary.txt%n",
                out.toAbsolutePath().normalize(), noPlot ? "" : " latency.png");
        if (keptLedger != null) {
            w.printf(Locale.ROOT, "  ledger kept in %s (check it with: v2g verify %s)%n", keptLedger, keptLedger);
        }
        w.flush();
        return text.toString();
    }

    private static String verdict(Histogram h, double targetMicros) {
        if (h.getTotalCount() == 0) {
            return "no data";
        }
        double p99 = h.getValueAtPercentile(99) / 1000.0;
        return String.format(Locale.ROOT, "%s, %s", us(p99), p99 <= targetMicros ? "met" : "missed");
    }

    private static void row(PrintWriter w, String name, Histogram h) {
        w.printf(Locale.ROOT, "  %-12s %10s %10s %10s %10s %10s %10s %10d%n", name, pct(h, 50), pct(h, 90), pct(h, 99),
                pct(h, 99.9), pct(h, 99.99), us(h.getMaxValue() / 1000.0), h.getTotalCount());
    }

    private static String pct(Histogram h, double p) {
        return h.getTotalCount() == 0 ? "-" : us(h.getValueAtPercentile(p) / 1000.0);
    }

    private static String us(double micros) {
        return micros < 100 ? String.format(Locale.ROOT, "%.2f", micros) : String.format(Locale.ROOT, "%,.0f", micros);
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static void hgrm(Path file, Histogram h) throws IOException {
        try (PrintStream ps = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8)) {
            h.outputPercentileDistribution(ps, 5, 1000.0);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
