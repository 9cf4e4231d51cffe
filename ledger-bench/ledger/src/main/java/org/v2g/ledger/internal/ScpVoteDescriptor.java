package org.v2g.ledger.internal;

import org.v2g.ledger.Ed25519;
import org.v2g.ledger.ScpVote;
import org.v2g.ledger.SlotSolution;

/**
 * Layout of an {@link ScpVote} payload (112 bytes, little-endian). The SCP's Ed25519 signature covers
 * bytes {@code [0, SIGNATURE_OFFSET)}.
 *
 * <pre>
 *   0                   8                                                            40        44        48
 *   +-------------------+------------------------------------------------------------+---------+---------+
 *   |    slot  i64      |     SHA-256 of the SlotSolution encoding: 32 bytes          | SCP i32 | 0  i32  |
 *   +-------------------+------------------------------------------------------------+---------+---------+
 *  48                                                                                                  112
 *   +-----------------------------------------------------------------------------------------------------+
 *   |                       SCP Ed25519 signature over bytes [0, 48): 64 bytes                            |
 *   +-----------------------------------------------------------------------------------------------------+
 * </pre>
 */
public final class ScpVoteDescriptor {
    /** Offset of the slot (long). */
    public static final int SLOT_OFFSET = 0;
    /** Offset of the solution hash. */
    public static final int SOLUTION_HASH_OFFSET = SLOT_OFFSET + Long.BYTES;
    /** Offset of the SCP id (int). */
    public static final int SCP_ID_OFFSET = SOLUTION_HASH_OFFSET + Sha256.LENGTH;
    /** Offset of four reserved zero bytes that keep the signature 8-aligned. */
    public static final int RESERVED_OFFSET = SCP_ID_OFFSET + Integer.BYTES;
    /** Offset of the signature; also the length of the signed bytes. */
    public static final int SIGNATURE_OFFSET = RESERVED_OFFSET + Integer.BYTES;
    /** Payload length. */
    public static final int LENGTH = SIGNATURE_OFFSET + Ed25519.SIGNATURE_LENGTH;

    private ScpVoteDescriptor() {
    }
}
