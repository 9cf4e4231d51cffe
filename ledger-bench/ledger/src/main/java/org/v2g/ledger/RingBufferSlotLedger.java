package org.v2g.ledger;

import static org.v2g.ledger.RingMessageDescriptor.LEAF_OFFSET;
import static org.v2g.ledger.RingMessageDescriptor.PAYLOAD_OFFSET;
import static org.v2g.ledger.RingMessageDescriptor.PRODUCER_ID_OFFSET;
import static org.v2g.ledger.RingMessageDescriptor.PRODUCER_SEQUENCE_OFFSET;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.v2g.kernel.InvalidInputException;
import org.v2g.ledger.internal.FrameDescriptor;
import org.v2g.ledger.internal.Sha256;

/**
 * The fast {@link SlotLedger}: producers claim space in an Agrona {@link ManyToOneRingBuffer}, write
 * the payload in place and hash its Merkle leaf before they commit. Three threads behind the ring form a
 * pipeline, so that the ring is drained as fast as a bare Agrona consumer would drain it:
 * <ol>
 *   <li>the <em>drainer</em> reads the ring in batches and only copies each frame and its leaf hash into
 *       the open block and notes each producer's highest sequence; a block is closed by count, by age or
 *       when someone waits, and handed to the sealer ({@value #BLOCKS_IN_FLIGHT} blocks in flight, so the
 *       drainer waits only when the sealer is that far behind);</li>
 *   <li>the <em>sealer</em> numbers the block (height, first sequence, previous hash), computes its Merkle
 *       root, signs the header, adds the CRC and writes it. The interior Merkle nodes are hashed in
 *       subtrees of {@value MerkleJob#CHUNK} leaves ({@link MerkleJob}) that producers finding the ring
 *       full, and pool threads on a machine with spare cores, take over instead of spinning;</li>
 *   <li>the <em>syncer</em> forces the file (per {@link SyncPolicy}), grouping the blocks that queued up,
 *       and then publishes durability, so the force of block {@code h} overlaps the sealing of the next
 *       ones.</li>
 * </ol>
 * Every hand-over is a FIFO queue with one thread on each side, so blocks are written and acknowledged
 * in ring order.
 *
 * <p>JVM flags: {@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED} (Agrona); without it
 * {@link #open} fails at once with a message naming the flag (see {@link SlotLedger}).
 *
 * <p>One writer: {@link #open} locks the directory ({@link LedgerLock}) until {@link #close()}.
 *
 * <p>Thread-safety: thread-safe; each producer belongs to one thread.
 */
public final class RingBufferSlotLedger implements SlotLedger {
    /** Blocks between drainer and sealer (filled, being sealed, free). */
    static final int BLOCKS_IN_FLIGHT = 4;

    private static final Durability.Receipt STOP = new Durability.Receipt(-1, -1, -1, new int[0], new long[0], true);

    private final LedgerConfig config;
    private final BlockStore store;
    private final Durability durability;
    private final PublicKey sealerKey;
    private final ManyToOneRingBuffer ring;
    private final ArrayBlockingQueue<Batch> freeBatches = new ArrayBlockingQueue<>(BLOCKS_IN_FLIGHT);
    private final ArrayBlockingQueue<Batch> filled = new ArrayBlockingQueue<>(BLOCKS_IN_FLIGHT + 1);
    private final LinkedBlockingQueue<Durability.Receipt> written = new LinkedBlockingQueue<>();
    /** The Merkle job the sealer is working on, for helpers; {@code null} between blocks. */
    private final AtomicReference<MerkleJob> merkleJob = new AtomicReference<>();
    private final AtomicInteger producers = new AtomicInteger();
    private final AtomicLong flushTarget = new AtomicLong(-1);
    private final CopyOnWriteArrayList<Producer> created = new CopyOnWriteArrayList<>();
    private final AtomicLong helpedChunks = new AtomicLong();
    private final Drainer drain;
    private final Thread drainer;
    private final Thread sealer;
    private final Thread syncer;
    private volatile boolean running = true;
    private volatile boolean closed;
    private volatile Throwable failure;

    private RingBufferSlotLedger(LedgerConfig config, BlockStore store) {
        this.config = config;
        this.sealerKey = config.sealerKeys().getPublic();
        this.store = store;
        this.durability = new Durability(config.maxProducers(), store.nextSequence(), store.nextHeight());
        this.ring = new ManyToOneRingBuffer(new UnsafeBuffer(ByteBuffer.allocateDirect(config.ringBufferLength())));
        for (int i = 0; i < BLOCKS_IN_FLIGHT; i++) {
            freeBatches.add(new Batch(config.maxProducers()));
        }
        this.drain = new Drainer();
        this.drainer = Thread.ofPlatform().name("v2g-ledger-drainer").daemon().unstarted(drain);
        this.sealer = Thread.ofPlatform().name("v2g-ledger-sealer").daemon().unstarted(new Sealer());
        this.syncer = Thread.ofPlatform().name("v2g-ledger-syncer").daemon().unstarted(this::syncLoop);
    }

    /**
     * Opens (creating or recovering) the ledger in {@code config.directory()} and starts its threads. The
     * directory then has this one writer until {@link #close()} (see {@link LedgerLock}).
     *
     * @throws LedgerLockedException if another ledger, in this JVM or another process, has it open
     * @throws IllegalStateException naming the flag if the JVM was started without
     *                               {@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED}
     */
    public static RingBufferSlotLedger open(LedgerConfig config) {
        JvmFlags.checkAgronaAccess();
        return open(config, LedgerLock.acquire(config.directory()));
    }

    /**
     * Opens the ledger in {@code config.directory()} under a writer lock the caller took first, to change the
     * directory before the ledger opens. The ledger owns {@code lock} from now on: it releases it on close,
     * or at once if opening fails.
     *
     * @throws IllegalStateException if {@code lock} is released or locks another directory, or the JVM
     *                               flag is missing (as {@link #open(LedgerConfig)})
     */
    public static RingBufferSlotLedger open(LedgerConfig config, LedgerLock lock) {
        try {
            JvmFlags.checkAgronaAccess();
        } catch (IllegalStateException e) {
            lock.close();
            throw e;
        }
        BlockStore store = BlockStore.open(config.directory(), lock, config.sealerKeys().getPublic(),
            config.maxBlockLength());
        RingBufferSlotLedger l;
        try {
            l = new RingBufferSlotLedger(config, store);
        } catch (RuntimeException | Error e) {
            store.close(); // the ring could not be allocated: release the directory
            throw e;
        }
        l.drainer.start();
        l.sealer.start();
        l.syncer.start();
        return l;
    }

    @Override
    public LedgerProducer newProducer() {
        checkUsable();
        int id = producers.getAndIncrement();
        if (id >= config.maxProducers()) {
            producers.decrementAndGet();
            throw new IllegalStateException("too many producers: max=" + config.maxProducers());
        }
        Producer p = new Producer(id);
        created.add(p);
        return p;
    }

    private void checkUsable() {
        if (failure != null) {
            throw new IllegalStateException("ledger failed: " + failure, failure);
        }
        if (closed) {
            throw BlockStore.closedError(config.directory());
        }
    }

    /** Asks the drainer to close the open block early, up to the current producer position. */
    private long requestFlush() {
        long target = ring.producerPosition();
        flushTarget.accumulateAndGet(target, Math::max);
        LockSupport.unpark(drainer);
        return target;
    }

    @Override
    public long durableRecordCount() {
        return durability.records();
    }

    @Override
    public void flush() {
        checkUsable();
        long target = requestFlush();
        awaitRingPosition(target, Long.MAX_VALUE);
    }

    private boolean awaitRingPosition(long target, long deadline) {
        IdleStrategy idle = new BackoffIdleStrategy(10, 10, 1_000, 200_000);
        while (durability.ringPosition() < target) {
            if (failure != null) {
                throw new IllegalStateException("ledger failed: " + failure, failure);
            }
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            idle.idle();
        }
        return true;
    }

    @Override
    public List<BlockHeader> headers() {
        return store.headers(durability.blocks());
    }

    @Override
    public void forEachRecord(RecordVisitor visitor) {
        store.forEachRecord(durability.blocks(), visitor);
    }

    @Override
    public Optional<SettlementProof> proof(String evId, long slot) {
        return store.proof(durability.blocks(), evId, slot);
    }

    @Override
    public RecoveryReport recovery() {
        return store.recovery();
    }

    @Override
    public PublicKey sealerKey() {
        return sealerKey;
    }

    /** How many producers found the ring full, summed (approximate while producers run). */
    public long ringFullCount() {
        long sum = 0;
        for (Producer p : created) {
            sum += p.fullCount();
        }
        return sum;
    }

    /** How many Merkle subtrees producers hashed for the sealer while the ring was full. */
    public long helpedSubtreeCount() {
        return helpedChunks.get();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (failure == null) {
                flush();
            }
            closed = true;
        }
        running = false;
        LockSupport.unpark(drainer);
        try {
            drainer.join();
            sealer.join();
            syncer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            store.close();
        }
    }

    private void fail(Throwable t) {
        if (failure == null) {
            failure = t;
        }
        // the drainer may be waiting for a block the sealer will never give back
        LockSupport.unpark(drainer);
    }

    /**
     * One block on its way from the drainer to the syncer: the frames and leaves, each producer's highest
     * sequence in it, the ring position it covers and whether someone waits for it. A batch with no
     * records only carries a flush through the pipeline in order; {@link #stop} ends it.
     */
    private static final class Batch {
        final BlockBuilder builder = new BlockBuilder();
        final long[] high;
        final int[] touched;
        int touchedCount;
        long startNanos;
        long ringPosition;
        boolean flush;
        boolean stop;

        Batch(int maxProducers) {
            high = new long[maxProducers];
            touched = new int[maxProducers];
            Arrays.fill(high, -1);
        }

        void add(int type, MutableDirectBuffer buffer, int index, int length) {
            int producer = buffer.getInt(index + PRODUCER_ID_OFFSET, ByteOrder.LITTLE_ENDIAN);
            if (builder.count() == 0) {
                startNanos = System.nanoTime();
            }
            builder.add(type, buffer, index + PAYLOAD_OFFSET, length - PAYLOAD_OFFSET, buffer, index + LEAF_OFFSET);
            if (high[producer] < 0) {
                touched[touchedCount++] = producer;
            }
            high[producer] = buffer.getLong(index + PRODUCER_SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN);
        }

        /** The receipt of this batch once its block is written ({@code blocks}, {@code records} after it). */
        Durability.Receipt receipt(int blocks, long records) {
            int[] ids = Arrays.copyOf(touched, touchedCount);
            long[] highs = new long[touchedCount];
            for (int i = 0; i < touchedCount; i++) {
                highs[i] = high[ids[i]];
            }
            return new Durability.Receipt(blocks, records, ringPosition, ids, highs, flush);
        }

        void reset() {
            builder.reset();
            for (int i = 0; i < touchedCount; i++) {
                high[touched[i]] = -1;
            }
            touchedCount = 0;
            flush = false;
            stop = false;
        }
    }

    /**
     * The drainer: copies records out of the ring into blocks, closes blocks, hands them on. Its own thread
     * runs {@link #drainOnce} in a loop; a producer that finds the ring full runs it too when the drainer
     * has moved nothing for {@value #STALLED_NANOS} ns and the lock is free (the ring has one consumer at a
     * time, and the open block is guarded by the same lock), so producers spinning on a full ring drain it
     * when the drainer thread is not being scheduled, and leave it alone while it keeps up.
     */
    private final class Drainer implements Runnable, MessageHandler {
        /** A producer drains only when no step has moved anything for this long: the drainer is starved. */
        private static final long STALLED_NANOS = 100_000;
        private final long maxAgeNanos = config.maxBlockAge().toNanos();
        private final ReentrantLock lock = new ReentrantLock();
        /** When a step last moved records or blocks; read by producers finding the ring full. */
        private volatile long lastProgressNanos = System.nanoTime();
        private Batch open;

        @Override
        public void run() {
            IdleStrategy idle = new BackoffIdleStrategy(100, 10, 1_000, 1_000_000);
            try {
                while (failure == null) {
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
                fail(t);
            } finally {
                lock.lock();
                try {
                    Batch stop = open != null ? open : new Batch(1);
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
            if (!running || System.nanoTime() - lastProgressNanos < STALLED_NANOS || !lock.tryLock()) {
                return false;
            }
            try {
                return failure == null && drainOnce() > 0;
            } catch (Throwable t) {
                fail(t);
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
                open = freeBatches.poll();
            }
            int progress = 0;
            if (open != null) {
                progress = ring.read(this, config.maxRecordsPerBlock() - open.builder.count());
                int count = open.builder.count();
                if (count == config.maxRecordsPerBlock()
                    || count > 0 && System.nanoTime() - open.startNanos >= maxAgeNanos) {
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
            if (!running && ring.size() == 0 && flushTarget.get() < 0
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

    /** The sealer thread: numbers, hashes, signs and writes each block, then queues it for the syncer. */
    private final class Sealer implements Runnable {
        private final int poolHelpers = Math.max(0, ForkJoinPool.getCommonPoolParallelism() - 1);

        @Override
        public void run() {
            try {
                while (true) {
                    Batch b = filled.take();
                    if (b.stop) {
                        break;
                    }
                    if (b.builder.count() == 0) {
                        written.add(new Durability.Receipt(-1, -1, b.ringPosition, new int[0], new long[0], true));
                    } else {
                        seal(b);
                    }
                    b.reset();
                    freeBatches.add(b);
                    // the drainer may be parked for want of a block while the ring fills
                    LockSupport.unpark(drainer);
                }
            } catch (Throwable t) {
                fail(t);
            } finally {
                written.add(STOP);
            }
        }

        private void seal(Batch b) {
            BlockBuilder builder = b.builder;
            MerkleJob job = new MerkleJob(builder.leaves(), builder.count());
            merkleJob.set(job);
            for (int i = 0; i < Math.min(poolHelpers, job.chunks() - 1); i++) {
                // spare cores (not on a 2-core machine, whose common pool has parallelism 1)
                ForkJoinPool.commonPool().execute(() -> {
                    while (job.helpOnce()) {
                        // until every subtree is taken
                    }
                });
            }
            byte[] root = job.root();
            merkleJob.compareAndSet(job, null);
            BlockHeader h = builder.seal(store.nextHeight(), store.nextSequence(), store.lastHash(),
                System.currentTimeMillis() * 1000, config.sealerKeys().getPrivate(), root);
            store.write(builder.array(), builder.length(), h);
            written.add(b.receipt((int) store.nextHeight(), store.nextSequence()));
        }
    }

    /** The syncer thread: forces written blocks (grouping those that queued up) and publishes them. */
    private void syncLoop() {
        SyncPolicy policy = config.syncPolicy();
        List<Durability.Receipt> batch = new ArrayList<>();
        List<Durability.Receipt> unsynced = new ArrayList<>();
        int blocksSinceSync = 0;
        try {
            boolean stop = false;
            while (!stop) {
                Durability.Receipt first = written.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                written.drainTo(batch);
                boolean flush = false;
                for (Durability.Receipt r : batch) {
                    if (r == STOP) {
                        stop = true;
                        flush = true;
                        continue;
                    }
                    flush |= r.flush();
                    if (r.blocks() >= 0) {
                        blocksSinceSync++;
                    }
                    unsynced.add(r);
                }
                batch.clear();
                if (!policy.forces() || blocksSinceSync >= policy.everyBlocks() || flush) {
                    if (policy.forces() && blocksSinceSync > 0) {
                        store.sync();
                    }
                    for (Durability.Receipt r : unsynced) {
                        if (r.blocks() >= 0) {
                            durability.publish(r);
                        } else {
                            durability.publish(new Durability.Receipt(durability.blocks(), durability.records(),
                                r.ringPosition(), r.producers(), r.highs(), true));
                        }
                    }
                    unsynced.clear();
                    blocksSinceSync = 0;
                }
            }
        } catch (Throwable t) {
            fail(t);
        }
    }

    /** A producer: claims, writes, hashes the leaf and commits; hashes a Merkle subtree when the ring is full. */
    private final class Producer implements LedgerProducer {
        private final int id;
        private final IdleStrategy idle = config.fullRingIdle().get();
        private final MessageDigest digest = Sha256.newDigest();
        /** {@code 0x00 || len | type || payload}: the leaf's input, copied out of the ring in one piece. */
        private final byte[] leafInput = new byte[1 + FrameDescriptor.PAYLOAD_OFFSET + config.maxPayloadLength()];
        private final UnsafeBuffer leafInputBuffer = new UnsafeBuffer(leafInput);
        private final byte[] leaf = new byte[Sha256.LENGTH];
        private final UnsafeBuffer ringBuffer = (UnsafeBuffer) ring.buffer();
        private long next;
        /** Times the ring was full: written by this producer only, read by {@link #ringFullCount()}. */
        private final AtomicLong full = new AtomicLong();
        private int claimIndex = -1;
        private int claimType;
        private int claimLength;

        Producer(int id) {
            this.id = id;
        }

        @Override
        public int id() {
            return id;
        }

        @Override
        public int tryClaim(int type, int length) {
            RecordType.checkPayload(type, length, config.maxPayloadLength());
            if (claimIndex != -1) {
                throw new IllegalStateException("producer " + id + " already has an open claim at " + claimIndex);
            }
            checkUsable();
            int index = ring.tryClaim(type, PAYLOAD_OFFSET + length);
            if (index == RingBuffer.INSUFFICIENT_CAPACITY) {
                full.lazySet(full.get() + 1); // one writer: no locked instruction on the hot path
                helpSealer();
                return RING_FULL;
            }
            ringBuffer.putInt(index + PRODUCER_ID_OFFSET, id, ByteOrder.LITTLE_ENDIAN);
            ringBuffer.putInt(index + PRODUCER_ID_OFFSET + Integer.BYTES, 0, ByteOrder.LITTLE_ENDIAN);
            ringBuffer.putLong(index + PRODUCER_SEQUENCE_OFFSET, next, ByteOrder.LITTLE_ENDIAN);
            claimIndex = index + PAYLOAD_OFFSET;
            claimType = type;
            claimLength = length;
            return claimIndex;
        }

        @Override
        public MutableDirectBuffer buffer() {
            return ringBuffer;
        }

        @Override
        public long commit(int index) {
            checkClaim(index);
            leafInput[0] = Sha256.LEAF_PREFIX;
            leafInputBuffer.putInt(1 + FrameDescriptor.LENGTH_OFFSET, claimLength, ByteOrder.LITTLE_ENDIAN);
            leafInputBuffer.putInt(1 + FrameDescriptor.TYPE_OFFSET, claimType, ByteOrder.LITTLE_ENDIAN);
            ringBuffer.getBytes(index, leafInput, 1 + FrameDescriptor.PAYLOAD_OFFSET, claimLength);
            digest.update(leafInput, 0, 1 + FrameDescriptor.PAYLOAD_OFFSET + claimLength);
            try {
                digest.digest(leaf, 0, leaf.length);
            } catch (DigestException e) {
                throw new IllegalStateException(e);
            }
            int messageIndex = index - PAYLOAD_OFFSET;
            ringBuffer.putBytes(messageIndex + LEAF_OFFSET, leaf);
            ring.commit(messageIndex);
            claimIndex = -1;
            return next++;
        }

        /**
         * The ring is full because the pipeline behind it is busy: rather than spin, hash one Merkle
         * subtree of the block being sealed (a few microseconds), if one is left.
         */
        private void helpSealer() {
            MerkleJob job = merkleJob.get();
            if (job != null && job.helpOnce()) {
                helpedChunks.incrementAndGet();
            } else {
                drain.tryDrain();
            }
        }

        @Override
        public void abort(int index) {
            checkClaim(index);
            ring.abort(index - PAYLOAD_OFFSET);
            claimIndex = -1;
        }

        private void checkClaim(int index) {
            if (claimIndex == -1 || index != claimIndex) {
                throw new IllegalStateException("no open claim at index " + index + ": producer=" + id);
            }
        }

        @Override
        public long append(LedgerRecord record) {
            while (true) {
                long s = tryAppend(record);
                if (s != RING_FULL) {
                    idle.reset();
                    return s;
                }
                idle.idle();
            }
        }

        @Override
        public long append(int type, DirectBuffer payload, int offset, int length) {
            while (true) {
                long s = tryAppend(type, payload, offset, length);
                if (s != RING_FULL) {
                    idle.reset();
                    return s;
                }
                idle.idle();
            }
        }

        @Override
        public long fullCount() {
            return full.get();
        }

        @Override
        public boolean isDurable(long sequence) {
            return durability.isDurable(id, sequence);
        }

        @Override
        public boolean awaitDurable(long sequence, Duration timeout) {
            if (sequence >= next) {
                throw new InvalidInputException("sequence", "producer=" + id, sequence,
                    "must be one this producer appended (next is " + next + ")");
            }
            if (isDurable(sequence)) {
                return true;
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            requestFlush();
            IdleStrategy wait = new BackoffIdleStrategy(10, 10, 1_000, 200_000);
            while (!isDurable(sequence)) {
                if (failure != null) {
                    throw new IllegalStateException("ledger failed: " + failure, failure);
                }
                if (closed && !drainer.isAlive() && !sealer.isAlive() && !syncer.isAlive() && !isDurable(sequence)) {
                    throw new IllegalStateException("ledger closed before record " + sequence + " of producer "
                        + id + " was durable (appended while closing)");
                }
                if (System.nanoTime() - deadline > 0) {
                    return false;
                }
                wait.idle();
            }
            return true;
        }
    }
}
