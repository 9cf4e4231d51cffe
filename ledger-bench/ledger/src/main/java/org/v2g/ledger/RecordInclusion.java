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
import org.v2g.ledger.internal.FileHeaderDescriptor;
import org.v2g.ledger.internal.FrameDescriptor;
import org.v2g.ledger.internal.MerkleTree;
import org.v2g.ledger.internal.Sha256;

/**
 * The light-client check every inclusion proof shares ({@link SettlementProof}, {@link DepartureProof}):
 * a header chain from height 0 signed by the trusted sealer, and one record frame's Merkle path to the
 * root of its block; plus finding a record's path in a ledger file and the proofs' binary form.
 *
 * <p>Per block format version: in version 1 a proof's {@code frames} is the record's frame and the path
 * starts at its leaf; in version 2 {@code frames} is the record's whole group of frames back to back
 * (up to {@value MerkleTree#GROUP}), the record being frame {@code index % 16} of it, and the path starts
 * at the group's leaf.
 */
final class RecordInclusion {
    /** Binary form of a version-2 proof: its first 8 bytes, where a version-1 proof has its height (never negative). */
    static final long VERSION_2_TAG = -FileHeaderDescriptor.VERSION_2;
    private static final int V1_HEAD = 20;
    private static final int V2_HEAD = 28;

    /**
     * What a proof carries: the format version, the block, the record's index in it, the frames (the record's
     * own in version 1, its group's in version 2) and the sibling hashes from the leaf to the root.
     */
    record Path(int version, long height, int index, byte[] frames, List<byte[]> siblings) {
    }

    /** Throws naming {@code version} and {@code item} unless {@code version} is a block format this code reads. */
    static void checkVersion(int version, String item) {
        if (!FileHeaderDescriptor.supported(version)) {
            throw new InvalidInputException("version", item, version, "must be 1 or 2");
        }
    }

    /**
     * The record's own frame in a proof's {@code frames}: all of it in version 1, frame {@code index % 16} of
     * the group in version 2.
     *
     * @throws InvalidInputException naming {@code frames} when the group has no such whole frame
     */
    static byte[] recordFrame(int version, byte[] frames, int index) {
        if (version == FileHeaderDescriptor.VERSION_1) {
            return frames.clone();
        }
        int[] bounds = frameBounds(frames, Math.floorMod(index, MerkleTree.GROUP) + 1, false);
        if (bounds == null) {
            throw new InvalidInputException("frames", "proof index=" + index, frames.length + " bytes",
                "must hold frame " + Math.floorMod(index, MerkleTree.GROUP) + " of its group, whole");
        }
        return Arrays.copyOfRange(frames, bounds[0], bounds[1]);
    }

    /**
     * The start and end of frame {@code n − 1} when the group {@code frames} begins with {@code n} whole
     * frames (and, if {@code exact}, holds nothing else); {@code null} otherwise.
     */
    private static int[] frameBounds(byte[] frames, int n, boolean exact) {
        UnsafeBuffer b = new UnsafeBuffer(frames);
        int p = 0;
        int start = 0;
        for (int i = 0; i < n; i++) {
            if (frames.length - p < FrameDescriptor.PAYLOAD_OFFSET) {
                return null;
            }
            int len = b.getInt(p + FrameDescriptor.LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN);
            if (len < 0 || len > frames.length - p - FrameDescriptor.PAYLOAD_OFFSET) {
                return null;
            }
            start = p;
            p += FrameDescriptor.PAYLOAD_OFFSET + len;
        }
        return exact && p != frames.length ? null : new int[] {start, p};
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

    /**
     * Checks that the Merkle path of {@code frames} (format {@code version}) leads to {@code header}'s root;
     * {@code what} names the record. In version 2 the group must be exactly the frames of record
     * {@code index}'s group in a block of the header's record count.
     */
    static void checkPath(int version, byte[] frames, int index, List<byte[]> siblings, BlockHeader header,
                          int blocks, long records, String what) throws ProofRejectedException {
        int count = header.recordCount();
        byte[] root;
        if (version == FileHeaderDescriptor.VERSION_1) {
            root = MerkleTree.rootFromPath(Sha256.leaf(frames, 0, frames.length), index, count, siblings);
        } else if (index < 0 || index >= count
            || frameBounds(frames, MerkleTree.groupSize(index, count), true) == null) {
            root = null; // not the record's whole group: no leaf to start from
        } else {
            root = MerkleTree.rootFromGroupPath(frames, index, count, siblings);
        }
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

    /**
     * Where the block holding {@code sequence} starts, from the headers a pass over the file collected
     * ({@code headers[from, …)}, the blocks from {@code start} on), so {@link #locate} reads that block and
     * no other; {@code start} when the headers are not known ({@code null}) or none holds the sequence.
     */
    static long blockStart(long start, List<BlockHeader> headers, int from, long sequence) {
        if (headers == null || sequence < 0) {
            return start;
        }
        long at = start;
        for (int i = from; i < headers.size(); i++) {
            BlockHeader h = headers.get(i);
            if (sequence < h.firstSequence() + h.recordCount()) {
                return at;
            }
            at += h.blockLength();
        }
        return start;
    }

    /**
     * The Merkle path of the record with {@code sequence} in a ledger file of format {@code version}, or
     * empty if no block holds it.
     */
    static Optional<Path> locate(FileChannel ch, int version, long start, long stop, int maxBlockLength,
                                 long sequence) {
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
            if (version == FileHeaderDescriptor.VERSION_1) {
                byte[] frame = Arrays.copyOfRange(reader.block(), frameOffsets[found],
                    frameOffsets[found] + frameLengths[found]);
                return Optional.of(new Path(version, h.height(), found, frame,
                    MerkleTree.path(MerkleTree.leaves(reader.block(), frameOffsets, frameLengths, h.recordCount()),
                        h.recordCount(), found)));
            }
            int first = found / MerkleTree.GROUP * MerkleTree.GROUP;
            int last = first + MerkleTree.groupSize(found, h.recordCount()) - 1;
            byte[] group = Arrays.copyOfRange(reader.block(), frameOffsets[first],
                frameOffsets[last] + frameLengths[last]);
            return Optional.of(new Path(version, h.height(), found, group,
                MerkleTree.groupPath(reader.block(), frameOffsets, frameLengths, h.recordCount(), found)));
        }
        return Optional.empty();
    }

    /**
     * The binary form shared by the proofs (see {@link SettlementProof}): version 1 as it always was,
     * version 2 behind the tag {@value #VERSION_2_TAG} where version 1 has its height.
     */
    static byte[] toBytes(int version, long height, int index, byte[] frames, List<byte[]> siblings) {
        int head = version == FileHeaderDescriptor.VERSION_1 ? V1_HEAD : V2_HEAD;
        int at = head == V1_HEAD ? 0 : Long.BYTES;
        UnsafeBuffer b = new UnsafeBuffer(new byte[head + frames.length + siblings.size() * Sha256.LENGTH]);
        if (head == V2_HEAD) {
            b.putLong(0, VERSION_2_TAG, ByteOrder.LITTLE_ENDIAN);
        }
        b.putLong(at, height, ByteOrder.LITTLE_ENDIAN);
        b.putInt(at + 8, index, ByteOrder.LITTLE_ENDIAN);
        b.putInt(at + 12, frames.length, ByteOrder.LITTLE_ENDIAN);
        b.putInt(at + 16, siblings.size(), ByteOrder.LITTLE_ENDIAN);
        b.putBytes(head, frames);
        for (int i = 0; i < siblings.size(); i++) {
            b.putBytes(head + frames.length + i * Sha256.LENGTH, siblings.get(i));
        }
        return b.byteArray();
    }

    /** Reads the binary form of either version. @throws InvalidInputException if malformed */
    static Path fromBytes(byte[] bytes) {
        UnsafeBuffer b = new UnsafeBuffer(bytes);
        if (bytes.length < V1_HEAD) {
            throw new InvalidInputException("proof", "bytes", bytes.length + " bytes", "must be at least 20 bytes");
        }
        long first = b.getLong(0, ByteOrder.LITTLE_ENDIAN);
        int version = first == VERSION_2_TAG ? FileHeaderDescriptor.VERSION_2 : FileHeaderDescriptor.VERSION_1;
        if (first < 0 && version == FileHeaderDescriptor.VERSION_1) {
            throw new InvalidInputException("proof", "bytes [0, 8)", first,
                "must be a height (>= 0, version 1) or " + VERSION_2_TAG + " (version 2)");
        }
        int head = version == FileHeaderDescriptor.VERSION_1 ? V1_HEAD : V2_HEAD;
        int at = head == V1_HEAD ? 0 : Long.BYTES;
        if (bytes.length < head) {
            throw new InvalidInputException("proof", "version=2", bytes.length + " bytes", "must be at least 28 bytes");
        }
        int frameLength = b.getInt(at + 12, ByteOrder.LITTLE_ENDIAN);
        int count = b.getInt(at + 16, ByteOrder.LITTLE_ENDIAN);
        if (frameLength < 0 || count < 0 || count > 64
            || bytes.length != (long) head + frameLength + (long) count * Sha256.LENGTH) {
            throw new InvalidInputException("proof", "version=" + version + " frame_length=" + frameLength
                + " siblings=" + count, bytes.length + " bytes", "must be " + head
                + " + frame_length + 32 x siblings bytes (siblings 0..64)");
        }
        List<byte[]> siblings = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int s = head + frameLength + i * Sha256.LENGTH;
            siblings.add(Arrays.copyOfRange(bytes, s, s + Sha256.LENGTH));
        }
        return new Path(version, b.getLong(at, ByteOrder.LITTLE_ENDIAN), b.getInt(at + 8, ByteOrder.LITTLE_ENDIAN),
            Arrays.copyOfRange(bytes, head, head + frameLength), siblings);
    }
}
