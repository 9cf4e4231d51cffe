package org.v2g.node.internal;

import java.util.Arrays;
import org.v2g.kernel.DepartureFloors;
import org.v2g.kernel.Fleet;
import org.v2g.ledger.EvDeparture;
import org.v2g.ledger.EvSubmission;
import org.v2g.ledger.Settlement;

/**
 * One registered EV and its current session, written once for the one-machine node (its live state and
 * the ledger replay) and the replica's {@code EvRegistry}: the registration (id, capacity, key), the last
 * accepted preferences (energy, β, U_idle, the battery coefficient {@code a}), the departure target
 * (SPEC section 8), whether it is plugged in, and what settling moves (energy, and the node's wallet).
 *
 * <p>The two sides take a plug-in differently, each as it always has: the node records the signed energy
 * as it is, after it validated it against the capacity ({@link #plugIn}); a replica, which applies what the
 * log holds, clamps it to the capacity and takes the departure from a later frame of the same entry
 * ({@link #plugInClamped}, {@link #depart}). The rules of what is accepted stay with each caller; this
 * class only keeps the state.
 *
 * <p>Not thread-safe: owned by one node or one state machine.
 */
public final class EvSession {
    private final String id;
    private final double capacity;
    private final byte[] publicKey;
    /** The last nonce a replica accepted; the node keeps its nonces in its submission gate, this stays 0. */
    private long nonce;
    private boolean plugged;
    private double energy;
    private double beta;
    private double uIdle;
    /** The node's per plug-in coefficient; a replica's fleet takes its cluster's, this stays 0. */
    private double a;
    /** The node's wallet; a replica keeps money only in its chain's settlements, this stays 0. */
    private double balance;
    /** SPEC section 8: the signed target and last slot of this session, or null without a target. */
    private EvDeparture departure;

    /**
     * A newly registered EV, unplugged, with no preferences yet.
     *
     * @param id        the EV's id
     * @param capacity  {@code C_i}, kWh
     * @param publicKey its raw Ed25519 public key (copied)
     */
    public EvSession(String id, double capacity, byte[] publicKey) {
        this.id = id;
        this.capacity = capacity;
        this.publicKey = publicKey.clone();
    }

    /**
     * A replica's EV as a snapshot holds it (no {@code a}, no balance: a replica keeps neither).
     *
     * @param id        the EV's id
     * @param publicKey its raw Ed25519 public key (copied)
     * @param capacity  {@code C_i}, kWh
     * @param nonce     the last nonce accepted
     * @param plugged   whether it takes part in the next slot
     * @param energy    stored energy, kWh
     * @param beta      its β
     * @param uIdle     its U_idle
     * @param departure its departure target, or null
     * @return the EV with exactly these values
     */
    public static EvSession restored(String id, byte[] publicKey, double capacity, long nonce, boolean plugged,
                                     double energy, double beta, double uIdle, EvDeparture departure) {
        EvSession ev = new EvSession(id, capacity, publicKey);
        ev.nonce = nonce;
        ev.plugged = plugged;
        ev.energy = energy;
        ev.beta = beta;
        ev.uIdle = uIdle;
        ev.departure = departure;
        return ev;
    }

    /**
     * The node's plug-in: takes the preferences with the signed energy as it is (the node checked it
     * against the capacity first) and the departure that came with them.
     *
     * @param preferences the EV's signed β, U_idle and stored energy
     * @param a           the battery coefficient the aggregator set for this plug-in
     * @param departure   the signed target for these preferences, or null for none
     */
    public void plugIn(EvSubmission preferences, double a, EvDeparture departure) {
        take(preferences.plugInEnergyKwh(), preferences);
        this.a = a;
        this.departure = departure;
    }

    /**
     * A replica's plug-in: takes the preferences and their nonce, the energy clamped to the capacity, and
     * drops the last session's target (its own comes, if at all, as {@link #depart}).
     *
     * @param preferences the EV's signed β, U_idle, stored energy and nonce
     */
    public void plugInClamped(EvSubmission preferences) {
        take(Math.min(capacity, preferences.plugInEnergyKwh()), preferences);
        this.nonce = preferences.nonce();
        this.departure = null;
    }

    private void take(double energyKwh, EvSubmission preferences) {
        this.energy = energyKwh;
        this.beta = preferences.beta();
        this.uIdle = preferences.uIdle();
        this.plugged = true;
    }

    /**
     * A replica takes the departure target of the preferences it took last, and its nonce.
     *
     * @param d the signed target and last slot
     */
    public void depart(EvDeparture d) {
        this.nonce = d.nonce();
        this.departure = d;
    }

    /** The EV leaves: it takes part in no later slot until it plugs in again. */
    public void unplug() {
        plugged = false;
    }

    /**
     * Adds this EV to a slot's fleet with its current energy and preferences.
     *
     * @param fleet   the slot's builder
     * @param batteryA the battery coefficient to give it (the node's per EV, a replica's per cluster)
     */
    public void addTo(Fleet.Builder fleet, double batteryA) {
        fleet.add(id, capacity, energy, beta, batteryA, uIdle);
    }

    /**
     * SPEC section 8: this EV's floor in {@code slot}, by {@link DepartureFloors#floor} (an EV past its
     * stated last slot counts one slot left).
     *
     * @param slot the slot opening
     * @param e0   the slot's {@code E0}
     * @return the floor, kWh
     * @throws IllegalStateException if the EV has no target
     */
    public double floorAt(long slot, double e0) {
        if (departure == null) {
            throw new IllegalStateException("ev=" + id + " has no departure target");
        }
        return DepartureFloors.floor(departure.targetKwh(), departure.slotsLeft(slot), e0);
    }

    /**
     * A final slot's settlement moves the stored energy ({@link SettlementRule#nextEnergy}); the wallet
     * is the node's, see {@link #settle}.
     *
     * @param s this EV's settlement
     */
    public void settleEnergy(Settlement s) {
        energy = SettlementRule.nextEnergy(energy, s, capacity);
    }

    /**
     * The node's settlement (SPEC section 4): moves the energy as {@link #settleEnergy} and the wallet by
     * the settlement's CNY.
     *
     * @param s this EV's settlement
     */
    public void settle(Settlement s) {
        settleEnergy(s);
        balance += s.cny();
    }

    /**
     * Whether {@code key} is the registered key.
     *
     * @param key a raw Ed25519 public key
     * @return true if it is the same bytes
     */
    public boolean hasKey(byte[] key) {
        return Arrays.equals(publicKey, key);
    }

    /** {@return the EV's id} */
    public String id() {
        return id;
    }

    /** {@return its registered capacity {@code C_i}, kWh} */
    public double capacity() {
        return capacity;
    }

    /** {@return a copy of its raw Ed25519 public key} */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** {@return the last nonce a replica accepted, 0 before any (the node leaves it 0)} */
    public long nonce() {
        return nonce;
    }

    /** {@return whether it takes part in the next slot} */
    public boolean isPlugged() {
        return plugged;
    }

    /** {@return its stored energy, kWh, after the last settled slot} */
    public double energy() {
        return energy;
    }

    /** {@return the β of its last preferences} */
    public double beta() {
        return beta;
    }

    /** {@return the U_idle of its last preferences} */
    public double uIdle() {
        return uIdle;
    }

    /** {@return the battery coefficient of its last plug-in at the node (0 at a replica)} */
    public double a() {
        return a;
    }

    /** {@return its wallet at the node, CNY received minus paid (0 at a replica)} */
    public double balance() {
        return balance;
    }

    /** {@return its departure target for its last preferences, or null} */
    public EvDeparture departure() {
        return departure;
    }

    /** {@return whether it stated a departure target for its session} */
    public boolean hasTarget() {
        return departure != null;
    }
}
