package org.v2g.replica;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.v2g.kernel.DepartureFloors;
import org.v2g.kernel.Fleet;
import org.v2g.ledger.Ed25519;
import org.v2g.ledger.EvDeparture;
import org.v2g.ledger.EvRegistration;
import org.v2g.ledger.EvSubmission;
import org.v2g.ledger.EvUnplug;
import org.v2g.ledger.Settlement;
import org.v2g.node.internal.SettlementRule;

/**
 * The EVs apply knows, part of {@link SlotMachine}: registrations and their keys, each EV's last nonce,
 * whether it is plugged in and its energy and preferences. EVs are kept by id ({@link TreeMap}), so a
 * slot's fleet is in EV-id order on every replica.
 *
 * <p>Rules (docs/REPLICATION.md, "Rules per frame"): a registration is kept if its id is new (the same
 * id with another key is rejected, with the same key ignored); a submission must carry the registered
 * key's signature, a nonce above the EV's last and a slot not yet opened, and plugs the EV in; an
 * unplug needs a plugged-in EV. After a final slot each EV's energy moves by {@link SettlementRule}.
 *
 * <p>Not thread-safe: {@link SlotMachine} holds its lock around every call.
 */
final class EvRegistry {
    private final TreeMap<String, Ev> evs = new TreeMap<>();
    /**
     * The slot of each submission accepted in the entry being applied: a departure is kept only beside its
     * preferences, in the same entry. Between entries it is empty, so no snapshot needs it.
     */
    private final Map<String, Long> submittedInEntry = new HashMap<>();

    /** One EV as apply knows it. */
    private static final class Ev {
        final byte[] publicKey;
        final double capacity;
        long nonce;
        boolean plugged;
        double energy;
        double beta;
        double uIdle;
        /** SPEC section 8: the departure signed with those preferences, null without a target. */
        EvDeparture departure;

        Ev(byte[] publicKey, double capacity) {
            this.publicKey = publicKey;
            this.capacity = capacity;
        }
    }

    /** A registration: recorded if the id is new. */
    Outcome apply(EvRegistration reg) {
        Ev known = evs.get(reg.evId());
        if (known != null) {
            // a repeated registration is a no-op; another key for a known id is refused
            return Arrays.equals(known.publicKey, reg.publicKey()) ? Outcome.IGNORE : Outcome.REJECT;
        }
        evs.put(reg.evId(), new Ev(reg.publicKey(), reg.capacityKwh()));
        return Outcome.RECORD;
    }

    /** A signed submission: plugs the EV in, if signed by its key with a fresh nonce for a slot after {@code lastSlot}. */
    Outcome apply(EvSubmission sub, long lastSlot) {
        Ev ev = evs.get(sub.evId());
        if (ev == null || sub.nonce() <= ev.nonce || sub.slot() <= lastSlot
                || !sub.verify(Ed25519.publicKey(ev.publicKey))) {
            return Outcome.REJECT;
        }
        ev.nonce = sub.nonce();
        ev.plugged = true;
        ev.energy = Math.min(ev.capacity, sub.plugInEnergyKwh());
        ev.beta = sub.beta();
        ev.uIdle = sub.uIdle();
        ev.departure = null;
        submittedInEntry.put(sub.evId(), sub.slot());
        return Outcome.RECORD;
    }

    /**
     * A signed departure target (SPEC section 8): kept if it comes in the same entry as the preferences it
     * belongs to (same EV, same slot; as the one-machine node takes it with the plug-in), signed by the EV's
     * key with a fresh nonce, within its capacity, and its last slot is not yet opened.
     */
    Outcome apply(EvDeparture d, long lastSlot) {
        Ev ev = evs.get(d.evId());
        Long submitted = submittedInEntry.get(d.evId());
        if (ev == null || submitted == null || submitted != d.slot() || d.nonce() <= ev.nonce
                || d.lastSlot() <= lastSlot || d.targetKwh() > ev.capacity
                || !d.verify(Ed25519.publicKey(ev.publicKey))) {
            return Outcome.REJECT;
        }
        ev.nonce = d.nonce();
        ev.departure = d;
        return Outcome.RECORD;
    }

    /** A new log entry begins: departures are matched with the preferences of this entry only. */
    void startEntry() {
        submittedInEntry.clear();
    }

    /** An unplug: the EV takes part in no later slot. */
    Outcome apply(EvUnplug u) {
        Ev ev = evs.get(u.evId());
        if (ev == null || !ev.plugged) {
            return Outcome.REJECT;
        }
        ev.plugged = false;
        return Outcome.RECORD;
    }

    /**
     * The fleet of slot {@code slot} opening now: every plugged-in EV, in id order, with the cluster's
     * battery coefficient and, for an EV with a departure target, its floor for this slot; null if none is
     * plugged in. Changes nothing.
     *
     * @throws org.v2g.kernel.InvalidInputException if the model refuses an EV's values
     */
    Fleet pluggedIn(double batteryA, long slot, double e0) {
        Fleet.Builder b = Fleet.builder();
        boolean any = false;
        for (var e : evs.entrySet()) {
            Ev ev = e.getValue();
            if (ev.plugged) {
                b.add(e.getKey(), ev.capacity, ev.energy, ev.beta, batteryA, ev.uIdle);
                if (ev.departure != null) { // SPEC section 8, the rule the one-machine node applies too
                    b.floor(DepartureFloors.floor(ev.departure.targetKwh(), ev.departure.slotsLeft(slot), e0));
                }
                any = true;
            }
        }
        return any ? b.build() : null;
    }

    /** Moves a settled EV's energy (SPEC section 4, {@link SettlementRule#nextEnergy}). */
    void settle(Settlement st) {
        Ev ev = evs.get(st.evId());
        ev.energy = SettlementRule.nextEnergy(ev.energy, st, ev.capacity);
    }

    boolean isPlugged(String evId) {
        Ev ev = evs.get(evId);
        return ev != null && ev.plugged;
    }

    boolean isRegistered(String evId) {
        return evs.containsKey(evId);
    }

    /** Every EV, by increasing id, as a snapshot holds it. */
    List<SlotMachineState.EvState> export() {
        List<SlotMachineState.EvState> out = new ArrayList<>(evs.size());
        evs.forEach((id, ev) -> out.add(new SlotMachineState.EvState(id, ev.publicKey, ev.capacity, ev.nonce,
                ev.plugged, ev.energy, ev.beta, ev.uIdle, ev.departure)));
        return out;
    }

    /** Replaces every EV by a snapshot's. */
    void restore(List<SlotMachineState.EvState> states) {
        evs.clear();
        submittedInEntry.clear();
        for (SlotMachineState.EvState e : states) {
            Ev ev = new Ev(e.publicKey(), e.capacity());
            ev.nonce = e.nonce();
            ev.plugged = e.plugged();
            ev.energy = e.energy();
            ev.beta = e.beta();
            ev.uIdle = e.uIdle();
            ev.departure = e.departure();
            evs.put(e.id(), ev);
        }
    }
}
