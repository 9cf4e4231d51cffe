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
 * uses it to tell a torn tail from corruption. {@code version} is {@value #VERSION_1} or
 * {@value #VERSION_2}; it fixes the Merkle leaves of every block of the file.
 */
public final class FileHeaderDescriptor {
    /** "V2GLEDGR" as a little-endian long. */
    public static final long MAGIC = 0x524744454C473256L;
    /** Block format version 1: one Merkle leaf per record. */
    public static final int VERSION_1 = 1;
    /** Block format version 2: one Merkle leaf per group of 16 records (docs/LEDGER.md, "Merkle tree"). */
    public static final int VERSION_2 = 2;
    /** The version of a new ledger, unless {@value #NEW_VERSION_PROPERTY} says 1; a file keeps its version. */
    public static final int VERSION = VERSION_2;
    /** System property naming the version of new ledgers ({@code 1} or {@code 2}; default {@value #VERSION}). */
    public static final String NEW_VERSION_PROPERTY = "v2g.ledger.format";
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

    /** Whether {@code version} is one this code reads. */
    public static boolean supported(int version) {
        return version == VERSION_1 || version == VERSION_2;
    }

    /**
     * The version a new ledger is written with: {@value #VERSION}, or the value of
     * {@value #NEW_VERSION_PROPERTY}.
     *
     * @throws IllegalArgumentException naming the property when its value is not 1 or 2
     */
    public static int newLedgerVersion() {
        String value = System.getProperty(NEW_VERSION_PROPERTY, Integer.toString(VERSION)).trim();
        return switch (value) {
            case "1" -> VERSION_1;
            case "2" -> VERSION_2;
            default -> throw new IllegalArgumentException(NEW_VERSION_PROPERTY + " must be 1 or 2: value=" + value);
        };
    }
}
