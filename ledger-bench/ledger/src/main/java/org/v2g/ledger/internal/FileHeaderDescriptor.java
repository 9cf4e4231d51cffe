package org.v2g.ledger.internal;

import org.v2g.ledger.Ed25519;

/**
 * Layout of the 64-byte header at the start of the block file (little-endian).
 *
 * <pre>
 *   0                   8         12        16
 *   +-------------------+---------+---------+
 *   | magic "V2GLEDGR"  |version  |max block|
 *   +-------------------+---------+---------+
 *  16                                          48                       60        64
 *   +-------------------------------------------+------------------------+---------+
 *   | sealer's raw Ed25519 public key: 32 bytes | reserved, zero (12)    |CRC32C   |
 *   +-------------------------------------------+------------------------+---------+
 * </pre>
 *
 * <p>The CRC32C covers bytes {@code [0, 60)}. {@code max block} bounds every block's length; recovery
 * uses it to tell a torn tail from corruption.
 */
public final class FileHeaderDescriptor {
    /** "V2GLEDGR" as a little-endian long. */
    public static final long MAGIC = 0x524744454C473256L;
    /** Format version. */
    public static final int VERSION = 1;
    /** Offset of the magic (long). */
    public static final int MAGIC_OFFSET = 0;
    /** Offset of the version (int). */
    public static final int VERSION_OFFSET = MAGIC_OFFSET + Long.BYTES;
    /** Offset of the maximum block length (int). */
    public static final int MAX_BLOCK_LENGTH_OFFSET = VERSION_OFFSET + Integer.BYTES;
    /** Offset of the sealer's raw public key. */
    public static final int SEALER_KEY_OFFSET = MAX_BLOCK_LENGTH_OFFSET + Integer.BYTES;
    /** Offset of the reserved bytes. */
    public static final int RESERVED_OFFSET = SEALER_KEY_OFFSET + Ed25519.PUBLIC_KEY_LENGTH;
    /** Offset of the CRC32C (int). */
    public static final int CRC_OFFSET = 60;
    /** Length of the file header; the first block starts here. */
    public static final int LENGTH = CRC_OFFSET + Integer.BYTES;

    private FileHeaderDescriptor() {
    }
}
