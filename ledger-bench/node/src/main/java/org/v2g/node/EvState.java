package org.v2g.node;

import java.util.Arrays;
import org.v2g.ledger.EvDeparture;
import org.v2g.ledger.Settlement;
import org.v2g.node.internal.SettlementRule;

/**
 * One EV as a node knows it: its registration, its last accepted preferences, its energy and wallet.
 * The live node and the replay of a ledger ({@link NodeRecovery}) keep the same state in it.
 *
 * <p>Not thread-safe: owned by one node.
 */
final class EvState {
    final String id;
    final double capacity;
    private final byte[] publicKey;
    double energy;
    double beta;
    double a;
    double uIdle;
    double balance;
    boolean plugged;
    /** SPEC section 8: the signed target and last slot of this session, or null without a target. */
    EvDeparture departure;

    EvState(String id, double capacity, byte[] publicKey) {
        this.id = id;
        this.capacity = capacity;
        this.publicKey = publicKey.clone();
    }

    boolean hasKey(byte[] key) {
        return Arrays.equals(publicKey, key);
    }

    /** Takes the preferences of a plug-in; {@code departure} may be null (no target). */
    void plugIn(double energyKwh, double beta, double uIdle, double a, EvDeparture departure) {
        this.energy = energyKwh;
        this.beta = beta;
        this.uIdle = uIdle;
        this.a = a;
        this.plugged = true;
        this.departure = departure;
    }

    /** Whether the EV stated a departure target for its session. */
    boolean hasTarget() {
        return departure != null;
    }

    /** Applies a slot's settlement (SPEC section 4). */
    void settle(Settlement s) {
        energy = SettlementRule.nextEnergy(energy, s, capacity);
        balance += s.cny();
    }
}
