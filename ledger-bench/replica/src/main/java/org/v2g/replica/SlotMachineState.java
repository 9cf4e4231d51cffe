package org.v2g.replica;

import java.util.List;

import org.v2g.kernel.Fleet;
import org.v2g.ledger.EvDeparture;
import org.v2g.kernel.Market;
import org.v2g.ledger.PartialResult;
import org.v2g.ledger.SlotMarket;
import org.v2g.ledger.SlotSolution;
import org.v2g.node.internal.EvSession;
import org.v2g.replica.ReplicaRecords.Event;

/**
 * Everything {@link SlotMachine#apply} reads, as plain immutable values: what a snapshot holds
 * ({@link SlotMachineSnapshot} writes it), so that a machine restored from it applies the next entries
 * exactly as the machine it was taken from.
 *
 * @param applied  log entries applied
 * @param lastSlot the last slot opened, -1 before the first
 * @param market   the market waiting for its slot's opening, or null
 * @param evs      the EV registry, by increasing id
 * @param events   every event recorded, in log order
 * @param finals   each final slot's solution, by increasing slot
 * @param open     the slot being solved, or null
 * @param blocks   the sealed blocks, oldest first
 * @param pending  the frames added since the last seal
 */
record SlotMachineState(long applied, long lastSlot, SlotMarket market, List<EvState> evs, List<Event> events,
                        List<SlotSolution> finals, OpenState open, List<Chain.Block> blocks, List<Frame> pending) {
    SlotMachineState {
        evs = List.copyOf(evs);
        events = List.copyOf(events);
        finals = List.copyOf(finals);
        blocks = List.copyOf(blocks);
        pending = List.copyOf(pending);
    }

    /**
     * One registered EV.
     *
     * @param departure its signed departure target for its last preferences (SPEC section 8), or null
     */
    record EvState(String id, byte[] publicKey, double capacity, long nonce, boolean plugged, double energy,
                   double beta, double uIdle, EvDeparture departure) {
        EvState {
            publicKey = publicKey.clone();
        }

        /** The snapshot value of a registry's EV: the only place a session becomes a value. */
        static EvState of(EvSession ev) {
            return new EvState(ev.id(), ev.publicKey(), ev.capacity(), ev.nonce(), ev.isPlugged(), ev.energy(),
                    ev.beta(), ev.uIdle(), ev.departure());
        }

        /** The registry's EV this value restores: the only place a value becomes a session. */
        EvSession toSession() {
            return EvSession.restored(id, publicKey, capacity, nonce, plugged, energy, beta, uIdle, departure);
        }

        @Override
        public byte[] publicKey() {
            return publicKey.clone();
        }
    }

    /** A grid share: its range, its current owner and its accepted result (null while none). */
    record ShareState(int k0, int k1, int owner, PartialResult result) {
    }

    /** One SCP's vote in the open slot: the solution it voted for. */
    record Ballot(int scp, SlotSolution solution) {
    }

    /**
     * The slot being solved.
     *
     * @param fleet    the plugged-in EVs at the opening, in id order (their ids are the settlement order)
     * @param ballots  votes in arrival (log) order
     * @param faulty   SCPs caught lying in this slot, by increasing id
     */
    record OpenState(long slot, long timeMicros, Market market, Fleet fleet, List<ShareState> shares,
                     List<Ballot> ballots, List<Integer> faulty, int deadlines) {
        OpenState {
            shares = List.copyOf(shares);
            ballots = List.copyOf(ballots);
            faulty = List.copyOf(faulty);
        }
    }
}
