package org.v2g.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.v2g.cli.ChildDays.assertPrefix;
import static org.v2g.cli.ChildDays.concat;
import static org.v2g.cli.ChildDays.withoutLastColumn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v2g.ledger.BlockHeader;
import org.v2g.ledger.LedgerVerifier;
import org.v2g.ledger.VerificationResult;

/**
 * {@code v2g case-study --resume} after SIGKILL: a child JVM runs a day and is killed at a random moment,
 * again and again, each time resumed, until the day completes. Every block that was durable when the
 * child died is in the final chain unchanged (no acknowledged record is lost), the chain verifies, and
 * the day's books equal an uninterrupted run's (timing columns aside).
 *
 * <p>At least {@code -Dv2g.kills=N} kills (default 20); {@code -Dv2g.kill.seed=S} repeats a run's delays.
 */
class CaseStudyKillTest {
    private static final int KILLS = Integer.getInteger("v2g.kills", 20);
    private static final long SEED = Long.getLong("v2g.kill.seed", System.nanoTime());

    @TempDir
    Path dir;

    @Test
    void aDayKilledAtRandomPointsAndResumedEndsWithTheUninterruptedBooks() throws Exception {
        Random random = new Random(SEED);
        String why = "seed " + SEED + " (rerun with -Dv2g.kill.seed=" + SEED + ")";
        int kills = 0;
        int days = 0;
        long durableBlocksAtKills = 0;
        long durableRecordsAtKills = 0;
        while (kills < KILLS) {
            String[] day = {"case-study", "--evs", "120", "--seed", Integer.toString(31 + days), "--no-charts"};
            Path reference = dir.resolve("reference-" + days);
            long t0 = System.nanoTime();
            Process uninterrupted = ChildDays.start(List.of(), concat(day, "--out", reference.toString()));
            assertEquals(0, uninterrupted.waitFor(), why);
            // Kills land anywhere in a run as long as an uninterrupted one: JVM start, replay, slots, files.
            int wholeRunMs = (int) Math.max(500, (System.nanoTime() - t0) / 1_000_000);

            Path out = dir.resolve("killed-" + days);
            Path ledger = out.resolve("ledger");
            int runs = 0;
            while (true) {
                List<BlockHeader> before = headers(ledger);
                Process child = ChildDays.start(List.of(), concat(day, "--out", out.toString(), "--resume"));
                boolean finished = kills < KILLS
                        ? child.waitFor(50 + random.nextInt(wholeRunMs), TimeUnit.MILLISECONDS)
                        : child.waitFor(10, TimeUnit.MINUTES);
                runs++;
                if (!finished) {
                    child.destroyForcibly().waitFor(); // SIGKILL
                    kills++;
                    List<BlockHeader> after = headers(ledger);
                    durableBlocksAtKills += after.size();
                    durableRecordsAtKills += after.stream().mapToLong(BlockHeader::recordCount).sum();
                    assertPrefix(before, after, why + ", run " + runs);
                    continue;
                }
                String err = new String(child.getErrorStream().readAllBytes());
                assertEquals(0, child.exitValue(), why + ": " + err);
                assertPrefix(before, headers(ledger), why + ", last run");
                break;
            }
            VerificationResult v = LedgerVerifier.verify(ledger, LedgerVerifier.sealerKey(ledger));
            assertTrue(v.ok(), why + ": " + v.message());
            assertEquals(withoutLastColumn(reference.resolve("slots.csv")), withoutLastColumn(out.resolve("slots.csv")),
                    why + ": slots.csv after " + runs + " runs");
            assertEquals(Files.readString(reference.resolve("evs.csv")), Files.readString(out.resolve("evs.csv")),
                    why + ": evs.csv after " + runs + " runs");
            days++;
        }
        System.out.printf("CaseStudyKillTest: %d SIGKILLs over %d days, each resumed; %d blocks (%d records) durable"
                + " at the kills, 0 lost; books equal the uninterrupted days'; %s%n", kills, days,
                durableBlocksAtKills, durableRecordsAtKills, why);
    }

    /** The complete blocks' headers; none before a run wrote the ledger's file header. */
    private static List<BlockHeader> headers(Path ledger) throws IOException {
        Path file = ledger.resolve("blocks.v2gl");
        return Files.exists(file) && Files.size(file) >= 64 ? LedgerVerifier.headers(ledger) : List.of();
    }
}
