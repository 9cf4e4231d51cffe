package org.v2g.ledger;

import static org.v2g.ledger.internal.BlockDescriptor.HEADER_LENGTH;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.agrona.concurrent.UnsafeBuffer;
import org.v2g.kernel.InvalidInputException;
import org.v2g.ledger.internal.FileHeaderDescriptor;
import org.v2g.ledger.internal.FrameDescriptor;

/**
 * The append-only block file {@value #FILE_NAME} in a ledger directory: opens or creates it, recovers
 * to the last complete block, appends sealed blocks, forces them and reads records back.
 *
 * <p>The directory has one writer: the store holds its {@link LedgerLock} from open to close.
 *
 * <p>Thread-safety: one writer thread calls {@link #write}; {@link #sync()} may run on another thread
 * at the same time; reads are positional and may run on any thread.
 */
final class BlockStore implements AutoCloseable {
    /** Name of the block file inside the ledger directory. */
    static final String FILE_NAME = "blocks.v2gl";

    private final Path dir;
    private final LedgerLock lock;
    private final FileChannel channel;
    private final int maxBlockLength;
    private final int version;
    private final RecoveryReport recovery;
    private final List<BlockHeader> headers = new ArrayList<>();
    private final List<Long> blockEnds = new ArrayList<>();
    private long end;
    private long nextSequence;
    private byte[] lastHash;
    private volatile boolean closed;

    private BlockStore(Path dir, LedgerLock lock, FileChannel channel, int version, int maxBlockLength,
                       RecoveryReport recovery, long end, List<BlockHeader> headers, List<Long> blockEnds) {
        this.dir = dir;
        this.version = version;
        this.lock = lock;
        this.channel = channel;
        this.maxBlockLength = maxBlockLength;
        this.recovery = recovery;
        this.end = end;
        this.headers.addAll(headers);
        this.blockEnds.addAll(blockEnds);
        BlockHeader last = headers.isEmpty() ? null : headers.getLast();
        this.nextSequence = last == null ? 0 : last.firstSequence() + last.recordCount();
        this.lastHash = last == null ? BlockHeader.GENESIS_PREVIOUS_HASH.clone() : last.hash();
    }

    /**
     * Opens the ledger in {@code dir}, creating the block file if absent, under {@code lock} (the directory's writer
     * lock, which the store owns from now on and releases on close, or here if opening fails). An existing
     * file must have been sealed with {@code sealerKey}; a torn tail is cut and reported in
     * {@link #recovery()}. {@code maxBlockLength} is written in a new file; an existing file keeps its own
     * ({@link #maxBlockLength()}), which the writer must keep its blocks within.
     *
     * @throws LedgerCorruptedException if a block before the last is damaged
     */
    static BlockStore open(Path dir, LedgerLock lock, PublicKey sealerPublicKey, int maxBlockLength) {
        try {
            if (!lock.isHeld() || !lock.covers(dir)) {
                throw new IllegalStateException("the lock " + lock + " is not held for the ledger in " + dir);
            }
            byte[] sealerKey = Ed25519.rawPublicKey(sealerPublicKey);
            Path file = dir.resolve(FILE_NAME);
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
            try {
                long size = ch.size();
                if (size < FileHeaderDescriptor.LENGTH) {
                    // New, or a creation cut short before its header was complete: no block, no record yet.
                    int version = FileHeaderDescriptor.newLedgerVersion();
                    ch.truncate(0);
                    ch.write(ByteBuffer.wrap(BlockFileReader.fileHeader(version, maxBlockLength, sealerKey)), 0);
                    ch.force(true);
                    forceDirectory(dir);
                    return new BlockStore(dir, lock, ch, version, maxBlockLength, new RecoveryReport(0, 0, size,
                        size == 0 ? "clean" : "torn file header (" + size + " bytes) written again"),
                        FileHeaderDescriptor.LENGTH, List.of(), List.of());
                }
                return recover(dir, lock, ch, sealerKey);
            } catch (LedgerCorruptedException e) {
                ch.close();
                throw e.in(file);
            } catch (RuntimeException | IOException e) {
                ch.close();
                throw e;
            }
        } catch (IOException e) {
            lock.close();
            throw new UncheckedIOException("cannot open ledger in " + dir, e);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static BlockStore recover(Path dir, LedgerLock lock, FileChannel ch, byte[] sealerKey) throws IOException {
        BlockFileReader.FileHeader fh = BlockFileReader.readFileHeader(ch);
        if (!Arrays.equals(fh.sealerKey(), sealerKey)) {
            throw new InvalidInputException("sealer_key", "ledger=" + dir, HexFormat.of().formatHex(sealerKey),
                "must be the key the ledger was sealed with (" + HexFormat.of().formatHex(fh.sealerKey()) + ")");
        }
        // The file's bound, set at creation, is the ledger's: the writer keeps its blocks within it
        // (LedgerConfig.within), and readers of the file use it.
        int maxBlockLength = fh.maxBlockLength();
        long size = ch.size();
        BlockFileReader reader = new BlockFileReader(ch, FileHeaderDescriptor.LENGTH, size, maxBlockLength);
        List<BlockHeader> headers = new ArrayList<>();
        List<Long> ends = new ArrayList<>();
        byte[] previous = BlockHeader.GENESIS_PREVIOUS_HASH;
        long sequence = 0;
        while (true) {
            BlockFileReader.Status s = reader.next();
            long height = headers.size();
            if (s == BlockFileReader.Status.END) {
                return new BlockStore(dir, lock, ch, fh.version(), maxBlockLength,
                    new RecoveryReport(headers.size(), sequence, 0, "clean"),
                    size, headers, ends);
            }
            if (s == BlockFileReader.Status.CORRUPT) {
                throw new LedgerCorruptedException(height, reader.problem());
            }
            if (s == BlockFileReader.Status.TORN_TAIL) {
                long cut = size - reader.position();
                ch.truncate(reader.position());
                ch.force(true);
                return new BlockStore(dir, lock, ch, fh.version(), maxBlockLength, new RecoveryReport(headers.size(), sequence, cut,
                    "torn tail at height " + height + ": " + reader.problem()), reader.position(), headers, ends);
            }
            BlockHeader h = reader.header();
            if (h.height() != height || h.firstSequence() != sequence
                || !Arrays.equals(h.previousHash(), previous)) {
                throw new LedgerCorruptedException(height, "hash chain broken (height " + h.height()
                    + ", first sequence " + h.firstSequence() + ")");
            }
            headers.add(h);
            ends.add(reader.position());
            previous = h.hash();
            sequence += h.recordCount();
        }
    }

    RecoveryReport recovery() {
        return recovery;
    }

    int maxBlockLength() {
        return maxBlockLength;
    }

    /** The file's block format version ({@link FileHeaderDescriptor#VERSION_1} or {@code VERSION_2}). */
    int version() {
        return version;
    }

    long nextHeight() {
        synchronized (headers) {
            return headers.size();
        }
    }

    long nextSequence() {
        return nextSequence;
    }

    byte[] lastHash() {
        return lastHash.clone();
    }

    /** Appends one sealed block; returns the file position after it. */
    long write(byte[] block, int length, BlockHeader header) {
        try {
            ByteBuffer bb = ByteBuffer.wrap(block, 0, length);
            long at = end;
            while (bb.hasRemaining()) {
                at += channel.write(bb, at);
            }
            end = at;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write block " + header.height() + " to " + dir.resolve(FILE_NAME), e);
        }
        synchronized (headers) {
            headers.add(header);
            blockEnds.add(end);
        }
        nextSequence = header.firstSequence() + header.recordCount();
        lastHash = header.hash();
        return end;
    }

    /** Forces everything written so far. */
    void sync() {
        try {
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot force " + dir.resolve(FILE_NAME), e);
        }
    }

    /** The headers of the first {@code blocks} blocks. @throws IllegalStateException once closed */
    List<BlockHeader> headers(int blocks) {
        checkOpen();
        synchronized (headers) {
            return List.copyOf(headers.subList(0, blocks));
        }
    }

    /** Visits the records of the first {@code blocks} blocks. @throws IllegalStateException once closed */
    void forEachRecord(int blocks, RecordVisitor visitor) {
        checkOpen();
        long start = FileHeaderDescriptor.LENGTH;
        long stop;
        synchronized (headers) {
            stop = blocks == 0 ? start : blockEnds.get(blocks - 1);
        }
        try {
            forEachRecord(channel, start, stop, maxBlockLength, visitor);
        } catch (UncheckedIOException e) {
            throw closedWhileReading(e);
        }
    }

    /**
     * The proof of the settlement of {@code evId} in {@code slot} (its final attempt) among the first
     * {@code blocks} blocks.
     *
     * @throws IllegalStateException once closed
     */
    Optional<SettlementProof> proof(int blocks, String evId, long slot) {
        checkOpen();
        long stop;
        synchronized (headers) {
            stop = blocks == 0 ? FileHeaderDescriptor.LENGTH : blockEnds.get(blocks - 1);
        }
        try {
            return SettlementProof.find(channel, version, FileHeaderDescriptor.LENGTH, stop, maxBlockLength, evId, slot);
        } catch (UncheckedIOException e) {
            throw closedWhileReading(e);
        }
    }

    /** The error of every use of a closed ledger: {@code ledger in DIR is closed}. */
    static IllegalStateException closedError(Path dir) {
        return new IllegalStateException("ledger in " + dir + " is closed");
    }

    private void checkOpen() {
        if (closed) {
            throw closedError(dir);
        }
    }

    /** A read that the ledger's close cut short is the closed error, not a {@link ClosedChannelException}. */
    private RuntimeException closedWhileReading(UncheckedIOException e) {
        return closed && e.getCause() instanceof ClosedChannelException ? closedError(dir) : e;
    }

    /** Visits the records of the complete blocks in {@code [start, stop)} of a block file. */
    static void forEachRecord(FileChannel channel, long start, long stop, int maxBlockLength, RecordVisitor visitor) {
        forEachRecord(channel, start, stop, maxBlockLength, visitor, null);
    }

    /**
     * As {@link #forEachRecord(FileChannel, long, long, int, RecordVisitor)}, adding each block's header to
     * {@code headers} (if not null) in height order: the blocks {@link LedgerVerifier#headers} reads, with
     * the same stop at the first bad block, in the same pass over the file.
     */
    static void forEachRecord(FileChannel channel, long start, long stop, int maxBlockLength, RecordVisitor visitor,
                              List<BlockHeader> headers) {
        BlockFileReader reader = new BlockFileReader(channel, start, stop, maxBlockLength);
        UnsafeBuffer view = new UnsafeBuffer(new byte[0]);
        while (reader.next() == BlockFileReader.Status.BLOCK) {
            BlockHeader h = reader.header();
            if (headers != null) {
                headers.add(h);
            }
            view.wrap(reader.block());
            int p = HEADER_LENGTH;
            for (int i = 0; i < h.recordCount(); i++) {
                int len = view.getInt(p + FrameDescriptor.LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN);
                int type = view.getInt(p + FrameDescriptor.TYPE_OFFSET, ByteOrder.LITTLE_ENDIAN);
                visitor.onRecord(h.firstSequence() + i, type, view, p + FrameDescriptor.PAYLOAD_OFFSET, len);
                p += FrameDescriptor.PAYLOAD_OFFSET + len;
            }
        }
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some file systems cannot open a directory for reading; the file itself was forced.
        }
    }

    /** Closes the file and releases the directory's writer lock. */
    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.close();
        }
    }
}
