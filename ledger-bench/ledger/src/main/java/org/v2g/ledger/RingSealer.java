package org.v2g.ledger;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The seal stage of {@link RingBufferSlotLedger}: numbers each block (height, first sequence, previous
 * hash), computes its Merkle root, signs the header, adds the CRC, writes it, and queues its receipt for
 * the syncer. The Merkle tree is a {@link MerkleJob} ({@link BlockBuilder#merkleJob()}) in subtrees (version 2:
 * {@value MerkleJob#GROUP_CHUNK} groups of 16 records, their leaves hashed from the block's bytes, then
 * their nodes; version 1: the interior nodes of {@value MerkleJob#CHUNK} producer-hashed leaves) that
 * producers finding the ring full ({@link #helpOnce}), and pool threads on a machine with spare cores,
 * take over instead of spinning.
 *
 * <p>State it owns: the block file's write side ({@link BlockStore#write}, height, sequence and last
 * hash), the Merkle job being hashed (published to helpers, {@code null} between blocks), the count of
 * subtrees helpers hashed. It takes closed batches from {@code filled}, gives them back to {@code free}
 * and puts receipts on {@code written} (the syncer's input), ending with {@link RingSyncer#STOP}.
 *
 * <p>Thread-safety: {@link #run} on the sealer thread; {@link #helpOnce} and {@link #helpedSubtrees} from any.
 */
final class RingSealer implements Runnable {
    private final LedgerConfig config;
    private final BlockStore store;
    private final ArrayBlockingQueue<BlockBatch> filled;
    private final ArrayBlockingQueue<BlockBatch> free;
    private final LinkedBlockingQueue<Durability.Receipt> written;
    private final RingLifecycle lifecycle;
    private final AtomicReference<MerkleJob> merkleJob = new AtomicReference<>();
    private final AtomicLong helpedChunks = new AtomicLong();
    private final int poolHelpers = Math.max(0, ForkJoinPool.getCommonPoolParallelism() - 1);

    RingSealer(LedgerConfig config, BlockStore store, ArrayBlockingQueue<BlockBatch> filled,
               ArrayBlockingQueue<BlockBatch> free, LinkedBlockingQueue<Durability.Receipt> written,
               RingLifecycle lifecycle) {
        this.config = config;
        this.store = store;
        this.filled = filled;
        this.free = free;
        this.written = written;
        this.lifecycle = lifecycle;
    }

    /** Hashes one Merkle subtree of the block being sealed, if one is left; false if there was none. */
    boolean helpOnce() {
        MerkleJob job = merkleJob.get();
        if (job != null && job.helpOnce()) {
            helpedChunks.incrementAndGet();
            return true;
        }
        return false;
    }

    /** How many subtrees helpers hashed. */
    long helpedSubtrees() {
        return helpedChunks.get();
    }

    @Override
    public void run() {
        try {
            while (true) {
                BlockBatch b = filled.take();
                if (b.stop) {
                    break;
                }
                if (b.builder.count() == 0) {
                    written.add(new Durability.Receipt(-1, -1, b.ringPosition, new int[0], new long[0], true));
                } else {
                    seal(b);
                }
                b.reset();
                free.add(b);
                // the drainer may be parked for want of a block while the ring fills
                lifecycle.wakeDrainer();
            }
        } catch (Throwable t) {
            lifecycle.fail(t);
        } finally {
            written.add(RingSyncer.STOP);
        }
    }

    private void seal(BlockBatch b) {
        BlockBuilder builder = b.builder;
        MerkleJob job = builder.merkleJob();
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
