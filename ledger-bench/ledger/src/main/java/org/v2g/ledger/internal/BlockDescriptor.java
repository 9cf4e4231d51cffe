package org.v2g.ledger.internal;

import org.v2g.ledger.Ed25519;

/**
 * Layout of one block in the block file (little-endian). A block is a 168-byte header, the record
 * frames, and a CRC32C trailer.
 *
 * <pre>
 *   0         4         8                  16                  24                  32        36        40
 *   +---------+---------+-------------------+-------------------+-------------------+---------+---------+
 *   |magic i32|block len|   height  i64     | first seq  i64    | time (epoch us)i64|count i32|rec. len |
 *   +---------+---------+-------------------+-------------------+-------------------+---------+---------+
 *  40                                          72                                          104
 *   +-------------------------------------------+-------------------------------------------+
 *   |   previous header hash: 32 bytes          |   Merkle root of the frames: 32 bytes     |
 *   +-------------------------------------------+-------------------------------------------+
 *  104                                                                                     168
 *   +---------------------------------------------------------------------------------------+
 *   |   sealer's Ed25519 signature over bytes [0, 104): 64 bytes                            |
 *   +---------------------------------------------------------------------------------------+
 *  168
 *   +---------------------------------------------------------------------------------------+
 *   |   count record frames, rec. len bytes in all (see FrameDescriptor)                    |
 *   +---------------------------------------------------------------------------------------+
 *  168 + rec. len = block len - 4
 *   +---------+
 *   |CRC32C   |  over bytes [0, block len - 4)
 *   +---------+
 * </pre>
 *
 * <p>The header hash that chains blocks is {@code SHA-256(bytes [0, 104))}, the same bytes the signature
 * covers. The first block has height 0 and a previous hash of 32 zero bytes; record sequence numbers
 * start at 0 and run on without gaps, so {@code first seq} of block {@code h + 1} is {@code first seq +
 * count} of block {@code h}.
 */
public final class BlockDescriptor {
    /** The block magic, "VBLK" read as a little-endian int. */
    public static final int MAGIC = 0x4B4C4256;
    /** Offset of the magic (int). */
    public static final int MAGIC_OFFSET = 0;
    /** Offset of the whole block's length including the trailer (int). */
    public static final int BLOCK_LENGTH_OFFSET = MAGIC_OFFSET + Integer.BYTES;
    /** Offset of the height (long). */
    public static final int HEIGHT_OFFSET = BLOCK_LENGTH_OFFSET + Integer.BYTES;
    /** Offset of the sequence number of the first record (long). */
    public static final int FIRST_SEQUENCE_OFFSET = HEIGHT_OFFSET + Long.BYTES;
    /** Offset of the sealing time, microseconds since the epoch (long). */
    public static final int TIMESTAMP_OFFSET = FIRST_SEQUENCE_OFFSET + Long.BYTES;
    /** Offset of the number of records (int, &gt;= 1). */
    public static final int RECORD_COUNT_OFFSET = TIMESTAMP_OFFSET + Long.BYTES;
    /** Offset of the length of the frame section (int). */
    public static final int RECORDS_LENGTH_OFFSET = RECORD_COUNT_OFFSET + Integer.BYTES;
    /** Offset of the previous block's header hash. */
    public static final int PREVIOUS_HASH_OFFSET = RECORDS_LENGTH_OFFSET + Integer.BYTES;
    /** Offset of the Merkle root. */
    public static final int MERKLE_ROOT_OFFSET = PREVIOUS_HASH_OFFSET + Sha256.LENGTH;
    /** Offset of the signature; also the number of signed and hashed header bytes. */
    public static final int SIGNATURE_OFFSET = MERKLE_ROOT_OFFSET + Sha256.LENGTH;
    /** Length of the header; the first frame starts here. */
    public static final int HEADER_LENGTH = SIGNATURE_OFFSET + Ed25519.SIGNATURE_LENGTH;
    /** Length of the CRC32C trailer. */
    public static final int TRAILER_LENGTH = Integer.BYTES;

    private BlockDescriptor() {
    }

    /** The block length for a frame section of {@code recordsLength} bytes. */
    public static int blockLength(int recordsLength) {
        return HEADER_LENGTH + recordsLength + TRAILER_LENGTH;
    }
}
