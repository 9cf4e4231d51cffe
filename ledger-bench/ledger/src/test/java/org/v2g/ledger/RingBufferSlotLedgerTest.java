package org.v2g.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the ring-buffer ledger does: a full ring as a counted return value, sealing by age. */
class RingBufferSlotLedgerTest {
    @TempDir
    Path dir;

    @Test
    void aFullRingIsAReturnValueAndCountedAndNothingIsDropped() {
        LedgerConfig c = LedgerConfig.of(dir, SlotLedgerContractTest.SEALER).withMaxPayloadLength(200)
            .withRingCapacity(2048).withSyncPolicy(SyncPolicy.none());
        long accepted = 0;
        long full;
        try (RingBufferSlotLedger ledger = RingBufferSlotLedger.open(c)) {
            LedgerProducer p = ledger.newProducer();
            UnsafeBuffer payload = new UnsafeBuffer(new byte[200]);
            for (int i = 0; i < 200_000 && (p.fullCount() == 0 || accepted < 100); i++) {
                payload.putInt(0, i);
                if (p.tryAppend(1000, payload, 0, 200) != LedgerProducer.RING_FULL) {
                    accepted++;
                }
            }
            full = p.fullCount();
            assertEquals(full, ledger.ringFullCount());
            ledger.flush();
            assertEquals(accepted, ledger.durableRecordCount());
        }
        System.out.println("RingBufferSlotLedgerTest: accepted " + accepted + ", ring full " + full + " times");
        assertTrue(full > 0, "a 2 KiB ring holding 8 messages never filled");
        assertTrue(LedgerVerifier.verify(dir, SlotLedgerContractTest.SEALER.getPublic()).ok());
    }

    @Test
    void aBlockIsSealedWhenItsFirstRecordIsOldEvenIfNobodyWaits() throws InterruptedException {
        LedgerConfig c = LedgerConfig.of(dir, SlotLedgerContractTest.SEALER).withMaxRecordsPerBlock(1000)
            .withMaxBlockAge(Duration.ofMillis(20));
        try (RingBufferSlotLedger ledger = RingBufferSlotLedger.open(c)) {
            LedgerProducer p = ledger.newProducer();
            long seq = p.append(new Settlement("ev1", 1, 0, 0, 0.1));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!p.isDurable(seq) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(p.isDurable(seq));
            assertEquals(1, ledger.headers().size());
        }
    }

    @Test
    void theCliEntryPointsReadADirectoryWithoutOpeningTheLedger() throws ProofRejectedException {
        try (SlotLedger ledger = RingBufferSlotLedger.open(SlotLedgerContractTest.config(dir))) {
            LedgerProducer p = ledger.newProducer();
            for (LedgerRecord r : RecordCodecTest.samples()) {
                p.append(r);
            }
            ledger.flush();
            assertEquals(ledger.headers(), LedgerVerifier.headers(dir));
        }
        assertEquals(SlotLedgerContractTest.SEALER.getPublic(), LedgerVerifier.sealerKey(dir));
        List<BlockHeader> headers = LedgerVerifier.headers(dir);
        SettlementProof proof = SettlementProof.find(dir, "ev042", 31).orElseThrow();
        assertEquals(proof.settlement(), proof.verify("ev042", 31, headers, LedgerVerifier.sealerKey(dir)));
        Ed25519.store(SlotLedgerContractTest.SEALER, dir.resolve("keys"), "scp");
        assertEquals(SlotLedgerContractTest.SEALER.getPublic(), Ed25519.load(dir.resolve("keys"), "scp").getPublic());
    }
}
