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
import org.v2g.ledger.EvDeparture;
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
        assertNull(r.pluggedIn(Fleet.DEFAULT_A, 0, 3.75), "no EV plugged in");
        r.apply(registration("ev-b", B, 30));
        r.apply(registration("ev-a", A, 40));
        r.apply(registration("ev-c", SeededKeys.derive(5, "ev-c"), 50));
        r.apply(submission("ev-b", 0, 45, 1, B), -1); // more than its 30 kWh
        r.apply(submission("ev-a", 0, 10, 1, A), -1);
        Fleet fleet = r.pluggedIn(-0.02, 0, 3.75);
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
        assertEquals(List.of("ev-a"), List.of(r.pluggedIn(Fleet.DEFAULT_A, 0, 3.75).id(0)));
    }

    @Test
    void settlingMovesEnergyByTheSettlementRuleAndTheRegistryRoundTripsThroughItsExport() {
        EvRegistry r = new EvRegistry();
        r.apply(registration("ev-a", A, 40));
        r.apply(submission("ev-a", 0, 10, 1, A), -1);
        // one discharge step: E0 = 3.75 kWh out of 10
        Settlement st = SettlementRule.settle("ev-a", 0, -1, Market.builder(1.12).build(), 0.9);
        r.settle(st);
        assertEquals(6.25, r.pluggedIn(Fleet.DEFAULT_A, 0, 3.75).energy(0));

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

    @Test
    void aDepartureIsKeptOnlyForThePluggedInEvsLastPreferencesAndGivesItsFloor() {
        EvRegistry r = new EvRegistry();
        r.apply(registration("ev-a", A, 40));
        EvDeparture early = EvDeparture.signed("ev-a", 3, 36, 10, 2, A.getPrivate());
        assertEquals(Outcome.REJECT, r.apply(early, -1), "not plugged in");
        r.apply(submission("ev-a", 3, 10, 1, A), 2);
        assertEquals(Outcome.REJECT, r.apply(EvDeparture.signed("ev-a", 4, 36, 10, 2, A.getPrivate()), 2),
                "for other preferences");
        assertEquals(Outcome.REJECT, r.apply(EvDeparture.signed("ev-a", 3, 36, 10, 1, A.getPrivate()), 2),
                "nonce not above the preferences'");
        assertEquals(Outcome.REJECT, r.apply(EvDeparture.signed("ev-a", 3, 36, 10, 2, B.getPrivate()), 2),
                "another key's signature");
        assertEquals(Outcome.REJECT, r.apply(EvDeparture.signed("ev-a", 3, 41, 10, 2, A.getPrivate()), 2),
                "above capacity");
        assertEquals(Outcome.REJECT, r.apply(EvDeparture.signed("ev-a", 3, 36, 10, 2, A.getPrivate()), 10),
                "last slot already opened");
        assertFalse(r.pluggedIn(Fleet.DEFAULT_A, 3, 3.75).hasFloors(), "no departure, no floors");
        r.startEntry();
        assertEquals(Outcome.REJECT, r.apply(early, 2), "not in the entry of its preferences");
        r.apply(submission("ev-a", 3, 10, 1, A), 2); // refused (nonce used), so still no preferences here
        assertEquals(Outcome.REJECT, r.apply(early, 2), "its preferences were not accepted in this entry");
        EvRegistry fresh = new EvRegistry();
        fresh.apply(registration("ev-a", A, 40));
        fresh.apply(submission("ev-a", 3, 10, 1, A), 2);
        assertEquals(Outcome.RECORD, fresh.apply(early, 2));
        assertEquals(Outcome.REJECT, fresh.apply(early, 2), "a replay");
        r = fresh;
        // SPEC section 8 in slot 9: n = 10 − 9 + 1 = 2 slots left, F = 36 − (2 − 1)·3.75 = 32.25 kWh.
        assertEquals(32.25, r.pluggedIn(Fleet.DEFAULT_A, 9, 3.75).floor(0));
        // In slot 3 (8 slots left) the floor is max(0, 36 − 7·3.75) = 9.75 kWh, below its 10 kWh: not forced.
        assertEquals(9.75, r.pluggedIn(Fleet.DEFAULT_A, 3, 3.75).floor(0));

        EvRegistry copy = new EvRegistry();
        copy.restore(r.export());
        assertEquals(32.25, copy.pluggedIn(Fleet.DEFAULT_A, 9, 3.75).floor(0), "the departure came across");
        assertEquals(Outcome.RECORD, copy.apply(submission("ev-a", 11, 12, 3, A), 10));
        assertFalse(copy.pluggedIn(Fleet.DEFAULT_A, 11, 3.75).hasFloors(), "new preferences end the old target");
    }
}
