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
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Publish} copies into the docs exactly what the report links (REPORT.md, summary.md, its
 * charts) and leaves the run's raw JSON and latency files behind.
 */
class PublishTest {
    @TempDir
    Path tmp;

    /** Every file under {@code dir}, relative to it. */
    private static Set<String> tree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            Set<String> out = new TreeSet<>();
            all.filter(Files::isRegularFile).forEach(p -> out.add(dir.relativize(p).toString().replace('\\', '/')));
            return out;
        }
    }

    @Test
    void aRenderedReportIsPublishedWithItsChartsAndWithoutItsRawFiles() throws IOException {
        Path raw = tmp.resolve("jmh/target/perf/quick");
        Path json = Files.createDirectories(raw.resolve("json"));
        List<Path> inputs = new ArrayList<>();
        for (String name : List.of("kernel", "partition", "ledger")) {
            try (InputStream in = PublishTest.class.getResourceAsStream(name + ".json")) {
                inputs.add(Files.write(json.resolve(name + ".json"), in.readAllBytes()));
            }
        }
        PerfReportTest.copyLatency(raw);
        PerfReport.write(inputs, raw);
        Path docs = tmp.resolve("docs/perf/quick");

        Publish.publish(raw, docs);

        Set<String> published = tree(docs);
        Set<String> expected = new TreeSet<>(Publish.linked(raw));
        assertEquals(expected, published);
        assertTrue(published.containsAll(Set.of("REPORT.md", "summary.md", "kernel.png", "partition.png",
            "partition-speedup.png", "partition-heterogeneous.png", "ledgerappend.png", "latency-r20k.png")), published.toString());
        assertFalse(published.stream().anyMatch(f -> f.endsWith(".json") || f.endsWith(".hgrm") || f.startsWith("latency/")),
            published.toString());
        for (String f : published) {
            assertEquals(-1L, Files.mismatch(raw.resolve(f), docs.resolve(f)), f);
        }
    }

    @Test
    void theReportNamesTheRawDirectoryItsInputsStayIn() throws IOException {
        Path raw = tmp.resolve("jmh/target/perf/quick");
        Path json = Files.createDirectories(raw.resolve("json"));
        Path kernel;
        try (InputStream in = PublishTest.class.getResourceAsStream("kernel.json")) {
            kernel = Files.write(json.resolve("kernel.r1.json"), in.readAllBytes());
        }
        String before = System.getProperty("v2g.report.root");
        System.setProperty("v2g.report.root", tmp.toString());
        try {
            String md = Files.readString(PerfReport.write(List.of(kernel), raw));
            assertTrue(md.contains("| Inputs | `kernel.r1.json` (one JMH invocation each; `NAME.rK.json` is round K of "
                + "class NAME), in `jmh/target/perf/quick/json/` |"), md);
            System.setProperty("v2g.report.root", tmp.resolve("elsewhere").toString());
            assertTrue(Files.readString(PerfReport.write(List.of(kernel), raw))
                .contains("| Inputs | `kernel.r1.json` (one JMH invocation each; `NAME.rK.json` is round K of class NAME) |"),
                "inputs outside the root: no directory named");
        } finally {
            if (before == null) {
                System.clearProperty("v2g.report.root");
            } else {
                System.setProperty("v2g.report.root", before);
            }
        }
    }

    @Test
    void chartsOfAnEarlierReportThatTheNewOneNoLongerLinksAreRemoved() throws IOException {
        Path raw = Files.createDirectories(tmp.resolve("raw"));
        Files.writeString(raw.resolve("REPORT.md"), "# r\n\n![a](a.png)\n");
        Files.writeString(raw.resolve("summary.md"), "see [REPORT.md](REPORT.md)\n");
        Files.writeString(raw.resolve("a.png"), "new a");
        Files.writeString(raw.resolve("unlinked.png"), "never published");
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        Files.writeString(docs.resolve("a.png"), "old a");
        Files.writeString(docs.resolve("gone.png"), "old chart");
        Files.writeString(docs.resolve("NOTES.txt"), "not a chart: kept");

        Publish.publish(raw, docs);

        assertEquals(Set.of("REPORT.md", "summary.md", "a.png", "NOTES.txt"), tree(docs));
        assertEquals("new a", Files.readString(docs.resolve("a.png")));
    }

    @Test
    void aLinkToAMissingFileOrOutOfTheReportIsRefusedAndNothingIsCopied() throws IOException {
        Path raw = Files.createDirectories(tmp.resolve("raw"));
        Files.writeString(raw.resolve("summary.md"), "see [REPORT.md](REPORT.md) and [site](https://example.org/x)\n");
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        Files.writeString(docs.resolve("old.png"), "old chart");

        Files.writeString(raw.resolve("REPORT.md"), "![a](missing.png)\n");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> Publish.publish(raw, docs));
        assertTrue(missing.getMessage().contains("REPORT.md") && missing.getMessage().contains("(missing.png)"),
            missing.getMessage());

        Files.writeString(tmp.resolve("outside.png"), "x");
        Files.writeString(raw.resolve("REPORT.md"), "![a](../outside.png)\n");
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class, () -> Publish.publish(raw, docs));
        assertTrue(outside.getMessage().contains("(../outside.png)"), outside.getMessage());

        Files.delete(raw.resolve("summary.md"));
        Files.writeString(raw.resolve("REPORT.md"), "# r\n");
        IllegalArgumentException noSummary = assertThrows(IllegalArgumentException.class, () -> Publish.publish(raw, docs));
        assertTrue(noSummary.getMessage().contains("summary.md"), noSummary.getMessage());

        assertEquals(Set.of("old.png"), tree(docs));
    }
}
