package org.v2g.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.v2g.kernel.InvalidInputException;
import org.v2g.ledger.internal.SubmissionGate;

/**
 * Bad input to the ledger is the kernel's {@link InvalidInputException} (an {@link IllegalArgumentException}),
 * naming the field, the item and the value, as everywhere else (SPEC section 6).
 */
class LedgerBadInputTest {
    @TempDir
    Path dir;

    private static void assertBad(String field, String item, String value, Executable call) {
        InvalidInputException e = assertThrows(InvalidInputException.class, call);
        assertEquals(List.of(field, item, value), List.of(e.field(), e.item(), e.value()), e.getMessage());
    }

    @Test
    void recordFields() {
        assertBad("slot", "ev=ev1 slot=-1", "-1", () -> new Settlement("ev1", -1, 0, 0, 0));
        assertBad("ev_id", "ev=a b", "a b", () -> new Settlement("a b", 3, 0, 0, 0));
        assertBad("k1", "slot=1 worker=0", "5", () -> new PartialResult(1, 0, 5, 5, 5, 0));
        assertBad("best_k", "slot=1 worker=0", "9", () -> new PartialResult(1, 0, 5, 8, 9, 0));
        assertBad("k", "slot=1", "-2", () -> new SlotSolution(1, -2, 0, 0, 0, 0, 0));
        assertBad("signature", "slot=1 scp=0", "3 bytes", () -> new ScpVote(1, new byte[32], 0, new byte[3]));
        assertBad("type", "record", "42", () -> RecordType.checkPayload(42, 3, 1000));
        assertBad("length", "type=1000", "2000", () -> RecordType.checkPayload(1000, 2000, 1000));
    }

    @Test
    void configurationAndSyncPolicy() {
        LedgerConfig c = LedgerConfig.of(dir, SlotLedgerContractTest.SEALER);
        String ledger = "ledger=" + dir;
        assertBad("ring_capacity", ledger, "1000", () -> c.withRingCapacity(1000));
        assertBad("max_records_per_block", ledger, "0", () -> c.withMaxRecordsPerBlock(0));
        assertBad("max_producers", ledger, "0", () -> c.withMaxProducers(0));
        assertBad("max_payload_length", ledger, "10", () -> c.withMaxPayloadLength(10));
        assertBad("max_block_age", ledger, "PT0S", () -> c.withMaxBlockAge(Duration.ZERO));
        assertBad("every_blocks", "sync_policy", "0", () -> SyncPolicy.everyBlocks(0));
        assertBad("sync_policy", "sync_policy", "fsync", () -> SyncPolicy.parse("fsync"));
    }

    @Test
    void gateProducerKeysAndProofs() {
        SubmissionGate gate = new SubmissionGate(5);
        assertBad("slot", "gate current_slot=5", "4", () -> gate.openSlot(4));
        assertEquals(5, gate.currentSlot(), "a refused slot changes nothing");
        assertBad("slot", "gate", "-1", () -> new SubmissionGate(-1));
        try (SlotLedger ledger = RingBufferSlotLedger.open(SlotLedgerContractTest.config(dir))) {
            LedgerProducer p = ledger.newProducer();
            assertBad("length", "type=SETTLEMENT", "10", () -> p.tryClaim(RecordType.SETTLEMENT.id(), 10));
            assertBad("sequence", "producer=0", "0", () -> p.awaitDurable(0, Duration.ofMillis(1)));
        }
        assertBad("public_key", "ed25519", "31 bytes", () -> Ed25519.publicKey(new byte[31]));
        assertBad("proof", "bytes", "3 bytes", () -> SettlementProof.fromBytes(new byte[3]));
    }

    @Test
    void reopeningWithAnotherKeyNamesTheLedger() {
        try (SlotLedger ledger = SynchronizedSlotLedger.open(SlotLedgerContractTest.config(dir))) {
            ledger.flush();
        }
        LedgerConfig c = SlotLedgerContractTest.config(dir);
        InvalidInputException key = assertThrows(InvalidInputException.class, () -> SynchronizedSlotLedger.open(
            new LedgerConfig(dir, Ed25519.generate(), c.ringCapacity(), c.maxRecordsPerBlock(), c.maxBlockAge(),
                c.syncPolicy(), c.maxProducers(), c.maxPayloadLength(), c.fullRingIdle())));
        assertEquals(List.of("sealer_key", "ledger=" + dir), List.of(key.field(), key.item()));
        // Another block size is not refused: the ledger keeps its own bound (BlockBoundTest).
    }
}
