package org.v2g.ledger;

import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/**
 * The run state of a {@link RingBufferSlotLedger}, shared by every stage: whether it is still taking
 * records ({@link #running()}), closed, or failed, and its three pipeline threads.
 *
 * <p>State it owns: {@code running} (false once {@code close} has flushed: the drainer then ends when
 * the ring is empty), {@code closed}, the first {@code failure} of any stage, the drainer, sealer and
 * syncer threads. A stage that fails calls {@link #fail}; every wait of a producer or of
 * {@code flush} checks {@link #throwIfFailed()}.
 *
 * <p>Thread-safety: thread-safe (volatile fields; {@link #close} is serialised by its caller).
 */
final class RingLifecycle {
    private final Path directory;
    private volatile boolean running = true;
    private volatile boolean closed;
    private volatile Throwable failure;
    private Thread drainer;
    private Thread sealer;
    private Thread syncer;

    RingLifecycle(Path directory) {
        this.directory = directory;
    }

    /** Creates the three pipeline threads (daemons); {@link #start()} starts them. */
    void threads(Runnable drain, Runnable seal, Runnable sync) {
        drainer = Thread.ofPlatform().name("v2g-ledger-drainer").daemon().unstarted(drain);
        sealer = Thread.ofPlatform().name("v2g-ledger-sealer").daemon().unstarted(seal);
        syncer = Thread.ofPlatform().name("v2g-ledger-syncer").daemon().unstarted(sync);
    }

    void start() {
        drainer.start();
        sealer.start();
        syncer.start();
    }

    /** False once closing has begun: no more records will come. */
    boolean running() {
        return running;
    }

    boolean failed() {
        return failure != null;
    }

    /** Wakes the drainer thread if it is parked (a flush, a free block, a failure, closing). */
    void wakeDrainer() {
        LockSupport.unpark(drainer);
    }

    /** Records the first failure of any stage; the ledger refuses everything from then on. */
    void fail(Throwable t) {
        if (failure == null) {
            failure = t;
        }
        // the drainer may be waiting for a block the sealer will never give back
        wakeDrainer();
    }

    void throwIfFailed() {
        if (failure != null) {
            throw new LedgerFailedException(directory, failure);
        }
    }

    /** Throws if the ledger failed or is closed. */
    void checkUsable() {
        throwIfFailed();
        if (closed) {
            throw BlockStore.closedError(directory);
        }
    }

    /** Closed and every pipeline thread ended: nothing more will become durable. */
    boolean stopped() {
        return closed && !drainer.isAlive() && !sealer.isAlive() && !syncer.isAlive();
    }

    /**
     * Closes once: {@code flush} (skipped after a failure) runs before the ledger is marked closed, then
     * the pipeline is told to stop and its threads are joined — also when the flush throws (a stage
     * failed during it), so that the caller can release the file; the flush's exception then follows.
     * False if it was already closed.
     */
    boolean close(Runnable flush) {
        RuntimeException flushFailure = null;
        synchronized (this) {
            if (closed) {
                return false;
            }
            if (failure == null) {
                try {
                    flush.run();
                } catch (RuntimeException e) {
                    flushFailure = e;
                }
            }
            closed = true;
        }
        running = false;
        wakeDrainer();
        try {
            drainer.join();
            sealer.join();
            syncer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (flushFailure != null) {
            throw flushFailure;
        }
        return true;
    }
}
