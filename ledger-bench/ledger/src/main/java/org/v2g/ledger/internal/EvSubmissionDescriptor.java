package org.v2g.ledger.internal;

import org.v2g.ledger.Ed25519;
import org.v2g.ledger.EvSubmission;

/**
 * Layout of an {@link EvSubmission} payload (136 bytes, little-endian). The EV's Ed25519 signature
 * covers bytes {@code [0, SIGNATURE_OFFSET)}: every other field.
 *
 * <pre>
 *   0                   8                  16                  24                  32
 *   +-------------------+-------------------+-------------------+-------------------+
 *   |                      ev id: 32 bytes US-ASCII, zero padded                    |
 *   +-------------------+-------------------+-------------------+-------------------+
 *  32                  40                  48                  56                  64
 *   +-------------------+-------------------+-------------------+-------------------+
 *   |    slot  i64      |     beta  f64     |    U_idle  f64    | plug-in kWh  f64  |
 *   +-------------------+-------------------+-------------------+-------------------+
 *  64                  72                                                         136
 *   +-------------------+-----------------------------------------------------------+
 *   |    nonce  i64     |      EV Ed25519 signature over bytes [0, 72): 64 bytes    |
 *   +-------------------+-----------------------------------------------------------+
 * </pre>
 */
public final class EvSubmissionDescriptor {
    /** Offset of the EV id. */
    public static final int EV_ID_OFFSET = 0;
    /** Offset of the slot (long). */
    public static final int SLOT_OFFSET = EV_ID_OFFSET + EvIds.LENGTH;
    /** Offset of β (double). */
    public static final int BETA_OFFSET = SLOT_OFFSET + Long.BYTES;
    /** Offset of U_idle (double). */
    public static final int U_IDLE_OFFSET = BETA_OFFSET + Double.BYTES;
    /** Offset of the energy stored at plug-in, kWh (double). */
    public static final int PLUG_IN_ENERGY_OFFSET = U_IDLE_OFFSET + Double.BYTES;
    /** Offset of the nonce (long). */
    public static final int NONCE_OFFSET = PLUG_IN_ENERGY_OFFSET + Double.BYTES;
    /** Offset of the signature; also the length of the signed bytes. */
    public static final int SIGNATURE_OFFSET = NONCE_OFFSET + Long.BYTES;
    /** Payload length. */
    public static final int LENGTH = SIGNATURE_OFFSET + Ed25519.SIGNATURE_LENGTH;

    private EvSubmissionDescriptor() {
    }
}
