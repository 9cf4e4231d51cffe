package org.v2g.ledger;

import java.util.List;
import java.util.Optional;

/**
 * The read side of a slot ledger: the chain of block headers, the records in sequence order and the
 * settlement proofs a light client checks. Both ledgers give this view: the one-machine
 * {@link SlotLedger} ({@link RingBufferSlotLedger}, {@link SynchronizedSlotLedger}) and the ledger
 * replicated across machines ({@code org.v2g.replica.ReplicatedLedger}), whose blocks every replica
 * builds from the replicated log alone.
 *
 * <p>Thread-safety: implementations are thread-safe.
 */
public interface LedgerView {
    /** {@return number of durable records: records {@code 0 .. durableRecordCount() - 1} are durable} */
    long durableRecordCount();

    /** {@return headers of the durable blocks, in height order} */
    List<BlockHeader> headers();

    /**
     * Visits the durable records in sequence order.
     *
     * @param visitor called once per record
     */
    void forEachRecord(RecordVisitor visitor);

    /**
     * A Merkle inclusion proof of the durable settlement of {@code evId} in {@code slot} (of the slot's final
     * attempt, see {@link SlotClose}); empty if
     * there is none.
     *
     * @param evId the EV
     * @param slot the slot
     * @return the proof, or empty
     */
    Optional<SettlementProof> proof(String evId, long slot);
}
