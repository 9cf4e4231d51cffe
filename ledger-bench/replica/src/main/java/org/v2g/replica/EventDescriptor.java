package org.v2g.replica;

/**
 * Layout of a {@link ReplicaRecords.Event} payload (28 bytes, little-endian); -1 in an int field means
 * "none".
 *
 * <pre>
 *   0                   8         12        16        20        24        28
 *   +-------------------+---------+---------+---------+---------+---------+
 *   |    slot  i64      | scp i32 |kind i32 |  k0 i32 |  k1 i32 |other i32|
 *   +-------------------+---------+---------+---------+---------+---------+
 * </pre>
 */
final class EventDescriptor {
    /** Offset of the slot (long). */
    static final int SLOT_OFFSET = 0;
    /** Offset of the SCP concerned (int). */
    static final int SCP_OFFSET = SLOT_OFFSET + Long.BYTES;
    /** Offset of the kind (int, {@link ReplicaRecords.EventKind} ordinal). */
    static final int KIND_OFFSET = SCP_OFFSET + Integer.BYTES;
    /** Offset of the first grid index concerned (int, inclusive). */
    static final int K0_OFFSET = KIND_OFFSET + Integer.BYTES;
    /** Offset of the end of the grid range concerned (int, exclusive). */
    static final int K1_OFFSET = K0_OFFSET + Integer.BYTES;
    /** Offset of the SCP a share moved to (int). */
    static final int OTHER_OFFSET = K1_OFFSET + Integer.BYTES;
    /** Payload length. */
    static final int LENGTH = OTHER_OFFSET + Integer.BYTES;

    private EventDescriptor() {
    }
}
