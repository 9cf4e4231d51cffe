package org.v2g.ledger;

import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.v2g.kernel.InvalidInputException;

/**
 * The slow reference {@link SlotLedger}: every operation takes one lock, and the appending thread seals,
 * writes and forces blocks itself. It never reports a full buffer and has no block age: a block is
 * sealed when it holds {@code maxRecordsPerBlock} records or when someone waits for durability. It shares
 * the block building and file code with {@link RingBufferSlotLedger} and is the oracle of its tests.
 *
 * <p>Thread-safety: thread-safe (one monitor); each producer belongs to one thread.
 */
public final class SynchronizedSlotLedger implements SlotLedger {
    private final LedgerConfig config;
    private final BlockStore store;
    private final BlockBuilder builder;
    private final Durability durability;
    private final PublicKey sealerKey;
    private final Map<Integer, Long> blockHighs = new LinkedHashMap<>();
    private final List<Durability.Receipt> unsynced = new ArrayList<>();
    private int producers;
    private boolean closed;
    /** The first I/O failure writing or forcing the file; from then on every call throws. */
    private RuntimeException failure;

    private SynchronizedSlotLedger(LedgerConfig config, BlockStore store) {
        this.config = config;
        this.sealerKey = config.sealerKeys().getPublic();
        this.store = store;
        this.builder = new BlockBuilder(store.version());
        this.durability = new Durability(config.maxProducers(), store.nextSequence(), store.nextHeight());
    }

    /**
     * Opens (creating or recovering) the ledger in {@code config.directory()}, its one writer until
     * {@link #close()} (see {@link LedgerLock}).
     *
     * @param config the directory, the sealing keys, the block size, the sync policy
     * @return the open ledger, its chain continued from the file
     * @throws LedgerLockedException if another ledger, in this JVM or another process, has it open
     * @throws IllegalStateException naming the flag if the JVM was started without
     *                               {@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED}
     */
    public static SynchronizedSlotLedger open(LedgerConfig config) {
        JvmFlags.checkAgronaAccess();
        return open(config, LedgerLock.acquire(config.directory()));
    }

    /**
     * Opens the ledger under a writer lock the caller took first; the ledger owns it from now on (see
     * {@link RingBufferSlotLedger#open(LedgerConfig, LedgerLock)}).
     *
     * @param config the directory, the sealing keys, the block size, the sync policy
     * @param lock   the writer lock of {@code config.directory()}
     * @return the open ledger
     */
    public static SynchronizedSlotLedger open(LedgerConfig config, LedgerLock lock) {
        try {
            JvmFlags.checkAgronaAccess();
        } catch (IllegalStateException e) {
            lock.close();
            throw e;
        }
        BlockStore store = BlockStore.open(config.directory(), lock, config.sealerKeys().getPublic(),
            config.maxBlockLength());
        try {
            return new SynchronizedSlotLedger(config.within(store.maxBlockLength()), store);
        } catch (RuntimeException | Error e) {
            store.close();
            throw e;
        }
    }

    @Override
    public synchronized LedgerProducer newProducer() {
        checkOpen();
        if (producers == config.maxProducers()) {
            throw new IllegalStateException("too many producers: max=" + config.maxProducers());
        }
        return new Producer(producers++);
    }

    private void checkOpen() {
        if (failure != null) {
            throw new LedgerFailedException(config.directory(), failure);
        }
        if (closed) {
            throw BlockStore.closedError(config.directory());
        }
    }

    private synchronized void add(int producer, long sequence, int type, DirectBuffer src, int length) {
        checkOpen();
        builder.add(type, src, 0, length, null, 0);
        blockHighs.put(producer, sequence);
        if (builder.count() == config.maxRecordsPerBlock()) {
            sealBlock();
        }
    }

    private void sealBlock() {
        if (builder.count() == 0) {
            return;
        }
        BlockHeader h = builder.seal(store.nextHeight(), store.nextSequence(), store.lastHash(),
            System.currentTimeMillis() * 1000, config.sealerKeys().getPrivate(), builder.merkleRoot());
        try {
            store.write(builder.array(), builder.length(), h);
        } catch (RuntimeException e) {
            throw failed(e);
        }
        builder.reset();
        int[] ids = new int[blockHighs.size()];
        long[] highs = new long[ids.length];
        int i = 0;
        for (Map.Entry<Integer, Long> e : blockHighs.entrySet()) {
            ids[i] = e.getKey();
            highs[i++] = e.getValue();
        }
        blockHighs.clear();
        unsynced.add(new Durability.Receipt((int) store.nextHeight(), store.nextSequence(), 0, ids, highs, false));
        if (unsynced.size() >= Math.max(1, config.syncPolicy().everyBlocks())) {
            syncAndPublish();
        }
    }

    private void syncAndPublish() {
        if (unsynced.isEmpty()) {
            return;
        }
        if (config.syncPolicy().forces()) {
            try {
                store.sync();
            } catch (RuntimeException e) {
                throw failed(e);
            }
        }
        unsynced.forEach(durability::publish);
        unsynced.clear();
    }

    @Override
    public long durableRecordCount() {
        return durability.records();
    }

    @Override
    public synchronized void flush() {
        checkOpen();
        sealBlock();
        syncAndPublish();
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

    /** Records the first I/O failure (the ledger accepts nothing more) and gives what the caller throws. */
    private LedgerFailedException failed(RuntimeException e) {
        if (failure == null) {
            failure = e;
        }
        return new LedgerFailedException(config.directory(), failure);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            if (failure == null) {
                sealBlock();
                syncAndPublish();
            }
        } finally {
            // also after a failure: the file and its lock are released, so the directory can be reopened
            closed = true;
            store.close();
        }
    }

    private final class Producer implements LedgerProducer {
        private final int id;
        private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[config.maxPayloadLength()]);
        private long next;
        private int claimType = -1;
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
            if (claimType != -1) {
                throw new IllegalStateException("producer " + id + " already has an open claim");
            }
            synchronized (SynchronizedSlotLedger.this) {
                checkOpen();
            }
            claimType = type;
            claimLength = length;
            return 0;
        }

        @Override
        public MutableDirectBuffer buffer() {
            return scratch;
        }

        @Override
        public long commit(int index) {
            checkClaim(index);
            long sequence = next;
            add(id, sequence, claimType, scratch, claimLength);
            claimType = -1;
            next++;
            return sequence;
        }

        @Override
        public void abort(int index) {
            checkClaim(index);
            claimType = -1;
        }

        private void checkClaim(int index) {
            if (claimType == -1 || index != 0) {
                throw new IllegalStateException("no open claim at index " + index + ": producer=" + id);
            }
        }

        @Override
        public long append(LedgerRecord record) {
            return tryAppend(record);
        }

        @Override
        public long append(int type, DirectBuffer payload, int offset, int length) {
            return tryAppend(type, payload, offset, length);
        }

        @Override
        public long fullCount() {
            return 0;
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
            if (!isDurable(sequence)) {
                flush();
            }
            return isDurable(sequence);
        }
    }
}
