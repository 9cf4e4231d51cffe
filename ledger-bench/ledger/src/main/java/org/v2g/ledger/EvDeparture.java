package org.v2g.ledger;

import static org.v2g.ledger.internal.EvDepartureDescriptor.EV_ID_OFFSET;
import static org.v2g.ledger.internal.EvDepartureDescriptor.LAST_SLOT_OFFSET;
import static org.v2g.ledger.internal.EvDepartureDescriptor.NONCE_OFFSET;
import static org.v2g.ledger.internal.EvDepartureDescriptor.SIGNATURE_OFFSET;
import static org.v2g.ledger.internal.EvDepartureDescriptor.SLOT_OFFSET;
import static org.v2g.ledger.internal.EvDepartureDescriptor.TARGET_OFFSET;

import java.nio.ByteOrder;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.v2g.kernel.InvalidInputException;
import org.v2g.kernel.internal.Checks;
import org.v2g.ledger.internal.EvIds;

/**
 * The departure half of an EV's signed preferences (SPEC section 8): the energy its owner wants at
 * departure and the last slot it takes part in (section 4's whole-slot rule applied to its departure
 * time), signed by the EV like its {@link EvSubmission} for the same {@code slot}. From it every SCP
 * derives the same floor for the EV in every slot, {@code DepartureFloors.floor(T, lastSlot − t + 1, E0)}.
 *
 * @param evId      the EV
 * @param slot      the slot of the preferences it belongs to, &gt;= 0
 * @param targetKwh energy wanted at departure, kWh, finite and &gt;= 0 (the node checks it against the
 *                  battery's capacity)
 * @param lastSlot  the last slot the EV takes part in, &gt;= {@code slot}
 * @param nonce     per-EV number used once
 * @param signature the EV's Ed25519 signature over the other fields' encoding, 64 bytes
 */
public record EvDeparture(String evId, long slot, double targetKwh, long lastSlot, long nonce, byte[] signature)
    implements LedgerRecord {
    /** Checks every field (not the signature's validity: see {@link #verify}). */
    public EvDeparture {
        EvIds.check(evId);
        String owner = "ev=" + evId;
        Checks.nonNegative("slot", owner, slot);
        Checks.nonNegative("target_kwh", owner, targetKwh);
        if (lastSlot < slot) {
            throw new InvalidInputException("last_slot", owner, lastSlot, "must be >= slot " + slot);
        }
        signature = Checks.length("signature", owner, signature, Ed25519.SIGNATURE_LENGTH);
    }

    /**
     * A departure signed with {@code evKey}.
     *
     * @param evId      the EV
     * @param slot      the slot of the preferences it belongs to
     * @param targetKwh energy wanted at departure, kWh
     * @param lastSlot  the last slot the EV takes part in
     * @param nonce     a number the EV never used before
     * @param evKey     the EV's private key
     * @return the signed departure
     */
    public static EvDeparture signed(String evId, long slot, double targetKwh, long lastSlot, long nonce,
                                     PrivateKey evKey) {
        EvDeparture unsigned = new EvDeparture(evId, slot, targetKwh, lastSlot, nonce,
            new byte[Ed25519.SIGNATURE_LENGTH]);
        byte[] sig = Ed25519.sign(evKey, new UnsafeBuffer(unsigned.toBytes()), 0, SIGNATURE_OFFSET);
        return new EvDeparture(evId, slot, targetKwh, lastSlot, nonce, sig);
    }

    /**
     * Whether the signature is {@code evKey}'s over this departure's other fields.
     *
     * @param evKey the EV's registered public key
     * @return whether it verifies
     */
    public boolean verify(PublicKey evKey) {
        return Ed25519.verify(evKey, new UnsafeBuffer(toBytes()), 0, SIGNATURE_OFFSET, signature);
    }

    /**
     * The number of slots from {@code slot} on, counting it, that the EV takes part in (SPEC section 8's
     * {@code n}); 1 past its last slot, so that a late EV's floor is its whole target.
     *
     * @param slot the slot being solved
     * @return {@code max(1, lastSlot − slot + 1)}
     */
    public int slotsLeft(long slot) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, lastSlot - slot + 1));
    }

    @Override
    public RecordType type() {
        return RecordType.EV_DEPARTURE;
    }

    /** {@return a copy of the EV's signature} */
    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public void encode(MutableDirectBuffer buffer, int offset) {
        EvIds.put(buffer, offset + EV_ID_OFFSET, evId);
        buffer.putLong(offset + SLOT_OFFSET, slot, ByteOrder.LITTLE_ENDIAN);
        buffer.putDouble(offset + TARGET_OFFSET, targetKwh, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + LAST_SLOT_OFFSET, lastSlot, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + NONCE_OFFSET, nonce, ByteOrder.LITTLE_ENDIAN);
        buffer.putBytes(offset + SIGNATURE_OFFSET, signature);
    }

    /**
     * Reads the layout at {@code offset}.
     *
     * @param buffer the buffer holding the payload
     * @param offset where the payload starts
     * @return the departure (its signature not checked)
     */
    public static EvDeparture decode(DirectBuffer buffer, int offset) {
        byte[] sig = new byte[Ed25519.SIGNATURE_LENGTH];
        buffer.getBytes(offset + SIGNATURE_OFFSET, sig);
        return new EvDeparture(EvIds.get(buffer, offset + EV_ID_OFFSET),
            buffer.getLong(offset + SLOT_OFFSET, ByteOrder.LITTLE_ENDIAN),
            buffer.getDouble(offset + TARGET_OFFSET, ByteOrder.LITTLE_ENDIAN),
            buffer.getLong(offset + LAST_SLOT_OFFSET, ByteOrder.LITTLE_ENDIAN),
            buffer.getLong(offset + NONCE_OFFSET, ByteOrder.LITTLE_ENDIAN), sig);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EvDeparture d && evId.equals(d.evId) && slot == d.slot
            && Double.compare(targetKwh, d.targetKwh) == 0 && lastSlot == d.lastSlot && nonce == d.nonce
            && Arrays.equals(signature, d.signature);
    }

    @Override
    public int hashCode() {
        return (evId.hashCode() * 31 + Long.hashCode(slot)) * 31 + Long.hashCode(nonce);
    }

    @Override
    public String toString() {
        return "EvDeparture[evId=" + evId + ", slot=" + slot + ", targetKwh=" + targetKwh + ", lastSlot="
            + lastSlot + ", nonce=" + nonce + "]";
    }
}
