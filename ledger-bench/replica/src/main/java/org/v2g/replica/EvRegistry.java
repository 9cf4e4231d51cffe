package org.v2g.replica;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.v2g.kernel.Fleet;
import org.v2g.ledger.Ed25519;
import org.v2g.ledger.EvDeparture;
import org.v2g.ledger.EvRegistration;
import org.v2g.ledger.EvSubmission;
import org.v2g.ledger.EvUnplug;
import org.v2g.ledger.Settlement;
import org.v2g.node.internal.EvSession;
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
 * <p>Each EV's state is the shared {@link EvSession} (the one-machine node keeps the same); the rules of
 * what is accepted are this class's.
 *
 * <p>Not thread-safe: {@link SlotMachine} holds its lock around every call.
 */
final class EvRegistry {
    private final TreeMap<String, EvSession> evs = new TreeMap<>();
    /**
     * The slot of each submission accepted in the entry being applied: a departure is kept only beside its
     * preferences, in the same entry. Between entries it is empty, so no snapshot needs it.
     */
    private final Map<String, Long> submittedInEntry = new HashMap<>();

    /** A registration: recorded if the id is new. */
    Outcome apply(EvRegistration reg) {
        EvSession known = evs.get(reg.evId());
        if (known != null) {
            // a repeated registration is a no-op; another key for a known id is refused
            return known.hasKey(reg.publicKey()) ? Outcome.IGNORE : Outcome.REJECT;
        }
        evs.put(reg.evId(), new EvSession(reg.evId(), reg.capacityKwh(), reg.publicKey()));
        return Outcome.RECORD;
    }

    /** A signed submission: plugs the EV in, if signed by its key with a fresh nonce for a slot after {@code lastSlot}. */
    Outcome apply(EvSubmission sub, long lastSlot) {
        EvSession ev = evs.get(sub.evId());
        if (ev == null || sub.nonce() <= ev.nonce() || sub.slot() <= lastSlot
                || !sub.verify(Ed25519.publicKey(ev.publicKey()))) {
            return Outcome.REJECT;
        }
        ev.plugInClamped(sub);
        submittedInEntry.put(sub.evId(), sub.slot());
        return Outcome.RECORD;
    }

    /**
     * A signed departure target (SPEC section 8): kept if it comes in the same entry as the preferences it
     * belongs to (same EV, same slot; as the one-machine node takes it with the plug-in), signed by the EV's
     * key with a fresh nonce, within its capacity, and its last slot is not yet opened.
     */
    Outcome apply(EvDeparture d, long lastSlot) {
        EvSession ev = evs.get(d.evId());
        Long submitted = submittedInEntry.get(d.evId());
        if (ev == null || submitted == null || submitted != d.slot() || d.nonce() <= ev.nonce()
                || d.lastSlot() <= lastSlot || d.targetKwh() > ev.capacity()
                || !d.verify(Ed25519.publicKey(ev.publicKey()))) {
            return Outcome.REJECT;
        }
        ev.depart(d);
        return Outcome.RECORD;
    }

    /** A new log entry begins: departures are matched with the preferences of this entry only. */
    void startEntry() {
        submittedInEntry.clear();
    }

    /** An unplug: the EV takes part in no later slot. */
    Outcome apply(EvUnplug u) {
        EvSession ev = evs.get(u.evId());
        if (ev == null || !ev.isPlugged()) {
            return Outcome.REJECT;
        }
        ev.unplug();
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
        for (EvSession ev : evs.values()) {
            if (ev.isPlugged()) {
                ev.addTo(b, batteryA);
                if (ev.hasTarget()) { // SPEC section 8, the rule the one-machine node applies too
                    b.floor(ev.floorAt(slot, e0));
                }
                any = true;
            }
        }
        return any ? b.build() : null;
    }

    /** Moves a settled EV's energy (SPEC section 4, {@link SettlementRule#nextEnergy}). */
    void settle(Settlement st) {
        evs.get(st.evId()).settleEnergy(st);
    }

    boolean isPlugged(String evId) {
        EvSession ev = evs.get(evId);
        return ev != null && ev.isPlugged();
    }

    boolean isRegistered(String evId) {
        return evs.containsKey(evId);
    }

    /** Every EV, by increasing id, as a snapshot holds it. */
    List<SlotMachineState.EvState> export() {
        List<SlotMachineState.EvState> out = new ArrayList<>(evs.size());
        evs.values().forEach(ev -> out.add(SlotMachineState.EvState.of(ev)));
        return out;
    }

    /** Replaces every EV by a snapshot's. */
    void restore(List<SlotMachineState.EvState> states) {
        evs.clear();
        submittedInEntry.clear();
        for (SlotMachineState.EvState e : states) {
            evs.put(e.id(), e.toSession());
        }
    }
}
