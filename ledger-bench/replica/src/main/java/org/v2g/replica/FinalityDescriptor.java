package org.v2g.replica;

import org.v2g.ledger.internal.Sha256;

/**
 * Layout of a {@link ReplicaRecords.Finality} payload (48 bytes, little-endian).
 *
 * <pre>
 *   0                   8         12        16                                                  48
 *   +-------------------+---------+---------+---------------------------------------------------+
 *   |    slot  i64      |votes i32|quorum   |  SHA-256 of the final solution: 32 bytes           |
 *   |                   |         |  i32    |                                                    |
 *   +-------------------+---------+---------+---------------------------------------------------+
 * </pre>
 */
final class FinalityDescriptor {
    /** Offset of the slot (long). */
    static final int SLOT_OFFSET = 0;
    /** Offset of the number of SCP votes for the final solution (int). */
    static final int VOTES_OFFSET = SLOT_OFFSET + Long.BYTES;
    /** Offset of the quorum those votes reached (int). */
    static final int QUORUM_OFFSET = VOTES_OFFSET + Integer.BYTES;
    /** Offset of the final solution's hash. */
    static final int SOLUTION_HASH_OFFSET = QUORUM_OFFSET + Integer.BYTES;
    /** Payload length. */
    static final int LENGTH = SOLUTION_HASH_OFFSET + Sha256.LENGTH;

    private FinalityDescriptor() {
    }
}
