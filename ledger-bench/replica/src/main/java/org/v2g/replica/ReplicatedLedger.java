package org.v2g.replica;

import java.util.List;
import java.util.Optional;

import org.v2g.ledger.BlockHeader;
import org.v2g.ledger.LedgerView;
import org.v2g.ledger.RecordVisitor;
import org.v2g.ledger.SettlementProof;

/**
 * The {@link LedgerView} of one replica of the replicated ledger: the blocks apply built from the
 * committed Raft log. Every record in it is committed on a majority of replicas (a block exists only
 * once its entries are applied, and Raft applies only committed entries), so it is durable in the
 * replicated sense: it survives the loss of any minority of machines.
 *
 * <p>Headers carry a zero signature; finality is the quorum of SCP votes recorded in each slot's block
 * (see docs/REPLICATION.md), so the one-machine {@code SettlementProof.verify} with a sealer key does
 * not apply: check proofs with {@link ChainCheck}.
 *
 * <p>Thread-safety: thread-safe (reads synchronize on the replica's state).
 */
public final class ReplicatedLedger implements LedgerView {
    private final SlotMachine machine;

    /**
     * The read side of a replica's chain.
     *
     * @param machine the replica's state ({@link ReplicaNode#machine()})
     */
    ReplicatedLedger(SlotMachine machine) {
        this.machine = machine;
    }

    @Override
    public long durableRecordCount() {
        return machine.records();
    }

    @Override
    public List<BlockHeader> headers() {
        return machine.headers();
    }

    @Override
    public void forEachRecord(RecordVisitor visitor) {
        machine.forEachRecord(visitor);
    }

    @Override
    public Optional<SettlementProof> proof(String evId, long slot) {
        return machine.proof(evId, slot);
    }
}
