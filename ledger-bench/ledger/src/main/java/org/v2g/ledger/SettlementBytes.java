package org.v2g.ledger;

import static org.v2g.ledger.internal.SettlementDescriptor.CNY_OFFSET;
import static org.v2g.ledger.internal.SettlementDescriptor.EV_ID_OFFSET;
import static org.v2g.ledger.internal.SettlementDescriptor.KWH_OFFSET;
import static org.v2g.ledger.internal.SettlementDescriptor.SLOT_OFFSET;
import static org.v2g.ledger.internal.SettlementDescriptor.X_OFFSET;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;
import org.v2g.ledger.internal.EvIds;

/**
 * A {@link Settlement} payload checked on its bytes: {@link #isValid} is true exactly when
 * {@link Settlement#decode} returns instead of throwing (a valid EV id, slot &gt;= 0, finite x, kWh and
 * CNY), but builds neither the record nor its id's {@code String}. Settlements are most of a ledger's
 * records, and {@link LedgerVerifier} needs the object only when the slot structure follows EVs or a
 * verdict must name the record; anything this rejects is decoded the old way for the message.
 *
 * <p>Thread-safety: stateless.
 */
final class SettlementBytes {
    private SettlementBytes() {
    }

    /** Whether the 64-byte payload at {@code offset} decodes as a {@link Settlement}. */
    static boolean isValid(DirectBuffer buffer, int offset) {
        return EvIds.isValid(buffer, offset + EV_ID_OFFSET)
            && slot(buffer, offset) >= 0
            && Double.isFinite(buffer.getDouble(offset + X_OFFSET, ByteOrder.LITTLE_ENDIAN))
            && Double.isFinite(buffer.getDouble(offset + KWH_OFFSET, ByteOrder.LITTLE_ENDIAN))
            && Double.isFinite(buffer.getDouble(offset + CNY_OFFSET, ByteOrder.LITTLE_ENDIAN));
    }

    /** The slot field of the payload at {@code offset}, unchecked. */
    static long slot(DirectBuffer buffer, int offset) {
        return buffer.getLong(offset + SLOT_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }
}
