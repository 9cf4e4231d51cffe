package org.v2g.replica;

/**
 * Layout of a {@link ReplicaRecords.SlotOpen} payload (16 bytes, little-endian).
 *
 * <pre>
 *   0                   8                   16
 *   +-------------------+-------------------+
 *   |    slot  i64      | time us  i64      |
 *   +-------------------+-------------------+
 * </pre>
 */
final class SlotOpenDescriptor {
    /** Offset of the slot (long). */
    static final int SLOT_OFFSET = 0;
    /** Offset of the slot's declared start time (long, microseconds since the epoch). */
    static final int TIME_MICROS_OFFSET = SLOT_OFFSET + Long.BYTES;
    /** Payload length. */
    static final int LENGTH = TIME_MICROS_OFFSET + Long.BYTES;

    private SlotOpenDescriptor() {
    }
}
