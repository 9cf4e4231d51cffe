package org.v2g.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The sync stage of {@link RingBufferSlotLedger}: forces written blocks (per {@link SyncPolicy}, grouping
 * the blocks that queued up while a force ran) and then publishes them to {@link Durability}, so the
 * force of block {@code h} overlaps the sealing of the next ones. A flush marker (a receipt with no
 * block) forces what is unforced and is published as the state before it with its ring position, so
 * {@code flush()} returns only when every record committed before it is durable.
 *
 * <p>State it owns: the receipts written but not yet forced, the blocks since the last force, the
 * block file's {@link BlockStore#sync}, and the only writes to {@link Durability}. It takes receipts
 * from {@code written} until {@link #STOP}.
 *
 * <p>Thread-safety: {@link #run} on the syncer thread only.
 */
final class RingSyncer implements Runnable {
    /** The last receipt: the sealer has ended; force what is left and stop. */
    static final Durability.Receipt STOP = new Durability.Receipt(-1, -1, -1, new int[0], new long[0], true);

    private final SyncPolicy policy;
    private final BlockStore store;
    private final Durability durability;
    private final LinkedBlockingQueue<Durability.Receipt> written;
    private final RingLifecycle lifecycle;

    RingSyncer(SyncPolicy policy, BlockStore store, Durability durability,
               LinkedBlockingQueue<Durability.Receipt> written, RingLifecycle lifecycle) {
        this.policy = policy;
        this.store = store;
        this.durability = durability;
        this.written = written;
        this.lifecycle = lifecycle;
    }

    @Override
    public void run() {
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
            lifecycle.fail(t);
        }
    }
}
