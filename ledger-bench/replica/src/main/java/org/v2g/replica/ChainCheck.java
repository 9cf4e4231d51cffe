package org.v2g.replica;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.v2g.ledger.BlockHeader;
import org.v2g.ledger.RecordType;
import org.v2g.ledger.ScpVote;
import org.v2g.ledger.SettlementProof;
import org.v2g.ledger.internal.MerkleTree;
import org.v2g.ledger.internal.Sha256;
import org.v2g.replica.ReplicaRecords.Finality;

/**
 * What a client of the replicated ledger checks, with no trust in any one replica: the hash chain of
 * the headers, a settlement's Merkle path, and a slot's finality (a quorum of valid SCP signatures on
 * the final solution's hash, inside the block).
 *
 * <p>Thread-safety: stateless.
 */
final class ChainCheck {
    private ChainCheck() {
    }

    /** Heights, sequence numbers and previous hashes link every header to the one before. */
    public static boolean chainHolds(List<BlockHeader> headers) {
        byte[] previous = BlockHeader.GENESIS_PREVIOUS_HASH;
        long records = 0;
        for (int h = 0; h < headers.size(); h++) {
            BlockHeader header = headers.get(h);
            if (header.height() != h || header.firstSequence() != records
                    || !Arrays.equals(previous, header.previousHash())) {
                return false;
            }
            previous = header.hash();
            records += header.recordCount();
        }
        return true;
    }

    /** The chain holds and the proof's settlement leads to the Merkle root of its block. */
    public static boolean proofHolds(SettlementProof proof, List<BlockHeader> headers) {
        if (!chainHolds(headers) || proof.height() < 0 || proof.height() >= headers.size()) {
            return false;
        }
        proof.settlement(); // a frame that is not a settlement throws
        BlockHeader header = headers.get((int) proof.height());
        byte[] frame = proof.frame();
        byte[] root = MerkleTree.rootFromPath(Sha256.leaf(frame, 0, frame.length), proof.index(),
                header.recordCount(), proof.siblings());
        return root != null && Arrays.equals(root, header.merkleRoot());
    }

    /**
     * Whether {@code block} (the frames of one sealed block) holds a finality record backed by at
     * least {@code config.quorum()} votes of distinct members, each with a valid signature, for the
     * same solution hash.
     */
    public static boolean finalityHolds(List<Frame> block, ClusterConfig config) {
        Finality finality = null;
        for (Frame f : block) {
            if (f.type() == ReplicaRecords.FINALITY) {
                finality = Finality.decode(f.payload());
            }
        }
        if (finality == null) {
            return false;
        }
        Set<Integer> voters = new TreeSet<>();
        for (Frame f : block) {
            if (f.type() == RecordType.SCP_VOTE.id() && f.ledgerRecord() instanceof ScpVote v
                    && v.slot() == finality.slot() && Arrays.equals(v.solutionHash(), finality.solutionHash())
                    && config.isMember(v.scpId()) && v.verify(config.key(v.scpId()))) {
                voters.add(v.scpId());
            }
        }
        return voters.size() >= config.quorum();
    }
}
