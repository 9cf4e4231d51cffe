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
                "partition-speedup.png", "ledgerappend.png")) {
            Path p = out.resolve(png);
            assertTrue(Files.isRegularFile(p), png);
            byte[] head = new byte[4];
            System.arraycopy(Files.readAllBytes(p), 0, head, 0, 4);
            assertArrayEquals(PNG_MAGIC, head, png);
            assertTrue(Files.size(p) > 5_000, png + " looks empty");
            assertTrue(md.contains("](" + png + ")"), png + " linked from REPORT.md");
        }
    }

    @Test
    void jsonReaderHandlesNanEscapesAndNesting() {
        Object v = Json.parse("{\"a\" : [1, -2.5e3, NaN, \"NaN\"], \"b\" : \"x\\\"y\\u0041\", \"c\" : {}, "
            + "\"d\" : [], \"e\" : true, \"f\" : null}");
        Map<?, ?> m = (Map<?, ?>) v;
        List<?> a = (List<?>) m.get("a");
        assertEquals(1.0, Json.num(a.get(0)));
        assertEquals(-2500.0, Json.num(a.get(1)));
        assertTrue(Double.isNaN(Json.num(a.get(2))));
        assertTrue(Double.isNaN(Json.num(a.get(3))));
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
