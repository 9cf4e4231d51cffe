package org.v2g.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.v2g.ledger.internal.BlockDescriptor;
import org.v2g.ledger.internal.FileHeaderDescriptor;

/** Reopening after a torn write cuts the tail and reports it; damage before the tail is refused. */
@ParameterizedClass
@EnumSource(FormatVersion.class)
class RecoveryTest {
    @Parameter
    FormatVersion version;
    @TempDir
    Path dir;

    private long write(LedgerKind kind) throws IOException {
        try (SlotLedger ledger = kind.open(version.prepare(SlotLedgerContractTest.config(dir)))) {
            LedgerProducer p = ledger.newProducer();
            for (LedgerRecord r : RecordCodecTest.samples()) {
                p.append(r);
            }
        }
        return Files.size(dir.resolve(BlockStore.FILE_NAME));
    }

    @ParameterizedTest
    @EnumSource(LedgerKind.class)
    void aTornTailIsCutAndReported(LedgerKind kind) throws IOException {
        long size = write(kind);
        Path file = dir.resolve(BlockStore.FILE_NAME);
        byte[] bytes = Files.readAllBytes(file);
        for (int cut : new int[] {1, 100, 300}) {
            Files.write(file, Arrays.copyOf(bytes, bytes.length - cut));
            try (SlotLedger ledger = kind.open(SlotLedgerContractTest.config(dir))) {
                RecoveryReport r = ledger.recovery();
                assertEquals(1, r.blocks(), r.toString());
                assertEquals(4, r.records());
                assertTrue(r.truncated() && r.reason().startsWith("torn tail at height 1"), r.reason());
                assertEquals(4, SlotLedgerContractTest.readAll(ledger).size());
            }
            assertTrue(LedgerVerifier.verify(dir, SlotLedgerContractTest.SEALER.getPublic()).ok());
            assertEquals(version.number, FormatVersion.of(dir), "recovery keeps the version");
        }
        long kept = Files.size(file);
        byte[] zeros = Arrays.copyOf(Files.readAllBytes(file), (int) size + 10);
        Files.write(file, zeros);
        try (SlotLedger ledger = kind.open(SlotLedgerContractTest.config(dir))) {
            assertEquals(size + 10 - kept, ledger.recovery().truncatedBytes(), "zero-filled tail");
            assertEquals(4, ledger.recovery().records());
        }
    }

    @ParameterizedTest
    @EnumSource(LedgerKind.class)
    void damageBeforeTheLastBlockIsRefusedNotTruncated(LedgerKind kind) throws IOException {
        write(kind);
        Path file = dir.resolve(BlockStore.FILE_NAME);
        byte[] bytes = Files.readAllBytes(file);
        bytes[FileHeaderDescriptor.LENGTH + BlockDescriptor.HEADER_LENGTH + 20] ^= 1;
        Files.write(file, bytes);
        var e = assertThrows(LedgerCorruptedException.class, () -> kind.open(SlotLedgerContractTest.config(dir)));
        assertEquals(0, e.height());
        assertEquals(java.util.Optional.of(file), e.file(), "the damaged file is named");
        assertTrue(e.getMessage().startsWith("ledger file " + file + " corrupted at height 0: "), e.getMessage());
        assertEquals(bytes.length, Files.size(file), "nothing cut");
    }
}
