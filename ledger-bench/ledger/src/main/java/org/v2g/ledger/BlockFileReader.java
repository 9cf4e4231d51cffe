package org.v2g.ledger;

import static org.v2g.ledger.internal.BlockDescriptor.BLOCK_LENGTH_OFFSET;
import static org.v2g.ledger.internal.BlockDescriptor.HEADER_LENGTH;
import static org.v2g.ledger.internal.BlockDescriptor.MAGIC;
import static org.v2g.ledger.internal.BlockDescriptor.MAGIC_OFFSET;
import static org.v2g.ledger.internal.BlockDescriptor.RECORDS_LENGTH_OFFSET;
import static org.v2g.ledger.internal.BlockDescriptor.RECORD_COUNT_OFFSET;
import static org.v2g.ledger.internal.BlockDescriptor.TRAILER_LENGTH;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

import org.agrona.concurrent.UnsafeBuffer;
import org.v2g.ledger.internal.BlockDescriptor;
import org.v2g.ledger.internal.FileHeaderDescriptor;
import org.v2g.ledger.internal.FrameDescriptor;

/**
 * Reads the block file: its header, then block after block, checking each block's framing and CRC32C.
 * Chain, Merkle and signature checks are the callers' ({@link BlockStore}, {@link LedgerVerifier}).
 *
 * <p>Thread-safety: not thread-safe; reads with positional reads, so it may run beside a writer.
 */
final class BlockFileReader {
    /** What {@link #next()} found. */
    enum Status {
        /** A block with a good CRC and framing; see {@link #header()} and {@link #block()}. */
        BLOCK,
        /** The end of the file, exactly at a block boundary. */
        END,
        /** An incomplete or damaged last block: what a crash during a write leaves. */
        TORN_TAIL,
        /** A damaged block that is not the last one, or a good CRC over bad framing. */
        CORRUPT
    }

    /** The file header's contents. */
    record FileHeader(int version, int maxBlockLength, byte[] sealerKey) {
    }

    private final FileChannel channel;
    private final long end;
    private final int maxBlockLength;
    private final CRC32C crc = new CRC32C();
    private final UnsafeBuffer view = new UnsafeBuffer(new byte[0]);
    private byte[] bytes = new byte[4096];
    private long position;
    private BlockHeader header;
    private String problem;

    BlockFileReader(FileChannel channel, long start, long end, int maxBlockLength) {
        this.channel = channel;
        this.position = start;
        this.end = end;
        this.maxBlockLength = maxBlockLength;
    }

    /** Reads and checks the file header; throws {@link LedgerCorruptedException} (height -1) if bad. */
    static FileHeader readFileHeader(FileChannel channel) {
        byte[] b = new byte[FileHeaderDescriptor.LENGTH];
        if (readFully(channel, b, b.length, 0) < b.length) {
            throw new LedgerCorruptedException(-1, "file shorter than its 64-byte header");
        }
        UnsafeBuffer u = new UnsafeBuffer(b);
        CRC32C crc = new CRC32C();
        crc.update(b, 0, FileHeaderDescriptor.CRC_OFFSET);
        if ((int) crc.getValue() != u.getInt(FileHeaderDescriptor.CRC_OFFSET, ByteOrder.LITTLE_ENDIAN)) {
            throw new LedgerCorruptedException(-1, "file header CRC32C mismatch");
        }
        if (u.getLong(FileHeaderDescriptor.MAGIC_OFFSET, ByteOrder.LITTLE_ENDIAN) != FileHeaderDescriptor.MAGIC) {
            throw new LedgerCorruptedException(-1, "not a v2g ledger file (bad magic)");
        }
        int version = u.getInt(FileHeaderDescriptor.VERSION_OFFSET, ByteOrder.LITTLE_ENDIAN);
        if (!FileHeaderDescriptor.supported(version)) {
            throw new LedgerCorruptedException(-1, "unsupported format version " + version);
        }
        int max = u.getInt(FileHeaderDescriptor.MAX_BLOCK_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN);
        if (max < BlockDescriptor.blockLength(FrameDescriptor.PAYLOAD_OFFSET)) {
            throw new LedgerCorruptedException(-1, "max block length too small: " + max);
        }
        for (int i = FileHeaderDescriptor.RESERVED_OFFSET; i < FileHeaderDescriptor.CRC_OFFSET; i++) {
            if (b[i] != 0) {
                throw new LedgerCorruptedException(-1, "file header reserved bytes not zero");
            }
        }
        byte[] key = new byte[Ed25519.PUBLIC_KEY_LENGTH];
        u.getBytes(FileHeaderDescriptor.SEALER_KEY_OFFSET, key);
        return new FileHeader(version, max, key);
    }

    /** The 64 bytes of a file header of format {@code version}. */
    static byte[] fileHeader(int version, int maxBlockLength, byte[] sealerKey) {
        byte[] b = new byte[FileHeaderDescriptor.LENGTH];
        UnsafeBuffer u = new UnsafeBuffer(b);
        u.putLong(FileHeaderDescriptor.MAGIC_OFFSET, FileHeaderDescriptor.MAGIC, ByteOrder.LITTLE_ENDIAN);
        u.putInt(FileHeaderDescriptor.VERSION_OFFSET, version, ByteOrder.LITTLE_ENDIAN);
        u.putInt(FileHeaderDescriptor.MAX_BLOCK_LENGTH_OFFSET, maxBlockLength, ByteOrder.LITTLE_ENDIAN);
        u.putBytes(FileHeaderDescriptor.SEALER_KEY_OFFSET, sealerKey);
        CRC32C crc = new CRC32C();
        crc.update(b, 0, FileHeaderDescriptor.CRC_OFFSET);
        u.putInt(FileHeaderDescriptor.CRC_OFFSET, (int) crc.getValue(), ByteOrder.LITTLE_ENDIAN);
        return b;
    }

    /** Where the next block starts (after a BLOCK: where the one just read ends). */
    long position() {
        return position;
    }

    /** The header of the block just read. */
    BlockHeader header() {
        return header;
    }

    /** The bytes of the block just read, {@code [0, header().blockLength())}; reused by the next call. */
    byte[] block() {
        return bytes;
    }

    /** Why the last call returned TORN_TAIL or CORRUPT. */
    String problem() {
        return problem;
    }

    /** Reads the block at {@link #position()}; advances past it only when it returns BLOCK. */
    Status next() {
        long remaining = end - position;
        header = null;
        if (remaining == 0) {
            return Status.END;
        }
        if (remaining < HEADER_LENGTH + TRAILER_LENGTH) {
            problem = "incomplete block header: " + remaining + " bytes at end of file";
            return Status.TORN_TAIL;
        }
        ensure(HEADER_LENGTH);
        readFully(channel, bytes, HEADER_LENGTH, position);
        view.wrap(bytes);
        int magic = view.getInt(MAGIC_OFFSET, ByteOrder.LITTLE_ENDIAN);
        int length = view.getInt(BLOCK_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN);
        int recordsLength = view.getInt(RECORDS_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN);
        if (magic != MAGIC || length < HEADER_LENGTH + TRAILER_LENGTH || length > maxBlockLength
            || recordsLength != length - HEADER_LENGTH - TRAILER_LENGTH) {
            problem = magic != MAGIC ? "bad block magic" : "implausible block length " + length;
            return remaining <= maxBlockLength ? Status.TORN_TAIL : Status.CORRUPT;
        }
        if (length > remaining) {
            problem = "block of " + length + " bytes but only " + remaining + " left in the file";
            return Status.TORN_TAIL;
        }
        ensure(length);
        readFully(channel, bytes, length, position);
        view.wrap(bytes);
        crc.reset();
        crc.update(bytes, 0, length - TRAILER_LENGTH);
        if ((int) crc.getValue() != view.getInt(length - TRAILER_LENGTH, ByteOrder.LITTLE_ENDIAN)) {
            problem = "CRC32C mismatch";
            return length == remaining ? Status.TORN_TAIL : Status.CORRUPT;
        }
        header = BlockHeader.decode(view, 0);
        String framing = checkFraming(view, view.getInt(RECORD_COUNT_OFFSET, ByteOrder.LITTLE_ENDIAN),
            recordsLength, maxBlockLength);
        if (framing != null) {
            problem = framing;
            header = null;
            return Status.CORRUPT;
        }
        position += length;
        return Status.BLOCK;
    }

    /** Checks that {@code count} frames fill exactly {@code recordsLength} bytes; null if they do. */
    static String checkFraming(UnsafeBuffer block, int count, int recordsLength, int maxPayload) {
        if (count < 1) {
            return "record count must be >= 1: " + count;
        }
        int p = HEADER_LENGTH;
        int limit = HEADER_LENGTH + recordsLength;
        for (int i = 0; i < count; i++) {
            if (limit - p < FrameDescriptor.PAYLOAD_OFFSET) {
                return "frame " + i + " runs past the record section";
            }
            int len = block.getInt(p + FrameDescriptor.LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN);
            int type = block.getInt(p + FrameDescriptor.TYPE_OFFSET, ByteOrder.LITTLE_ENDIAN);
            if (len < 0 || len > limit - p - FrameDescriptor.PAYLOAD_OFFSET) {
                return "frame " + i + " has bad length " + len;
            }
            try {
                RecordType.checkPayload(type, len, maxPayload);
            } catch (IllegalArgumentException e) {
                return "frame " + i + ": " + e.getMessage();
            }
            p += FrameDescriptor.PAYLOAD_OFFSET + len;
        }
        return p == limit ? null : "record section has " + (limit - p) + " bytes after the last frame";
    }

    private void ensure(int n) {
        if (bytes.length < n) {
            bytes = new byte[Math.max(n, bytes.length * 2)];
        }
    }

    static int readFully(FileChannel channel, byte[] into, int length, long at) {
        ByteBuffer bb = ByteBuffer.wrap(into, 0, length);
        try {
            while (bb.hasRemaining()) {
                if (channel.read(bb, at + bb.position()) < 0) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bb.position();
    }
}
