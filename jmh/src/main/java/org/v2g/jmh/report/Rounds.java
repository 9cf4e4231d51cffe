package org.v2g.jmh.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Alternated rounds of one benchmark class: {@code jmh/report} runs each class several times with one
 * fork ({@code NAME.r1.json}, {@code NAME.r2.json}, …), so that every method of the class runs once per
 * round, next to the others, and the rounds take turns. Merged, each result has one fork per round:
 * fork {@code i} of method A and fork {@code i} of method B ran minutes apart at most, and their ratio
 * is a pair that load drifting over the whole run cannot split ({@link PerfReport#faster}).
 */
final class Rounds {
    private static final Pattern ROUND = Pattern.compile("^(.*)\\.r(\\d+)\\.json$");

    private Rounds() {
    }

    /** The run name of a file: {@code kernel} for {@code kernel.r2.json} and for {@code kernel.json}. */
    static String runName(Path file) {
        String name = file.getFileName().toString();
        Matcher m = ROUND.matcher(name);
        return m.matches() ? m.group(1) : name.replaceFirst("\\.json$", "");
    }

    /** The round number of a file, 0 for a plain JMH file. */
    static int round(Path file) {
        Matcher m = ROUND.matcher(file.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(2)) : 0;
    }

    /**
     * The inputs grouped by run name, each group merged into one list of results; a group of one
     * plain file is that file's results unchanged. Order: first appearance of each name.
     */
    static Map<String, List<Run>> group(List<Path> inputs, List<List<Run>> read) {
        Map<String, TreeMap<Integer, List<Run>>> byName = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            TreeMap<Integer, List<Run>> rounds = byName.computeIfAbsent(runName(inputs.get(i)), k -> new TreeMap<>());
            int round = round(inputs.get(i));
            if (rounds.put(round, read.get(i)) != null) {
                throw new IllegalArgumentException("two inputs for run " + runName(inputs.get(i)) + " round " + round
                    + ": " + inputs.get(i));
            }
        }
        Map<String, List<Run>> out = new LinkedHashMap<>();
        byName.forEach((name, rounds) -> out.put(name,
            rounds.size() == 1 ? rounds.firstEntry().getValue() : merge(name, new ArrayList<>(rounds.values()))));
        return out;
    }

    /**
     * Results of several rounds merged by benchmark, mode and params. A result missing from a round (a
     * benchmark that failed there) keeps the forks it has, unpaired ({@code rounds} 1), with a warning.
     */
    static List<Run> merge(String name, List<List<Run>> rounds) {
        Map<String, List<Run>> byKey = new LinkedHashMap<>();
        for (List<Run> round : rounds) {
            for (Run r : round) {
                byKey.computeIfAbsent(r.benchmark() + " " + r.mode() + " " + r.paramLabel(), k -> new ArrayList<>()).add(r);
            }
        }
        List<Run> out = new ArrayList<>();
        byKey.forEach((key, parts) -> {
            boolean complete = parts.size() == rounds.size();
            if (!complete) {
                System.err.println("warning: run " + name + ": " + key + " is in " + parts.size() + " of "
                    + rounds.size() + " rounds; its forks are not paired with the other methods'");
            }
            Run first = parts.get(0);
            int forks = 0;
            for (Run p : parts) {
                forks += p.forks();
            }
            Map<String, Run.Metric> secondary = new LinkedHashMap<>();
            for (String metric : first.secondary().keySet()) {
                List<Run.Metric> ms = new ArrayList<>();
                for (Run p : parts) {
                    Run.Metric m = p.secondary().get(metric);
                    if (m == null) {
                        throw new IllegalArgumentException("run " + name + ": " + key + " lacks " + metric + " in a round");
                    }
                    ms.add(m);
                }
                secondary.put(metric, metric(ms));
            }
            List<Run.Metric> primaries = parts.stream().map(Run::primary).toList();
            out.add(new Run(first.benchmark(), first.mode(), first.threads(), forks, first.jdkVersion(), first.vmName(),
                first.vmVersion(), first.warmupIterations(), first.warmupTime(), first.measurementIterations(),
                first.measurementTime(), first.params(), metric(primaries), secondary, complete ? parts.size() : 1));
        });
        return out;
    }

    /**
     * One metric over all rounds' forks. JMH's score is the mean of the iterations, or for event
     * counters their sum; which one is read off the first round. The error is JMH's: the 99.9 %
     * Student-t half-width over all iterations, NaN where JMH gives none.
     */
    static Run.Metric metric(List<Run.Metric> parts) {
        List<double[]> raw = new ArrayList<>();
        for (Run.Metric m : parts) {
            raw.addAll(List.of(m.raw()));
        }
        double[][] all = raw.toArray(new double[0][]);
        double sum = 0;
        int n = 0;
        for (double[] fork : all) {
            for (double v : fork) {
                sum += v;
                n++;
            }
        }
        Run.Metric first = parts.get(0);
        double firstSum = 0;
        int firstN = 0;
        for (double[] fork : first.raw()) {
            for (double v : fork) {
                firstSum += v;
                firstN++;
            }
        }
        boolean summed = firstN > 1 && Math.abs(first.score() - firstSum) <= 1e-9 * Math.abs(firstSum)
            && Math.abs(first.score() - firstSum / firstN) > 1e-9 * Math.abs(firstSum);
        double mean = n == 0 ? Double.NaN : sum / n;
        double score = summed ? sum : mean;
        double error = Double.NaN;
        if (!summed && n > 1 && parts.stream().allMatch(m -> Double.isFinite(m.error()))) {
            double ss = 0;
            for (double[] fork : all) {
                for (double v : fork) {
                    ss += (v - mean) * (v - mean);
                }
            }
            double sd = Math.sqrt(ss / (n - 1));
            error = new TDistribution(n - 1).inverseCumulativeProbability(1 - 0.001 / 2) * sd / Math.sqrt(n);
        }
        return new Run.Metric(score, error, first.unit(), all);
    }
}
