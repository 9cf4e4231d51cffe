package org.v2g.jmh.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The summary block that the README and docs/perf/REPORT.md quote is computed from the run's JSON and
 * latency files, and {@link Splice} puts it between the markers and nowhere else.
 */
class SummaryTest {
    @TempDir
    Path tmp;
    private List<Path> inputs;
    private Path out;

    @BeforeEach
    void fixtures() throws IOException {
        inputs = new ArrayList<>();
        // as jmh/report leaves a run: raw output outside the tracked tree, published into docs/perf/quick
        Path json = Files.createDirectories(tmp.resolve("jmh/target/perf/quick/json"));
        for (String name : List.of("kernel", "partition", "ledger")) {
            try (InputStream in = SummaryTest.class.getResourceAsStream(name + ".json")) {
                Path p = json.resolve(name + ".json");
                Files.write(p, in.readAllBytes());
                inputs.add(p);
            }
        }
        Files.writeString(json.resolve("load-before.txt"), "0.25 0.20 0.15\n");
        Files.writeString(json.resolve("load-after.txt"), "0.75 0.30 0.20\n");
        out = tmp.resolve("jmh/target/perf/quick");
        PerfReportTest.copyLatency(out);
    }

    private String summary() throws IOException {
        PerfReport.write(inputs, out);
        return Files.readString(out.resolve("summary.md"));
    }

    @Test
    void summaryComesFromTheJson() throws IOException {
        String s = summary();
        // kernel fixture: simd 8e9 evaluations/s ± 4e8 over scalar 2e9
        assertTrue(s.contains("| `R(p_d)` evaluations, N = 2,000, `simd` | 8.000 G ± 400.000 M ops/s (evaluations) "
            + "| 8.000 G–8.000 G | ≥ 5 G/s |"), s);
        assertTrue(s.contains("| Vector API kernel over its scalar twin (`simd / scalar`, fleet=paper n=2000) | 4.00× ± 0.28 "
            + "| 4.00–4.00× | ≥ 3.5× |"), s);
        assertTrue(s.contains("| two workers over one (`pool2 / pool1`, n=20000) | 2.00× | 1.67–2.50× | ≥ 1.85× |"), s);
        assertTrue(s.contains("makespan / capacity-weighted ideal, wall clock (`capacities1248` / (`pool1` / 1.875)) "
            + "| 1.13× ± 0.08 | 1.13–1.13× | ≤ 1.1× |"), s);
        assertTrue(s.contains("the pool's own view (busy-time rates) | 1.15× | 1.10–1.20× | ≤ 1.1× |"), s);
        assertTrue(s.contains("| ledger append latency p99, 20,000 records/s offered (`v2g bench ledger`, 2 run(s)) "
            + "| 20.0 ms–26.2 ms | range over 2 JVM runs | p99 ≤ 10 µs at 1 M/s |"), s);
        assertTrue(s.contains("load average (1/5/15 min) before 0.25 0.20 0.15, after 0.75 0.30 0.20"), s);
        assertTrue(s.contains("[REPORT.md](REPORT.md)"), s);
        // ratios without a target stay in REPORT.md only
        assertFalse(s.contains("pool1 / sequential"), s);
    }

    @Test
    void summaryFollowsTheJsonWhenItChanges() throws IOException {
        String before = summary();
        // the same run with scalar's score halved: the summary's ratio doubles
        Path kernel = inputs.get(0);
        String json = Files.readString(kernel);
        String scalar = "\"score\" : 2000000000.0,";
        assertEquals(1, json.split(scalar, -1).length - 1, "fixture carries scalar's score once");
        Files.writeString(kernel, json.replace(scalar, "\"score\" : 1000000000.0,"));
        String after = summary();
        assertTrue(before.contains("| 4.00× ± 0.28 |"), before);
        assertTrue(after.contains("(`simd / scalar`, fleet=paper n=2000) | 8.00×"), after);
        assertFalse(after.contains("(`simd / scalar`, fleet=paper n=2000) | 4.00×"), after);
    }

    @Test
    void spliceReplacesOnlyTheMarkedBlockAndRebasesLinks() throws IOException {
        summary();
        Path readme = tmp.resolve("README.md");
        String head = "# Title\n\nIntro with a [link](docs/x.md).\n\n<!-- perf:quick:begin -->\n";
        String tail = "<!-- perf:quick:end -->\n\nAfter.\n";
        Files.writeString(readme, head + "old numbers\n" + tail);
        Path published = tmp.resolve("docs/perf/quick");
        Publish.publish(out, published);
        Splice.splice(readme, "quick", published.resolve("summary.md"));
        String text = Files.readString(readme);
        assertTrue(text.startsWith(head), text);
        assertTrue(text.endsWith(tail), text);
        assertFalse(text.contains("old numbers"), text);
        assertTrue(text.contains("[REPORT.md](docs/perf/quick/REPORT.md)"), text);
        assertTrue(text.contains("| 4.00× ± 0.28 |"), text);

        // from docs/perf/REPORT.md the same link is quick/REPORT.md; splicing twice changes nothing more
        Path index = Files.writeString(tmp.resolve("docs/perf/REPORT.md"), head + tail);
        Splice.splice(index, "quick", published.resolve("summary.md"));
        String once = Files.readString(index);
        Splice.splice(index, "quick", published.resolve("summary.md"));
        assertEquals(once, Files.readString(index));
        assertTrue(once.contains("[REPORT.md](quick/REPORT.md)"), once);
    }

    @Test
    void spliceWithoutMarkersIsAnErrorAndChangesNothing() throws IOException {
        summary();
        Path readme = Files.writeString(tmp.resolve("README.md"), "# no markers\n<!-- perf:full:begin -->\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Splice.splice(readme, "quick", out.resolve("summary.md")));
        assertTrue(e.getMessage().contains("<!-- perf:quick:begin -->") && e.getMessage().contains("README.md"),
            e.getMessage());
        assertEquals("# no markers\n<!-- perf:full:begin -->\n", Files.readString(readme));
    }

    @Test
    void rebaseLeavesAbsoluteAndAnchorLinksAlone() {
        String md = "[a](REPORT.md) [b](https://x.org/y) [c](#top) [d](kernel.png)";
        assertEquals("[a](docs/perf/quick/REPORT.md) [b](https://x.org/y) [c](#top) [d](docs/perf/quick/kernel.png)",
            Splice.rebase(md, Path.of("/r"), Path.of("/r/docs/perf/quick")));
    }
}
