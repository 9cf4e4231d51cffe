package org.v2g.jmh.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Alternated rounds of one class ({@code NAME.rK.json}) merged into one run whose forks pair by round. */
class RoundsTest {

    /** One JMH result in the JSON shape, one fork of {@code raw}; an optional event counter. */
    private static String result(String method, double[] raw, String counter, double[] counterRaw) {
        StringBuilder b = new StringBuilder("{\"benchmark\":\"org.v2g.jmh.KernelBenchmark.").append(method)
            .append("\",\"mode\":\"thrpt\",\"threads\":1,\"forks\":1,\"jdkVersion\":\"25\",\"vmName\":\"VM\",")
            .append("\"vmVersion\":\"25\",\"warmupIterations\":1,\"warmupTime\":\"1 s\",\"measurementIterations\":")
            .append(raw.length).append(",\"measurementTime\":\"1 s\",\"params\":{\"n\":\"2000\"},\"primaryMetric\":")
            .append(metric(mean(raw), "1.0", "ops/s", raw)).append(",\"secondaryMetrics\":{");
        if (counter != null) {
            b.append('"').append(counter).append("\":").append(metric(sum(counterRaw), "\"NaN\"", "#", counterRaw));
        }
        return b.append("}}").toString();
    }

    private static String metric(double score, String error, String unit, double[] raw) {
        StringBuilder r = new StringBuilder();
        for (double v : raw) {
            r.append(r.isEmpty() ? "" : ",").append(v);
        }
        return String.format(Locale.ROOT, "{\"score\":%s,\"scoreError\":%s,\"scoreUnit\":\"%s\",\"rawData\":[[%s]]}",
            score, error, unit, r);
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    private static double mean(double[] v) {
        return sum(v) / v.length;
    }

    private static List<Run> round(String... results) {
        return Run.read("[" + String.join(",", results) + "]");
    }

    @Test
    void namesAndRoundsOfFiles() {
        assertEquals("kernel", Rounds.runName(Path.of("out/json/kernel.r2.json")));
        assertEquals(2, Rounds.round(Path.of("out/json/kernel.r2.json")));
        assertEquals("kernel", Rounds.runName(Path.of("kernel.json")));
        assertEquals(0, Rounds.round(Path.of("kernel.json")));
    }

    @Test
    void forksPairByRound() {
        // load doubled between the rounds: every method twice as fast in round 2
        List<Run> r1 = round(result("simd", new double[] {10, 10}, null, null),
            result("scalar", new double[] {5, 5}, null, null));
        List<Run> r2 = round(result("simd", new double[] {20, 20}, null, null),
            result("scalar", new double[] {10, 10}, null, null));
        Map<String, List<Run>> runs = Rounds.group(List.of(Path.of("kernel.r1.json"), Path.of("kernel.r2.json")),
            List.of(r1, r2));
        List<Run> kernel = runs.get("kernel");
        assertEquals(2, kernel.size());
        Run simd = kernel.get(0);
        assertEquals(2, simd.forks());
        assertEquals(2, simd.rounds());
        assertEquals(15.0, simd.primary().score(), 1e-12);
        assertArrayEquals(new double[] {10, 20}, simd.primary().forkMeans(), 1e-12);
        // JMH's error for 10, 10, 20, 20: t(0.9995, 3 df) = 12.924 times sd 5.7735 over sqrt(4)
        assertEquals(37.308, simd.primary().error(), 1e-3);
        PerfReport.RatioValue ratio = PerfReport.ratios(kernel).get(0);
        assertEquals(2.0, ratio.value(), 1e-12);
        // paired by round: 10/5 and 20/10; every pair would have given 1–4
        assertEquals(2.0, ratio.forkLow(), 1e-12);
        assertEquals(2.0, ratio.forkHigh(), 1e-12);
        // the same results as one plain run (no rounds) are paired every way
        Run plainSimd = new Run(simd.benchmark(), simd.mode(), 1, 2, "", "", "", 1, "", 2, "", simd.params(),
            simd.primary(), Map.of(), 1);
        Run scalar = kernel.get(1);
        Run plainScalar = new Run(scalar.benchmark(), scalar.mode(), 1, 2, "", "", "", 1, "", 2, "", scalar.params(),
            scalar.primary(), Map.of(), 1);
        Estimate all = PerfReport.faster(plainSimd, plainScalar);
        assertEquals(1.0, all.forkLow(), 1e-12);
        assertEquals(4.0, all.forkHigh(), 1e-12);
    }

    @Test
    void eventCountersAreSummedAsJmhSumsThem() {
        List<Run> r1 = round(result("simd", new double[] {10, 10}, "makespanNanos", new double[] {100, 120}));
        List<Run> r2 = round(result("simd", new double[] {20, 20}, "makespanNanos", new double[] {120, 120}));
        Run merged = Rounds.merge("kernel", List.of(r1, r2)).get(0);
        Run.Metric m = merged.secondary().get("makespanNanos");
        assertEquals(460.0, m.score(), 1e-12);
        assertTrue(Double.isNaN(m.error()));
        assertArrayEquals(new double[] {220, 240}, m.forkSums(), 1e-12);
    }

    @Test
    void aResultMissingFromARoundIsKeptUnpaired() {
        List<Run> r1 = round(result("simd", new double[] {10}, null, null), result("scalar", new double[] {5}, null, null));
        List<Run> r2 = round(result("simd", new double[] {20}, null, null));
        List<Run> merged = Rounds.merge("kernel", List.of(r1, r2));
        assertEquals(2, merged.get(0).rounds());
        Run scalar = merged.get(1);
        assertEquals("scalar", scalar.method());
        assertEquals(1, scalar.forks());
        assertEquals(1, scalar.rounds(), "not paired: its one fork may not be round 1's");
        // simd's two forks against scalar's one: every pair, 10/5 and 20/5
        PerfReport.RatioValue ratio = PerfReport.ratios(merged).get(0);
        assertEquals(2.0, ratio.forkLow(), 1e-12);
        assertEquals(4.0, ratio.forkHigh(), 1e-12);
    }

    @Test
    void twoInputsForOneRoundAreAnError() {
        List<Run> r = round(result("simd", new double[] {10}, null, null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Rounds.group(List.of(Path.of("a/kernel.r1.json"), Path.of("b/kernel.r1.json")), List.of(r, r)));
        assertTrue(e.getMessage().contains("kernel round 1"), e.getMessage());
    }
}
