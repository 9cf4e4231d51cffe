package org.v2g.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.v2g.cli.ChildDays.assertPrefix;
import static org.v2g.cli.ChildDays.concat;
import static org.v2g.cli.ChildDays.withoutLastColumn;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v2g.ledger.BlockHeader;
import org.v2g.ledger.LedgerVerifier;
import org.v2g.ledger.VerificationResult;

/**
 * {@code v2g case-study} on a disk that fills up: a child JVM runs the day under {@code ulimit -f} (the
 * block file cannot grow past a third, then two thirds, of the day's ledger). Each run stops with exit 1
 * and one line naming the ledger, the file and the cause (not an "internal failure") and telling the
 * user to resume; every block durable before it stays in the chain; resumed without the limit, the day
 * ends with the books of an uninterrupted day and a chain that verifies.
 */
class CaseStudyDiskFullTest {
    @TempDir
    Path dir;

    @Test
    void aDayWhoseDiskFillsStopsWithAClearErrorAndResumesToTheSameBooks() throws Exception {
        String[] day = {"case-study", "--evs", "120", "--seed", "11", "--no-charts"};
        Path reference = dir.resolve("reference");
        MainTest.Run uninterrupted = MainTest.run(concat(day, "--out", reference.toString()));
        assertEquals(0, uninterrupted.code(), uninterrupted.err());
        long ledgerBytes = Files.size(reference.resolve("ledger/blocks.v2gl"));

        Path out = dir.resolve("full");
        Path ledger = out.resolve("ledger");
        Path file = ledger.resolve("blocks.v2gl");
        List<BlockHeader> before = List.of();
        for (int third = 1; third <= 2; third++) {
            long limitKib = ledgerBytes * third / 3 / 1024;
            // bash sets the limit, then becomes the JVM
            Process child = ChildDays.start(List.of("bash", "-c", "ulimit -f " + limitKib + " && exec \"$@\"", "bash"),
                    concat(day, "--out", out.toString(), "--resume"));
            // besides the error, stderr holds only the JVM's incubator warning and "resuming the day ..."
            List<String> lines = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("WARNING: Using incubator modules")).toList();
            String err = lines.isEmpty() ? "" : lines.getLast();
            assertTrue(lines.subList(0, Math.max(0, lines.size() - 1)).stream()
                    .allMatch(l -> l.startsWith("resuming the day in ")), lines.toString());
            assertTrue(child.waitFor(5, TimeUnit.MINUTES));
            assertEquals(1, child.exitValue(), err);
            assertTrue(err.startsWith("error: ledger in " + ledger + " failed: cannot write block "), err);
            assertTrue(err.contains(file + ": File too large"), err);
            assertTrue(err.endsWith("continue the day with --resume)"), err);
            assertFalse(err.contains("internal failure"), err);
            assertTrue(Files.size(file) <= limitKib * 1024, Files.size(file) + " bytes under " + limitKib + " KiB");
            List<BlockHeader> after = LedgerVerifier.headers(ledger);
            assertPrefix(before, after, "run " + third);
            before = after;
        }

        MainTest.Run resumed = MainTest.run(concat(day, "--out", out.toString(), "--resume"));
        assertEquals(0, resumed.code(), resumed.err());
        assertPrefix(before, LedgerVerifier.headers(ledger), "resumed");
        VerificationResult v = LedgerVerifier.verify(ledger, LedgerVerifier.sealerKey(ledger));
        assertTrue(v.ok(), v.message());
        assertEquals(Files.readString(reference.resolve("evs.csv")), Files.readString(out.resolve("evs.csv")));
        assertEquals(withoutLastColumn(reference.resolve("slots.csv")), withoutLastColumn(out.resolve("slots.csv")));
    }
}
