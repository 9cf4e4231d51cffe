package org.v2g.replica;

/**
 * Layout of a {@link ReplicaRecords.Deadline} payload (8 bytes, little-endian).
 *
 * <pre>
 *   0                   8
 *   +-------------------+
 *   |    slot  i64      |
 *   +-------------------+
 * </pre>
 */
final class DeadlineDescriptor {
    /** Offset of the slot whose deadline passed (long). */
    static final int SLOT_OFFSET = 0;
    /** Payload length. */
    static final int LENGTH = SLOT_OFFSET + Long.BYTES;

    private DeadlineDescriptor() {
    }
}
