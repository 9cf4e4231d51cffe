package org.v2g.ledger;

import static org.v2g.ledger.internal.BlockDescriptor.HEADER_LENGTH;
import static org.v2g.ledger.internal.BlockDescriptor.SIGNATURE_OFFSET;
import static org.v2g.ledger.internal.BlockDescriptor.TRAILER_LENGTH;

import java.nio.ByteOrder;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.zip.CRC32C;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.v2g.ledger.internal.BlockDescriptor;
import org.v2g.ledger.internal.FileHeaderDescriptor;
import org.v2g.ledger.internal.FrameDescriptor;
import org.v2g.ledger.internal.MerkleTree;
import org.v2g.ledger.internal.Sha256;
import org.v2g.ledger.internal.Sha256Batch;

/**
 * Collects record frames and their leaf hashes, then seals them into one block: Merkle root, header,
 * signature, CRC32C. Used by the drainer and sealer threads of {@link RingBufferSlotLedger} (the drainer
 * fills it, the sealer seals it, then it goes back to the drainer) and under the lock of
 * {@link SynchronizedSlotLedger}: the one block-building code of both.
 *
 * <p>The leaf hashes are kept back to back in one array, 32 bytes each, so that the Merkle tree is
 * reduced in place ({@link MerkleJob}) without an object per hash. A frame added without its leaf is hashed
 * when the leaves are first asked for, together with the others (one multi-buffer batch, {@link Sha256Batch}).
 *
 * <p>In block format version 2 there is no per-record leaf: the builder notes where each group of
 * {@value MerkleTree#GROUP} frames starts, and {@link #merkleJob()} hashes the groups from the block's
 * bytes, then the nodes.
 *
 * <p>Thread-safety: not thread-safe; one owner at a time, handed over through a safe publication.
 */
final class BlockBuilder {
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64 * 1024);
    private final CRC32C crc = new CRC32C();
    private final int version;
    /** Version 2: the offset of the first frame of each group. */
    private int[] groupStarts = new int[64];
    private byte[] leaves = new byte[256 * Sha256.LENGTH];
    /** Frames whose leaf is still to hash (added without a leaf), hashed together in one batch. */
    private int[] pendingOffsets = new int[256];
    private int[] pendingLengths = new int[256];
    private int[] pendingIndexes = new int[256];
    private int pending;
    private int count;
    private int position = HEADER_LENGTH;
    private int length;

    /** A builder of version-1 blocks (one leaf per record). */
    BlockBuilder() {
        this(FileHeaderDescriptor.VERSION_1);
    }

    /** A builder of blocks of format {@code version} ({@link FileHeaderDescriptor#VERSION_1} or {@code VERSION_2}). */
    BlockBuilder(int version) {
        if (!FileHeaderDescriptor.supported(version)) {
            throw new IllegalArgumentException("unsupported block format version " + version);
        }
        this.version = version;
    }

    int count() {
        return count;
    }

    int version() {
        return version;
    }

    /**
     * Appends a frame. Version 1: {@code leafSource} holds its leaf hash at {@code leafOffset}; if
     * {@code null} the leaf is hashed here. Version 2 has no per-record leaf and ignores both.
     */
    void add(int type, DirectBuffer src, int offset, int payloadLength, DirectBuffer leafSource, int leafOffset) {
        int frame = position;
        if (version == FileHeaderDescriptor.VERSION_2) {
            addGrouped(type, src, offset, payloadLength);
            return;
        }
        buffer.putInt(frame + FrameDescriptor.LENGTH_OFFSET, payloadLength, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(frame + FrameDescriptor.TYPE_OFFSET, type, ByteOrder.LITTLE_ENDIAN);
        buffer.putBytes(frame + FrameDescriptor.PAYLOAD_OFFSET, src, offset, payloadLength);
        position = frame + FrameDescriptor.PAYLOAD_OFFSET + payloadLength;
        if ((count + 1) * Sha256.LENGTH > leaves.length) {
            leaves = Arrays.copyOf(leaves, leaves.length * 2);
        }
        if (leafSource == null) {
            defer(frame, position - frame);
        } else {
            leafSource.getBytes(leafOffset, leaves, count * Sha256.LENGTH, Sha256.LENGTH);
        }
        count++;
    }

    private void addGrouped(int type, DirectBuffer src, int offset, int payloadLength) {
        int frame = position;
        buffer.putInt(frame + FrameDescriptor.LENGTH_OFFSET, payloadLength, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(frame + FrameDescriptor.TYPE_OFFSET, type, ByteOrder.LITTLE_ENDIAN);
        buffer.putBytes(frame + FrameDescriptor.PAYLOAD_OFFSET, src, offset, payloadLength);
        position = frame + FrameDescriptor.PAYLOAD_OFFSET + payloadLength;
        if (count % MerkleTree.GROUP == 0) {
            int group = count / MerkleTree.GROUP;
            if (group == groupStarts.length) {
                groupStarts = Arrays.copyOf(groupStarts, 2 * group);
            }
            groupStarts[group] = frame;
        }
        count++;
    }

    private void defer(int frame, int frameLength) {
        if (pending == pendingOffsets.length) {
            pendingOffsets = Arrays.copyOf(pendingOffsets, 2 * pending);
            pendingLengths = Arrays.copyOf(pendingLengths, 2 * pending);
            pendingIndexes = Arrays.copyOf(pendingIndexes, 2 * pending);
        }
        pendingOffsets[pending] = frame;
        pendingLengths[pending] = frameLength;
        pendingIndexes[pending] = count;
        pending++;
    }

    /** Hashes the deferred leaves in one batch (the frames are independent messages) into their slots. */
    private void hashPending() {
        if (pending == 0) {
            return;
        }
        byte[] hashed = MerkleTree.leaves(buffer.byteArray(), pendingOffsets, pendingLengths, pending);
        for (int i = 0; i < pending; i++) {
            System.arraycopy(hashed, i * Sha256.LENGTH, leaves, pendingIndexes[i] * Sha256.LENGTH, Sha256.LENGTH);
        }
        pending = 0;
    }

    /** Version 1: the leaf hashes, 32 bytes each, {@link #count()} of them; a {@link MerkleJob} reduces them in place. */
    byte[] leaves() {
        if (version != FileHeaderDescriptor.VERSION_1) {
            throw new IllegalStateException("a version-" + version + " block has no per-record leaves");
        }
        hashPending();
        return leaves;
    }

    /**
     * The job that hashes this block's Merkle root: version 1 over the per-record leaves, version 2 over
     * the groups of frames (group leaves hashed by whoever claims a subtree, from the block's bytes). The
     * builder must not change until the job's root is taken.
     */
    MerkleJob merkleJob() {
        if (version == FileHeaderDescriptor.VERSION_1) {
            return new MerkleJob(leaves(), count);
        }
        int groups = MerkleTree.groups(count);
        int[] offsets = Arrays.copyOf(groupStarts, groups);
        int[] lengths = new int[groups];
        for (int g = 0; g < groups; g++) {
            lengths[g] = (g + 1 < groups ? groupStarts[g + 1] : position) - groupStarts[g];
        }
        if (groups * Sha256.LENGTH > leaves.length) {
            leaves = new byte[Math.max(groups * Sha256.LENGTH, 2 * leaves.length)];
        }
        return MerkleJob.grouped(buffer.byteArray(), offsets, lengths, leaves);
    }

    /** The Merkle root computed on this thread; the leaves are used up. */
    byte[] merkleRoot() {
        return merkleJob().root();
    }

    /**
     * Seals the collected frames under {@code root}, their Merkle root; the block is then
     * {@link #array()}{@code [0, }{@link #length()}{@code )}.
     */
    BlockHeader seal(long height, long firstSequence, byte[] previousHash, long timeMicros, PrivateKey key,
                     byte[] root) {
        if (count == 0) {
            throw new IllegalStateException("cannot seal an empty block: height=" + height);
        }
        int recordsLength = position - HEADER_LENGTH;
        BlockHeader.encodeSigned(buffer, 0, height, firstSequence, timeMicros, count, recordsLength, previousHash,
            root);
        byte[] signature = Ed25519.sign(key, buffer, 0, SIGNATURE_OFFSET);
        buffer.putBytes(SIGNATURE_OFFSET, signature);
        length = BlockDescriptor.blockLength(recordsLength);
        crc.reset();
        crc.update(buffer.byteArray(), 0, length - TRAILER_LENGTH);
        buffer.putInt(length - TRAILER_LENGTH, (int) crc.getValue(), ByteOrder.LITTLE_ENDIAN);
        return BlockHeader.decode(buffer, 0);
    }

    byte[] array() {
        return buffer.byteArray();
    }

    int length() {
        return length;
    }

    void reset() {
        count = 0;
        pending = 0;
        position = HEADER_LENGTH;
        length = 0;
    }
}
