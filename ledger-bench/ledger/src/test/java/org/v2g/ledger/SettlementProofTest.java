package org.v2g.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** An EV checks its settlement with block headers only; any change to proof or headers fails. */
class SettlementProofTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(LedgerKind.class)
    void everySettlementHasAProofThatChecksAgainstTheHeadersAlone(LedgerKind kind) {
        List<Settlement> settlements = new ArrayList<>();
        List<BlockHeader> headers;
        try (SlotLedger ledger = kind.open(SlotLedgerContractTest.config(dir).withMaxRecordsPerBlock(5))) {
            LedgerProducer p = ledger.newProducer();
            for (int slot = 0; slot < 4; slot++) {
                p.append(new SlotSolution(slot, 7, 2, 1, 0, -0.4, 9.5));
                for (int ev = 0; ev < 3; ev++) {
                    Settlement s = new Settlement("ev" + ev, slot, 0.25 * ev, 0.9375 * ev, -0.6 * ev);
                    settlements.add(s);
                    p.append(s);
                }
                p.append(1000, new UnsafeBuffer(new byte[3]), 0, 3);
            }
            ledger.flush();
            headers = ledger.headers();
            for (Settlement s : settlements) {
                SettlementProof proof = ledger.proof(s.evId(), s.slot()).orElseThrow();
                assertEquals(s, proof.settlement());
                VerificationResult r = proof.verify(headers, SlotLedgerContractTest.SEALER.getPublic());
                assertTrue(r.ok(), r.message());
                SettlementProof fromDisk = SettlementProof.find(dir, s.evId(), s.slot()).orElseThrow();
                assertEquals(proof.height(), fromDisk.height());
                SettlementProof wire = SettlementProof.fromBytes(proof.toBytes());
                assertTrue(wire.verify(headers, SlotLedgerContractTest.SEALER.getPublic()).ok());
            }
            assertTrue(ledger.proof("ev9", 0).isEmpty());
            assertTrue(ledger.proof("ev0", 99).isEmpty());
        }

        SettlementProof proof = SettlementProof.find(dir, "ev2", 2).orElseThrow();
        KeyPair other = Ed25519.generate();
        assertEquals(VerificationResult.Check.SIGNATURE, proof.verify(headers, other.getPublic()).check());

        byte[] frame = proof.frame();
        frame[frame.length - 1] ^= 1;
        SettlementProof forged = new SettlementProof(proof.height(), proof.index(), frame, proof.siblings());
        assertEquals(VerificationResult.Check.MERKLE_ROOT,
            forged.verify(headers, SlotLedgerContractTest.SEALER.getPublic()).check());

        SettlementProof moved = new SettlementProof(proof.height(), proof.index() ^ 1, proof.frame(), proof.siblings());
        assertFalse(moved.verify(headers, SlotLedgerContractTest.SEALER.getPublic()).ok());

        List<BlockHeader> dropped = new ArrayList<>(headers);
        dropped.remove(0);
        assertFalse(proof.verify(dropped, SlotLedgerContractTest.SEALER.getPublic()).ok());
        assertFalse(proof.verify(headers.subList(0, (int) proof.height()),
            SlotLedgerContractTest.SEALER.getPublic()).ok());
    }
}
