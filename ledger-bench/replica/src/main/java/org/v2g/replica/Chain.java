package org.v2g.replica;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.agrona.concurrent.UnsafeBuffer;
import org.v2g.ledger.BlockHeader;
import org.v2g.ledger.Ed25519;
import org.v2g.ledger.RecordType;
import org.v2g.ledger.RecordVisitor;
import org.v2g.ledger.Settlement;
import org.v2g.ledger.SettlementProof;
import org.v2g.ledger.internal.MerkleTree;
import org.v2g.ledger.internal.Sha256;

/**
 * The replicated chain: blocks in the ledger's format (same frames, Merkle tree and 168-byte header)
 * built only from what apply hands it, so every replica that applied the same log holds the same bytes.
 *
 * <p>Headers carry no single-SCP signature: their 64 signature bytes are zero. What makes a slot's
 * block final is the quorum of SCP-signed votes recorded in it (see {@link ReplicaRecords.Finality});
 * a header signed by one sealer would only prove that one machine saw it. The header hash (bytes
 * [0, 104)) chains blocks exactly as in the one-machine ledger; the timestamp is the slot's declared time.
 *
 * <p>Not thread-safe: apply owns it; readers go through {@link ReplicatedLedger}.
 */
final class Chain {
    /** The zero signature of every replicated header. */
    static final byte[] NO_SIGNATURE = new byte[Ed25519.SIGNATURE_LENGTH];

    /** A sealed block: its header and frames. */
    record Block(BlockHeader header, List<Frame> frames) {
    }

    private final List<Block> blocks = new ArrayList<>();
    private final List<Frame> pending = new ArrayList<>();
    private long records;
    private byte[] previousHash = BlockHeader.GENESIS_PREVIOUS_HASH;

    void add(Frame frame) {
        pending.add(frame);
    }

    void add(ReplicaRecords.AppRecord record) {
        pending.add(Frame.of(record));
    }

    /** Seals the pending frames into the next block stamped {@code timeMicros}; no-op when none. */
    void seal(long timeMicros) {
        if (pending.isEmpty()) {
            return;
        }
        byte[][] leaves = new byte[pending.size()][];
        int recordsLength = 0;
        for (int i = 0; i < leaves.length; i++) {
            byte[] frame = pending.get(i).frameBytes();
            leaves[i] = Sha256.leaf(frame, 0, frame.length);
            recordsLength += frame.length;
        }
        BlockHeader header = new BlockHeader(blocks.size(), records, timeMicros, leaves.length, recordsLength,
                previousHash, MerkleTree.root(leaves, leaves.length), NO_SIGNATURE);
        blocks.add(new Block(header, List.copyOf(pending)));
        records += leaves.length;
        previousHash = header.hash();
        pending.clear();
    }

    List<BlockHeader> headers() {
        return blocks.stream().map(Block::header).toList();
    }

    int height() {
        return blocks.size();
    }

    long records() {
        return records;
    }

    /** The header hash of the last block (32 zero bytes before the first block). */
    byte[] headHash() {
        return previousHash.clone();
    }

    void forEachRecord(RecordVisitor visitor) {
        long sequence = 0;
        for (Block b : blocks) {
            for (Frame f : b.frames()) {
                byte[] payload = f.payload();
                visitor.onRecord(sequence++, f.type(), new UnsafeBuffer(payload), 0, payload.length);
            }
        }
    }

    Optional<SettlementProof> proof(String evId, long slot) {
        for (Block b : blocks) {
            List<Frame> frames = b.frames();
            for (int i = 0; i < frames.size(); i++) {
                Frame f = frames.get(i);
                if (f.type() != RecordType.SETTLEMENT.id()) {
                    continue;
                }
                Settlement s = (Settlement) f.ledgerRecord();
                if (s.evId().equals(evId) && s.slot() == slot) {
                    byte[][] leaves = new byte[frames.size()][];
                    for (int j = 0; j < leaves.length; j++) {
                        byte[] frame = frames.get(j).frameBytes();
                        leaves[j] = Sha256.leaf(frame, 0, frame.length);
                    }
                    return Optional.of(new SettlementProof(b.header().height(), i, f.frameBytes(),
                            MerkleTree.path(leaves, leaves.length, i)));
                }
            }
        }
        return Optional.empty();
    }

    /** The frames of block {@code height}. */
    List<Frame> frames(int height) {
        return blocks.get(height).frames();
    }

    /** The sealed blocks, oldest first (a copy; blocks are immutable). */
    List<Block> blocks() {
        return List.copyOf(blocks);
    }

    /** The frames added since the last seal (a copy). */
    List<Frame> pending() {
        return List.copyOf(pending);
    }

    /**
     * Checks that each block follows the one before it (height, first sequence, previous hash) and that
     * its header commits to its frames (record count, records length, Merkle root).
     *
     * @return the number of records in the blocks
     * @throws IllegalArgumentException naming the first block that does not hold
     */
    static long verify(List<Block> chain) {
        long sequence = 0;
        byte[] previous = BlockHeader.GENESIS_PREVIOUS_HASH;
        for (int h = 0; h < chain.size(); h++) {
            Block b = chain.get(h);
            BlockHeader header = b.header();
            byte[][] leaves = new byte[b.frames().size()][];
            int recordsLength = 0;
            for (int i = 0; i < leaves.length; i++) {
                byte[] frame = b.frames().get(i).frameBytes();
                leaves[i] = Sha256.leaf(frame, 0, frame.length);
                recordsLength += frame.length;
            }
            if (header.height() != h || header.firstSequence() != sequence
                    || !Arrays.equals(header.previousHash(), previous) || header.recordCount() != leaves.length
                    || header.recordsLength() != recordsLength
                    || !Arrays.equals(header.merkleRoot(), MerkleTree.root(leaves, leaves.length))) {
                throw new IllegalArgumentException("block does not hold: height=" + h);
            }
            sequence += leaves.length;
            previous = header.hash();
        }
        return sequence;
    }

    /**
     * Replaces this chain by {@code restored} blocks and {@code unsealed} frames, as a snapshot holds them;
     * nothing changes if the blocks do not hold ({@link #verify}).
     *
     * @throws IllegalArgumentException naming the first block that does not hold
     */
    void restore(List<Block> restored, List<Frame> unsealed) {
        long sequence = verify(restored);
        byte[] previous = restored.isEmpty() ? BlockHeader.GENESIS_PREVIOUS_HASH
                : restored.get(restored.size() - 1).header().hash();
        blocks.clear();
        blocks.addAll(restored);
        pending.clear();
        pending.addAll(unsealed);
        records = sequence;
        previousHash = previous;
    }
}
