package org.v2g.ledger;

import static org.v2g.ledger.internal.SettlementDescriptor.CNY_OFFSET;
import static org.v2g.ledger.internal.SettlementDescriptor.EV_ID_OFFSET;
import static org.v2g.ledger.internal.SettlementDescriptor.KWH_OFFSET;
import static org.v2g.ledger.internal.SettlementDescriptor.SLOT_OFFSET;
import static org.v2g.ledger.internal.SettlementDescriptor.X_OFFSET;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.v2g.kernel.internal.Checks;
import org.v2g.ledger.internal.EvIds;

/**
 * What one EV got in one slot (SPEC section 4). The ledger stores the numbers the caller gives.
 *
 * @param evId the EV
 * @param slot the slot, &gt;= 0
 * @param x    normalised amount (&gt; 0 charge, &lt; 0 discharge, 0 idle), finite
 * @param kwh  energy moved, {@code E0 x}, finite
 * @param cny  money, positive when paid to the EV, finite
 */
public record Settlement(String evId, long slot, double x, double kwh, double cny) implements LedgerRecord {
    /** Checks every field. */
    public Settlement {
        EvIds.check(evId);
        String owner = "ev=" + evId + " slot=" + slot;
        Checks.nonNegative("slot", owner, slot);
        Checks.finite("x", owner, x);
        Checks.finite("kwh", owner, kwh);
        Checks.finite("cny", owner, cny);
    }

    @Override
    public RecordType type() {
        return RecordType.SETTLEMENT;
    }

    @Override
    public void encode(MutableDirectBuffer buffer, int offset) {
        EvIds.put(buffer, offset + EV_ID_OFFSET, evId);
        buffer.putLong(offset + SLOT_OFFSET, slot, ByteOrder.LITTLE_ENDIAN);
        buffer.putDouble(offset + X_OFFSET, x, ByteOrder.LITTLE_ENDIAN);
        buffer.putDouble(offset + KWH_OFFSET, kwh, ByteOrder.LITTLE_ENDIAN);
        buffer.putDouble(offset + CNY_OFFSET, cny, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Reads the layout at {@code offset} (the record's payload, as {@link #encode} wrote it).
     *
     * @param buffer holds the payload
     * @param offset where the payload starts
     * @return the record
     */
    public static Settlement decode(DirectBuffer buffer, int offset) {
        return new Settlement(EvIds.get(buffer, offset + EV_ID_OFFSET),
            buffer.getLong(offset + SLOT_OFFSET, ByteOrder.LITTLE_ENDIAN),
            buffer.getDouble(offset + X_OFFSET, ByteOrder.LITTLE_ENDIAN),
            buffer.getDouble(offset + KWH_OFFSET, ByteOrder.LITTLE_ENDIAN),
            buffer.getDouble(offset + CNY_OFFSET, ByteOrder.LITTLE_ENDIAN));
    }
}
