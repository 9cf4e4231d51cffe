package org.v2g.replica;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.v2g.ledger.SlotSolution;
import org.v2g.replica.ReplicaRecords.Event;

/**
 * One consistent read of a replica's state, what a node's operator and the command line show: the chain's
 * height, records and head, the last slot opened and whether it is still open, the final solutions and
 * the recorded events.
 *
 * @param height    blocks sealed
 * @param records   records in the chain, sealed or not
 * @param lastSlot  the last slot opened, -1 before any
 * @param openSlot  whether that slot is still being solved
 * @param finals    the final solution of every slot that reached its quorum, by slot
 * @param events    the recorded events (liars caught, shares moved, slots without a quorum), in log order
 * @param headHash  the hash of the last sealed block's header (32 bytes)
 */
public record ReplicaStatus(int height, long records, long lastSlot, boolean openSlot, Map<Long, SlotSolution> finals,
                            List<Event> events, byte[] headHash) {
    /** Copies the collections and the hash; finals in slot order. */
    public ReplicaStatus {
        finals = Map.copyOf(finals);
        events = List.copyOf(events);
        headHash = headHash.clone();
    }

    /** {@return the final solutions in slot order} */
    public TreeMap<Long, SlotSolution> finalsBySlot() {
        return new TreeMap<>(finals);
    }

    /** {@return a copy of the head hash} */
    @Override
    public byte[] headHash() {
        return headHash.clone();
    }
}
