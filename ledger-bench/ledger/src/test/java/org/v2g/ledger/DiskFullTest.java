package org.v2g.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A block file that cannot grow, as on a full disk: a child JVM ({@link DiskFullChild}) appends under
 * {@code ulimit -f} (the kernel then refuses the write with "File too large"). The ledger must fail
 * loudly and stay failed ({@link LedgerFailedException} naming the directory and the cause, nothing
 * accepted after it), still close and release its directory, and reopening it — in the same JVM and
 * afterwards here — must recover every record it acknowledged as durable, in order, in a chain that
 * verifies.
 */
class DiskFullTest {
    /** The file-size limit of the child, KiB: room for a few dozen blocks of the child's records. */
    private static final int LIMIT_KIB = 48;

    @TempDir
    Path work;

    @ParameterizedTest
    @EnumSource(LedgerKind.class)
    void aFileThatCannotGrowFailsTheLedgerAndLosesNoAcknowledgedRecord(LedgerKind kind) throws Exception {
        KeyPair keys = Ed25519.generate();
        Ed25519.store(keys, work, "sealer");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of("bash", "-c", "ulimit -f " + LIMIT_KIB + " && exec \"$@\"",
            "bash", java, "-XX:-UsePerfData", "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "-cp", System.getProperty("java.class.path"), DiskFullChild.class.getName(), work.toString(), kind.name()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(2, TimeUnit.MINUTES), out);
        assertEquals(0, child.exitValue(), out);

        Path dir = work.resolve("ledger");
        Path file = dir.resolve(BlockStore.FILE_NAME);
        List<String> lines = out.lines().toList();
        int acked = lines.stream().filter(l -> l.startsWith("ack ")).mapToInt(l -> Integer.parseInt(l.substring(4)))
            .max().orElse(-1);
        assertTrue(acked >= 3, "some records were acknowledged before the file was full: " + out);
        String failed = lines.stream().filter(l -> l.startsWith("failed ")).findFirst().orElseThrow(() ->
            new AssertionError("the ledger never failed: " + out));
        assertTrue(failed.startsWith("failed ledger in " + dir + " failed: "), failed);
        assertTrue(failed.contains(file.toString()) && failed.contains("File too large"), failed);
        assertTrue(lines.contains("refuses"), "a failed ledger takes no record: " + out);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("closed")), out);
        long reopened = lines.stream().filter(l -> l.startsWith("reopened ")).mapToLong(l -> Long.parseLong(l.substring(9)))
            .findFirst().orElseThrow(() -> new AssertionError("not reopened in the same JVM: " + out));
        assertTrue(reopened >= acked + 1, reopened + " records recovered, " + (acked + 1) + " acknowledged: " + out);
        assertTrue(Files.size(file) <= LIMIT_KIB * 1024L, "the limit held: " + Files.size(file));

        // Here, without the limit: the same records, 0..n-1 in order, and a chain that verifies.
        try (SlotLedger ledger = kind.open(CrashChild.config(work, keys))) {
            assertEquals(reopened, ledger.recovery().records());
            long[] next = {0};
            ledger.forEachRecord((seq, type, buf, off, len) -> {
                assertEquals(next[0], buf.getInt(off, ByteOrder.LITTLE_ENDIAN), "record " + seq);
                next[0]++;
            });
            assertEquals(reopened, next[0]);
        }
        VerificationResult v = LedgerVerifier.verify(dir, keys.getPublic());
        assertTrue(v.ok(), v.message());
    }
}
