package org.v2g.ledger;

import static org.v2g.ledger.internal.ScpVoteDescriptor.RESERVED_OFFSET;
import static org.v2g.ledger.internal.ScpVoteDescriptor.SCP_ID_OFFSET;
import static org.v2g.ledger.internal.ScpVoteDescriptor.SIGNATURE_OFFSET;
import static org.v2g.ledger.internal.ScpVoteDescriptor.SLOT_OFFSET;
import static org.v2g.ledger.internal.ScpVoteDescriptor.SOLUTION_HASH_OFFSET;

import java.nio.ByteOrder;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.HexFormat;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.v2g.kernel.InvalidInputException;
import org.v2g.kernel.internal.Checks;
import org.v2g.ledger.internal.Sha256;

/**
 * A smart charging point's signed vote for a slot's solution.
 *
 * @param slot         the slot, &gt;= 0
 * @param solutionHash {@link SlotSolution#hash()}, 32 bytes
 * @param scpId        the voting SCP, &gt;= 0
 * @param signature    the SCP's Ed25519 signature over the other fields' encoding, 64 bytes
 */
public record ScpVote(long slot, byte[] solutionHash, int scpId, byte[] signature) implements LedgerRecord {
    /** Checks every field (not the signature's validity: see {@link #verify}). */
    public ScpVote {
        String owner = "slot=" + slot + " scp=" + scpId;
        Checks.nonNegative("slot", owner, slot);
        Checks.nonNegative("scp_id", owner, scpId);
        solutionHash = Checks.length("solution_hash", owner, solutionHash, Sha256.LENGTH);
        signature = Checks.length("signature", owner, signature, Ed25519.SIGNATURE_LENGTH);
    }

    /**
     * A vote for {@code solution} signed with {@code scpKey}.
     *
     * @param solution the solution voted for; its {@link SlotSolution#hash()} is what is signed
     * @param scpId    the voting SCP
     * @param scpKey   the SCP's private key
     * @return the signed vote
     */
    public static ScpVote signed(SlotSolution solution, int scpId, PrivateKey scpKey) {
        ScpVote unsigned = new ScpVote(solution.slot(), solution.hash(), scpId, new byte[Ed25519.SIGNATURE_LENGTH]);
        byte[] sig = Ed25519.sign(scpKey, new UnsafeBuffer(unsigned.toBytes()), 0, SIGNATURE_OFFSET);
        return new ScpVote(solution.slot(), solution.hash(), scpId, sig);
    }

    /**
     * Whether the signature is {@code scpKey}'s over this vote's other fields.
     *
     * @param scpKey the SCP's public key
     * @return true when it verifies
     */
    public boolean verify(PublicKey scpKey) {
        return Ed25519.verify(scpKey, new UnsafeBuffer(toBytes()), 0, SIGNATURE_OFFSET, signature);
    }

    @Override
    public RecordType type() {
        return RecordType.SCP_VOTE;
    }

    /** {@return a copy of the 32-byte hash of the solution voted for} */
    @Override
    public byte[] solutionHash() {
        return solutionHash.clone();
    }

    /** {@return a copy of the SCP's 64-byte signature} */
    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public void encode(MutableDirectBuffer buffer, int offset) {
        buffer.putLong(offset + SLOT_OFFSET, slot, ByteOrder.LITTLE_ENDIAN);
        buffer.putBytes(offset + SOLUTION_HASH_OFFSET, solutionHash);
        buffer.putInt(offset + SCP_ID_OFFSET, scpId, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(offset + RESERVED_OFFSET, 0, ByteOrder.LITTLE_ENDIAN);
        buffer.putBytes(offset + SIGNATURE_OFFSET, signature);
    }

    /**
     * Reads the layout at {@code offset} (the record's payload, as {@link #encode} wrote it).
     *
     * @param buffer holds the payload
     * @param offset where the payload starts
     * @return the record
     */
    public static ScpVote decode(DirectBuffer buffer, int offset) {
        if (buffer.getInt(offset + RESERVED_OFFSET, ByteOrder.LITTLE_ENDIAN) != 0) {
            throw new InvalidInputException("reserved", "scp_vote offset=" + offset,
                buffer.getInt(offset + RESERVED_OFFSET, ByteOrder.LITTLE_ENDIAN), "must be zero");
        }
        byte[] hash = new byte[Sha256.LENGTH];
        buffer.getBytes(offset + SOLUTION_HASH_OFFSET, hash);
        byte[] sig = new byte[Ed25519.SIGNATURE_LENGTH];
        buffer.getBytes(offset + SIGNATURE_OFFSET, sig);
        return new ScpVote(buffer.getLong(offset + SLOT_OFFSET, ByteOrder.LITTLE_ENDIAN), hash,
            buffer.getInt(offset + SCP_ID_OFFSET, ByteOrder.LITTLE_ENDIAN), sig);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScpVote v && slot == v.slot && scpId == v.scpId
            && Arrays.equals(solutionHash, v.solutionHash) && Arrays.equals(signature, v.signature);
    }

    @Override
    public int hashCode() {
        return (Long.hashCode(slot) * 31 + scpId) * 31 + Arrays.hashCode(solutionHash);
    }

    @Override
    public String toString() {
        return "ScpVote[slot=" + slot + ", solutionHash=" + HexFormat.of().formatHex(solutionHash)
            + ", scpId=" + scpId + "]";
    }
}
