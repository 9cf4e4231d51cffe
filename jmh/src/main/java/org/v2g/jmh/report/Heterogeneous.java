package org.v2g.jmh.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.v2g.jmh.PartitionBenchmark;

/**
 * Heterogeneous SCPs in one PartitionBenchmark run: the time per slot of the 1:2:4:8 workers (the
 * pool, the static split, the parallel stream) against the capacity-weighted ideal {@code pool1 / Σ
 * speed} of the same run (Σ speed = {@link PartitionBenchmark#speedOf1248()} full-speed workers; fork
 * ranges pair the forks of one round, see {@link PerfReport#forkRatioRange}), and the
 * pools' own view, makespan over {@code G / Σ rate_w} from the workers' measured busy time, summed over
 * each fork's iterations.
 *
 * @param params pool1's params, e.g. {@code n=20000}
 * @param unit   the time unit of the run, e.g. {@code ms/op}
 * @param speed  Σ 1/slowdown of the four workers
 * @param ideal  pool1's time over {@code speed}: score, error and fork means scaled alike
 * @param rows   one per heterogeneous method present in the run
 */
record Heterogeneous(String params, String unit, double speed, Estimate ideal, List<Row> rows) {

    /** The heterogeneous methods, in the order they are shown. */
    static final List<String> METHODS = List.of("capacities1248", "staticEqualSplit1248", "parallelStream1248");

    /**
     * One method: its time per slot, its wall-clock ratio to the ideal, and (pool methods only) the
     * pool's own makespan / ideal with the range of that ratio over the measured iterations.
     */
    record Row(String method, Estimate time, Estimate wallOverIdeal, Estimate poolOverIdeal, double iterationLow,
               double iterationHigh) {
    }

    /** The comparison when the run has pool1 and at least one heterogeneous method with equal params. */
    static Optional<Heterogeneous> of(List<Run> runs) {
        Run pool1 = find(runs, "pool1", null);
        if (pool1 == null || pool1.higherIsBetter()) {
            return Optional.empty();
        }
        double speed = PartitionBenchmark.speedOf1248();
        Run.Metric p = pool1.primary();
        Estimate ideal = new Estimate(p.score() / speed, p.error() / speed, p.forkMin() / speed, p.forkMax() / speed);
        double[] idealForks = p.forkMeans();
        List<Row> rows = new ArrayList<>();
        for (String method : METHODS) {
            Run r = find(runs, method, pool1);
            if (r == null) {
                continue;
            }
            Run.Metric m = r.primary();
            Estimate time = new Estimate(m.score(), m.error(), m.forkMin(), m.forkMax());
            double ratio = m.score() / ideal.value();
            double rel = Math.hypot(m.error() / m.score(), p.error() / p.score());
            double[] idealMeans = new double[idealForks.length];
            for (int f = 0; f < idealForks.length; f++) {
                idealMeans[f] = idealForks[f] / speed;
            }
            double[] range = PerfReport.forkRatioRange(r, pool1, m.forkMeans(), idealMeans);
            Estimate wall = new Estimate(ratio, ratio * rel, range[0], range[1]);
            rows.add(poolView(r, method, time, wall));
        }
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Heterogeneous(pool1.paramLabel(), p.unit(), speed, ideal, List.copyOf(rows)));
    }

    private static Row poolView(Run r, String method, Estimate time, Estimate wall) {
        Run.Metric makespan = r.secondary().get("makespanNanos");
        Run.Metric ideal = r.secondary().get("idealNanos");
        if (makespan == null || ideal == null || makespan.raw().length != ideal.raw().length) {
            return new Row(method, time, wall, null, Double.NaN, Double.NaN);
        }
        double[] ms = makespan.forkSums();
        double[] is = ideal.forkSums();
        double sumM = 0;
        double sumI = 0;
        double forkLo = Double.NaN;
        double forkHi = Double.NaN;
        for (int f = 0; f < ms.length; f++) {
            sumM += ms[f];
            sumI += is[f];
            double v = ms[f] / is[f];
            forkLo = Double.isNaN(forkLo) ? v : Math.min(forkLo, v);
            forkHi = Double.isNaN(forkHi) ? v : Math.max(forkHi, v);
        }
        double itLo = Double.NaN;
        double itHi = Double.NaN;
        for (int f = 0; f < ms.length; f++) {
            double[] mf = makespan.raw()[f];
            double[] ifs = ideal.raw()[f];
            for (int k = 0; k < Math.min(mf.length, ifs.length); k++) {
                double v = mf[k] / ifs[k];
                itLo = Double.isNaN(itLo) ? v : Math.min(itLo, v);
                itHi = Double.isNaN(itHi) ? v : Math.max(itHi, v);
            }
        }
        Estimate own = new Estimate(sumM / sumI, Double.NaN, forkLo, forkHi);
        return new Row(method, time, wall, own, itLo, itHi);
    }

    /** The PartitionBenchmark result named {@code method} with {@code like}'s params and mode (any when null). */
    private static Run find(List<Run> runs, String method, Run like) {
        for (Run r : runs) {
            if (r.className().equals("PartitionBenchmark") && r.method().equals(method)
                    && (like == null || (r.paramLabel().equals(like.paramLabel()) && r.mode().equals(like.mode())))) {
                return r;
            }
        }
        return null;
    }
}
