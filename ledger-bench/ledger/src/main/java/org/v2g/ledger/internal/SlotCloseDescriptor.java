package org.v2g.ledger.internal;

import org.v2g.ledger.SlotClose;
import org.v2g.ledger.SlotSolution;

/**
 * Layout of a {@link SlotClose} payload (48 bytes, little-endian).
 *
 * <pre>
 *   0                   8         12        16                                                  48
 *   +-------------------+---------+---------+---------------------------------------------------+
 *   |    slot  i64      |outcome  | EVs i32 |  hash of the slot's solution: 32 bytes (zero if    |
 *   |                   |  i32    |         |  aborted)                                          |
 *   +-------------------+---------+---------+---------------------------------------------------+
 * </pre>
 */
public final class SlotCloseDescriptor {
    /** Offset of the slot (long). */
    public static final int SLOT_OFFSET = 0;
    /** Offset of the outcome id (int, {@link SlotClose.Outcome#id()}). */
    public static final int OUTCOME_OFFSET = SLOT_OFFSET + Long.BYTES;
    /** Offset of the number of EVs that took part (int; for a final slot, its settlements). */
    public static final int EVS_OFFSET = OUTCOME_OFFSET + Integer.BYTES;
    /** Offset of the SHA-256 of the slot's {@link SlotSolution} (final: the winner; no quorum: the proposal). */
    public static final int SOLUTION_HASH_OFFSET = EVS_OFFSET + Integer.BYTES;
    /** Payload length. */
    public static final int LENGTH = SOLUTION_HASH_OFFSET + Sha256.LENGTH;

    private SlotCloseDescriptor() {
    }
}
