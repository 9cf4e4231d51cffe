package org.v2g.ledger.internal;

import org.v2g.ledger.Settlement;

/**
 * Layout of a {@link Settlement} payload (64 bytes, little-endian).
 *
 * <pre>
 *   0                   8                  16                  24                  32
 *   +-------------------+-------------------+-------------------+-------------------+
 *   |                      ev id: 32 bytes US-ASCII, zero padded                    |
 *   +-------------------+-------------------+-------------------+-------------------+
 *  32                  40                  48                  56                  64
 *   +-------------------+-------------------+-------------------+-------------------+
 *   |    slot  i64      |     x  f64        |    kWh  f64       |    CNY  f64       |
 *   +-------------------+-------------------+-------------------+-------------------+
 * </pre>
 */
public final class SettlementDescriptor {
    /** Offset of the EV id. */
    public static final int EV_ID_OFFSET = 0;
    /** Offset of the slot (long). */
    public static final int SLOT_OFFSET = EV_ID_OFFSET + EvIds.LENGTH;
    /** Offset of the normalised amount x (double, -1..1). */
    public static final int X_OFFSET = SLOT_OFFSET + Long.BYTES;
    /** Offset of the energy moved (double, kWh, signed like x). */
    public static final int KWH_OFFSET = X_OFFSET + Double.BYTES;
    /** Offset of the money (double, CNY; positive: paid to the EV). */
    public static final int CNY_OFFSET = KWH_OFFSET + Double.BYTES;
    /** Payload length. */
    public static final int LENGTH = CNY_OFFSET + Double.BYTES;

    private SettlementDescriptor() {
    }
}
