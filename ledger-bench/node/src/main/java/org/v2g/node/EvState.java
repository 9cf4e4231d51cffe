package org.v2g.node;

import java.util.Arrays;
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

    EvState(String id, double capacity, byte[] publicKey) {
        this.id = id;
        this.capacity = capacity;
        this.publicKey = publicKey.clone();
    }

    boolean hasKey(byte[] key) {
        return Arrays.equals(publicKey, key);
    }

    /** Takes the preferences of a plug-in. */
    void plugIn(double energyKwh, double beta, double uIdle, double a) {
        this.energy = energyKwh;
        this.beta = beta;
        this.uIdle = uIdle;
        this.a = a;
        this.plugged = true;
    }

    /** Applies a slot's settlement (SPEC section 4). */
    void settle(Settlement s) {
        energy = SettlementRule.nextEnergy(energy, s, capacity);
        balance += s.cny();
    }
}
