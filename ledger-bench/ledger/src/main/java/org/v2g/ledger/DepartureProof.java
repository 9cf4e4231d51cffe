package org.v2g.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;

import org.v2g.kernel.InvalidInputException;
import org.v2g.kernel.internal.Checks;
import org.v2g.ledger.internal.EvDepartureDescriptor;
import org.v2g.ledger.internal.EvIds;
import org.v2g.ledger.internal.FileHeaderDescriptor;
import org.v2g.ledger.internal.FrameDescriptor;

/**
 * A Merkle inclusion proof that one {@link EvDeparture} is in block {@code height} of a ledger: what an EV,
 * as a light client holding only block headers, checks to know that the ledger holds its departure
 * target and last slot as it signed them, the record every SCP derives its floors from (SPEC section 8).
 * The binary form and the checks are {@link SettlementProof}'s.
 *
 * <p>Usage:
 * <pre>{@code
 * DepartureProof proof = DepartureProof.find(dir, "ev042", 12).orElseThrow();     // at the SCP
 * EvDeparture held = proof.verify(signedDeparture, headers, trustedSealerKey);     // at the EV
 * }</pre>
 *
 * @param version  the block format version of the ledger (see {@link SettlementProof})
 * @param height   the block holding the departure
 * @param index    the record's position in that block
 * @param frames   the record frame (version 1) or its group's frames (version 2)
 * @param siblings the sibling hashes from the leaf up
 */
public record DepartureProof(int version, long height, int index, byte[] frames, List<byte[]> siblings) {
    /**
     * Copies the arrays.
     *
     * @throws InvalidInputException naming {@code version} when it is not 1 or 2
     */
    public DepartureProof {
        RecordInclusion.checkVersion(version, "departure_proof height=" + height);
        frames = frames.clone();
        siblings = siblings.stream().map(byte[]::clone).toList();
    }

    /**
     * A version-1 proof (one leaf per record).
     *
     * @param height   the block holding the departure
     * @param index    the record's position in that block (its Merkle leaf index)
     * @param frame    the record frame
     * @param siblings the sibling hashes from the leaf up
     */
    public DepartureProof(long height, int index, byte[] frame, List<byte[]> siblings) {
        this(FileHeaderDescriptor.VERSION_1, height, index, frame, siblings);
    }

    /** {@return a copy of the frames the leaf covers: the departure's (version 1) or its group's (version 2)} */
    @Override
    public byte[] frames() {
        return frames.clone();
    }

    /**
     * {@return a copy of the record frame}
     *
     * @throws InvalidInputException naming {@code frames} when a version-2 group does not hold it
     */
    public byte[] frame() {
        return RecordInclusion.recordFrame(version, frames, index);
    }

    /** {@return the departure the proof is about} */
    public EvDeparture departure() {
        return EvDeparture.decode(RecordInclusion.payload(frame(), RecordType.EV_DEPARTURE), FrameDescriptor.PAYLOAD_OFFSET);
    }

    /**
     * The departure of {@code evId} for its preferences of {@code slot}, proven against a chain of headers
     * from height 0 signed with {@code trustedSealerKey}.
     *
     * @param evId             the EV the holder asks about
     * @param slot             the slot of the preferences the departure belongs to
     * @param headers          the block headers from height 0
     * @param trustedSealerKey the sealer key the holder trusts
     * @return the proven departure
     * @throws ProofRejectedException naming the check and height that failed; a proof of another EV or
     *                                slot fails with {@link VerificationResult.Check#SETTLEMENT}
     */
    public EvDeparture verify(String evId, long slot, List<BlockHeader> headers, PublicKey trustedSealerKey)
        throws ProofRejectedException {
        EvIds.check(evId);
        Checks.nonNegative("slot", "ev=" + evId, slot);
        long records = RecordInclusion.checkChain(headers, trustedSealerKey);
        BlockHeader header = RecordInclusion.header(headers, records, height);
        EvDeparture proven;
        try {
            proven = departure();
        } catch (IllegalArgumentException e) {
            throw new ProofRejectedException(VerificationResult.bad(headers.size(), records, height,
                VerificationResult.Check.RECORD, e.getMessage()));
        }
        RecordInclusion.checkPath(version, frames, index, siblings, header, headers.size(), records, "departure");
        if (!proven.evId().equals(evId) || proven.slot() != slot) {
            throw RecordInclusion.rejected(headers.size(), height, "the proof is for ev=" + proven.evId() + " slot="
                + proven.slot() + ", not ev=" + evId + " slot=" + slot);
        }
        return proven;
    }

    /**
     * As {@link #verify(String, long, List, PublicKey)} for {@code signed}'s EV and slot, and also that the
     * proven record is exactly the one the EV signed (target, last slot, nonce and signature).
     *
     * @param signed           the departure the EV signed
     * @param headers          the block headers from height 0
     * @param trustedSealerKey the sealer key the holder trusts
     * @return the proven departure
     * @throws ProofRejectedException as above, and with {@link VerificationResult.Check#SETTLEMENT} when a
     *                                field differs
     */
    public EvDeparture verify(EvDeparture signed, List<BlockHeader> headers, PublicKey trustedSealerKey)
        throws ProofRejectedException {
        EvDeparture proven = verify(signed.evId(), signed.slot(), headers, trustedSealerKey);
        if (!proven.equals(signed)) {
            throw RecordInclusion.rejected(headers.size(), height, "the proven departure " + proven
                + " is not the signed " + signed);
        }
        return proven;
    }

    /** {@return the binary form (as {@link SettlementProof#toBytes()})} */
    public byte[] toBytes() {
        return RecordInclusion.toBytes(version, height, index, frames, siblings);
    }

    /**
     * Reads the binary form ({@link #toBytes()}).
     *
     * @param bytes the proof's bytes
     * @return the proof, not yet verified
     * @throws org.v2g.kernel.InvalidInputException naming {@code proof} if malformed
     */
    public static DepartureProof fromBytes(byte[] bytes) {
        RecordInclusion.Path p = RecordInclusion.fromBytes(bytes);
        return new DepartureProof(p.version(), p.height(), p.index(), p.frames(), p.siblings());
    }

    /**
     * The proof for the departure of {@code evId} for its preferences of {@code slot} in the ledger
     * directory {@code dir} (read only; complete blocks only), or empty if there is none. The first such
     * record counts: the gate records at most one per preferences (its nonce is used up).
     *
     * @param dir  the ledger directory
     * @param evId the EV
     * @param slot the slot of its preferences
     * @return the proof, or empty
     */
    public static Optional<DepartureProof> find(Path dir, String evId, long slot) {
        return find(dir, evId, slot, null);
    }

    /**
     * As {@link #find(Path, String, long)}, and adds the header of every complete block to {@code headers},
     * in height order: what {@link LedgerVerifier#headers} returns, read in the same pass over the file.
     *
     * @param dir     the ledger directory
     * @param evId    the EV
     * @param slot    the slot of its preferences
     * @param headers receives the headers (added to, after what it holds)
     * @return the proof, or empty
     */
    public static Optional<DepartureProof> find(Path dir, String evId, long slot, List<BlockHeader> headers) {
        EvIds.check(evId);
        try (FileChannel ch = FileChannel.open(dir.resolve(BlockStore.FILE_NAME), StandardOpenOption.READ)) {
            BlockFileReader.FileHeader fh = BlockFileReader.readFileHeader(ch);
            long start = FileHeaderDescriptor.LENGTH;
            long stop = ch.size();
            long[] sequence = {-1};
            int known = headers == null ? 0 : headers.size();
            BlockStore.forEachRecord(ch, start, stop, fh.maxBlockLength(), (seq, type, buf, off, len) -> {
                if (sequence[0] < 0 && type == RecordType.EV_DEPARTURE.id() && len == EvDepartureDescriptor.LENGTH
                    && buf.getLong(off + EvDepartureDescriptor.SLOT_OFFSET, ByteOrder.LITTLE_ENDIAN) == slot
                    && evId.equals(EvIds.get(buf, off + EvDepartureDescriptor.EV_ID_OFFSET))) {
                    sequence[0] = seq;
                }
            }, headers);
            return RecordInclusion.locate(ch, fh.version(), RecordInclusion.blockStart(start, headers, known, sequence[0]),
                    stop, fh.maxBlockLength(), sequence[0])
                .map(p -> new DepartureProof(p.version(), p.height(), p.index(), p.frames(), p.siblings()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ledger in " + dir, e);
        }
    }
}
