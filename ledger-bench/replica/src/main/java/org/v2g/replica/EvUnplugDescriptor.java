package org.v2g.replica;

import org.v2g.ledger.EvIds;

/**
 * Layout of a {@link ReplicaRecords.EvUnplug} payload (40 bytes, little-endian); the same bytes as the
 * ledger's own unplug record ({@code EvSessionDescriptor.UNPLUG_LENGTH}).
 *
 * <pre>
 *   0                                                   32                  40
 *   +---------------------------------------------------+-------------------+
 *   |          ev id: 32 bytes US-ASCII, zero padded    |    slot  i64      |
 *   +---------------------------------------------------+-------------------+
 * </pre>
 */
final class EvUnplugDescriptor {
    /** Offset of the EV id. */
    static final int EV_ID_OFFSET = 0;
    /** Offset of the first slot the EV no longer takes part in (long). */
    static final int SLOT_OFFSET = EV_ID_OFFSET + EvIds.LENGTH;
    /** Payload length. */
    static final int LENGTH = SLOT_OFFSET + Long.BYTES;

    private EvUnplugDescriptor() {
    }
}
