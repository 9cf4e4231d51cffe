package org.v2g.ledger;

import static org.v2g.ledger.internal.EvSessionDescriptor.A_OFFSET;
import static org.v2g.ledger.internal.EvSessionDescriptor.EV_ID_OFFSET;
import static org.v2g.ledger.internal.EvSessionDescriptor.SLOT_OFFSET;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.v2g.kernel.internal.Checks;
import org.v2g.ledger.internal.EvIds;

/**
 * The node accepted an EV's signed preferences (the {@link EvSubmission} just before it): the EV takes
 * part in every slot from {@code slot} on until it unplugs, with the degradation coefficient {@code a}
 * the aggregator sets for its battery. With the registration and the submission it is everything a
 * restarted node needs to know about the EV.
 *
 * @param evId the EV
 * @param slot the first slot it may take part in, &gt;= 0
 * @param a    degradation coefficient, finite and &lt;= 0 (SPEC section 1)
 */
public record EvPlugIn(String evId, long slot, double a) implements LedgerRecord {
    /** Checks every field. */
    public EvPlugIn {
        EvIds.check(evId);
        String owner = "ev=" + evId + " slot=" + slot;
        Checks.nonNegative("slot", owner, slot);
        Checks.finite("a", owner, a);
        if (a > 0) {
            throw new IllegalArgumentException("a must be <= 0: " + owner + " value=" + a);
        }
    }

    @Override
    public RecordType type() {
        return RecordType.EV_PLUG_IN;
    }

    @Override
    public void encode(MutableDirectBuffer buffer, int offset) {
        EvIds.put(buffer, offset + EV_ID_OFFSET, evId);
        buffer.putLong(offset + SLOT_OFFSET, slot, ByteOrder.LITTLE_ENDIAN);
        buffer.putDouble(offset + A_OFFSET, a, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Reads the layout at {@code offset} (the record's payload, as {@link #encode} wrote it).
     *
     * @param buffer holds the payload
     * @param offset where the payload starts
     * @return the record
     */
    public static EvPlugIn decode(DirectBuffer buffer, int offset) {
        return new EvPlugIn(EvIds.get(buffer, offset + EV_ID_OFFSET),
            buffer.getLong(offset + SLOT_OFFSET, ByteOrder.LITTLE_ENDIAN),
            buffer.getDouble(offset + A_OFFSET, ByteOrder.LITTLE_ENDIAN));
    }
}
