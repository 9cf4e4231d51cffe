package org.v2g.replica;

import org.v2g.ledger.Ed25519;
import org.v2g.ledger.internal.PartialResultDescriptor;

/**
 * Layout of a {@link ReplicaRecords.SignedPartial} payload (96 bytes, little-endian): the ledger's
 * {@code PartialResult} layout as it is, then the SCP's Ed25519 signature over those 32 bytes.
 *
 * <pre>
 *   0                                   32                                                  96
 *   +-----------------------------------+---------------------------------------------------+
 *   | partial result: 32 bytes          |  Ed25519 signature over bytes 0..32: 64 bytes      |
 *   | (PartialResultDescriptor)         |                                                    |
 *   +-----------------------------------+---------------------------------------------------+
 * </pre>
 */
final class SignedPartialDescriptor {
    /** Offset of the partial result (its own layout, {@link PartialResultDescriptor}). */
    static final int PARTIAL_OFFSET = 0;
    /** Offset of the signature over the partial result's bytes. */
    static final int SIGNATURE_OFFSET = PARTIAL_OFFSET + PartialResultDescriptor.LENGTH;
    /** Payload length. */
    static final int LENGTH = SIGNATURE_OFFSET + Ed25519.SIGNATURE_LENGTH;

    private SignedPartialDescriptor() {
    }
}
