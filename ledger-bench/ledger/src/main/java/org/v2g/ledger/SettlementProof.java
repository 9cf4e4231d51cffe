package org.v2g.ledger;

import static org.v2g.ledger.internal.BlockDescriptor.HEADER_LENGTH;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.agrona.concurrent.UnsafeBuffer;
import org.v2g.kernel.InvalidInputException;
import org.v2g.kernel.internal.Checks;
import org.v2g.ledger.internal.EvIds;
import org.v2g.ledger.internal.FileHeaderDescriptor;
import org.v2g.ledger.internal.FrameDescriptor;
import org.v2g.ledger.internal.SettlementDescriptor;
import org.v2g.ledger.internal.Sha256;

/**
 * A Merkle inclusion proof that one {@link Settlement} is in block {@code height} of a ledger: what an
 * EV, as a light client holding only block headers, needs to check that it was paid.
 *
 * <p>Binary form ({@link #toBytes()}, little-endian):
 * <pre>
 *   0                   8         12        16        20
 *   +-------------------+---------+---------+---------+------------------+---------------------------+
 *   |   height  i64     |index i32|frame len|siblings | frame: len | type| sibling hashes, 32 bytes  |
 *   |                   |         |  i32    |count i32| | payload (72)   | each, leaf to root        |
 *   +-------------------+---------+---------+---------+------------------+---------------------------+
 * </pre>
 *
 * <p>Usage:
 * <pre>{@code
 * SettlementProof proof = SettlementProof.find(dir, "ev042", 31).orElseThrow();    // at the SCP
 * try {
 *     Settlement paid = proof.verify("ev042", 31, headers, trustedSealerKey);     // at the EV
 * } catch (ProofRejectedException e) {
 *     // not proven: e.check(), e.getMessage(); do not take the payment as made
 * }
 * }</pre>
 *
 * <p>A proof proves one settlement, so its check is bound to the EV and slot the holder asks about (and,
 * with {@link #verify(Settlement, List, PublicKey)}, to the amounts): a valid proof of slot 0 is
 * rejected as the proof of slot 5.
 *
 * @param height   the block holding the settlement
 * @param index    the record's position in that block (its Merkle leaf index)
 * @param frame    the record frame (length, type, payload): the leaf is {@code SHA-256(0x00 || frame)}
 * @param siblings the sibling hashes from the leaf up (see {@link MerkleTree#path})
 */
public record SettlementProof(long height, int index, byte[] frame, List<byte[]> siblings) {
    /** Copies the arrays. */
    public SettlementProof {
        frame = frame.clone();
        siblings = siblings.stream().map(byte[]::clone).toList();
    }

    /** {@return a copy of the settlement's frame, as it is in the block} */
    @Override
    public byte[] frame() {
        return frame.clone();
    }

    /** {@return the settlement the proof is about} */
    public Settlement settlement() {
        UnsafeBuffer b = new UnsafeBuffer(frame);
        int type = b.getInt(FrameDescriptor.TYPE_OFFSET, ByteOrder.LITTLE_ENDIAN);
        int len = b.getInt(FrameDescriptor.LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN);
        if (type != RecordType.SETTLEMENT.id() || len != SettlementDescriptor.LENGTH
            || frame.length != FrameDescriptor.PAYLOAD_OFFSET + len) {
            throw new InvalidInputException("type", "proof frame length=" + len, type, "must be SETTLEMENT (7) with "
                + SettlementDescriptor.LENGTH + " bytes");
        }
        return Settlement.decode(b, FrameDescriptor.PAYLOAD_OFFSET);
    }

    /**
     * The settlement of {@code evId} in {@code slot}, proven against a chain of headers from height 0:
     * heights, sequence numbers, hash chain and every header signature with {@code trustedSealerKey}, then
     * the settlement's Merkle path to the root of header {@code height}, then that the proven settlement is
     * {@code evId}'s in {@code slot}. Use the amounts of the returned settlement, never those of an
     * unproven copy.
     *
     * @param evId             the EV the proof must be for
     * @param slot             the slot the proof must be for
     * @param headers          the chain of headers from height 0
     * @param trustedSealerKey the sealing SCP's public key, known beforehand
     * @return the proven settlement
     * @throws ProofRejectedException naming the check and height that failed; a proof of another EV or
     *                                slot fails with {@link VerificationResult.Check#SETTLEMENT}
     */
    public Settlement verify(String evId, long slot, List<BlockHeader> headers, PublicKey trustedSealerKey)
        throws ProofRejectedException {
        EvIds.check(evId);
        Checks.nonNegative("slot", "ev=" + evId, slot);
        Settlement proven = verifyChain(headers, trustedSealerKey);
        if (!proven.evId().equals(evId) || proven.slot() != slot) {
            throw rejected(headers.size(), "the proof is for ev=" + proven.evId() + " slot=" + proven.slot()
                + ", not ev=" + evId + " slot=" + slot);
        }
        return proven;
    }

    /**
     * As {@link #verify(String, long, List, PublicKey)} for {@code expected}'s EV and slot, and also
     * that the proven amounts ({@code x}, {@code kwh}, {@code cny}) are exactly {@code expected}'s: what an
     * EV told it was paid checks that this payment is the one in the chain.
     *
     * @param expected         the settlement the EV was told of
     * @param headers          the chain of headers from height 0
     * @param trustedSealerKey the sealing SCP's public key, known beforehand
     * @return the proven settlement, equal to {@code expected}
     * @throws ProofRejectedException as above, and with {@link VerificationResult.Check#SETTLEMENT}
     *                                when an amount differs
     */
    public Settlement verify(Settlement expected, List<BlockHeader> headers, PublicKey trustedSealerKey)
        throws ProofRejectedException {
        Objects.requireNonNull(expected, "expected");
        Settlement proven = verify(expected.evId(), expected.slot(), headers, trustedSealerKey);
        if (!proven.equals(expected)) {
            throw rejected(headers.size(), "the proven settlement " + proven + " is not the expected " + expected);
        }
        return proven;
    }

    private Settlement verifyChain(List<BlockHeader> headers, PublicKey trustedSealerKey)
        throws ProofRejectedException {
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
        if (height < 0 || height >= headers.size()) {
            throw new ProofRejectedException(VerificationResult.bad(headers.size(), records, height,
                VerificationResult.Check.SEQUENCE, "no header at height " + height + " (have " + headers.size() + ")"));
        }
        BlockHeader header = headers.get((int) height);
        Settlement settlement;
        try {
            settlement = settlement();
        } catch (IllegalArgumentException e) {
            throw new ProofRejectedException(VerificationResult.bad(headers.size(), records, height,
                VerificationResult.Check.RECORD, e.getMessage()));
        }
        byte[] root = MerkleTree.rootFromPath(Sha256.leaf(frame, 0, frame.length), index, header.recordCount(),
            siblings);
        if (root == null || !Arrays.equals(root, header.merkleRoot())) {
            throw new ProofRejectedException(VerificationResult.bad(headers.size(), records, height,
                VerificationResult.Check.MERKLE_ROOT,
                "the settlement's Merkle path does not lead to the root of block " + height));
        }
        return settlement;
    }

    private ProofRejectedException rejected(int blocks, String message) {
        return new ProofRejectedException(VerificationResult.bad(blocks, 0, height, VerificationResult.Check.SETTLEMENT,
            message));
    }

    /** {@return the binary form} */
    public byte[] toBytes() {
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

    /**
     * Reads the binary form ({@link #toBytes()}).
     *
     * @param bytes the proof's bytes
     * @return the proof, not yet verified
     * @throws InvalidInputException naming {@code proof} if malformed
     */
    public static SettlementProof fromBytes(byte[] bytes) {
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
        return new SettlementProof(b.getLong(0, ByteOrder.LITTLE_ENDIAN), b.getInt(8, ByteOrder.LITTLE_ENDIAN),
            Arrays.copyOfRange(bytes, 20, 20 + frameLength), siblings);
    }

    /**
     * The proof for the settlement of {@code evId} in {@code slot} (of the slot's final attempt, see
     * {@link SlotClose}) in the ledger directory
     * {@code dir} (read only; complete blocks only), or empty if there is none.
     *
     * @param dir  the ledger directory
     * @param evId the EV
     * @param slot the slot
     * @return the proof, or empty
     */
    public static Optional<SettlementProof> find(Path dir, String evId, long slot) {
        try (FileChannel ch = FileChannel.open(dir.resolve(BlockStore.FILE_NAME), StandardOpenOption.READ)) {
            BlockFileReader.FileHeader fh = BlockFileReader.readFileHeader(ch);
            return find(ch, FileHeaderDescriptor.LENGTH, ch.size(), fh.maxBlockLength(), evId, slot);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ledger in " + dir, e);
        }
    }

    static Optional<SettlementProof> find(FileChannel ch, long start, long stop, int maxBlockLength, String evId,
                                          long slot) {
        EvIds.check(evId);
        long sequence = settledSequence(ch, start, stop, maxBlockLength, evId, slot);
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
            int foundAt = 0;
            int[] frameOffsets = new int[h.recordCount()];
            int[] frameLengths = new int[h.recordCount()];
            for (int i = 0; i < h.recordCount(); i++) {
                int frameLength = FrameDescriptor.PAYLOAD_OFFSET
                    + view.getInt(p + FrameDescriptor.LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN);
                frameOffsets[i] = p;
                frameLengths[i] = frameLength;
                if (i == found) {
                    foundAt = p;
                }
                p += frameLength;
            }
            int frameLength = FrameDescriptor.PAYLOAD_OFFSET + SettlementDescriptor.LENGTH;
            return Optional.of(new SettlementProof(h.height(), found,
                Arrays.copyOfRange(reader.block(), foundAt, foundAt + frameLength),
                MerkleTree.path(MerkleTree.leaves(reader.block(), frameOffsets, frameLengths, h.recordCount()),
                    h.recordCount(), found)));
        }
        return Optional.empty();
    }

    /**
     * The sequence number of the settlement of {@code evId} in {@code slot} that counts: the one in the
     * slot's final attempt ({@link SlotClose}); in a ledger without slot closes, the first one. -1 if none.
     */
    private static long settledSequence(FileChannel ch, long start, long stop, int maxBlockLength, String evId,
                                        long slot) {
        long[] first = {-1};
        long[] inAttempt = {-1};
        long[] confirmed = {-1};
        long[] open = {-1};
        boolean[] closes = {false};
        BlockStore.forEachRecord(ch, start, stop, maxBlockLength, (seq, type, buf, off, len) -> {
            if (type == RecordType.SLOT_MARKET.id()) {
                open[0] = SlotMarket.decode(buf, off).slot();
                inAttempt[0] = -1;
            } else if (type == RecordType.SETTLEMENT.id() && len == SettlementDescriptor.LENGTH
                && buf.getLong(off + SettlementDescriptor.SLOT_OFFSET, ByteOrder.LITTLE_ENDIAN) == slot
                && evId.equals(EvIds.get(buf, off + SettlementDescriptor.EV_ID_OFFSET))) {
                if (first[0] < 0) {
                    first[0] = seq;
                }
                if (open[0] == slot && inAttempt[0] < 0) {
                    inAttempt[0] = seq;
                }
            } else if (type == RecordType.SLOT_CLOSE.id()) {
                closes[0] = true;
                SlotClose c = SlotClose.decode(buf, off);
                if (c.slot() == slot && c.outcome() == SlotClose.Outcome.FINAL && confirmed[0] < 0) {
                    confirmed[0] = inAttempt[0];
                }
                open[0] = -1;
                inAttempt[0] = -1;
            }
        });
        return closes[0] ? confirmed[0] : first[0];
    }
}
