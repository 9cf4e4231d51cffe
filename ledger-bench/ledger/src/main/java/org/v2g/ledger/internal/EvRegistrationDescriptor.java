package org.v2g.ledger.internal;

import org.v2g.ledger.Ed25519;
import org.v2g.ledger.EvRegistration;

/**
 * Layout of an {@link EvRegistration} payload (72 bytes, little-endian).
 *
 * <pre>
 *   0                   8                  16                  24                  32
 *   +-------------------+-------------------+-------------------+-------------------+
 *   |                      ev id: 32 bytes US-ASCII, zero padded                    |
 *   +-------------------+-------------------+-------------------+-------------------+
 *  32                  40                  48                  56                  64
 *   +-------------------+-------------------+-------------------+-------------------+
 *   |                 Ed25519 public key: 32 bytes raw (RFC 8032)                   |
 *   +-------------------+-------------------+-------------------+-------------------+
 *  64                  72
 *   +-------------------+
 *   | capacity kWh f64  |
 *   +-------------------+
 * </pre>
 */
public final class EvRegistrationDescriptor {
    /** Offset of the EV id. */
    public static final int EV_ID_OFFSET = 0;
    /** Offset of the raw public key. */
    public static final int PUBLIC_KEY_OFFSET = EV_ID_OFFSET + EvIds.LENGTH;
    /** Offset of the capacity (kWh, double). */
    public static final int CAPACITY_OFFSET = PUBLIC_KEY_OFFSET + Ed25519.PUBLIC_KEY_LENGTH;
    /** Payload length. */
    public static final int LENGTH = CAPACITY_OFFSET + Double.BYTES;

    private EvRegistrationDescriptor() {
    }
}
