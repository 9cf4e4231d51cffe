package org.v2g.ledger.internal;

/**
 * Layout of one record frame inside a block (little-endian, no padding between frames). The frame is
 * what a Merkle leaf hashes: {@code leaf = SHA-256(0x00 || frame)}.
 *
 * <pre>
 *   0         4         8
 *   +---------+---------+-----------------------------------------+
 *   |len  i32 |type i32 |   payload: len bytes (a *Descriptor     |
 *   |         |         |   layout, or application bytes)         |
 *   +---------+---------+-----------------------------------------+
 * </pre>
 */
public final class FrameDescriptor {
    /** Offset of the payload length (int). */
    public static final int LENGTH_OFFSET = 0;
    /** Offset of the record type id (int). */
    public static final int TYPE_OFFSET = LENGTH_OFFSET + Integer.BYTES;
    /** Offset of the payload; also the frame header length. */
    public static final int PAYLOAD_OFFSET = TYPE_OFFSET + Integer.BYTES;

    private FrameDescriptor() {
    }
}
