package org.v2g.ledger;

import org.v2g.ledger.internal.Sha256;

/**
 * Layout of a message in the append ring, after Agrona's own 8-byte record header (length, type id =
 * the record type). The producer writes it in the claimed space; the sealer copies the payload into a
 * block frame and takes the leaf hash as it is.
 *
 * <pre>
 *   0         4         8                  16                                          48
 *   +---------+---------+-------------------+-------------------------------------------+--------------+
 *   |producer |reserved |producer seq  i64  | leaf = SHA-256(0x00 || frame): 32 bytes,  | payload ...  |
 *   |id  i32  |  i32    |                   | hashed by the producer on commit          |              |
 *   +---------+---------+-------------------+-------------------------------------------+--------------+
 * </pre>
 *
 * <p>Hashing each leaf on the producer's thread, where the bytes were just written and are hot in its
 * cache, spreads the leaf hashing over the producers instead of capping throughput at the sealer.
 *
 * <p>In block format version 2 there is no per-record leaf (a leaf covers a group of records that
 * different producers wrote; the sealer hashes the groups): the message has no leaf field and the
 * payload starts at {@link #GROUPED_PAYLOAD_OFFSET} (byte 16).
 */
final class RingMessageDescriptor {
    /** Offset of the producer id (int). */
    static final int PRODUCER_ID_OFFSET = 0;
    /** Offset of the producer's own sequence number of the record (long). */
    static final int PRODUCER_SEQUENCE_OFFSET = 8;
    /** Offset of the leaf hash. */
    static final int LEAF_OFFSET = 16;
    /** Offset of the payload (version 1, after the leaf). */
    static final int PAYLOAD_OFFSET = LEAF_OFFSET + Sha256.LENGTH;
    /** Offset of the payload in block format version 2 (no leaf field). */
    static final int GROUPED_PAYLOAD_OFFSET = LEAF_OFFSET;

    /** The payload offset of a ledger of block format {@code version}. */
    static int payloadOffset(int version) {
        return version == org.v2g.ledger.internal.FileHeaderDescriptor.VERSION_1 ? PAYLOAD_OFFSET
            : GROUPED_PAYLOAD_OFFSET;
    }

    private RingMessageDescriptor() {
    }
}
