package org.v2g.replica;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.v2g.kernel.Fleet;
import org.v2g.kernel.Market;
import org.v2g.ledger.Ed25519;
import org.v2g.ledger.EvRegistration;
import org.v2g.ledger.EvSubmission;
import org.v2g.ledger.EvUnplug;
import org.v2g.ledger.Settlement;
import org.v2g.node.internal.SeededKeys;
import org.v2g.node.internal.SettlementRule;

/** {@link EvRegistry}: registrations, signed plug-ins, unplugs, the slot's fleet and settled energy. */
class EvRegistryTest {
    private static final KeyPair A = SeededKeys.derive(5, "ev-a");
    private static final KeyPair B = SeededKeys.derive(5, "ev-b");

    private static EvRegistration registration(String id, KeyPair keys, double capacity) {
        return new EvRegistration(id, Ed25519.rawPublicKey(keys.getPublic()), capacity);
    }

    private static EvSubmission submission(String id, long slot, double energy, long nonce, KeyPair signer) {
        return EvSubmission.signed(id, slot, 0.2, 0.01, energy, nonce, signer.getPrivate());
    }

    @Test
    void aNewIdIsRecordedTheSameKeyAgainIgnoredAnotherKeyRejected() {
        EvRegistry r = new EvRegistry();
        assertEquals(Outcome.RECORD, r.apply(registration("ev-a", A, 40)));
        assertEquals(Outcome.IGNORE, r.apply(registration("ev-a", A, 40)));
        assertEquals(Outcome.REJECT, r.apply(registration("ev-a", B, 40)));
        assertTrue(r.isRegistered("ev-a"));
        assertFalse(r.isRegistered("ev-b"));
        assertFalse(r.isPlugged("ev-a"));
    }

    @Test
    void aSubmissionPlugsInOnlyWithTheRegisteredKeyAFreshNonceAndASlotNotYetOpened() {
        EvRegistry r = new EvRegistry();
        assertEquals(Outcome.REJECT, r.apply(submission("ev-a", 3, 10, 1, A), -1), "not registered");
        r.apply(registration("ev-a", A, 40));
        assertEquals(Outcome.REJECT, r.apply(submission("ev-a", 3, 10, 1, B), -1), "another key's signature");
        assertEquals(Outcome.REJECT, r.apply(submission("ev-a", 3, 10, 1, A), 3), "slot already opened");
        assertFalse(r.isPlugged("ev-a"));
        assertEquals(Outcome.RECORD, r.apply(submission("ev-a", 3, 10, 1, A), 2));
        assertTrue(r.isPlugged("ev-a"));
        assertEquals(Outcome.REJECT, r.apply(submission("ev-a", 4, 10, 1, A), 3), "nonce not above the last");
        assertEquals(Outcome.RECORD, r.apply(submission("ev-a", 4, 12, 2, A), 3));
    }

    @Test
    void theFleetIsThePluggedInEvsInIdOrderWithEnergyClampedToCapacity() {
        EvRegistry r = new EvRegistry();
        assertNull(r.pluggedIn(Fleet.DEFAULT_A), "no EV plugged in");
        r.apply(registration("ev-b", B, 30));
        r.apply(registration("ev-a", A, 40));
        r.apply(registration("ev-c", SeededKeys.derive(5, "ev-c"), 50));
        r.apply(submission("ev-b", 0, 45, 1, B), -1); // more than its 30 kWh
        r.apply(submission("ev-a", 0, 10, 1, A), -1);
        Fleet fleet = r.pluggedIn(-0.02);
        assertEquals(2, fleet.size());
        assertEquals(List.of("ev-a", "ev-b"), List.of(fleet.id(0), fleet.id(1)));
        assertEquals(10, fleet.energy(0));
        assertEquals(30, fleet.energy(1));
        assertEquals(-0.02, fleet.a(1));
        assertEquals(0.2, fleet.beta(0));
        assertEquals(0.01, fleet.uIdle(0));

        assertEquals(Outcome.RECORD, r.apply(new EvUnplug("ev-b", 1)));
        assertEquals(Outcome.REJECT, r.apply(new EvUnplug("ev-b", 1)), "already unplugged");
        assertEquals(Outcome.REJECT, r.apply(new EvUnplug("ev-c", 1)), "never plugged in");
        assertEquals(Outcome.REJECT, r.apply(new EvUnplug("ev-x", 1)), "not registered");
        assertEquals(List.of("ev-a"), List.of(r.pluggedIn(Fleet.DEFAULT_A).id(0)));
    }

    @Test
    void settlingMovesEnergyByTheSettlementRuleAndTheRegistryRoundTripsThroughItsExport() {
        EvRegistry r = new EvRegistry();
        r.apply(registration("ev-a", A, 40));
        r.apply(submission("ev-a", 0, 10, 1, A), -1);
        // one discharge step: E0 = 3.75 kWh out of 10
        Settlement st = SettlementRule.settle("ev-a", 0, -1, Market.builder(1.12).build(), 0.9);
        r.settle(st);
        assertEquals(6.25, r.pluggedIn(Fleet.DEFAULT_A).energy(0));

        EvRegistry copy = new EvRegistry();
        copy.restore(r.export());
        assertEquals(r.export().size(), copy.export().size());
        for (int i = 0; i < r.export().size(); i++) {
            SlotMachineState.EvState x = r.export().get(i);
            SlotMachineState.EvState y = copy.export().get(i);
            assertEquals(List.of(x.id(), x.capacity(), x.nonce(), x.plugged(), x.energy(), x.beta(), x.uIdle()),
                    List.of(y.id(), y.capacity(), y.nonce(), y.plugged(), y.energy(), y.beta(), y.uIdle()));
            assertArrayEquals(x.publicKey(), y.publicKey());
        }
        assertEquals(Outcome.REJECT, copy.apply(submission("ev-a", 1, 10, 1, A), 0), "the nonce came across");
    }
}
