package org.v2g.ledger;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.v2g.kernel.InvalidInputException;
import org.v2g.ledger.internal.MerkleTree;
import org.v2g.ledger.internal.Sha256;
import org.v2g.ledger.internal.Sha256Batch;
import org.v2g.ledger.internal.Sha256Batches;

/**
 * The Merkle root of one block, cut into aligned subtrees of {@value #CHUNK} leaves (version 1) or of
 * {@value #GROUP_CHUNK} groups of 16 records whose leaves the claiming thread hashes first (version 2,
 * {@link #grouped}) that any thread may
 * hash: the sealer that owns the job, a producer that found the ring full and would otherwise spin
 * ({@link RingBufferSlotLedger}), or a pool thread. Each subtree is claimed once with an atomic counter and
 * reduced in place in the block's leaf array; the owner then joins the subtree roots with the same
 * pairing rule, which gives the sequential root bit for bit (see {@link MerkleTree}).
 *
 * <p>Thread-safety: {@link #helpOnce} from any thread; {@link #root} from the owner only, once. The leaf
 * array must not be reused before {@link #root} returns: until then a claimed subtree may still be
 * written, and once every subtree is claimed a late helper finds nothing to do.
 */
final class MerkleJob {
    /**
     * Leaves per subtree (a power of two): 127 node hashes, a few microseconds of a helper's time. Large
     * enough that most of a subtree's nodes fill the lanes of a vector batch ({@code VectorSha256}):
     * with 16 lanes the levels of 64, 32 and 16 nodes are full, the last four are one batch or a few
     * single digests each.
     */
    static final int CHUNK = 128;

    /**
     * Groups of frames per subtree in version 2 (a power of two): 16 group digests of about 19
     * compressions each (16 settlements) and 15 nodes, one full batch of a 16-lane vector.
     */
    static final int GROUP_CHUNK = 16;

    private final byte[] leaves;
    private final int count;
    /** Version 2: the block's bytes and where each group of frames lies in it; {@code null} in version 1. */
    private final byte[] block;
    private final int[] groupOffsets;
    private final int[] groupLengths;
    private final int chunk;
    private final int chunks;
    private final AtomicInteger nextChunk = new AtomicInteger();
    private final AtomicInteger doneChunks = new AtomicInteger();

    /** A job over the first {@code count} leaves of {@code leaves} (32 bytes each, back to back). */
    MerkleJob(byte[] leaves, int count) {
        if (count < 1) {
            throw new InvalidInputException("count", "merkle_tree", count, "must be >= 1 (a tree needs a leaf)");
        }
        this.leaves = leaves;
        this.count = count;
        this.block = null;
        this.groupOffsets = null;
        this.groupLengths = null;
        this.chunk = CHUNK;
        this.chunks = (count + CHUNK - 1) / CHUNK;
    }

    private MerkleJob(byte[] block, int[] groupOffsets, int[] groupLengths, byte[] leaves) {
        this.leaves = leaves;
        this.count = groupOffsets.length;
        this.block = block;
        this.groupOffsets = groupOffsets;
        this.groupLengths = groupLengths;
        this.chunk = GROUP_CHUNK;
        this.chunks = (count + GROUP_CHUNK - 1) / GROUP_CHUNK;
    }

    /**
     * A version-2 job: group {@code g} is the message {@code 0x00 || block[groupOffsets[g], +groupLengths[g])};
     * its leaf is hashed into {@code leaves} (32 bytes a group, scratch) by whoever claims its subtree.
     */
    static MerkleJob grouped(byte[] block, int[] groupOffsets, int[] groupLengths, byte[] leaves) {
        if (groupOffsets.length < 1 || groupLengths.length != groupOffsets.length
            || leaves.length < groupOffsets.length * Sha256.LENGTH) {
            throw new InvalidInputException("groups", "merkle_tree", groupOffsets.length,
                "must be >= 1 with a length each and 32 bytes of leaf space each");
        }
        return new MerkleJob(block, groupOffsets, groupLengths, leaves);
    }

    /** Subtrees in this job. */
    int chunks() {
        return chunks;
    }

    /** Hashes one unclaimed subtree with this thread's {@link Sha256Batch}; false if none was left. */
    boolean helpOnce() {
        int c = nextChunk.getAndIncrement();
        if (c >= chunks) {
            return false;
        }
        int from = c * chunk;
        int n = Math.min(chunk, count - from);
        Sha256Batch batch = Sha256Batches.forThread();
        if (block != null) {
            // version 2: the subtree's group leaves first, straight from the block's bytes, in one batch
            batch.hash(Sha256.LEAF_PREFIX, block, Arrays.copyOfRange(groupOffsets, from, from + n),
                Arrays.copyOfRange(groupLengths, from, from + n), n, leaves, from * Sha256.LENGTH);
        }
        MerkleTree.reduceInPlace(leaves, from, n, batch);
        doneChunks.incrementAndGet();
        return true;
    }

    /** Hashes what no helper took, waits for the helpers' subtrees and joins them: the root. */
    byte[] root() {
        while (helpOnce()) {
            // the owner works too; helpers only take subtrees it has not reached yet
        }
        int spins = 0;
        while (doneChunks.get() < chunks) {
            // a helper holds the last subtrees; it may have been descheduled, so do not spin for long
            if (++spins < 100) {
                Thread.onSpinWait();
            } else if (spins < 200) {
                Thread.yield();
            } else {
                LockSupport.parkNanos(1_000);
            }
        }
        byte[] tops = new byte[chunks * Sha256.LENGTH];
        for (int c = 0; c < chunks; c++) {
            System.arraycopy(leaves, c * chunk * Sha256.LENGTH, tops, c * Sha256.LENGTH, Sha256.LENGTH);
        }
        MerkleTree.reduceInPlace(tops, 0, chunks, Sha256Batches.forThread());
        return Arrays.copyOf(tops, Sha256.LENGTH);
    }
}
