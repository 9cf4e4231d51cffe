package org.v2g.ledger.internal;

import org.v2g.ledger.SlotMarket;

/**
 * Layout of a {@link SlotMarket} payload (104 bytes, little-endian): the slot and the twelve market
 * numbers the oracle publishes for it, each a double, in SPEC section 7's key order.
 *
 * <pre>
 *   0                   8                  16                  24                  32
 *   +-------------------+-------------------+-------------------+-------------------+
 *   |    slot  i64      |    p_rt  f64      | w_service  f64    |  w_grid  f64      |
 *   +-------------------+-------------------+-------------------+-------------------+
 *  32                  40                  48                  56                  64
 *   +-------------------+-------------------+-------------------+-------------------+
 *   |  p_delay  f64     |  e_limit  f64     |   delta  f64      |  p_d_min  f64     |
 *   +-------------------+-------------------+-------------------+-------------------+
 *  64                  72                  80                  88                  96     104
 *   +-------------------+-------------------+-------------------+-------------------+-------+
 *   |  p_d_max  f64     |  epsilon  f64     |    e0  f64        | soc_floor  f64    |soc_min|
 *   +-------------------+-------------------+-------------------+-------------------+-------+
 * </pre>
 */
public final class SlotMarketDescriptor {
    /** Offset of the slot (long). */
    public static final int SLOT_OFFSET = 0;
    /** Offset of the first of the twelve doubles; number {@code i} is at {@code VALUES_OFFSET + 8 i}. */
    public static final int VALUES_OFFSET = SLOT_OFFSET + Long.BYTES;
    /** Number of market doubles. */
    public static final int VALUE_COUNT = 12;
    /** Payload length. */
    public static final int LENGTH = VALUES_OFFSET + VALUE_COUNT * Double.BYTES;

    private SlotMarketDescriptor() {
    }
}
