package org.v2g.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.v2g.kernel.InvalidInputException;

/**
 * A ledger keeps the block bound it was created with (records per block times the payload limit, written
 * in its file): reopened with more records per block, as after a change of the default, it opens, writes
 * blocks within its own bound, recovers and verifies; reopened with fewer, it writes smaller blocks; a
 * payload limit of which not one record fits the bound is refused by name, and the directory is released.
 */
class BlockBoundTest {
    private static final int CREATED_WITH = 4;

    @TempDir
    Path dir;

    private static LedgerConfig config(Path dir, int perBlock) {
        return SlotLedgerContractTest.config(dir).withMaxRecordsPerBlock(perBlock);
    }

    private static void append(LedgerKind kind, LedgerConfig config, int from, int count) {
        try (SlotLedger ledger = kind.open(config)) {
            LedgerProducer p = ledger.newProducer();
            for (int ev = from; ev < from + count; ev++) {
                p.append(new Settlement("ev" + ev, 7, 0.5, -1.25, 0.75));
            }
            ledger.flush();
        }
    }

    private int fileBound() throws IOException {
        try (FileChannel ch = FileChannel.open(dir.resolve(BlockStore.FILE_NAME))) {
            return BlockFileReader.readFileHeader(ch).maxBlockLength();
        }
    }

    @ParameterizedTest
    @EnumSource(LedgerKind.class)
    void aLedgerReopenedWithLargerOrSmallerBlocksWritesWithinItsOwnBound(LedgerKind kind) throws IOException {
        append(kind, config(dir, CREATED_WITH), 0, 9);
        int bound = fileBound();
        assertEquals(config(dir, CREATED_WITH).maxBlockLength(), bound);
        append(kind, config(dir, 64), 9, 30); // more per block than the file allows
        append(kind, config(dir, 2), 39, 9);  // fewer
        assertEquals(bound, fileBound(), "the file keeps its bound");
        List<BlockHeader> headers = LedgerVerifier.headers(dir);
        long records = 0;
        for (BlockHeader h : headers) {
            assertTrue(h.recordCount() <= CREATED_WITH, "block " + h.height() + " holds " + h.recordCount());
            records += h.recordCount();
        }
        assertEquals(48, records);
        assertTrue(headers.getLast().recordCount() <= 2, "the last session asked for blocks of 2");
        assertTrue(LedgerVerifier.verify(dir, SlotLedgerContractTest.SEALER.getPublic()).ok());
        append(kind, config(dir, 64), 48, 1); // recovery reads the blocks with the file's bound
        assertTrue(LedgerVerifier.verify(dir, SlotLedgerContractTest.SEALER.getPublic()).ok());
    }

    @Test
    void aNewLedgerWritesTheDefaultBound() throws IOException {
        append(LedgerKind.RING_BUFFER, LedgerConfig.of(dir, SlotLedgerContractTest.SEALER), 0, 3);
        assertEquals(LedgerConfig.of(dir, SlotLedgerContractTest.SEALER).maxBlockLength(), fileBound());
        assertEquals(8192, LedgerConfig.DEFAULT_RECORDS_PER_BLOCK);
    }

    @ParameterizedTest
    @EnumSource(LedgerKind.class)
    void aPayloadLimitOfWhichNoRecordFitsIsRefusedByName(LedgerKind kind) {
        append(kind, config(dir, 1), 0, 2);
        LedgerConfig big = config(dir, 1).withRingCapacity(1 << 16).withMaxPayloadLength(2048);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> kind.open(big));
        assertEquals(List.of("max_block_length", "ledger=" + dir), List.of(e.field(), e.item()));
        assertTrue(e.getMessage().contains("max_payload_length=2048"), e.getMessage());
        append(kind, config(dir, 1), 2, 1); // the failed open released the directory
        assertTrue(LedgerVerifier.verify(dir, SlotLedgerContractTest.SEALER.getPublic()).ok());
    }
}
