package org.v2g.ledger;

import static org.v2g.ledger.internal.BlockDescriptor.BLOCK_LENGTH_OFFSET;
import static org.v2g.ledger.internal.BlockDescriptor.FIRST_SEQUENCE_OFFSET;
import static org.v2g.ledger.internal.BlockDescriptor.HEADER_LENGTH;
import static org.v2g.ledger.internal.BlockDescriptor.HEIGHT_OFFSET;
import static org.v2g.ledger.internal.BlockDescriptor.MAGIC;
import static org.v2g.ledger.internal.BlockDescriptor.MAGIC_OFFSET;
import static org.v2g.ledger.internal.BlockDescriptor.MERKLE_ROOT_OFFSET;
import static org.v2g.ledger.internal.BlockDescriptor.PREVIOUS_HASH_OFFSET;
import static org.v2g.ledger.internal.BlockDescriptor.RECORDS_LENGTH_OFFSET;
import static org.v2g.ledger.internal.BlockDescriptor.RECORD_COUNT_OFFSET;
import static org.v2g.ledger.internal.BlockDescriptor.SIGNATURE_OFFSET;
import static org.v2g.ledger.internal.BlockDescriptor.TIMESTAMP_OFFSET;

import java.nio.ByteOrder;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.HexFormat;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.v2g.ledger.internal.BlockDescriptor;
import org.v2g.ledger.internal.MerkleTree;
import org.v2g.ledger.internal.Sha256;

/**
 * A block header: what a light client keeps (168 bytes, see {@link BlockDescriptor}).
 *
 * <p>Immutable; the arrays are copied in and out.
 *
 * @param height          the block's position in the chain, 0 first
 * @param firstSequence   the ledger sequence number of the block's first record
 * @param timestampMicros when the block was sealed, microseconds since the epoch
 * @param recordCount     records in the block, {@code ≥ 1}
 * @param recordsLength   length of the block's frame section, bytes
 * @param previousHash    the previous header's {@link #hash()} ({@link #GENESIS_PREVIOUS_HASH} for block 0)
 * @param merkleRoot      the root of the {@link MerkleTree} over the block's frames
 * @param signature       the sealer's Ed25519 signature of the header bytes {@code [0, 104)}
 */
public record BlockHeader(long height, long firstSequence, long timestampMicros, int recordCount,
                          int recordsLength, byte[] previousHash, byte[] merkleRoot, byte[] signature) {
    /** Zero hash: the previous hash of block 0. */
    public static final byte[] GENESIS_PREVIOUS_HASH = new byte[Sha256.LENGTH];

    /** Copies the arrays. */
    public BlockHeader {
        previousHash = previousHash.clone();
        merkleRoot = merkleRoot.clone();
        signature = signature.clone();
    }

    /** {@return length of the whole block this header starts} */
    public int blockLength() {
        return BlockDescriptor.blockLength(recordsLength);
    }

    /** {@return a copy of the previous header's hash} */
    @Override
    public byte[] previousHash() {
        return previousHash.clone();
    }

    /** {@return a copy of the Merkle root} */
    @Override
    public byte[] merkleRoot() {
        return merkleRoot.clone();
    }

    /** {@return a copy of the signature} */
    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /**
     * Writes the 168 header bytes at {@code offset}.
     *
     * @param b      where to write
     * @param offset where the header starts
     */
    public void encode(MutableDirectBuffer b, int offset) {
        encodeSigned(b, offset, height, firstSequence, timestampMicros, recordCount, recordsLength, previousHash,
            merkleRoot);
        b.putBytes(offset + SIGNATURE_OFFSET, signature);
    }

    /** {@return the header's 168 bytes} */
    public byte[] toBytes() {
        byte[] bytes = new byte[HEADER_LENGTH];
        encode(new UnsafeBuffer(bytes), 0);
        return bytes;
    }

    /** {@return {@code SHA-256} of the signed header bytes {@code [0, 104)}: the next block's previous hash} */
    public byte[] hash() {
        return Sha256.hash(toBytes(), 0, SIGNATURE_OFFSET);
    }

    /**
     * Whether the signature is {@code sealerKey}'s over the header bytes {@code [0, 104)}.
     *
     * @param sealerKey the sealing SCP's public key
     * @return true when it verifies
     */
    public boolean verifySignature(PublicKey sealerKey) {
        return Ed25519.verify(sealerKey, Arrays.copyOf(toBytes(), SIGNATURE_OFFSET), signature);
    }

    /**
     * Reads a header at {@code offset}; does not check the magic (see {@link BlockFileReader}).
     *
     * @param b      holds the header
     * @param offset where the header starts
     * @return the header
     */
    public static BlockHeader decode(DirectBuffer b, int offset) {
        byte[] prev = new byte[Sha256.LENGTH];
        byte[] root = new byte[Sha256.LENGTH];
        byte[] sig = new byte[Ed25519.SIGNATURE_LENGTH];
        b.getBytes(offset + PREVIOUS_HASH_OFFSET, prev);
        b.getBytes(offset + MERKLE_ROOT_OFFSET, root);
        b.getBytes(offset + SIGNATURE_OFFSET, sig);
        return new BlockHeader(b.getLong(offset + HEIGHT_OFFSET, ByteOrder.LITTLE_ENDIAN),
            b.getLong(offset + FIRST_SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN),
            b.getLong(offset + TIMESTAMP_OFFSET, ByteOrder.LITTLE_ENDIAN),
            b.getInt(offset + RECORD_COUNT_OFFSET, ByteOrder.LITTLE_ENDIAN),
            b.getInt(offset + RECORDS_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN), prev, root, sig);
    }

    static void encodeSigned(MutableDirectBuffer b, int offset, long height, long firstSequence, long timeMicros,
                             int count, int recordsLength, byte[] previousHash, byte[] merkleRoot) {
        b.putInt(offset + MAGIC_OFFSET, MAGIC, ByteOrder.LITTLE_ENDIAN);
        b.putInt(offset + BLOCK_LENGTH_OFFSET, BlockDescriptor.blockLength(recordsLength), ByteOrder.LITTLE_ENDIAN);
        b.putLong(offset + HEIGHT_OFFSET, height, ByteOrder.LITTLE_ENDIAN);
        b.putLong(offset + FIRST_SEQUENCE_OFFSET, firstSequence, ByteOrder.LITTLE_ENDIAN);
        b.putLong(offset + TIMESTAMP_OFFSET, timeMicros, ByteOrder.LITTLE_ENDIAN);
        b.putInt(offset + RECORD_COUNT_OFFSET, count, ByteOrder.LITTLE_ENDIAN);
        b.putInt(offset + RECORDS_LENGTH_OFFSET, recordsLength, ByteOrder.LITTLE_ENDIAN);
        b.putBytes(offset + PREVIOUS_HASH_OFFSET, previousHash);
        b.putBytes(offset + MERKLE_ROOT_OFFSET, merkleRoot);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlockHeader h && Arrays.equals(toBytes(), h.toBytes());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(merkleRoot) * 31 + Long.hashCode(height);
    }

    @Override
    public String toString() {
        return "BlockHeader[height=" + height + ", firstSequence=" + firstSequence + ", count=" + recordCount
            + ", root=" + HexFormat.of().formatHex(merkleRoot) + "]";
    }
}
