package org.v2g.jmh.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One JMH result (one benchmark method with one set of params) as read from the JSON, or merged from
 * several rounds ({@link Rounds}): then {@code rounds} > 1 and fork {@code i} of every result of the
 * class ran in round {@code i}, next to fork {@code i} of the others.
 */
record Run(String benchmark, String mode, int threads, int forks, String jdkVersion, String vmName,
           String vmVersion, int warmupIterations, String warmupTime, int measurementIterations,
           String measurementTime, Map<String, String> params, Metric primary, Map<String, Metric> secondary,
           int rounds) {

    /** A score with its error (JMH's 99.9 % interval half-width), unit and raw per-fork iterations. */
    record Metric(double score, double error, String unit, double[][] raw) {
        /** Mean of each fork's iterations. */
        double[] forkMeans() {
            double[] m = new double[raw.length];
            for (int f = 0; f < raw.length; f++) {
                double sum = 0;
                for (double v : raw[f]) {
                    sum += v;
                }
                m[f] = raw[f].length == 0 ? Double.NaN : sum / raw[f].length;
            }
            return m;
        }

        /** (max − min) of the fork means over the score, NaN with fewer than two forks. */
        double forkSpread() {
            return forkMeans().length < 2 ? Double.NaN : (forkMax() - forkMin()) / score;
        }

        /** The lowest fork mean, NaN without raw data. */
        double forkMin() {
            double lo = Double.NaN;
            for (double v : forkMeans()) {
                lo = Double.isNaN(lo) ? v : Math.min(lo, v);
            }
            return lo;
        }

        /** The highest fork mean, NaN without raw data. */
        double forkMax() {
            double hi = Double.NaN;
            for (double v : forkMeans()) {
                hi = Double.isNaN(hi) ? v : Math.max(hi, v);
            }
            return hi;
        }

        /** Sum of each fork's iterations (for counters summed over an iteration, like the pools' own view). */
        double[] forkSums() {
            double[] s = new double[raw.length];
            for (int f = 0; f < raw.length; f++) {
                for (double v : raw[f]) {
                    s[f] += v;
                }
            }
            return s;
        }

        /** The error bar drawn: JMH's error when finite, else half the fork means' range, else 0. */
        double bar() {
            if (Double.isFinite(error)) {
                return error;
            }
            double s = forkSpread();
            return Double.isFinite(s) ? s * score / 2 : 0;
        }
    }

    /** Simple class name, e.g. {@code KernelBenchmark}. */
    String className() {
        String cls = benchmark.substring(0, benchmark.lastIndexOf('.'));
        return cls.substring(cls.lastIndexOf('.') + 1);
    }

    String method() {
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    /** Params as {@code fleet=paper n=2000}, empty when none. */
    String paramLabel() {
        StringBuilder b = new StringBuilder();
        params.forEach((k, v) -> {
            if (!v.isEmpty()) {
                b.append(b.isEmpty() ? "" : " ").append(k).append('=').append(v);
            }
        });
        return b.toString();
    }

    /** Higher is better for throughput modes; lower for time modes. */
    boolean higherIsBetter() {
        return mode.equals("thrpt");
    }

    /**
     * The metric that carries the result: the {@code evaluations} counter (kernel and curve), the
     * {@code offersMade} counter (ledger offers), else the primary score.
     */
    Metric headline() {
        for (String name : List.of("evaluations", "offersMade")) {
            if (secondary.containsKey(name)) {
                return secondary.get(name);
            }
        }
        return primary;
    }

    String headlineName() {
        for (String name : List.of("evaluations", "offersMade")) {
            if (secondary.containsKey(name)) {
                return name;
            }
        }
        return "primary";
    }

    /** The command line that reruns this row alone with the same settings. */
    String rerun() {
        StringBuilder b = new StringBuilder("java " + PerfReport.JVM_FLAGS + " -jar jmh/target/benchmarks.jar '")
            .append(benchmark.replace(".", "\\.")).append("$'");
        params.forEach((k, v) -> {
            if (!v.isEmpty()) {
                b.append(" -p ").append(k).append('=').append(v);
            }
        });
        b.append(" -f ").append(forks)
            .append(" -wi ").append(warmupIterations).append(" -i ").append(measurementIterations)
            .append(" -w ").append(warmupTime.replace(" ", "")).append(" -r ").append(measurementTime.replace(" ", ""))
            .append(" -t ").append(threads);
        return b.toString();
    }

    /** Reads every result of one JMH JSON file (an array of results). */
    @SuppressWarnings("unchecked")
    static List<Run> read(String json) {
        List<Run> runs = new ArrayList<>();
        for (Object o : (List<Object>) JmhJson.parse(json)) {
            Map<String, Object> m = (Map<String, Object>) o;
            Map<String, String> params = new LinkedHashMap<>();
            Object p = m.get("params");
            if (p instanceof Map<?, ?> pm) {
                pm.forEach((k, v) -> params.put(String.valueOf(k), String.valueOf(v)));
            }
            Map<String, Metric> secondary = new LinkedHashMap<>();
            Object sec = m.get("secondaryMetrics");
            if (sec instanceof Map<?, ?> sm) {
                sm.forEach((k, v) -> secondary.put(String.valueOf(k), metric((Map<String, Object>) v)));
            }
            runs.add(new Run(str(m.get("benchmark")), str(m.get("mode")), (int) JmhJson.num(m.get("threads")),
                (int) JmhJson.num(m.get("forks")), str(m.get("jdkVersion")), str(m.get("vmName")),
                str(m.get("vmVersion")), (int) JmhJson.num(m.get("warmupIterations")), str(m.get("warmupTime")),
                (int) JmhJson.num(m.get("measurementIterations")), str(m.get("measurementTime")), params,
                metric((Map<String, Object>) m.get("primaryMetric")), secondary, 1));
        }
        return runs;
    }

    @SuppressWarnings("unchecked")
    private static Metric metric(Map<String, Object> m) {
        List<Object> raw = m.get("rawData") instanceof List<?> l ? (List<Object>) l : List.of();
        double[][] r = new double[raw.size()][];
        for (int f = 0; f < r.length; f++) {
            List<Object> it = (List<Object>) raw.get(f);
            r[f] = new double[it.size()];
            for (int k = 0; k < it.size(); k++) {
                r[f][k] = JmhJson.num(it.get(k));
            }
        }
        return new Metric(JmhJson.num(m.get("score")), JmhJson.num(m.get("scoreError")), str(m.get("scoreUnit")), r);
    }

    private static String str(Object o) {
        return o == null ? "" : String.valueOf(o);
    }
}
