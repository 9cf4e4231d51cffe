package org.v2g.ledger.internal;

import org.v2g.ledger.SlotSolution;

/**
 * Layout of a {@link SlotSolution} payload (40 bytes, little-endian).
 *
 * <pre>
 *   0                   8         12        16        20        24                  32                  40
 *   +-------------------+---------+---------+---------+---------+-------------------+-------------------+
 *   |    slot  i64      |  k i32  |charge i32|disch. i32|idle i32 |    p_d  f64       |  revenue  f64     |
 *   +-------------------+---------+---------+---------+---------+-------------------+-------------------+
 * </pre>
 * {@code k} is {@code -1} for a solution not on the grid (the exact solver).
 */
public final class SlotSolutionDescriptor {
    /** Offset of the slot (long). */
    public static final int SLOT_OFFSET = 0;
    /** Offset of the grid index (int, -1 if off-grid). */
    public static final int K_OFFSET = SLOT_OFFSET + Long.BYTES;
    /** Offset of the number of charging EVs (int). */
    public static final int CHARGING_OFFSET = K_OFFSET + Integer.BYTES;
    /** Offset of the number of discharging EVs (int). */
    public static final int DISCHARGING_OFFSET = CHARGING_OFFSET + Integer.BYTES;
    /** Offset of the number of idle EVs (int). */
    public static final int IDLE_OFFSET = DISCHARGING_OFFSET + Integer.BYTES;
    /** Offset of the published discharging price p_d (double, CNY/kWh). */
    public static final int P_D_OFFSET = IDLE_OFFSET + Integer.BYTES;
    /** Offset of the leader's revenue (double, CNY). */
    public static final int REVENUE_OFFSET = P_D_OFFSET + Double.BYTES;
    /** Payload length. */
    public static final int LENGTH = REVENUE_OFFSET + Double.BYTES;

    private SlotSolutionDescriptor() {
    }
}
