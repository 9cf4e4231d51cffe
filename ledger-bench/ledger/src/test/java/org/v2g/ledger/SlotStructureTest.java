package org.v2g.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verifier checks the slot structure of {@link SlotClose}; proofs prove only final attempts. */
class SlotStructureTest {
    @TempDir
    Path dir;

    private final KeyPair keys = Ed25519.generate();

    private static SlotMarket market(long slot) {
        return new SlotMarket(slot, 0.66, 0.5, 0.792, 0.1, 0, 1.32, -1.98, 0, 0.001, 3.75, 0.001, 0);
    }

    private static SlotSolution solution(long slot) {
        return new SlotSolution(slot, 10, 1, 1, 0, -1.2, 3.5);
    }

    private VerificationResult write(List<LedgerRecord> records) {
        try (SlotLedger l = SynchronizedSlotLedger.open(LedgerConfig.of(dir, keys))) {
            LedgerProducer p = l.newProducer();
            records.forEach(p::append);
        }
        return LedgerVerifier.verify(dir, keys.getPublic());
    }

    @Test
    void anAbortedAttemptIsVoidAndTheRerunIsTheOneProved() {
        Settlement aborted = new Settlement("ev1", 0, 0.5, 1.875, -1.0);
        Settlement fin = new Settlement("ev1", 0, -0.5, -1.875, 2.0);
        SlotSolution s = solution(0);
        VerificationResult v = write(List.of(market(0), s, aborted, SlotClose.aborted(0),
            market(0), s, fin, new Settlement("ev2", 0, 0.5, 1.875, -1.0), SlotClose.settled(s, 2)));
        assertTrue(v.ok(), v.message());
        assertEquals(fin, SettlementProof.find(dir, "ev1", 0).orElseThrow().settlement());
    }

    @Test
    void aSlotSettledTwiceIsCaught() {
        SlotSolution s = solution(0);
        Settlement st = new Settlement("ev1", 0, 0.5, 1.875, -1.0);
        VerificationResult v = write(List.of(market(0), s, st, SlotClose.settled(s, 1),
            market(0), s, st, SlotClose.settled(s, 1)));
        assertFalse(v.ok());
        assertEquals(VerificationResult.Check.SLOT_STRUCTURE, v.check());
        assertTrue(v.message().contains("slot 0 opened again"), v.message());
    }

    @Test
    void aFinalCloseMustCountItsSettlements() {
        SlotSolution s = solution(3);
        VerificationResult v = write(List.of(market(3), s, new Settlement("ev1", 3, 0.5, 1.875, -1.0),
            SlotClose.settled(s, 2)));
        assertEquals(VerificationResult.Check.SLOT_STRUCTURE, v.check());
        assertTrue(v.message().contains("with 1 settlements, expected 2"), v.message());
    }

    @Test
    void aSettlementOutsideItsAttemptAndAnUnclosedSlotAreCaught() {
        SlotSolution s = solution(1);
        VerificationResult outside = write(List.of(market(1), s, SlotClose.settled(s, 0),
            new Settlement("ev1", 1, 0.5, 1.875, -1.0)));
        assertEquals(VerificationResult.Check.SLOT_STRUCTURE, outside.check());
        assertTrue(outside.message().contains("outside its attempt"), outside.message());
    }

    @Test
    void aSlotOpenedOverAnUnclosedOneIsCaughtButATrailingOpenAttemptIsNot() {
        SlotSolution s0 = solution(0);
        VerificationResult over = write(List.of(market(0), s0, SlotClose.settled(s0, 0), market(1), market(2)));
        assertEquals(VerificationResult.Check.SLOT_STRUCTURE, over.check());
        assertTrue(over.message().contains("slot 2 opened while the attempt at slot 1"), over.message());
    }

    @Test
    void aTrailingOpenAttemptIsAllowedAndLedgersWithoutClosesKeepVerifying() {
        SlotSolution s0 = solution(0);
        assertTrue(write(List.of(market(0), s0, SlotClose.settled(s0, 0), market(1), solution(1))).ok());
    }

    @Test
    void ledgersWithoutSlotClosesAreCheckedAsBefore() {
        // A ledger written before slot closes existed, and a load generator's bare settlements.
        Settlement a = new Settlement("ev1", 0, 0.5, 1.875, -1.0);
        VerificationResult v = write(List.of(market(0), a, market(1), new Settlement("ev1", 1, 0, 0, 0.1)));
        assertTrue(v.ok(), v.message());
        assertEquals(a, SettlementProof.find(dir, "ev1", 0).orElseThrow().settlement());
    }
}
