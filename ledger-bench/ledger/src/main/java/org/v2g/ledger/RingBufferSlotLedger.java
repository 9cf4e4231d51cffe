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
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;

/**
 * The fast {@link SlotLedger}: producers claim space in an Agrona {@link ManyToOneRingBuffer}, write
 * the payload in place and hash its Merkle leaf before they commit; one <em>sealer</em> thread drains the
 * ring in batches, numbers the records, builds and signs blocks (by count or age) and writes them; one
 * <em>syncer</em> thread forces the file and publishes durability, so the force of block {@code h}
 * overlaps the building of block {@code h + 1} and forces group several blocks when the disk is slow.
 *
 * <p>Thread-safety: thread-safe; each producer belongs to one thread.
 */
public final class RingBufferSlotLedger implements SlotLedger {
    private static final Durability.Receipt STOP = new Durability.Receipt(-1, -1, -1, new int[0], new long[0], true);

    private final LedgerConfig config;
    private final BlockStore store;
    private final Durability durability;
    private final PublicKey sealerKey;
    private final ManyToOneRingBuffer ring;
    private final ForkJoinPool hashPool;
    private final LinkedBlockingQueue<Durability.Receipt> written = new LinkedBlockingQueue<>();
    private final AtomicInteger producers = new AtomicInteger();
    private final AtomicLong flushTarget = new AtomicLong(-1);
    private final AtomicLong fullCount = new AtomicLong();
    private final Thread sealer;
    private final Thread syncer;
    private volatile boolean running = true;
    private volatile boolean closed;
    private volatile Throwable failure;

    private RingBufferSlotLedger(LedgerConfig config) {
        this.config = config;
        this.sealerKey = config.sealerKeys().getPublic();
        this.store = BlockStore.open(config.directory(), Ed25519.rawPublicKey(sealerKey), config.maxBlockLength());
        this.durability = new Durability(config.maxProducers(), store.nextSequence(), store.nextHeight());
        this.ring = new ManyToOneRingBuffer(new UnsafeBuffer(ByteBuffer.allocateDirect(config.ringBufferLength())));
        this.hashPool = config.maxRecordsPerBlock() >= 2 * MerkleTree.PARALLEL_CHUNK ? ForkJoinPool.commonPool() : null;
        this.sealer = Thread.ofPlatform().name("v2g-ledger-sealer").daemon().unstarted(new Sealer());
        this.syncer = Thread.ofPlatform().name("v2g-ledger-syncer").daemon().unstarted(this::syncLoop);
    }

    /** Opens (creating or recovering) the ledger in {@code config.directory()} and starts its threads. */
    public static RingBufferSlotLedger open(LedgerConfig config) {
        RingBufferSlotLedger l = new RingBufferSlotLedger(config);
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
        return new Producer(id);
    }

    private void checkUsable() {
        if (failure != null) {
            throw new IllegalStateException("ledger failed: " + failure, failure);
        }
        if (closed) {
            throw new IllegalStateException("ledger is closed: " + config.directory());
        }
    }

    /** Asks the sealer to seal everything up to the current producer position early. */
    private long requestFlush() {
        long target = ring.producerPosition();
        flushTarget.accumulateAndGet(target, Math::max);
        LockSupport.unpark(sealer);
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
        return fullCount.get();
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
        LockSupport.unpark(sealer);
        try {
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
    }

    /** The sealer thread: drains the ring, builds, seals and writes blocks. */
    private final class Sealer implements Runnable, MessageHandler {
        private final BlockBuilder builder = new BlockBuilder();
        private final long[] high = new long[config.maxProducers()];
        private final int[] touched = new int[config.maxProducers()];
        private final long maxAgeNanos = config.maxBlockAge().toNanos();
        private int touchedCount;
        private long blockStart;

        Sealer() {
            Arrays.fill(high, -1);
        }

        @Override
        public void run() {
            IdleStrategy idle = new BackoffIdleStrategy(100, 10, 1_000, 1_000_000);
            try {
                while (true) {
                    int room = config.maxRecordsPerBlock() - builder.count();
                    int read = ring.read(this, room);
                    boolean sealed = false;
                    if (builder.count() == config.maxRecordsPerBlock()
                        || builder.count() > 0 && System.nanoTime() - blockStart >= maxAgeNanos) {
                        seal(false);
                        sealed = true;
                    }
                    long target = flushTarget.get();
                    if (target >= 0 && ring.consumerPosition() >= target) {
                        flushTarget.compareAndSet(target, -1);
                        if (builder.count() > 0) {
                            seal(true);
                        } else {
                            written.add(new Durability.Receipt(-1, -1, ring.consumerPosition(), new int[0],
                                new long[0], true));
                        }
                        sealed = true;
                    }
                    if (!running && ring.size() == 0 && builder.count() == 0 && flushTarget.get() < 0) {
                        break;
                    }
                    if (read == 0 && !sealed) {
                        idle.idle();
                    } else {
                        idle.reset();
                    }
                }
            } catch (Throwable t) {
                fail(t);
            } finally {
                written.add(STOP);
            }
        }

        @Override
        public void onMessage(int type, MutableDirectBuffer buffer, int index, int length) {
            int producer = buffer.getInt(index + PRODUCER_ID_OFFSET, ByteOrder.LITTLE_ENDIAN);
            long sequence = buffer.getLong(index + PRODUCER_SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN);
            if (builder.count() == 0) {
                blockStart = System.nanoTime();
            }
            builder.add(type, buffer, index + PAYLOAD_OFFSET, length - PAYLOAD_OFFSET, buffer, index + LEAF_OFFSET);
            if (high[producer] < 0) {
                touched[touchedCount++] = producer;
            }
            high[producer] = sequence;
        }

        private void seal(boolean flush) {
            BlockHeader h = builder.seal(store.nextHeight(), store.nextSequence(), store.lastHash(),
                System.currentTimeMillis() * 1000, config.sealerKeys().getPrivate(), hashPool);
            store.write(builder.array(), builder.length(), h);
            builder.reset();
            int[] ids = Arrays.copyOf(touched, touchedCount);
            long[] highs = new long[touchedCount];
            for (int i = 0; i < touchedCount; i++) {
                highs[i] = high[ids[i]];
                high[ids[i]] = -1;
            }
            touchedCount = 0;
            written.add(new Durability.Receipt((int) store.nextHeight(), store.nextSequence(), ring.consumerPosition(),
                ids, highs, flush));
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

    /** A producer: claims, writes, hashes the leaf and commits. */
    private final class Producer implements LedgerProducer {
        private final int id;
        private final IdleStrategy idle = config.fullRingIdle().get();
        private final MessageDigest digest = Sha256.newDigest();
        private final byte[] frameHeader = new byte[FrameDescriptor.PAYLOAD_OFFSET];
        private final UnsafeBuffer frameHeaderBuffer = new UnsafeBuffer(frameHeader);
        private final byte[] leaf = new byte[Sha256.LENGTH];
        private final UnsafeBuffer ringBuffer = (UnsafeBuffer) ring.buffer();
        private final ByteBuffer ringView = ring.buffer().byteBuffer().duplicate();
        private long next;
        private long full;
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
                full++;
                fullCount.incrementAndGet();
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
            frameHeaderBuffer.putInt(FrameDescriptor.LENGTH_OFFSET, claimLength, ByteOrder.LITTLE_ENDIAN);
            frameHeaderBuffer.putInt(FrameDescriptor.TYPE_OFFSET, claimType, ByteOrder.LITTLE_ENDIAN);
            digest.update(Sha256.LEAF_PREFIX);
            digest.update(frameHeader);
            ringView.clear().position(index).limit(index + claimLength);
            digest.update(ringView);
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
            return full;
        }

        @Override
        public boolean isDurable(long sequence) {
            return durability.isDurable(id, sequence);
        }

        @Override
        public boolean awaitDurable(long sequence, Duration timeout) {
            if (sequence >= next) {
                throw new IllegalArgumentException("producer " + id + " has not appended sequence " + sequence);
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
                if (closed && !sealer.isAlive() && !syncer.isAlive() && !isDurable(sequence)) {
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
