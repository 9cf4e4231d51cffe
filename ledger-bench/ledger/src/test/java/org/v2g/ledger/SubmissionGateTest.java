package org.v2g.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.v2g.kernel.InvalidInputException;
import org.v2g.ledger.internal.SubmissionGate;

/** Forged signatures, replayed nonces and past slots never reach the ledger, and say why. */
class SubmissionGateTest {
    private static final KeyPair EV = Ed25519.generate();
    private static final KeyPair MALLORY = Ed25519.generate();

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(LedgerKind.class)
    void badSubmissionsAreRejectedWithAClearMessageAndLeaveTheLedgerAsItWas(LedgerKind kind) {
        try (SlotLedger ledger = kind.open(SlotLedgerContractTest.config(dir))) {
            LedgerProducer p = ledger.newProducer();
            SubmissionGate gate = new SubmissionGate(10);
            EvRegistration reg = new EvRegistration("ev042", Ed25519.rawPublicKey(EV.getPublic()), 60);
            assertEquals(0, gate.register(p, reg));
            reject(SubmissionRejectedException.Reason.DUPLICATE_EV, "rejected (DUPLICATE_EV): EV is already "
                + "registered: ev=ev042", () -> gate.register(p, reg));

            EvSubmission good = EvSubmission.signed("ev042", 10, 0.16, 0, 24, 5, EV.getPrivate());
            assertEquals(1, gate.submit(p, good));

            EvSubmission forged = EvSubmission.signed("ev042", 11, 0.16, 0, 24, 6, MALLORY.getPrivate());
            reject(SubmissionRejectedException.Reason.BAD_SIGNATURE, "rejected (BAD_SIGNATURE): signature does "
                + "not verify with the EV's registered key: ev=ev042 slot=11 nonce=6", () -> gate.submit(p, forged));
            EvSubmission tampered = new EvSubmission("ev042", 11, 0.99, 0, 24, 6, good.signature());
            reject(SubmissionRejectedException.Reason.BAD_SIGNATURE, null, () -> gate.submit(p, tampered));

            reject(SubmissionRejectedException.Reason.REPLAYED_NONCE, "rejected (REPLAYED_NONCE): nonce already "
                + "used (must be greater than 5): ev=ev042 slot=10 nonce=5", () -> gate.submit(p, good));
            EvSubmission older = EvSubmission.signed("ev042", 12, 0.16, 0, 24, 4, EV.getPrivate());
            reject(SubmissionRejectedException.Reason.REPLAYED_NONCE, null, () -> gate.submit(p, older));

            gate.openSlot(12);
            EvSubmission past = EvSubmission.signed("ev042", 11, 0.16, 0, 24, 9, EV.getPrivate());
            reject(SubmissionRejectedException.Reason.PAST_SLOT, "rejected (PAST_SLOT): slot is in the past "
                + "(current slot 12): ev=ev042 slot=11 nonce=9", () -> gate.submit(p, past));
            assertThrows(InvalidInputException.class, () -> gate.openSlot(11));

            EvSubmission stranger = EvSubmission.signed("ev999", 12, 0.16, 0, 24, 1, MALLORY.getPrivate());
            reject(SubmissionRejectedException.Reason.UNKNOWN_EV, null, () -> gate.submit(p, stranger));

            EvSubmission next = EvSubmission.signed("ev042", 12, 0.16, 0, 24, 9, EV.getPrivate());
            assertEquals(2, gate.submit(p, next), "the rejected nonce 9 was not used up");
            ledger.flush();
            assertEquals(List.of(reg, good, next), SlotLedgerContractTest.readAll(ledger));

            SubmissionGate recovered = SubmissionGate.recover(ledger, 12);
            reject(SubmissionRejectedException.Reason.REPLAYED_NONCE, null, () -> recovered.submit(p, next));
            reject(SubmissionRejectedException.Reason.DUPLICATE_EV, null, () -> recovered.register(p, reg));
        }
        VerificationResult v = LedgerVerifier.verify(dir, SlotLedgerContractTest.SEALER.getPublic());
        assertEquals(true, v.ok(), v.message());
    }

    private static void reject(SubmissionRejectedException.Reason reason, String message, Runnable action) {
        SubmissionRejectedException e = assertThrows(SubmissionRejectedException.class, action::run);
        assertEquals(reason, e.reason());
        if (message != null) {
            assertEquals(message, e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(LedgerKind.class)
    void concurrentReplaysOfOneNonceAreAcceptedExactlyOnce(LedgerKind kind) throws Exception {
        try (SlotLedger ledger = kind.open(SlotLedgerContractTest.config(dir))) {
            SubmissionGate gate = new SubmissionGate(0);
            gate.register(ledger.newProducer(), new EvRegistration("ev7", Ed25519.rawPublicKey(EV.getPublic()), 40));
            List<EvSubmission> subs = new ArrayList<>();
            for (int nonce = 1; nonce <= 20; nonce++) {
                subs.add(EvSubmission.signed("ev7", 1, 0.16, 0, 10, nonce, EV.getPrivate()));
            }
            AtomicInteger accepted = new AtomicInteger();
            AtomicInteger replayed = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                threads.add(Thread.ofPlatform().start(() -> {
                    LedgerProducer p = ledger.newProducer();
                    for (EvSubmission s : subs) {
                        try {
                            while (gate.submit(p, s) == LedgerProducer.RING_FULL) {
                                Thread.onSpinWait();
                            }
                            accepted.incrementAndGet();
                        } catch (SubmissionRejectedException e) {
                            assertEquals(SubmissionRejectedException.Reason.REPLAYED_NONCE, e.reason());
                            replayed.incrementAndGet();
                        }
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
            ledger.flush();
            long[] nonces = {0};
            int[] recorded = {0};
            ledger.forEachRecord((seq, type, buf, off, len) -> {
                if (type == RecordType.EV_SUBMISSION.id()) {
                    long n = EvSubmission.decode(buf, off).nonce();
                    assertTrue(n > nonces[0], "nonces increase in the ledger");
                    nonces[0] = n;
                    recorded[0]++;
                }
            });
            assertEquals(80, accepted.get() + replayed.get());
            // strictly increasing nonces: none is in the ledger twice; and every acceptance is one of them
            assertEquals(accepted.get(), recorded[0]);
            // each thread offers 1..20 in order, so 20 is refused only once it is in: it always gets in
            assertEquals(20, nonces[0], "the last nonce was never accepted");
            assertEquals(1 + accepted.get(), ledger.durableRecordCount());
        }
    }
}
