package org.v2g.ledger.internal;

import org.v2g.ledger.Ed25519;
import org.v2g.ledger.EvDeparture;

/**
 * Layout of an {@link EvDeparture} payload (128 bytes, little-endian). The EV's Ed25519 signature
 * covers bytes {@code [0, SIGNATURE_OFFSET)}: every other field.
 *
 * <pre>
 *   0                                                                                32
 *   +-------------------+-------------------+-------------------+-------------------+
 *   |                      ev id: 32 bytes US-ASCII, zero padded                    |
 *   +-------------------+-------------------+-------------------+-------------------+
 *  32                  40                  48                  56                  64
 *   +-------------------+-------------------+-------------------+-------------------+
 *   |    slot  i64      | target kWh  f64   |  last slot  i64   |    nonce  i64     |
 *   +-------------------+-------------------+-------------------+-------------------+
 *  64                                                                              128
 *   +-------------------------------------------------------------------------------+
 *   |             EV Ed25519 signature over bytes [0, 64): 64 bytes                 |
 *   +-------------------------------------------------------------------------------+
 * </pre>
 */
public final class EvDepartureDescriptor {
    /** Offset of the EV id. */
    public static final int EV_ID_OFFSET = 0;
    /** Offset of the slot of the preferences it belongs to (long). */
    public static final int SLOT_OFFSET = EV_ID_OFFSET + EvIds.LENGTH;
    /** Offset of the energy wanted at departure, kWh (double). */
    public static final int TARGET_OFFSET = SLOT_OFFSET + Long.BYTES;
    /** Offset of the last slot the EV takes part in (long). */
    public static final int LAST_SLOT_OFFSET = TARGET_OFFSET + Double.BYTES;
    /** Offset of the nonce (long). */
    public static final int NONCE_OFFSET = LAST_SLOT_OFFSET + Long.BYTES;
    /** Offset of the signature; also the length of the signed bytes. */
    public static final int SIGNATURE_OFFSET = NONCE_OFFSET + Long.BYTES;
    /** Payload length. */
    public static final int LENGTH = SIGNATURE_OFFSET + Ed25519.SIGNATURE_LENGTH;

    private EvDepartureDescriptor() {
    }
}
