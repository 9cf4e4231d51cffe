package org.v2g.ledger;

import static org.v2g.ledger.BlockDescriptor.HEADER_LENGTH;
import static org.v2g.ledger.BlockDescriptor.SIGNATURE_OFFSET;
import static org.v2g.ledger.BlockDescriptor.TRAILER_LENGTH;

import java.nio.ByteOrder;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.zip.CRC32C;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * Collects record frames and their leaf hashes, then seals them into one block: Merkle root, header,
 * signature, CRC32C. Used by the sealer thread of {@link RingBufferSlotLedger} and under the lock of
 * {@link SynchronizedSlotLedger}: the one block-building code of both.
 *
 * <p>Thread-safety: not thread-safe; one owner.
 */
final class BlockBuilder {
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64 * 1024);
    private final CRC32C crc = new CRC32C();
    private byte[][] leaves = new byte[256][];
    private int count;
    private int position = HEADER_LENGTH;
    private int length;

    int count() {
        return count;
    }

    /** Bytes the block would have with one more payload of {@code payloadLength}. */
    int lengthWith(int payloadLength) {
        return position + FrameDescriptor.PAYLOAD_OFFSET + payloadLength + TRAILER_LENGTH;
    }

    /**
     * Appends a frame. {@code leafSource} holds its leaf hash at {@code leafOffset}; if {@code null}
     * the leaf is hashed here.
     */
    void add(int type, DirectBuffer src, int offset, int payloadLength, DirectBuffer leafSource, int leafOffset) {
        int frame = position;
        buffer.putInt(frame + FrameDescriptor.LENGTH_OFFSET, payloadLength, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(frame + FrameDescriptor.TYPE_OFFSET, type, ByteOrder.LITTLE_ENDIAN);
        buffer.putBytes(frame + FrameDescriptor.PAYLOAD_OFFSET, src, offset, payloadLength);
        position = frame + FrameDescriptor.PAYLOAD_OFFSET + payloadLength;
        byte[] leaf;
        if (leafSource == null) {
            leaf = Sha256.leaf(buffer.byteArray(), frame, position - frame);
        } else {
            leaf = new byte[Sha256.LENGTH];
            leafSource.getBytes(leafOffset, leaf);
        }
        if (count == leaves.length) {
            leaves = Arrays.copyOf(leaves, count * 2);
        }
        leaves[count++] = leaf;
    }

    /** Seals the collected frames; the block is then {@link #array()}{@code [0, }{@link #length()}{@code )}. */
    BlockHeader seal(long height, long firstSequence, byte[] previousHash, long timeMicros, PrivateKey key,
                     ForkJoinPool pool) {
        if (count == 0) {
            throw new IllegalStateException("cannot seal an empty block: height=" + height);
        }
        int recordsLength = position - HEADER_LENGTH;
        byte[] root = MerkleTree.root(leaves, count, pool);
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
        Arrays.fill(leaves, 0, count, null);
        count = 0;
        position = HEADER_LENGTH;
        length = 0;
    }
}
