package org.v2g.ledger;

import java.nio.ByteBuffer;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;

/**
 * The fast {@link SlotLedger}: producers claim space in an Agrona {@link ManyToOneRingBuffer}, write
 * the payload in place and commit (in a file of block format version 1 they also hash the record's Merkle
 * leaf first; in version 2, what a new ledger is, the sealer hashes groups of records). Three threads behind the ring form a
 * pipeline, so that the ring is drained as fast as a bare Agrona consumer would drain it:
 * <ol>
 *   <li>the <em>drainer</em> reads the ring in batches and only copies each frame (and, version 1, its leaf hash) into
 *       the open block and notes each producer's highest sequence; a block is closed by count, by age or
 *       when someone waits, and handed to the sealer ({@value #BLOCKS_IN_FLIGHT} blocks in flight, so the
 *       drainer waits only when the sealer is that far behind);</li>
 *   <li>the <em>sealer</em> numbers the block (height, first sequence, previous hash), computes its Merkle
 *       root, signs the header, adds the CRC and writes it. The Merkle tree is hashed in subtrees
 *       ({@link MerkleJob}: version 2, the leaves of {@value MerkleJob#GROUP_CHUNK} groups of 16 records
 *       straight from the block's bytes and their nodes; version 1, the interior nodes of
 *       {@value MerkleJob#CHUNK} leaves) that producers finding the ring
 *       full, and pool threads on a machine with spare cores, take over instead of spinning;</li>
 *   <li>the <em>syncer</em> forces the file (per {@link SyncPolicy}), grouping the blocks that queued up,
 *       and then publishes durability, so the force of block {@code h} overlaps the sealing of the next
 *       ones.</li>
 * </ol>
 * Every hand-over is a FIFO queue with one thread on each side, so blocks are written and acknowledged
 * in ring order.
 *
 * <p>Each part is its own class, with the state it owns named there: the append hot path
 * {@link RingProducer}, the stages {@link RingDrainer}, {@link RingSealer} (with {@link MerkleJob}) and
 * {@link RingSyncer}, the block they hand on {@link BlockBatch}, and the run state {@link RingLifecycle}
 * (running, closed, failed, the threads). This class wires them and is the ledger's public face.
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

    private final LedgerConfig config;
    private final BlockStore store;
    private final Durability durability;
    private final PublicKey sealerKey;
    private final ManyToOneRingBuffer ring;
    private final RingLifecycle lifecycle;
    private final RingDrainer drainer;
    private final RingSealer sealer;
    private final AtomicInteger producers = new AtomicInteger();
    private final CopyOnWriteArrayList<RingProducer> created = new CopyOnWriteArrayList<>();

    private RingBufferSlotLedger(LedgerConfig config, BlockStore store) {
        this.config = config;
        this.sealerKey = config.sealerKeys().getPublic();
        this.store = store;
        this.durability = new Durability(config.maxProducers(), store.nextSequence(), store.nextHeight());
        this.ring = new ManyToOneRingBuffer(new UnsafeBuffer(ByteBuffer.allocateDirect(config.ringBufferLength())));
        this.lifecycle = new RingLifecycle(config.directory());
        // drainer -> sealer: closed blocks; sealer -> drainer: free ones; sealer -> syncer: written blocks
        ArrayBlockingQueue<BlockBatch> free = new ArrayBlockingQueue<>(BLOCKS_IN_FLIGHT);
        ArrayBlockingQueue<BlockBatch> filled = new ArrayBlockingQueue<>(BLOCKS_IN_FLIGHT + 1);
        LinkedBlockingQueue<Durability.Receipt> written = new LinkedBlockingQueue<>();
        for (int i = 0; i < BLOCKS_IN_FLIGHT; i++) {
            free.add(new BlockBatch(config.maxProducers(), store.version()));
        }
        this.drainer = new RingDrainer(ring, config, free, filled, lifecycle);
        this.sealer = new RingSealer(config, store, filled, free, written, lifecycle);
        RingSyncer syncer = new RingSyncer(config.syncPolicy(), store, durability, written, lifecycle);
        lifecycle.threads(drainer, sealer, syncer);
    }

    /**
     * Opens (creating or recovering) the ledger in {@code config.directory()} and starts its threads. The
     * directory then has this one writer until {@link #close()} (see {@link LedgerLock}).
     *
     * @param config the directory, the sealing keys, the ring and block sizes, the sync policy
     * @return the open ledger, its chain continued from the file
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
     * @param config the directory, the sealing keys, the ring and block sizes, the sync policy
     * @param lock   the writer lock of {@code config.directory()}
     * @return the open ledger
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
            l = new RingBufferSlotLedger(config.within(store.maxBlockLength()), store);
        } catch (RuntimeException | Error e) {
            store.close(); // the ring could not be allocated: release the directory
            throw e;
        }
        l.lifecycle.start();
        return l;
    }

    @Override
    public LedgerProducer newProducer() {
        lifecycle.checkUsable();
        int id = producers.getAndIncrement();
        if (id >= config.maxProducers()) {
            producers.decrementAndGet();
            throw new IllegalStateException("too many producers: max=" + config.maxProducers());
        }
        RingProducer p = new RingProducer(id, config, ring, lifecycle, drainer, sealer, durability, store.version());
        created.add(p);
        return p;
    }

    @Override
    public long durableRecordCount() {
        return durability.records();
    }

    @Override
    public void flush() {
        lifecycle.checkUsable();
        long target = drainer.requestFlush();
        awaitRingPosition(target);
    }

    private void awaitRingPosition(long target) {
        IdleStrategy idle = new BackoffIdleStrategy(10, 10, 1_000, 200_000);
        while (durability.ringPosition() < target) {
            lifecycle.throwIfFailed();
            idle.idle();
        }
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

    /** {@return how many producers found the ring full, summed (approximate while producers run)} */
    public long ringFullCount() {
        long sum = 0;
        for (RingProducer p : created) {
            sum += p.fullCount();
        }
        return sum;
    }

    /** {@return how many Merkle subtrees producers hashed for the sealer while the ring was full} */
    public long helpedSubtreeCount() {
        return sealer.helpedSubtrees();
    }

    @Override
    public void close() {
        boolean first = true;
        try {
            first = lifecycle.close(this::flush);
        } finally {
            if (first) { // also when the last flush failed: the file and its lock are released all the same
                store.close();
            }
        }
    }
}
