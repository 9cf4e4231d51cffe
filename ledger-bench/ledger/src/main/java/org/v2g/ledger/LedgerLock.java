package org.v2g.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one-writer lock of a ledger directory: an exclusive OS file lock on {@value #FILE_NAME} in the
 * directory, held from open to close. A second writer, in this JVM or in another process, gets a
 * {@link LedgerLockedException} naming the directory; readers take no lock.
 *
 * <p>Every ledger takes it when it opens. A caller that must change the directory before the ledger opens
 * (replace the previous run's files, say) takes it first and hands it to
 * {@link RingBufferSlotLedger#open(LedgerConfig, LedgerLock)}, which owns it from then on:
 * <pre>{@code
 * LedgerLock lock = LedgerLock.acquire(dir);            // LedgerLockedException if in use
 * ... delete the old files ...
 * try (SlotLedger ledger = RingBufferSlotLedger.open(LedgerConfig.of(dir, keys), lock)) { ... }
 * }</pre>
 *
 * <p>The lock file holds the holder's process id, for the message of the next opener, and is never
 * deleted (deleting it would let a second writer lock a new file while the first holds the old one).
 *
 * <p>Thread-safety: thread-safe.
 */
public final class LedgerLock implements AutoCloseable {
    /** Name of the lock file inside the ledger directory. */
    public static final String FILE_NAME = "ledger.lock";

    /**
     * Directories locked in this JVM, by real path. Checked before the lock file is opened because
     * closing any channel of a file releases every POSIX lock this process holds on it: a second opener
     * that opened the file only to be refused would unlock the first writer for other processes.
     */
    private static final ConcurrentHashMap<Path, LedgerLock> HELD = new ConcurrentHashMap<>();
    /**
     * Channels refused with {@link OverlappingFileLockException}: the file is locked in this JVM outside
     * {@link #HELD} (the ledger loaded by another class loader). They stay open for the reason above.
     */
    private static final List<FileChannel> REFUSED = new CopyOnWriteArrayList<>();

    private final Path directory;
    private final Path realDirectory;
    private final Path file;
    private FileChannel channel;
    private FileLock lock;

    private LedgerLock(Path directory, Path realDirectory) {
        this.directory = directory;
        this.realDirectory = realDirectory;
        this.file = directory.resolve(FILE_NAME);
    }

    /**
     * Creates {@code dir} if needed and locks it for one writer.
     *
     * @param dir the ledger directory
     * @return the lock; closing it lets another writer in
     * @throws LedgerLockedException if another writer, in this JVM or another process, holds it
     */
    public static LedgerLock acquire(Path dir) {
        Path real;
        try {
            Files.createDirectories(dir);
            real = dir.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open ledger directory " + dir, e);
        }
        LedgerLock candidate = new LedgerLock(dir, real);
        if (HELD.putIfAbsent(real, candidate) != null) {
            throw candidate.locked("held in this process");
        }
        try {
            candidate.lockFile();
            return candidate;
        } catch (RuntimeException e) {
            HELD.remove(real, candidate);
            throw e;
        }
    }

    private void lockFile() {
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open lock file " + file, e);
        }
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            REFUSED.add(ch);
            throw locked("held in this process");
        } catch (IOException e) {
            closeQuietly(ch);
            throw new UncheckedIOException("cannot lock " + file, e);
        }
        if (l == null) {
            String holder = holder(ch);
            closeQuietly(ch);
            throw locked(holder);
        }
        try {
            byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(pid), 0);
        } catch (IOException e) {
            // the pid is a courtesy for the next opener's message; the lock is what counts
        }
        channel = ch;
        lock = l;
    }

    /** What the lock file says about its holder: {@code held by pid N}, or that another process holds it. */
    private static String holder(FileChannel ch) {
        try {
            ByteBuffer b = ByteBuffer.allocate(32);
            ch.read(b, 0);
            String pid = new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).strip();
            if (!pid.isEmpty() && pid.chars().allMatch(Character::isDigit)) {
                return "held by pid " + pid;
            }
        } catch (IOException e) {
            // fall through: the lock is what counts
        }
        return "held by another process";
    }

    private LedgerLockedException locked(String holder) {
        return new LedgerLockedException(directory, file, holder);
    }

    /** {@return the locked directory, as given to {@link #acquire}} */
    public Path directory() {
        return directory;
    }

    /** Whether this lock is the one of {@code dir} (the same directory, by real path). */
    boolean covers(Path dir) {
        try {
            return Files.isDirectory(dir) && dir.toRealPath().equals(realDirectory);
        } catch (IOException e) {
            return false;
        }
    }

    /** {@return whether this lock is still held} */
    public synchronized boolean isHeld() {
        return lock != null;
    }

    /** Releases the lock; a new writer may open the directory afterwards. Idempotent. */
    @Override
    public synchronized void close() {
        if (lock == null) {
            return;
        }
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel below releases it as well
        } finally {
            closeQuietly(channel);
            lock = null;
            channel = null;
            HELD.remove(realDirectory, this);
        }
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // nothing is left to release
        }
    }

    @Override
    public String toString() {
        return "LedgerLock[" + file + (isHeld() ? ", held]" : ", released]");
    }
}
