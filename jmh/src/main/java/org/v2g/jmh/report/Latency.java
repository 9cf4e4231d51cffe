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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One {@code v2g bench ledger} run as {@code jmh/report} keeps it in {@code OUT/latency/NAME/}: the
 * HdrHistogram percentile distributions {@code append.hgrm} and {@code durable.hgrm} (µs, as
 * {@code Histogram.outputPercentileDistribution} writes them), the tool's {@code summary.txt} (its exact
 * p50 … max per latency) and {@code command.txt} (the command line that ran it).
 *
 * @param name        the directory name, e.g. {@code r100k-1}
 * @param group       runs of the same command share it (the name without its {@code -N} repetition suffix)
 * @param command     the command line, one line
 * @param description the summary's first line without its {@code v2g bench ledger:} prefix
 * @param achieved    records per second actually sent (NaN if the summary lacks it)
 * @param percentiles per latency ({@code append}, {@code durable ack}): percentile name to µs
 * @param curves      per latency: the distribution as (percentile in [0, 1), µs) points
 */
record Latency(String name, String group, String command, String description, double achieved,
               Map<String, Map<String, Double>> percentiles, Map<String, List<double[]>> curves) {

    /** The latencies of a run, as the summary names them, with their .hgrm file. */
    static final Map<String, String> LATENCIES = Map.of("append", "append.hgrm", "durable ack", "durable.hgrm");

    /** The summary's columns shown in the report. */
    static final List<String> COLUMNS = List.of("p50", "p90", "p99", "p99.9", "max");

    private static final Pattern ACHIEVED = Pattern.compile(":\\s*([\\d,]+) records/s;");
    private static final Pattern REPETITION = Pattern.compile("^(.*)-\\d+$");

    /** Every run under {@code dir/latency/*}, sorted by name; none when there is no such directory. */
    static List<Latency> readAll(Path dir) throws IOException {
        Path root = dir.resolve("latency");
        List<Latency> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> runs = Files.list(root)) {
            for (Path run : runs.filter(Files::isDirectory).sorted().toList()) {
                out.add(read(run));
            }
        }
        return out;
    }

    /** One run's directory; a missing or malformed file is an error naming it. */
    static Latency read(Path run) throws IOException {
        String name = run.getFileName().toString();
        Matcher rep = REPETITION.matcher(name);
        String group = rep.matches() ? rep.group(1) : name;
        Path summaryFile = run.resolve("summary.txt");
        List<String> summary = Files.readAllLines(summaryFile, StandardCharsets.UTF_8);
        Path commandFile = run.resolve("command.txt");
        String command = Files.isRegularFile(commandFile)
            ? Files.readString(commandFile, StandardCharsets.UTF_8).strip() : "";
        String description = summary.isEmpty() ? "" : summary.get(0).replaceFirst("^v2g bench ledger:\\s*", "");
        double achieved = Double.NaN;
        List<String> header = null;
        Map<String, Map<String, Double>> percentiles = new LinkedHashMap<>();
        for (String line : summary) {
            Matcher a = ACHIEVED.matcher(line);
            if (Double.isNaN(achieved) && line.strip().startsWith("sent ") && a.find()) {
                achieved = Double.parseDouble(a.group(1).replace(",", ""));
            }
            String t = line.strip();
            if (t.startsWith("p50 ")) {
                header = List.of(t.split("\\s+"));
                continue;
            }
            if (header == null) {
                continue;
            }
            for (String latency : LATENCIES.keySet()) {
                if (t.startsWith(latency + " ")) {
                    String[] cells = t.substring(latency.length()).strip().split("\\s+");
                    if (cells.length != header.size()) {
                        throw new IOException(summaryFile + ": row '" + latency + "' has " + cells.length
                            + " values for " + header.size() + " columns: " + line);
                    }
                    Map<String, Double> row = new LinkedHashMap<>();
                    for (int i = 0; i < cells.length; i++) {
                        row.put(header.get(i), cells[i].equals("-") ? Double.NaN
                            : Double.parseDouble(cells[i].replace(",", "")));
                    }
                    percentiles.put(latency, row);
                }
            }
        }
        if (percentiles.size() != LATENCIES.size()) {
            throw new IOException(summaryFile + ": expected percentile rows for " + LATENCIES.keySet()
                + ", found " + percentiles.keySet());
        }
        Map<String, List<double[]>> curves = new LinkedHashMap<>();
        for (String latency : List.of("append", "durable ack")) {
            curves.put(latency, hgrm(run.resolve(LATENCIES.get(latency))));
        }
        return new Latency(name, group, command, description, achieved, percentiles, curves);
    }

    /**
     * The (percentile in [0, 1], value) rows of a {@code .hgrm} file: four numeric columns (value,
     * percentile, total count, 1/(1 − percentile)); the last row, at percentile 1, has three.
     */
    static List<double[]> hgrm(Path file) throws IOException {
        List<double[]> points = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#") || t.startsWith("Value")) {
                continue;
            }
            String[] cells = t.split("\\s+");
            if (cells.length < 3) {
                throw new IOException(file + " line " + lineNo + ": expected value, percentile, count: " + line);
            }
            try {
                points.add(new double[] {Double.parseDouble(cells[1]), Double.parseDouble(cells[0])});
            } catch (NumberFormatException e) {
                throw new IOException(file + " line " + lineNo + ": not a number: " + line, e);
            }
        }
        if (points.isEmpty()) {
            throw new IOException(file + ": no percentile rows");
        }
        return points;
    }

    /** µs for a table: two decimals below 100, else whole µs with thousands separators, ms/s from 10^4. */
    static String micros(double us) {
        if (!Double.isFinite(us)) {
            return "n/a";
        }
        if (us >= 1e6) {
            return String.format(Locale.ROOT, "%.2f s", us / 1e6);
        }
        if (us >= 1e4) {
            return String.format(Locale.ROOT, "%.1f ms", us / 1e3);
        }
        if (us >= 100) {
            return String.format(Locale.ROOT, "%,.0f µs", us);
        }
        return String.format(Locale.ROOT, "%.2f µs", us);
    }
}
