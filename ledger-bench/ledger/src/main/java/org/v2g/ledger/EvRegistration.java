package org.v2g.ledger;

import static org.v2g.ledger.internal.EvRegistrationDescriptor.CAPACITY_OFFSET;
import static org.v2g.ledger.internal.EvRegistrationDescriptor.EV_ID_OFFSET;
import static org.v2g.ledger.internal.EvRegistrationDescriptor.PUBLIC_KEY_OFFSET;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.v2g.kernel.internal.Checks;
import org.v2g.ledger.internal.EvIds;

/**
 * An EV joins: its id, the Ed25519 key it signs submissions with, and its battery capacity.
 *
 * @param evId        1..32 printable ASCII characters
 * @param publicKey   raw Ed25519 public key, 32 bytes
 * @param capacityKwh battery capacity, &gt; 0
 */
public record EvRegistration(String evId, byte[] publicKey, double capacityKwh) implements LedgerRecord {
    /** Checks every field. */
    public EvRegistration {
        EvIds.check(evId);
        publicKey = Checks.length("public_key", "ev=" + evId, publicKey, Ed25519.PUBLIC_KEY_LENGTH);
        Checks.positive("capacity_kwh", "ev=" + evId, capacityKwh);
    }

    @Override
    public RecordType type() {
        return RecordType.EV_REGISTRATION;
    }

    /** {@return a copy of the raw 32-byte Ed25519 public key} */
    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public void encode(MutableDirectBuffer buffer, int offset) {
        EvIds.put(buffer, offset + EV_ID_OFFSET, evId);
        buffer.putBytes(offset + PUBLIC_KEY_OFFSET, publicKey);
        buffer.putDouble(offset + CAPACITY_OFFSET, capacityKwh, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Reads the layout at {@code offset} (the record's payload, as {@link #encode} wrote it).
     *
     * @param buffer holds the payload
     * @param offset where the payload starts
     * @return the record
     */
    public static EvRegistration decode(DirectBuffer buffer, int offset) {
        byte[] key = new byte[Ed25519.PUBLIC_KEY_LENGTH];
        buffer.getBytes(offset + PUBLIC_KEY_OFFSET, key);
        return new EvRegistration(EvIds.get(buffer, offset + EV_ID_OFFSET), key,
            buffer.getDouble(offset + CAPACITY_OFFSET, ByteOrder.LITTLE_ENDIAN));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EvRegistration r && evId.equals(r.evId) && Arrays.equals(publicKey, r.publicKey)
            && Double.compare(capacityKwh, r.capacityKwh) == 0;
    }

    @Override
    public int hashCode() {
        return evId.hashCode() * 31 + Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return "EvRegistration[evId=" + evId + ", publicKey=" + HexFormat.of().formatHex(publicKey)
            + ", capacityKwh=" + capacityKwh + "]";
    }
}
