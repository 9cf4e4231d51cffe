package org.v2g.ledger.internal;

import org.v2g.ledger.PartialResult;

/**
 * Layout of a {@link PartialResult} payload (32 bytes, little-endian): one worker's best grid index
 * over its sub-range {@code [k0, k1)}.
 *
 * <pre>
 *   0                   8         12        16        20        24                  32
 *   +-------------------+---------+---------+---------+---------+-------------------+
 *   |    slot  i64      |worker i32|  k0 i32 |  k1 i32 |best k i32|  revenue  f64    |
 *   +-------------------+---------+---------+---------+---------+-------------------+
 * </pre>
 */
public final class PartialResultDescriptor {
    /** Offset of the slot (long). */
    public static final int SLOT_OFFSET = 0;
    /** Offset of the worker id (int). */
    public static final int WORKER_OFFSET = SLOT_OFFSET + Long.BYTES;
    /** Offset of the first grid index of the sub-range (int, inclusive). */
    public static final int K0_OFFSET = WORKER_OFFSET + Integer.BYTES;
    /** Offset of the end of the sub-range (int, exclusive). */
    public static final int K1_OFFSET = K0_OFFSET + Integer.BYTES;
    /** Offset of the best grid index found (int). */
    public static final int BEST_K_OFFSET = K1_OFFSET + Integer.BYTES;
    /** Offset of the revenue at the best index (double, CNY). */
    public static final int REVENUE_OFFSET = BEST_K_OFFSET + Integer.BYTES;
    /** Payload length. */
    public static final int LENGTH = REVENUE_OFFSET + Double.BYTES;

    private PartialResultDescriptor() {
    }
}
