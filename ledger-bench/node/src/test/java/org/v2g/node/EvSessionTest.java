package org.v2g.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.v2g.kernel.DepartureFloors;
import org.v2g.kernel.Fleet;
import org.v2g.kernel.Market;
import org.v2g.ledger.Ed25519;
import org.v2g.ledger.EvDeparture;
import org.v2g.ledger.EvSubmission;
import org.v2g.ledger.Settlement;
import org.v2g.node.internal.EvSession;
import org.v2g.node.internal.SeededKeys;
import org.v2g.node.internal.SettlementRule;

/** {@link EvSession}: the per-EV state the node and the replica both keep, and its operations. */
class EvSessionTest {
    private static final KeyPair KEYS = SeededKeys.derive(9, "ev-s");
    private static final byte[] KEY = Ed25519.rawPublicKey(KEYS.getPublic());

    private static EvSubmission preferences(double energy, long nonce) {
        return EvSubmission.signed("ev-s", 3, 0.2, 0.01, energy, nonce, KEYS.getPrivate());
    }

    @Test
    void aNewEvIsUnpluggedWithItsRegistrationAndACopyOfItsKey() {
        byte[] key = KEY.clone();
        EvSession ev = new EvSession("ev-s", 40, key);
        key[0] ^= 1; // the caller's array is not the EV's
        assertTrue(ev.hasKey(KEY));
        assertFalse(ev.hasKey(key));
        assertNotSame(ev.publicKey(), ev.publicKey());
        assertArrayEquals(KEY, ev.publicKey());
        assertEquals(List.of("ev-s", 40.0, 0L, false, 0.0, 0.0), List.of(ev.id(), ev.capacity(), ev.nonce(),
                ev.isPlugged(), ev.energy(), ev.balance()));
        assertFalse(ev.hasTarget());
    }

    @Test
    void theNodesPlugInKeepsTheSignedEnergyAsItIsWithItsCoefficientAndDeparture() {
        EvSession ev = new EvSession("ev-s", 40, KEY);
        EvDeparture d = EvDeparture.signed("ev-s", 3, 36, 10, 2, KEYS.getPrivate());
        ev.plugIn(preferences(45, 1), -0.03, d); // above capacity: the node refused such values before
        assertTrue(ev.isPlugged());
        assertEquals(45, ev.energy());
        assertEquals(0.2, ev.beta());
        assertEquals(0.01, ev.uIdle());
        assertEquals(-0.03, ev.a());
        assertSame(d, ev.departure());
        assertEquals(0, ev.nonce(), "the node keeps nonces in its gate");
        ev.plugIn(preferences(12, 3), -0.02, null);
        assertFalse(ev.hasTarget(), "a plug-in without a target ends the last one");
        assertEquals(12, ev.energy());
    }

    @Test
    void theReplicasPlugInClampsToTheCapacityDropsTheLastTargetAndTakesTheNonces() {
        EvSession ev = new EvSession("ev-s", 40, KEY);
        EvDeparture d = EvDeparture.signed("ev-s", 3, 36, 10, 2, KEYS.getPrivate());
        ev.plugInClamped(preferences(45, 1));
        assertEquals(40, ev.energy());
        assertEquals(1, ev.nonce());
        assertEquals(0, ev.a(), "a replica's fleet takes its cluster's coefficient");
        ev.depart(d);
        assertSame(d, ev.departure());
        assertEquals(2, ev.nonce());
        ev.plugInClamped(preferences(10, 3));
        assertEquals(10, ev.energy());
        assertEquals(3, ev.nonce());
        assertNull(ev.departure(), "the new preferences' target, if any, comes after them");
        ev.unplug();
        assertFalse(ev.isPlugged());
    }

    @Test
    void theFloorIsTheDepartureRuleAndNeedsATarget() {
        EvSession ev = new EvSession("ev-s", 40, KEY);
        ev.plugIn(preferences(10, 1), Fleet.DEFAULT_A, null);
        assertThrows(IllegalStateException.class, () -> ev.floorAt(9, 3.75));
        ev.plugIn(preferences(10, 1), Fleet.DEFAULT_A, EvDeparture.signed("ev-s", 3, 36, 10, 2, KEYS.getPrivate()));
        // SPEC section 8 in slot 9: n = 10 − 9 + 1 = 2 slots left, F = 36 − (2 − 1)·3.75 = 32.25 kWh.
        assertEquals(32.25, ev.floorAt(9, 3.75));
        // past its last slot it counts one slot left: the whole target
        assertEquals(36, ev.floorAt(12, 3.75));
        assertEquals(DepartureFloors.floor(36, 8, 3.75), ev.floorAt(3, 3.75));
    }

    @Test
    void itJoinsAFleetWithTheGivenCoefficient() {
        EvSession ev = new EvSession("ev-s", 40, KEY);
        ev.plugIn(preferences(10, 1), -0.03, null);
        Fleet.Builder b = Fleet.builder();
        ev.addTo(b, -0.05);
        Fleet f = b.build();
        assertEquals(List.of("ev-s", 40.0, 10.0, 0.2, -0.05, 0.01),
                List.of(f.id(0), f.capacity(0), f.energy(0), f.beta(0), f.a(0), f.uIdle(0)));
    }

    @Test
    void settlingMovesTheEnergyByTheRuleAndOnlyTheNodesSettleMovesTheWallet() {
        Market market = Market.builder(1.12).build();
        Settlement charge = SettlementRule.settle("ev-s", 0, 1, market, 0.9);
        Settlement discharge = SettlementRule.settle("ev-s", 1, -1, market, 0.9);
        EvSession node = new EvSession("ev-s", 40, KEY);
        node.plugIn(preferences(38, 1), Fleet.DEFAULT_A, null);
        node.settle(charge);
        assertEquals(SettlementRule.nextEnergy(38, charge, 40), node.energy());
        assertEquals(40, node.energy(), "clamped to the capacity");
        node.settle(discharge);
        assertEquals(charge.cny() + discharge.cny(), node.balance());
        assertTrue(node.balance() != 0);

        EvSession replica = new EvSession("ev-s", 40, KEY);
        replica.plugInClamped(preferences(38, 1));
        replica.settleEnergy(charge);
        replica.settleEnergy(discharge);
        assertEquals(node.energy(), replica.energy());
        assertEquals(0, replica.balance());
    }

    @Test
    void aRestoredEvHasExactlyTheGivenValues() {
        EvDeparture d = EvDeparture.signed("ev-s", 3, 36, 10, 2, KEYS.getPrivate());
        EvSession ev = EvSession.restored("ev-s", KEY, 40, 7, true, 12.5, 0.3, 0.02, d);
        assertEquals(List.of("ev-s", 40.0, 7L, true, 12.5, 0.3, 0.02), List.of(ev.id(), ev.capacity(),
                ev.nonce(), ev.isPlugged(), ev.energy(), ev.beta(), ev.uIdle()));
        assertSame(d, ev.departure());
        assertTrue(ev.hasKey(KEY));
    }
}
