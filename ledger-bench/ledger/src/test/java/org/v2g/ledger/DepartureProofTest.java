package org.v2g.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An EV checks, with block headers only, that the ledger holds its departure target as it signed it (SPEC
 * section 8: the record every SCP derives its floors from); any change to the proof, the headers or the
 * record fails.
 */
@ParameterizedClass
@EnumSource(FormatVersion.class)
class DepartureProofTest {
    private static final KeyPair EV = Ed25519.generate();

    @Parameter
    FormatVersion version;
    @TempDir
    Path dir;

    @Test
    void everyDepartureHasAProofBoundToItsEvSlotAndFields() throws ProofRejectedException {
        List<EvDeparture> departures = new ArrayList<>();
        List<BlockHeader> headers;
        try (SlotLedger ledger = SynchronizedSlotLedger.open(version.prepare(SlotLedgerContractTest.config(dir).withMaxRecordsPerBlock(3)))) {
            LedgerProducer p = ledger.newProducer();
            for (int ev = 0; ev < 4; ev++) {
                String id = "ev" + ev;
                p.append(new EvRegistration(id, Ed25519.rawPublicKey(EV.getPublic()), 60));
                for (int session = 0; session < 2; session++) {
                    long slot = 10L * session + ev;
                    p.append(EvSubmission.signed(id, slot, 0.16, 0, 20, 2L * session + 1, EV.getPrivate()));
                    EvDeparture d = EvDeparture.signed(id, slot, 30 + ev + session, slot + 5, 2L * session + 2,
                        EV.getPrivate());
                    departures.add(d);
                    p.append(d);
                    p.append(new EvPlugIn(id, slot, -0.01));
                    p.append(new Settlement(id, slot, 1, 3.75, -2.0));
                }
            }
            ledger.flush();
            headers = ledger.headers();
        }
        assertTrue(headers.size() > 5, "departures spread over several blocks: " + headers.size());
        for (EvDeparture d : departures) {
            DepartureProof proof = DepartureProof.find(dir, d.evId(), d.slot()).orElseThrow();
            assertEquals(d, proof.departure());
            assertEquals(d, proof.verify(d, headers, SlotLedgerContractTest.SEALER.getPublic()));
            DepartureProof wire = DepartureProof.fromBytes(proof.toBytes());
            assertEquals(d, wire.verify(d.evId(), d.slot(), headers, SlotLedgerContractTest.SEALER.getPublic()));
        }
        assertTrue(DepartureProof.find(dir, "ev9", 0).isEmpty());
        assertTrue(DepartureProof.find(dir, "ev0", 5).isEmpty());

        EvDeparture d = departures.get(5);
        DepartureProof proof = DepartureProof.find(dir, d.evId(), d.slot()).orElseThrow();
        assertEquals(VerificationResult.Check.SIGNATURE, rejection(() -> proof.verify(d, headers,
            Ed25519.generate().getPublic())).check());
        assertEquals(version.number, proof.version());
        byte[] frame = proof.frames();
        frame[endOf(proof.frame(), frame) - 70] ^= 1; // a bit of the nonce: the leaf changes
        assertEquals(VerificationResult.Check.MERKLE_ROOT, rejection(() -> new DepartureProof(proof.version(),
            proof.height(), proof.index(), frame, proof.siblings()).verify(d.evId(), d.slot(), headers,
            SlotLedgerContractTest.SEALER.getPublic())).check());
        assertEquals(VerificationResult.Check.SETTLEMENT, rejection(() -> proof.verify("ev0", d.slot(), headers,
            SlotLedgerContractTest.SEALER.getPublic())).check(), "another EV's departure");
        EvDeparture claimed = EvDeparture.signed(d.evId(), d.slot(), d.targetKwh() + 10, d.lastSlot(), d.nonce(),
            EV.getPrivate());
        assertEquals(VerificationResult.Check.SETTLEMENT, rejection(() -> proof.verify(claimed, headers,
            SlotLedgerContractTest.SEALER.getPublic())).check(), "a departure other than the one recorded");
        SettlementProof settlement = SettlementProof.find(dir, d.evId(), d.slot()).orElseThrow();
        DepartureProof wrongType = new DepartureProof(settlement.version(), settlement.height(), settlement.index(),
            settlement.frames(), settlement.siblings());
        assertEquals(VerificationResult.Check.RECORD, rejection(() -> wrongType.verify(d, headers,
            SlotLedgerContractTest.SEALER.getPublic())).check());
    }

    /** Where {@code frame} ends inside {@code frames} (the record's own frame, or its group's frames). */
    private static int endOf(byte[] frame, byte[] frames) {
        for (int at = 0; at + frame.length <= frames.length; at++) {
            if (java.util.Arrays.equals(frames, at, at + frame.length, frame, 0, frame.length)) {
                return at + frame.length;
            }
        }
        throw new AssertionError("the record's frame is not among the proof's frames");
    }

    private interface Check {
        void run() throws ProofRejectedException;
    }

    private static ProofRejectedException rejection(Check check) {
        return assertThrows(ProofRejectedException.class, check::run);
    }
}
