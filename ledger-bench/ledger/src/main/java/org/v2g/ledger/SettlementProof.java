package org.v2g.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.agrona.DirectBuffer;
import org.v2g.kernel.InvalidInputException;
import org.v2g.kernel.internal.Checks;
import org.v2g.ledger.internal.EvIds;
import org.v2g.ledger.internal.FileHeaderDescriptor;
import org.v2g.ledger.internal.FrameDescriptor;
import org.v2g.ledger.internal.MerkleTree;
import org.v2g.ledger.internal.SettlementDescriptor;

/**
 * A Merkle inclusion proof that one {@link Settlement} is in block {@code height} of a ledger: what an
 * EV, as a light client holding only block headers, needs to check that it was paid.
 *
 * <p>Binary form ({@link #toBytes()}, little-endian), version 1 (a ledger of block format 1):
 * <pre>
 *   0                   8         12        16        20
 *   +-------------------+---------+---------+---------+------------------+---------------------------+
 *   |   height  i64     |index i32|frame len|siblings | frame: len | type| sibling hashes, 32 bytes  |
 *   |                   |         |  i32    |count i32| | payload (72)   | each, leaf to root        |
 *   +-------------------+---------+---------+---------+------------------+---------------------------+
 * </pre>
 * version 2 (one Merkle leaf per group of 16 records): a tag where version 1 has its (never negative)
 * height, then the same fields, with the record's whole group of frames in place of its frame:
 * <pre>
 *   0              8              16        20        24        28
 *   +--------------+--------------+---------+---------+---------+----------------------+------------------+
 *   | tag i64 = -2 | height  i64  |index i32|group len|siblings | the group's frames,  | sibling hashes   |
 *   |              |              |in block |  i32    |count i32| back to back (1..16) | above the group  |
 *   +--------------+--------------+---------+---------+---------+----------------------+------------------+
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
 * @param version  the block format version of the ledger: 1 (a leaf per record) or 2 (a leaf per group of 16)
 * @param height   the block holding the settlement
 * @param index    the record's position in that block
 * @param frames   version 1: the record frame (length, type, payload), whose leaf is
 *                 {@code SHA-256(0x00 || frame)}; version 2: the frames of the record's group back to back,
 *                 whose leaf is {@code SHA-256(0x00 || frames)}, the record being frame {@code index % 16}
 * @param siblings the sibling hashes from the leaf up (see {@link MerkleTree#path})
 */
public record SettlementProof(int version, long height, int index, byte[] frames, List<byte[]> siblings) {
    /**
     * Copies the arrays.
     *
     * @throws InvalidInputException naming {@code version} when it is not 1 or 2
     */
    public SettlementProof {
        RecordInclusion.checkVersion(version, "settlement_proof height=" + height);
        frames = frames.clone();
        siblings = siblings.stream().map(byte[]::clone).toList();
    }

    /**
     * A version-1 proof (one leaf per record).
     *
     * @param height   the block holding the settlement
     * @param index    the record's position in that block (its Merkle leaf index)
     * @param frame    the record frame
     * @param siblings the sibling hashes from the leaf up
     */
    public SettlementProof(long height, int index, byte[] frame, List<byte[]> siblings) {
        this(FileHeaderDescriptor.VERSION_1, height, index, frame, siblings);
    }

    /** {@return a copy of the frames the leaf covers: the settlement's (version 1) or its group's (version 2)} */
    @Override
    public byte[] frames() {
        return frames.clone();
    }

    /**
     * {@return a copy of the settlement's frame, as it is in the block}
     *
     * @throws InvalidInputException naming {@code frames} when a version-2 group does not hold it
     */
    public byte[] frame() {
        return RecordInclusion.recordFrame(version, frames, index);
    }

    /** {@return the settlement the proof is about} */
    public Settlement settlement() {
        return Settlement.decode(RecordInclusion.payload(frame(), RecordType.SETTLEMENT), FrameDescriptor.PAYLOAD_OFFSET);
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
            throw RecordInclusion.rejected(headers.size(), height, "the proof is for ev=" + proven.evId() + " slot=" + proven.slot()
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
            throw RecordInclusion.rejected(headers.size(), height, "the proven settlement " + proven + " is not the expected " + expected);
        }
        return proven;
    }

    private Settlement verifyChain(List<BlockHeader> headers, PublicKey trustedSealerKey)
        throws ProofRejectedException {
        long records = RecordInclusion.checkChain(headers, trustedSealerKey);
        BlockHeader header = RecordInclusion.header(headers, records, height);
        Settlement settlement;
        try {
            settlement = settlement();
        } catch (IllegalArgumentException e) {
            throw new ProofRejectedException(VerificationResult.bad(headers.size(), records, height,
                VerificationResult.Check.RECORD, e.getMessage()));
        }
        RecordInclusion.checkPath(version, frames, index, siblings, header, headers.size(), records, "settlement");
        return settlement;
    }

    /** {@return the binary form} */
    public byte[] toBytes() {
        return RecordInclusion.toBytes(version, height, index, frames, siblings);
    }

    /**
     * Reads the binary form ({@link #toBytes()}).
     *
     * @param bytes the proof's bytes
     * @return the proof, not yet verified
     * @throws InvalidInputException naming {@code proof} if malformed
     */
    public static SettlementProof fromBytes(byte[] bytes) {
        RecordInclusion.Path p = RecordInclusion.fromBytes(bytes);
        return new SettlementProof(p.version(), p.height(), p.index(), p.frames(), p.siblings());
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
        return find(dir, evId, slot, (List<BlockHeader>) null);
    }

    /**
     * As {@link #find(Path, String, long)}, and adds the header of every complete block to {@code headers},
     * in height order: what {@link LedgerVerifier#headers} returns, read in the same pass over the file
     * (the file is read once for the search, not twice). Check the proof against them.
     *
     * @param dir     the ledger directory
     * @param evId    the EV
     * @param slot    the slot
     * @param headers receives the headers (added to, after what it holds)
     * @return the proof, or empty
     */
    public static Optional<SettlementProof> find(Path dir, String evId, long slot, List<BlockHeader> headers) {
        try (FileChannel ch = FileChannel.open(dir.resolve(BlockStore.FILE_NAME), StandardOpenOption.READ)) {
            BlockFileReader.FileHeader fh = BlockFileReader.readFileHeader(ch);
            return find(ch, fh.version(), FileHeaderDescriptor.LENGTH, ch.size(), fh.maxBlockLength(), evId, slot,
                headers);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ledger in " + dir, e);
        }
    }

    static Optional<SettlementProof> find(FileChannel ch, int version, long start, long stop, int maxBlockLength,
                                          String evId, long slot) {
        return find(ch, version, start, stop, maxBlockLength, evId, slot, null);
    }

    private static Optional<SettlementProof> find(FileChannel ch, int version, long start, long stop,
                                                  int maxBlockLength, String evId, long slot,
                                                  List<BlockHeader> headers) {
        EvIds.check(evId);
        int known = headers == null ? 0 : headers.size();
        long sequence = settledSequence(ch, start, stop, maxBlockLength, evId, slot, headers);
        return RecordInclusion.locate(ch, version, RecordInclusion.blockStart(start, headers, known, sequence), stop,
                maxBlockLength, sequence)
            .map(p -> new SettlementProof(p.version(), p.height(), p.index(), p.frames(), p.siblings()));
    }

    /**
     * The sequence number of the settlement of {@code evId} in {@code slot} that counts: the one in the
     * slot's final attempt ({@link SlotClose}); in a ledger without slot closes, the first one. -1 if none.
     */
    private static long settledSequence(FileChannel ch, long start, long stop, int maxBlockLength, String evId,
                                        long slot, List<BlockHeader> headers) {
        byte[] padded = EvIds.padded(evId);
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
                && isEv(buf, off + SettlementDescriptor.EV_ID_OFFSET, padded)) {
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
        }, headers);
        return closes[0] ? confirmed[0] : first[0];
    }

    /**
     * Whether the id field at {@code offset} is the EV's ({@code padded}, see {@link EvIds#padded}),
     * compared on the bytes; a field that is not a valid id throws as {@link EvIds#get} does.
     */
    private static boolean isEv(DirectBuffer buf, int offset, byte[] padded) {
        if (EvIds.matches(buf, offset, padded)) {
            return true;
        }
        if (!EvIds.isValid(buf, offset)) {
            EvIds.get(buf, offset); // throws, naming the field
        }
        return false;
    }
}
