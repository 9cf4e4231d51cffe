package org.v2g.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code v2g bench ledger}, kept short: 20 000 records/s for one second. */
class LedgerBenchCommandTest {
    @TempDir
    Path out;

    @Test
    void shortRunWritesHistogramsPlotAndSummaryAndCountsEveryRecord() throws IOException {
        MainTest.Run r = MainTest.run("bench", "ledger", "--rate", "20000", "--seconds", "1", "--warmup", "0",
                "--producers", "2", "--ring-kib", "256", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("ring 256 KiB"), r.out());
        assertTrue(r.out().contains("sent 20,000 records (20,000 measured)"), r.out());
        assertTrue(r.out().contains("not durable at the end 0"), r.out());
        assertTrue(r.out().contains("append") && r.out().contains("durable ack"), r.out());
        for (String f : new String[] {"append.hgrm", "durable.hgrm", "latency.png", "summary.txt"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        for (String f : new String[] {"append.hgrm", "durable.hgrm"}) {
            String hgrm = Files.readString(out.resolve(f));
            assertTrue(hgrm.contains("Total count    =        20000"), f + ":\n" + hgrm);
        }
        try (Stream<Path> left = Files.list(out)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith("ledger-")), "ledger not deleted");
        }
    }

    @Test
    void badOptionsAreBadInput() {
        for (String[] args : new String[][] {
            {"bench", "ledger", "--rate", "0"},
            {"bench", "ledger", "--seconds", "-1"},
            {"bench", "ledger", "--producers", "0"},
            {"bench", "ledger", "--sync", "sometimes"},
            {"bench", "ledger", "--ring-kib", "100"},
            {"bench", "ledger", "--ring-kib", "32"},
            {"bench"},
        }) {
            MainTest.Run r = MainTest.run(args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.err().startsWith("error: ") && r.err().strip().lines().count() == 1, r.err());
        }
    }
}
