package org.v2g.ledger.internal;

import org.v2g.ledger.EvPlugIn;
import org.v2g.ledger.EvUnplug;

/**
 * Layouts of the two records that open and end an EV's session at the node, {@link EvPlugIn} (48 bytes)
 * and {@link EvUnplug} (40 bytes), little-endian; the unplug is the plug-in without {@code a}.
 *
 * <pre>
 *   0                                                   32                  40                  48
 *   +---------------------------------------------------+-------------------+-------------------+
 *   |          ev id: 32 bytes US-ASCII, zero padded    |  first slot i64   |    a  f64         |
 *   +---------------------------------------------------+-------------------+-------------------+
 * </pre>
 */
public final class EvSessionDescriptor {
    /** Offset of the EV id. */
    public static final int EV_ID_OFFSET = 0;
    /** Offset of the slot (long): the first slot the EV takes part in, or the first it no longer does. */
    public static final int SLOT_OFFSET = EV_ID_OFFSET + EvIds.LENGTH;
    /** Offset of the degradation coefficient a (double, plug-in only). */
    public static final int A_OFFSET = SLOT_OFFSET + Long.BYTES;
    /** Payload length of an {@link EvUnplug}. */
    public static final int UNPLUG_LENGTH = A_OFFSET;
    /** Payload length of an {@link EvPlugIn}. */
    public static final int PLUG_IN_LENGTH = A_OFFSET + Double.BYTES;

    private EvSessionDescriptor() {
    }
}
