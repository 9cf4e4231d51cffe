package org.v2g.jmh.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PerfReport} on hand-made JMH JSON fixtures (src/test/resources/org/v2g/jmh/report, the shape
 * JMH 1.37 writes with {@code -rf json}): one file per run, numbers chosen so tables and ratios are
 * known exactly.
 */
class PerfReportTest {
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};

    @TempDir
    Path tmp;
    private List<Path> inputs;

    @BeforeEach
    void copyFixtures() throws IOException {
        inputs = new ArrayList<>();
        Path json = Files.createDirectories(tmp.resolve("json"));
        for (String name : List.of("kernel", "curve", "partition", "ledger")) {
            try (InputStream in = PerfReportTest.class.getResourceAsStream(name + ".json")) {
                Path p = json.resolve(name + ".json");
                Files.write(p, in.readAllBytes());
                inputs.add(p);
            }
        }
        Files.writeString(json.resolve("load-before.txt"), "0.50 0.40 0.30\n");
    }

    /** Copies the two {@code v2g bench ledger} fixture runs into {@code out/latency/}, as jmh/report leaves them. */
    static void copyLatency(Path out) throws IOException {
        for (String run : List.of("r20k-1", "r20k-2")) {
            Path dir = Files.createDirectories(out.resolve("latency").resolve(run));
            for (String f : List.of("append.hgrm", "durable.hgrm", "summary.txt", "command.txt")) {
                try (InputStream in = PerfReportTest.class.getResourceAsStream("latency/" + run + "/" + f)) {
                    Files.write(dir.resolve(f), in.readAllBytes());
                }
            }
        }
    }

    private String report(Path out) throws IOException {
        return Files.readString(PerfReport.write(inputs, out));
    }

    @Test
    void readsJmhJson() throws IOException {
        List<Run> runs = Run.read(Files.readString(inputs.get(0)));
        assertEquals(2, runs.size());
        Run simd = runs.get(1);
        assertEquals("KernelBenchmark", simd.className());
        assertEquals("simd", simd.method());
        assertEquals("thrpt", simd.mode());
        assertEquals(Map.of("fleet", "paper", "n", "2000"), simd.params());
        assertEquals(1000.0, simd.primary().score());
        assertEquals("evaluations", simd.headlineName());
        assertEquals(8.0e9, simd.headline().score());
        assertArrayEquals(new double[] {8.0e9, 8.0e9}, simd.headline().forkMeans(), 1.0);
    }

    @Test
    void tablesHaveScoresForkMeansSpreadAndRerunLines() throws IOException {
        String md = report(tmp.resolve("out"));
        assertTrue(md.contains("| simd | fleet=paper n=2000 | evaluations | 8.000 G ± 400.000 M | ops/s "
            + "| 8.000 G / 8.000 G | 0.0 % | same run as above |"), md);
        assertTrue(md.contains("| pool2 | n=20000 | primary | 5.000 ± n/a | ms/op | 4.000 / 6.000 | 40.0 % |"), md);
        assertTrue(md.contains("| pool1 | n=20000 | primary | 10.00 ± 0.5000 | ms/op | 10.00 / 10.00 | 0.0 % |"),
            md);
        assertTrue(md.contains("`java " + PerfReport.JVM_FLAGS + " -jar jmh/target/benchmarks.jar "
            + "'org\\.v2g\\.jmh\\.KernelBenchmark\\.simd$' -p fleet=paper -p n=2000 -f 2 -wi 8 -i 2 -w 1s -r 1s -t 1`"),
            md);
        // an empty param (the ledger's dir) is left out of the rerun line
        assertTrue(md.contains("'org\\.v2g\\.jmh\\.LedgerAppendBenchmark\\.ledgerRingOffer$' -f 2 -wi 2 -i 2"), md);
        for (String section : List.of("## KernelBenchmark", "## CurveBenchmark", "## PartitionBenchmark",
                "## LedgerAppendBenchmark")) {
            assertTrue(md.contains(section), section);
        }
    }

    @Test
    void ratiosWithinOneRun() throws IOException {
        String md = report(tmp.resolve("out"));
        // 8e9 / 2e9 evaluations; 5 % relative error on each side
        assertTrue(md.contains("| Kernel: simd / scalar | fleet=paper n=2000 | 4.00× ± 0.28 | 4.00–4.00× |"), md);
        // average time: pool1 / pool2; pool2's error is NaN so no ± is shown
        assertTrue(md.contains("| Partition: pool2 / pool1 | n=20000 | 2.00× | 1.67–2.50× |"), md);
        assertTrue(md.contains("| two workers over one | ≥ 1.85× |"), "target column");
        // offersMade, not calls: 1.5 M / 3.0 M; params {dir=""} and {} count as equal
        assertTrue(md.contains("| LedgerAppend: ledgerRingOffer / agronaOffer |  | 0.50× ± 0.04 | 0.50–0.50× |"), md);
        assertTrue(md.contains("| Curve: simd / scalar | fleet=paper n=100 | 3.00× ± 0.42 |"), md);
        assertTrue(md.contains("| Curve: simd / scalar | fleet=paper n=100000 |"), md);
        assertFalse(md.contains("ledgerRingOffer / jctoolsOffer"), "no jctools result, no ratio");
    }

    @Test
    void noRatioAcrossRuns() throws IOException {
        // simd and scalar in two different files (runs): no ratio is formed
        String all = Files.readString(inputs.get(0));
        List<Run> runs = Run.read(all);
        assertEquals(1, PerfReport.ratios(runs).size());
        assertEquals(0, PerfReport.ratios(runs.subList(0, 1)).size());
        assertEquals(0, PerfReport.ratios(runs.subList(1, 2)).size());
    }

    @Test
    void heterogeneousMakespanAgainstTheCapacityWeightedIdealOfTheSameRun() throws IOException {
        String md = report(tmp.resolve("out"));
        // ideal = pool1 10 ms / 1.875 = 5.333 ms, error 0.5 / 1.875
        assertTrue(md.contains("| ideal = pool1 / 1.875 | 5.333 ± 0.2667 ms/op | 5.333–5.333 | 1 |"), md);
        // capacities1248: 6 / 5.333 = 1.125, 5 % relative error on each side; pool's own 460 / 400 ns,
        // forks 220 / 200 and 240 / 200, iterations 100/100 … 120/100
        assertTrue(md.contains("| capacities1248 | 6.000 ± 0.3000 ms/op | 6.000–6.000 | 1.13× ± 0.08 | 1.13–1.13× "
            + "| 1.15× | 1.10–1.20× | 1.00–1.20× |"), md);
        assertTrue(md.contains("| staticEqualSplit1248 | 16.00 ± 1.000 ms/op | 15.00–17.00 | 3.00× ± 0.24 | "
            + "2.81–3.19× | 3.00× | 3.00–3.00× | 3.00–3.00× |"), md);
        assertTrue(md.contains("| parallelStream1248 | 12.00 ± 0.6000 ms/op | 12.00–12.00 | 2.25× ± 0.16 | "
            + "2.25–2.25× | n/a (no pool) | | |"), md);
        assertTrue(md.contains("| Partition: capacities1248 / staticEqualSplit1248 | n=20000 | 2.67× ± 0.21 |"), md);
        assertTrue(md.contains("| Partition: capacities1248 / parallelStream1248 | n=20000 | 2.00× ± 0.14 |"), md);
        assertTrue(md.contains("](partition-heterogeneous.png)"), md);
    }

    @Test
    void heterogeneousNeedsPool1OfTheSameRun() throws IOException {
        List<Run> runs = Run.read(Files.readString(inputs.get(2)));
        assertTrue(Heterogeneous.of(runs).isPresent());
        List<Run> withoutPool1 = runs.stream().filter(r -> !r.method().equals("pool1")).toList();
        assertTrue(Heterogeneous.of(withoutPool1).isEmpty(), "no ideal without pool1 in the same run");
    }

    @Test
    void latencySectionFromHgrmAndSummary() throws IOException {
        Path out = tmp.resolve("out");
        copyLatency(out);
        String md = report(out);
        // the tool's own percentiles, per run, and their range over the two runs
        assertTrue(md.contains("| r20k-1 | 20.001 k records/s | append | 10.27 µs | 1,418 µs | 26.2 ms | 31.8 ms | 32.4 ms |"),
            md);
        assertTrue(md.contains("| r20k-2 | 19.990 k records/s | append | 12.50 µs | 1,500 µs | 20.0 ms |"), md);
        assertTrue(md.contains("| **range over 2 runs** | | append | 10.27 µs–12.50 µs | 1,418 µs–1,500 µs | "
            + "20.0 ms–26.2 ms |"), md);
        assertTrue(md.contains("Rerun one: `./v2g bench ledger --rate 20000 --seconds 1 --warmup 0 --out DIR`"), md);
        assertTrue(md.contains("](latency-r20k.png)"), md);
        assertPng(out.resolve("latency-r20k.png"));
    }

    @Test
    void hgrmRowsArePercentileAndValue() throws IOException {
        Path out = tmp.resolve("out");
        copyLatency(out);
        List<double[]> append = Latency.hgrm(out.resolve("latency/r20k-1/append.hgrm"));
        assertArrayEquals(new double[] {0.0, 0.292}, append.get(0), 1e-12);
        assertArrayEquals(new double[] {0.1, 1.330}, append.get(1), 1e-12);
        assertArrayEquals(new double[] {1.0, 32423.935}, append.getLast(), 1e-12);
        for (int i = 1; i < append.size(); i++) {
            assertTrue(append.get(i)[0] >= append.get(i - 1)[0] && append.get(i)[1] >= append.get(i - 1)[1],
                "percentiles and values rise, row " + i);
        }
    }

    @Test
    void malformedSummaryIsAnErrorNamingTheFile() throws IOException {
        Path out = tmp.resolve("out");
        copyLatency(out);
        Path summary = out.resolve("latency/r20k-2/summary.txt");
        Files.writeString(summary, Files.readString(summary).replace("  durable ack ", "  durable-ack "));
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> report(out));
        assertTrue(e.getMessage().contains("r20k-2") && e.getMessage().contains("durable ack"), e.getMessage());
    }

    @Test
    void stampsMachineAndJdk() throws IOException {
        String md = report(tmp.resolve("out"));
        assertTrue(md.contains("| JDK | 25.0.3 (OpenJDK 64-Bit Server VM 25.0.3+9-LTS) |"), md);
        assertTrue(md.contains("| Cores | " + Runtime.getRuntime().availableProcessors() + " |"), md);
        assertTrue(md.contains("| CPU | "), md);
        assertTrue(md.contains("| OS | "), md);
        assertTrue(md.contains("| Git commit | "), md);
        assertTrue(md.contains("before: 0.50 0.40 0.30, after: n/a"), md);
    }

    @Test
    void writesPngCharts() throws IOException {
        Path out = tmp.resolve("out");
        String md = report(out);
        for (String png : List.of("kernel.png", "curve.png", "curve-throughput-vs-n.png", "partition.png",
                "partition-speedup.png", "partition-heterogeneous.png", "ledgerappend.png")) {
            assertPng(out.resolve(png));
            assertTrue(md.contains("](" + png + ")"), png + " linked from REPORT.md");
        }
    }

    private static void assertPng(Path p) throws IOException {
        assertTrue(Files.isRegularFile(p), p.toString());
        byte[] head = new byte[4];
        System.arraycopy(Files.readAllBytes(p), 0, head, 0, 4);
        assertArrayEquals(PNG_MAGIC, head, p.toString());
        assertTrue(Files.size(p) > 5_000, p + " looks empty");
    }

    @Test
    void jsonReaderHandlesNanEscapesAndNesting() {
        Object v = JmhJson.parse("{\"a\" : [1, -2.5e3, NaN, \"NaN\"], \"b\" : \"x\\\"y\\u0041\", \"c\" : {}, "
            + "\"d\" : [], \"e\" : true, \"f\" : null}");
        Map<?, ?> m = (Map<?, ?>) v;
        List<?> a = (List<?>) m.get("a");
        assertEquals(1.0, JmhJson.num(a.get(0)));
        assertEquals(-2500.0, JmhJson.num(a.get(1)));
        assertTrue(Double.isNaN(JmhJson.num(a.get(2))));
        assertTrue(Double.isNaN(JmhJson.num(a.get(3))));
        assertEquals("x\"yA", m.get("b"));
        assertEquals(Map.of(), m.get("c"));
        assertEquals(List.of(), m.get("d"));
        assertEquals(Boolean.TRUE, m.get("e"));
        assertTrue(m.containsKey("f"));
    }

    @Test
    void formatsNumbers() {
        assertEquals("8.000 G", PerfReport.fmt(8e9));
        assertEquals("2.840 M", PerfReport.fmt(2.84e6));
        assertEquals("12.345 k", PerfReport.fmt(12345));
        assertEquals("512.3", PerfReport.fmt(512.3));
        assertEquals("75.06", PerfReport.fmt(75.064));
        assertEquals("n/a", PerfReport.fmt(Double.NaN));
    }
}
