package org.v2g.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** One writer per ledger directory, inside one JVM and across processes; readers are never refused. */
class LedgerLockTest {
    @TempDir
    Path work;

    private Path ledgerDir() {
        return work.resolve("ledger");
    }

    private LedgerConfig config() {
        return SlotLedgerContractTest.config(ledgerDir());
    }

    private static void assertNamesTheDirectory(Path dir, LedgerLockedException e) {
        assertTrue(e.getMessage().startsWith("ledger directory " + dir + " is locked by another writer (lock file "
            + dir.resolve(LedgerLock.FILE_NAME)), e.getMessage());
        assertEquals(dir, e.directory());
    }

    @ParameterizedTest
    @EnumSource(LedgerKind.class)
    void aSecondOpenInTheSameJvmFailsAndTheFirstWriterKeepsEveryRecord(LedgerKind kind) {
        Settlement first = new Settlement("ev1", 1, 0.5, 1.875, -1.2);
        Settlement second = new Settlement("ev1", 2, -0.5, -1.875, 1.2);
        try (SlotLedger ledger = kind.open(config())) {
            LedgerProducer p = ledger.newProducer();
            p.append(first);
            for (LedgerKind other : LedgerKind.values()) {
                var e = assertThrows(LedgerLockedException.class, () -> other.open(config()));
                assertNamesTheDirectory(ledgerDir(), e);
                assertTrue(e.getMessage().endsWith("held in this process)"), e.getMessage());
            }
            p.append(second);
            ledger.flush();
            assertEquals(List.of(first, second), SlotLedgerContractTest.readAll(ledger));
        }
        assertTrue(LedgerVerifier.verify(ledgerDir(), SlotLedgerContractTest.SEALER.getPublic()).ok());
        try (SlotLedger reopened = kind.open(config())) {
            assertEquals(List.of(first, second), SlotLedgerContractTest.readAll(reopened));
        }
    }

    @Test
    void anotherPathToTheSameDirectoryIsTheSameLedger() throws IOException {
        Path link = Files.createSymbolicLink(work.resolve("link"), Files.createDirectories(ledgerDir()));
        try (SlotLedger ledger = RingBufferSlotLedger.open(config())) {
            var e = assertThrows(LedgerLockedException.class,
                () -> RingBufferSlotLedger.open(config().withDirectory(link)));
            assertNamesTheDirectory(link, e);
            assertEquals(0, ledger.durableRecordCount());
        }
    }

    @ParameterizedTest
    @EnumSource(LedgerKind.class)
    void anOpenThatFailsHalfWayReleasesTheDirectory(LedgerKind kind) {
        try (SlotLedger ledger = kind.open(config())) {
            ledger.newProducer().append(new Settlement("ev1", 1, 0.5, 1.875, -1.2));
        }
        KeyPair otherKey = Ed25519.generate();
        assertThrows(IllegalArgumentException.class,
            () -> kind.open(LedgerConfig.of(ledgerDir(), otherKey).withMaxRecordsPerBlock(4).withMaxPayloadLength(512)
                .withRingCapacity(1 << 14)));
        try (SlotLedger ledger = kind.open(config())) {
            assertEquals(1, ledger.durableRecordCount());
        }
    }

    @Test
    void readersNeedNoLockWhileTheWriterHoldsIt() {
        try (SlotLedger ledger = RingBufferSlotLedger.open(config())) {
            ledger.newProducer().append(new Settlement("ev1", 1, 0.5, 1.875, -1.2));
            ledger.flush();
            assertTrue(LedgerVerifier.verify(ledgerDir(), SlotLedgerContractTest.SEALER.getPublic()).ok());
            assertEquals(ledger.headers(), LedgerVerifier.headers(ledgerDir()));
            assertTrue(SettlementProof.find(ledgerDir(), "ev1", 1).isPresent());
            // the readers' open and close of the block file left the writer's lock in place
            assertThrows(LedgerLockedException.class, () -> RingBufferSlotLedger.open(config()));
        }
    }

    @ParameterizedTest
    @EnumSource(LedgerKind.class)
    void aLockTakenFirstIsHandedToTheLedgerAndReleasedOnClose(LedgerKind kind) throws IOException {
        LedgerLock lock = LedgerLock.acquire(ledgerDir());
        assertTrue(lock.isHeld());
        assertThrows(LedgerLockedException.class, () -> kind.open(config()));
        Files.writeString(ledgerDir().resolve("old.txt"), "the caller changes the directory under the lock");
        try (SlotLedger ledger = kind == LedgerKind.RING_BUFFER ? RingBufferSlotLedger.open(config(), lock)
            : SynchronizedSlotLedger.open(config(), lock)) {
            assertThrows(LedgerLockedException.class, () -> LedgerLock.acquire(ledgerDir()));
            assertEquals(0, ledger.durableRecordCount());
        }
        assertFalse(lock.isHeld());
        var e = assertThrows(IllegalStateException.class, () -> RingBufferSlotLedger.open(config(), lock));
        assertTrue(e.getMessage().contains("is not held"), e.getMessage());
        LedgerLock elsewhere = LedgerLock.acquire(work.resolve("elsewhere"));
        assertThrows(IllegalStateException.class, () -> SynchronizedSlotLedger.open(config(), elsewhere));
        assertFalse(elsewhere.isHeld(), "a lock the ledger could not use is released");
        LedgerLock.acquire(work.resolve("elsewhere")).close();
    }

    @Test
    void aLedgerHeldByAnotherProcessIsRefusedNamingTheDirectoryAndThePid() throws Exception {
        Ed25519.store(SlotLedgerContractTest.SEALER, work, "sealer");
        Process child = child("hold").start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertTrue(line != null && line.startsWith("open "), "child did not open the ledger: " + line);
            var e = assertThrows(LedgerLockedException.class, () -> RingBufferSlotLedger.open(CrashChild.config(work,
                SlotLedgerContractTest.SEALER)));
            assertNamesTheDirectory(ledgerDir(), e);
            assertTrue(e.getMessage().endsWith("held by pid " + child.pid() + ")"), e.getMessage());
            assertThrows(LedgerLockedException.class, () -> SynchronizedSlotLedger.open(CrashChild.config(work,
                SlotLedgerContractTest.SEALER)));
            child.getOutputStream().close();
            assertEquals("closed", out.readLine());
        } finally {
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        }
        assertEquals(0, child.exitValue());
        try (SlotLedger ledger = RingBufferSlotLedger.open(CrashChild.config(work, SlotLedgerContractTest.SEALER))) {
            assertEquals(1, ledger.durableRecordCount(), "the child's record");
        }
    }

    @Test
    void aRefusedOpenerInThisJvmDoesNotUnlockTheDirectoryForOtherProcesses() throws Exception {
        Ed25519.store(SlotLedgerContractTest.SEALER, work, "sealer");
        LedgerConfig config = CrashChild.config(work, SlotLedgerContractTest.SEALER);
        try (SlotLedger ledger = RingBufferSlotLedger.open(config)) {
            // Closing any channel of a locked file drops the process's POSIX lock: the refused opener must not.
            assertThrows(LedgerLockedException.class, () -> RingBufferSlotLedger.open(config));
            assertThrows(LedgerLockedException.class, () -> LedgerLock.acquire(ledgerDir()));
            String probe = probe();
            assertTrue(probe.startsWith("locked ledger directory ") && probe.contains(
                "held by pid " + ProcessHandle.current().pid()), probe);
            assertEquals(0, ledger.durableRecordCount());
        }
        assertEquals("opened 0", probe());
    }

    private String probe() throws Exception {
        Process child = child("probe").start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        return out;
    }

    private ProcessBuilder child(String mode) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
            LockChild.class.getName(), work.toString(), mode).redirectError(ProcessBuilder.Redirect.INHERIT);
    }
}
