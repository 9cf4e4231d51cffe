package org.v2g.ledger;

import static org.v2g.ledger.internal.EvSubmissionDescriptor.BETA_OFFSET;
import static org.v2g.ledger.internal.EvSubmissionDescriptor.EV_ID_OFFSET;
import static org.v2g.ledger.internal.EvSubmissionDescriptor.NONCE_OFFSET;
import static org.v2g.ledger.internal.EvSubmissionDescriptor.PLUG_IN_ENERGY_OFFSET;
import static org.v2g.ledger.internal.EvSubmissionDescriptor.SIGNATURE_OFFSET;
import static org.v2g.ledger.internal.EvSubmissionDescriptor.SLOT_OFFSET;
import static org.v2g.ledger.internal.EvSubmissionDescriptor.U_IDLE_OFFSET;

import java.nio.ByteOrder;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.v2g.kernel.internal.Checks;
import org.v2g.ledger.internal.EvIds;

/**
 * What an EV sends for one slot, signed by the EV. Build a signed one with
 * {@link #signed(String, long, double, double, double, long, PrivateKey)}; check it with
 * {@link #verify(PublicKey)}.
 *
 * @param evId           the EV
 * @param slot           the slot the submission is for, &gt;= 0
 * @param beta           preference β, &gt; 0
 * @param uIdle          idle utility U_idle, finite
 * @param plugInEnergyKwh energy stored at plug-in, &gt;= 0
 * @param nonce          per-EV number used once
 * @param signature      the EV's Ed25519 signature over the other fields' encoding, 64 bytes
 */
public record EvSubmission(String evId, long slot, double beta, double uIdle, double plugInEnergyKwh, long nonce,
                           byte[] signature) implements LedgerRecord {
    /** Checks every field (not the signature's validity: see {@link #verify}). */
    public EvSubmission {
        EvIds.check(evId);
        String owner = "ev=" + evId;
        Checks.nonNegative("slot", owner, slot);
        Checks.positive("beta", owner, beta);
        Checks.finite("u_idle", owner, uIdle);
        Checks.nonNegative("energy_kwh", owner, plugInEnergyKwh);
        signature = Checks.length("signature", owner, signature, Ed25519.SIGNATURE_LENGTH);
    }

    /**
     * A submission signed with {@code evKey}.
     *
     * @param evId            the EV
     * @param slot            the slot the preferences are for
     * @param beta            preference {@code β_i}, {@code > 0}
     * @param uIdle           idle utility {@code U_idle,i}
     * @param plugInEnergyKwh stored energy at plug-in, kWh
     * @param nonce           a number the EV never used before, increasing
     * @param evKey           the EV's private key
     * @return the signed submission
     * @throws org.v2g.kernel.InvalidInputException naming the field and the EV for a value out of range
     */
    public static EvSubmission signed(String evId, long slot, double beta, double uIdle, double plugInEnergyKwh,
                                      long nonce, PrivateKey evKey) {
        EvSubmission unsigned = new EvSubmission(evId, slot, beta, uIdle, plugInEnergyKwh, nonce,
            new byte[Ed25519.SIGNATURE_LENGTH]);
        UnsafeBuffer b = new UnsafeBuffer(unsigned.toBytes());
        byte[] sig = Ed25519.sign(evKey, b, 0, SIGNATURE_OFFSET);
        return new EvSubmission(evId, slot, beta, uIdle, plugInEnergyKwh, nonce, sig);
    }

    /**
     * Whether the signature is {@code evKey}'s over this submission's other fields.
     *
     * @param evKey the EV's registered public key
     * @return true when it verifies
     */
    public boolean verify(PublicKey evKey) {
        UnsafeBuffer b = new UnsafeBuffer(toBytes());
        return Ed25519.verify(evKey, b, 0, SIGNATURE_OFFSET, signature);
    }

    @Override
    public RecordType type() {
        return RecordType.EV_SUBMISSION;
    }

    /** {@return a copy of the EV's 64-byte signature} */
    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public void encode(MutableDirectBuffer buffer, int offset) {
        EvIds.put(buffer, offset + EV_ID_OFFSET, evId);
        buffer.putLong(offset + SLOT_OFFSET, slot, ByteOrder.LITTLE_ENDIAN);
        buffer.putDouble(offset + BETA_OFFSET, beta, ByteOrder.LITTLE_ENDIAN);
        buffer.putDouble(offset + U_IDLE_OFFSET, uIdle, ByteOrder.LITTLE_ENDIAN);
        buffer.putDouble(offset + PLUG_IN_ENERGY_OFFSET, plugInEnergyKwh, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + NONCE_OFFSET, nonce, ByteOrder.LITTLE_ENDIAN);
        buffer.putBytes(offset + SIGNATURE_OFFSET, signature);
    }

    /**
     * Reads the layout at {@code offset} (the record's payload, as {@link #encode} wrote it).
     *
     * @param buffer holds the payload
     * @param offset where the payload starts
     * @return the record
     */
    public static EvSubmission decode(DirectBuffer buffer, int offset) {
        byte[] sig = new byte[Ed25519.SIGNATURE_LENGTH];
        buffer.getBytes(offset + SIGNATURE_OFFSET, sig);
        return new EvSubmission(EvIds.get(buffer, offset + EV_ID_OFFSET),
            buffer.getLong(offset + SLOT_OFFSET, ByteOrder.LITTLE_ENDIAN),
            buffer.getDouble(offset + BETA_OFFSET, ByteOrder.LITTLE_ENDIAN),
            buffer.getDouble(offset + U_IDLE_OFFSET, ByteOrder.LITTLE_ENDIAN),
            buffer.getDouble(offset + PLUG_IN_ENERGY_OFFSET, ByteOrder.LITTLE_ENDIAN),
            buffer.getLong(offset + NONCE_OFFSET, ByteOrder.LITTLE_ENDIAN), sig);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EvSubmission s && evId.equals(s.evId) && slot == s.slot
            && Double.compare(beta, s.beta) == 0 && Double.compare(uIdle, s.uIdle) == 0
            && Double.compare(plugInEnergyKwh, s.plugInEnergyKwh) == 0 && nonce == s.nonce
            && Arrays.equals(signature, s.signature);
    }

    @Override
    public int hashCode() {
        return (evId.hashCode() * 31 + Long.hashCode(slot)) * 31 + Long.hashCode(nonce);
    }

    @Override
    public String toString() {
        return "EvSubmission[evId=" + evId + ", slot=" + slot + ", beta=" + beta + ", uIdle=" + uIdle
            + ", plugInEnergyKwh=" + plugInEnergyKwh + ", nonce=" + nonce + "]";
    }
}
