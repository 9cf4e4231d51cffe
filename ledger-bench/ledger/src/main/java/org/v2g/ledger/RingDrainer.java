package org.v2g.ledger;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import org.agrona.MutableDirectBuffer;
import org.v2g.ledger.internal.FileHeaderDescriptor;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;

/**
 * The drain stage of {@link RingBufferSlotLedger}: copies records out of the ring into blocks, closes
 * blocks by count, by age or for a flush, and hands them to the sealer. It never hashes, signs or writes.
 * Its own thread runs {@link #drainOnce} in a loop; a producer that finds the ring full runs it too
 * ({@link #tryDrain}) when the drainer has moved nothing for {@value #STALLED_NANOS} ns and the lock is
 * free, so producers spinning on a full ring drain it when the drainer thread is not being scheduled,
 * and leave it alone while it keeps up.
 *
 * <p>State it owns: the ring's consumer side, the open {@link BlockBatch} and the lock that guards both
 * (the ring has one consumer at a time), the flush target (the highest ring position someone waits for),
 * when a step last moved anything. It takes free batches from {@code free} and puts closed ones on
 * {@code filled} (the sealer's input), in ring order.
 *
 * <p>Thread-safety: {@link #run} on the drainer thread; {@link #tryDrain} and {@link #requestFlush} from any.
 */
final class RingDrainer implements Runnable, MessageHandler {
    /** A producer drains only when no step has moved anything for this long: the drainer is starved. */
    private static final long STALLED_NANOS = 100_000;

    private final ManyToOneRingBuffer ring;
    private final int maxRecordsPerBlock;
    private final long maxAgeNanos;
    private final ArrayBlockingQueue<BlockBatch> free;
    private final ArrayBlockingQueue<BlockBatch> filled;
    private final RingLifecycle lifecycle;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicLong flushTarget = new AtomicLong(-1);
    /** When a step last moved records or blocks; read by producers finding the ring full. */
    private volatile long lastProgressNanos = System.nanoTime();
    private BlockBatch open;

    RingDrainer(ManyToOneRingBuffer ring, LedgerConfig config, ArrayBlockingQueue<BlockBatch> free,
                ArrayBlockingQueue<BlockBatch> filled, RingLifecycle lifecycle) {
        this.ring = ring;
        this.maxRecordsPerBlock = config.maxRecordsPerBlock();
        this.maxAgeNanos = config.maxBlockAge().toNanos();
        this.free = free;
        this.filled = filled;
        this.lifecycle = lifecycle;
    }

    /** Asks the drainer to close the open block early, up to the current producer position; that position. */
    long requestFlush() {
        long target = ring.producerPosition();
        flushTarget.accumulateAndGet(target, Math::max);
        lifecycle.wakeDrainer();
        return target;
    }

    @Override
    public void run() {
        IdleStrategy idle = new BackoffIdleStrategy(100, 10, 1_000, 1_000_000);
        try {
            while (!lifecycle.failed()) {
                int progress;
                // the lock is held for one step only, so a producer finds it free while this thread sleeps
                lock.lock();
                try {
                    progress = drainOnce();
                } finally {
                    lock.unlock();
                }
                if (progress < 0) {
                    break;
                }
                if (progress == 0) {
                    idle.idle();
                } else {
                    idle.reset();
                }
            }
        } catch (Throwable t) {
            lifecycle.fail(t);
        } finally {
            lock.lock();
            try {
                BlockBatch stop = open != null ? open : new BlockBatch(1, FileHeaderDescriptor.VERSION_1);
                stop.reset();
                stop.stop = true;
                filled.add(stop);
                open = null;
            } finally {
                lock.unlock();
            }
        }
    }

    /** Drains once if no one else is: a producer's help while the ring is full. */
    boolean tryDrain() {
        // while the drainer thread keeps up, a producer's own hashing is worth more than its help
        if (!lifecycle.running() || System.nanoTime() - lastProgressNanos < STALLED_NANOS || !lock.tryLock()) {
            return false;
        }
        try {
            return !lifecycle.failed() && drainOnce() > 0;
        } catch (Throwable t) {
            lifecycle.fail(t);
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * One step under the lock: read a batch, close the block by count or age, honour a flush. Records
     * read plus blocks handed on; 0 if nothing moved; -1 once closing and everything is handed on.
     */
    private int drainOnce() {
        if (open == null) {
            open = free.poll();
        }
        int progress = 0;
        if (open != null) {
            progress = ring.read(this, maxRecordsPerBlock - open.builder.count());
            int count = open.builder.count();
            if (count == maxRecordsPerBlock || count > 0 && System.nanoTime() - open.startNanos >= maxAgeNanos) {
                handOn(false);
                progress++;
            }
        }
        long target = flushTarget.get();
        if (open != null && target >= 0 && ring.consumerPosition() >= target) {
            flushTarget.compareAndSet(target, -1);
            handOn(true);
            progress++;
        }
        if (!lifecycle.running() && ring.size() == 0 && flushTarget.get() < 0
            && (open == null || open.builder.count() == 0)) {
            return -1;
        }
        if (progress > 0) {
            lastProgressNanos = System.nanoTime();
        }
        return progress;
    }

    @Override
    public void onMessage(int type, MutableDirectBuffer buffer, int index, int length) {
        open.add(type, buffer, index, length);
    }

    /** Hands the open block (possibly empty: a flush marker) to the sealer. */
    private void handOn(boolean flush) {
        open.flush = flush;
        open.ringPosition = ring.consumerPosition();
        filled.add(open);
        open = null;
    }
}
