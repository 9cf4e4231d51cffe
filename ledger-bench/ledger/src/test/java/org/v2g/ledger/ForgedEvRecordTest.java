package org.v2g.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sealer that writes an EV's preferences or departure target the EV did not sign is caught by
 * verification, though the chain and its Merkle roots are intact: verify checks every EV signature
 * against the key the EV registered.
 */
class ForgedEvRecordTest {
    private static final KeyPair EV = Ed25519.generate();
    private static final KeyPair SEALER_AS_EV = Ed25519.generate();

    @TempDir
    Path dir;

    @Test
    void honestlySignedPreferencesAndDepartureVerify() {
        VerificationResult v = ledgerWith(EvSubmission.signed("ev1", 3, 0.16, 0, 20, 1, EV.getPrivate()),
            EvDeparture.signed("ev1", 3, 48, 40, 2, EV.getPrivate()));
        assertTrue(v.ok(), v.message());
    }

    @Test
    void aDepartureTheEvDidNotSignFailsVerificationNamingIt() {
        VerificationResult v = ledgerWith(EvSubmission.signed("ev1", 3, 0.16, 0, 20, 1, EV.getPrivate()),
            EvDeparture.signed("ev1", 3, 60, 40, 2, SEALER_AS_EV.getPrivate()));
        assertFalse(v.ok());
        assertTrue(v.message().contains("EV signature of departure by ev=ev1 nonce=2 is invalid"), v.message());
    }

    @Test
    void preferencesTheEvDidNotSignFailVerificationNamingThem() {
        VerificationResult v = ledgerWith(EvSubmission.signed("ev1", 3, 0.99, 0, 20, 1, SEALER_AS_EV.getPrivate()),
            EvDeparture.signed("ev1", 3, 48, 40, 2, EV.getPrivate()));
        assertFalse(v.ok());
        assertTrue(v.message().contains("EV signature of submission by ev=ev1 nonce=1 is invalid"), v.message());
    }

    private VerificationResult ledgerWith(EvSubmission preferences, EvDeparture departure) {
        try (SlotLedger ledger = SynchronizedSlotLedger.open(SlotLedgerContractTest.config(dir))) {
            LedgerProducer p = ledger.newProducer();
            p.append(new EvRegistration("ev1", Ed25519.rawPublicKey(EV.getPublic()), 60));
            p.append(preferences);
            p.append(departure);
            p.append(new EvPlugIn("ev1", 3, -0.01));
            ledger.flush();
            assertEquals(4, SlotLedgerContractTest.readAll(ledger).size());
        }
        return LedgerVerifier.verify(dir, SlotLedgerContractTest.SEALER.getPublic());
    }
}
