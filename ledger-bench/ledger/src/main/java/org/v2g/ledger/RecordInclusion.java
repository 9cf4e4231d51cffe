package org.v2g.ledger;

import static org.v2g.ledger.internal.BlockDescriptor.HEADER_LENGTH;

import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.agrona.concurrent.UnsafeBuffer;
import org.v2g.kernel.InvalidInputException;
import org.v2g.ledger.internal.FrameDescriptor;
import org.v2g.ledger.internal.MerkleTree;
import org.v2g.ledger.internal.Sha256;

/**
 * The light-client check every inclusion proof shares ({@link SettlementProof}, {@link DepartureProof}):
 * a header chain from height 0 signed by the trusted sealer, and one record frame's Merkle path to the
 * root of its block; plus finding a record's path in a ledger file and the proofs' binary form.
 */
final class RecordInclusion {
    /** What a proof carries: the block, the leaf index, the frame and the sibling hashes leaf to root. */
    record Path(long height, int index, byte[] frame, List<byte[]> siblings) {
    }

    private RecordInclusion() {
    }

    /**
     * Checks heights, sequence numbers, the hash chain and every header signature.
     *
     * @return the number of records the headers cover
     */
    static long checkChain(List<BlockHeader> headers, PublicKey trustedSealerKey) throws ProofRejectedException {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(trustedSealerKey, "trustedSealerKey");
        byte[] previous = BlockHeader.GENESIS_PREVIOUS_HASH;
        long records = 0;
        for (int h = 0; h < headers.size(); h++) {
            BlockHeader header = headers.get(h);
            if (header.height() != h || header.firstSequence() != records) {
                throw new ProofRejectedException(VerificationResult.bad(h, records, h,
                    VerificationResult.Check.SEQUENCE,
                    "header " + h + " says height " + header.height() + " first sequence " + header.firstSequence()));
            }
            if (!Arrays.equals(previous, header.previousHash())) {
                throw new ProofRejectedException(VerificationResult.bad(h, records, h,
                    VerificationResult.Check.HASH_CHAIN, "previous hash does not match the previous header"));
            }
            if (!header.verifySignature(trustedSealerKey)) {
                throw new ProofRejectedException(VerificationResult.bad(h, records, h,
                    VerificationResult.Check.SIGNATURE, "header signature does not verify with the trusted sealer key"));
            }
            previous = header.hash();
            records += header.recordCount();
        }
        return records;
    }

    /** The header at {@code height}, or a rejection if the chain has none. */
    static BlockHeader header(List<BlockHeader> headers, long records, long height) throws ProofRejectedException {
        if (height < 0 || height >= headers.size()) {
            throw new ProofRejectedException(VerificationResult.bad(headers.size(), records, height,
                VerificationResult.Check.SEQUENCE, "no header at height " + height + " (have " + headers.size() + ")"));
        }
        return headers.get((int) height);
    }

    /** Checks that {@code frame}'s Merkle path leads to {@code header}'s root; {@code what} names the record. */
    static void checkPath(byte[] frame, int index, List<byte[]> siblings, BlockHeader header, int blocks, long records,
                          String what) throws ProofRejectedException {
        byte[] root = MerkleTree.rootFromPath(Sha256.leaf(frame, 0, frame.length), index, header.recordCount(),
            siblings);
        if (root == null || !Arrays.equals(root, header.merkleRoot())) {
            throw new ProofRejectedException(VerificationResult.bad(blocks, records, header.height(),
                VerificationResult.Check.MERKLE_ROOT,
                "the " + what + "'s Merkle path does not lead to the root of block " + header.height()));
        }
    }

    /** A check of the proven record itself (which EV, which slot, which amounts) that failed. */
    static ProofRejectedException rejected(int blocks, long height, String message) {
        return new ProofRejectedException(VerificationResult.bad(blocks, 0, height, VerificationResult.Check.SETTLEMENT,
            message));
    }

    /**
     * The payload of a proof's frame after checking that it is a {@code type} record of its exact length.
     *
     * @throws InvalidInputException naming the type otherwise
     */
    static UnsafeBuffer payload(byte[] frame, RecordType type) {
        UnsafeBuffer b = new UnsafeBuffer(frame);
        int id = frame.length < FrameDescriptor.PAYLOAD_OFFSET ? -1
            : b.getInt(FrameDescriptor.TYPE_OFFSET, ByteOrder.LITTLE_ENDIAN);
        int len = frame.length < FrameDescriptor.PAYLOAD_OFFSET ? -1
            : b.getInt(FrameDescriptor.LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN);
        if (id != type.id() || len != type.length() || frame.length != FrameDescriptor.PAYLOAD_OFFSET + len) {
            throw new InvalidInputException("type", "proof frame length=" + len, id, "must be " + type + " ("
                + type.id() + ") with " + type.length() + " bytes");
        }
        return b;
    }

    /** The Merkle path of the record with {@code sequence} in a ledger file, or empty if no block holds it. */
    static Optional<Path> locate(FileChannel ch, long start, long stop, int maxBlockLength, long sequence) {
        if (sequence < 0) {
            return Optional.empty();
        }
        BlockFileReader reader = new BlockFileReader(ch, start, stop, maxBlockLength);
        UnsafeBuffer view = new UnsafeBuffer(new byte[0]);
        while (reader.next() == BlockFileReader.Status.BLOCK) {
            BlockHeader h = reader.header();
            if (sequence >= h.firstSequence() + h.recordCount()) {
                continue;
            }
            view.wrap(reader.block());
            int found = (int) (sequence - h.firstSequence());
            int p = HEADER_LENGTH;
            int[] frameOffsets = new int[h.recordCount()];
            int[] frameLengths = new int[h.recordCount()];
            for (int i = 0; i < h.recordCount(); i++) {
                frameOffsets[i] = p;
                frameLengths[i] = FrameDescriptor.PAYLOAD_OFFSET
                    + view.getInt(p + FrameDescriptor.LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN);
                p += frameLengths[i];
            }
            byte[] frame = Arrays.copyOfRange(reader.block(), frameOffsets[found],
                frameOffsets[found] + frameLengths[found]);
            return Optional.of(new Path(h.height(), found, frame,
                MerkleTree.path(MerkleTree.leaves(reader.block(), frameOffsets, frameLengths, h.recordCount()),
                    h.recordCount(), found)));
        }
        return Optional.empty();
    }

    /** The binary form shared by the proofs (see {@link SettlementProof}). */
    static byte[] toBytes(long height, int index, byte[] frame, List<byte[]> siblings) {
        int n = 20 + frame.length + siblings.size() * Sha256.LENGTH;
        UnsafeBuffer b = new UnsafeBuffer(new byte[n]);
        b.putLong(0, height, ByteOrder.LITTLE_ENDIAN);
        b.putInt(8, index, ByteOrder.LITTLE_ENDIAN);
        b.putInt(12, frame.length, ByteOrder.LITTLE_ENDIAN);
        b.putInt(16, siblings.size(), ByteOrder.LITTLE_ENDIAN);
        b.putBytes(20, frame);
        for (int i = 0; i < siblings.size(); i++) {
            b.putBytes(20 + frame.length + i * Sha256.LENGTH, siblings.get(i));
        }
        return b.byteArray();
    }

    /** Reads the binary form. @throws InvalidInputException if malformed */
    static Path fromBytes(byte[] bytes) {
        UnsafeBuffer b = new UnsafeBuffer(bytes);
        if (bytes.length < 20) {
            throw new InvalidInputException("proof", "bytes", bytes.length + " bytes", "must be at least 20 bytes");
        }
        int frameLength = b.getInt(12, ByteOrder.LITTLE_ENDIAN);
        int count = b.getInt(16, ByteOrder.LITTLE_ENDIAN);
        if (frameLength < 0 || count < 0 || count > 64
            || bytes.length != 20L + frameLength + (long) count * Sha256.LENGTH) {
            throw new InvalidInputException("proof", "frame_length=" + frameLength + " siblings=" + count,
                bytes.length + " bytes", "must be 20 + frame_length + 32 x siblings bytes (siblings 0..64)");
        }
        List<byte[]> siblings = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int at = 20 + frameLength + i * Sha256.LENGTH;
            siblings.add(Arrays.copyOfRange(bytes, at, at + Sha256.LENGTH));
        }
        return new Path(b.getLong(0, ByteOrder.LITTLE_ENDIAN), b.getInt(8, ByteOrder.LITTLE_ENDIAN),
            Arrays.copyOfRange(bytes, 20, 20 + frameLength), siblings);
    }
}
