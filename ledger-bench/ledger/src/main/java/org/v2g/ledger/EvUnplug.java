package org.v2g.ledger;

import static org.v2g.ledger.internal.EvSessionDescriptor.EV_ID_OFFSET;
import static org.v2g.ledger.internal.EvSessionDescriptor.SLOT_OFFSET;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.v2g.kernel.internal.Checks;
import org.v2g.ledger.internal.EvIds;

/**
 * An EV left: it takes part in no slot from {@code slot} on until it plugs in again.
 *
 * @param evId the EV
 * @param slot the first slot it no longer takes part in, &gt;= 0
 */
public record EvUnplug(String evId, long slot) implements LedgerRecord {
    /** Checks every field. */
    public EvUnplug {
        EvIds.check(evId);
        Checks.nonNegative("slot", "ev=" + evId, slot);
    }

    @Override
    public RecordType type() {
        return RecordType.EV_UNPLUG;
    }

    @Override
    public void encode(MutableDirectBuffer buffer, int offset) {
        EvIds.put(buffer, offset + EV_ID_OFFSET, evId);
        buffer.putLong(offset + SLOT_OFFSET, slot, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Reads the layout at {@code offset} (the record's payload, as {@link #encode} wrote it).
     *
     * @param buffer holds the payload
     * @param offset where the payload starts
     * @return the record
     */
    public static EvUnplug decode(DirectBuffer buffer, int offset) {
        return new EvUnplug(EvIds.get(buffer, offset + EV_ID_OFFSET),
            buffer.getLong(offset + SLOT_OFFSET, ByteOrder.LITTLE_ENDIAN));
    }
}
