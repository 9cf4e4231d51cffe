package org.v2g.partition;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.v2g.kernel.GridPoint;
import org.v2g.kernel.PreparedSlot;
import org.v2g.kernel.RevenueKernel;

/**
 * The shared state of one slot being solved by a pool: the home segments, the chunks handed back by
 * failed workers, each worker's partial result and the count of accepted points.
 *
 * <p>Protocol (the guarantees the tests check):
 * <ul>
 *   <li><b>Claim.</b> A point leaves its segment exactly once ({@link Segment}'s CAS). A claimed chunk
 *       is then evaluated by one or more workers (orphans, takeovers).</li>
 *   <li><b>Accept.</b> {@link #accept} lets a result in only for this run's epoch, only while the run is
 *       not finished, and only for the first completion of the chunk ({@link Chunk#markDone}). The
 *       winner records the chunk in its own partial result <em>before</em> adding its points to
 *       {@link #accepted}; the add is a volatile read-modify-write, so whoever sees the total reach
 *       {@code G} (the completing worker, then the coordinator through {@link #over}) sees every
 *       partial result.</li>
 *   <li><b>Finish.</b> The run is finished when the accepted points reach {@code G}, when every worker
 *       has failed or left, or when the coordinator abandons it. After that every {@link #accept}
 *       returns false: a worker that comes back late cannot change a finished slot.</li>
 * </ul>
 *
 * <p>Thread-safe as described; {@link State} fields are written by their own worker only.
 */
final class SlotRun {
    final long epoch;
    final PreparedSlot slot;
    final RevenueKernel kernel;
    final ChunkPolicy policy;
    final int size;
    final long stallNanos;
    final State[] workers;
    final long startNanos;
    final CountDownLatch over = new CountDownLatch(1);
    private final ConcurrentLinkedQueue<Chunk> orphans = new ConcurrentLinkedQueue<>();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicInteger alive;
    private volatile boolean finished;
    private volatile long endNanos;

    SlotRun(long epoch, PreparedSlot slot, PoolConfig config, List<Fault> faults, long startNanos) {
        this.epoch = epoch;
        this.slot = slot;
        this.kernel = config.revenueKernel();
        this.policy = config.policy();
        this.size = slot.grid().size();
        this.stallNanos = config.stallDeadline().toNanos();
        this.startNanos = startNanos;
        int[] bounds = ChunkPolicy.bounds(size, config.capacities());
        List<WorkerSpec> specs = config.workers();
        this.workers = new State[specs.size()];
        for (int w = 0; w < workers.length; w++) {
            Fault fault = null;
            for (Fault f : faults) {
                if (f.worker() == w) {
                    fault = f;
                }
            }
            workers[w] = new State(specs.get(w), new Segment(w, bounds[w], bounds[w + 1]), policy, fault, startNanos);
        }
        this.alive = new AtomicInteger(workers.length);
    }

    /** Per worker and slot: written by that worker's thread only, read by helpers and the coordinator. */
    static final class State {
        final WorkerSpec spec;
        final Segment home;
        final int share;
        final int grain;
        final Fault fault;
        /** Points evaluated at which the fault fires; {@code Long.MAX_VALUE} when none. */
        final long faultAt;
        volatile WorkerStatus status = WorkerStatus.COMPLETED;
        /**
         * Set by an injected stall, for the report only: to the others a stalled worker is a worker
         * without a heartbeat, however it stalled.
         */
        volatile boolean stallInjected;
        volatile String failure = "";
        volatile Chunk current;
        /** Last sign of life, or the promised end of a simulated slowdown sleep, ns. */
        volatile long heartbeat;
        volatile long evaluated;
        volatile long busyNanos;
        volatile long acceptedPoints;
        volatile int chunks;
        volatile GridPoint best = GridPoint.NONE;
        /** Written before the accepted count is raised; read after the run completed. */
        final List<Range> ranges = new ArrayList<>();

        State(WorkerSpec spec, Segment home, ChunkPolicy policy, Fault fault, long now) {
            this.spec = spec;
            this.home = home;
            this.share = home.left();
            this.grain = policy.grain(share);
            this.fault = fault;
            this.faultAt = fault == null ? Long.MAX_VALUE : (long) Math.ceil(fault.after() * share);
            this.heartbeat = now;
        }

        boolean gone(long now, long stallNanos) {
            WorkerStatus s = status;
            return s != WorkerStatus.COMPLETED || now - heartbeat > stallNanos;
        }

        /** This worker's measured cost, ns per point (slowdown included); 0 before its first block. */
        double nanosPerPoint() {
            long points = evaluated;
            return points == 0 ? 0 : (double) busyNanos / points;
        }
    }

    boolean finished() {
        return finished;
    }

    boolean complete() {
        return accepted.get() == size;
    }

    long acceptedPoints() {
        return accepted.get();
    }

    long endNanos() {
        return endNanos;
    }

    /**
     * The next chunk for worker {@code me}: its own segment's front, then an orphan, then a steal, then
     * an overdue chunk to take over; {@code null} when there is nothing to do right now.
     */
    Chunk next(State me, long now) {
        long own = me.home.takeFront(me.grain);
        if (own != Segment.NONE) {
            return new Chunk(this, own, now);
        }
        Chunk orphan;
        while ((orphan = orphans.poll()) != null) {
            if (!orphan.isDone()) {
                orphan.restart(orphan.started(), now);
                return orphan;
            }
        }
        Chunk stolen = steal(me, now);
        if (stolen != null) {
            return stolen;
        }
        return takeOver(me, now);
    }

    private Chunk steal(State me, long now) {
        while (true) {
            State victim = null;
            int most = 0;
            for (State s : workers) {
                if (s == me) {
                    continue;
                }
                int left = s.home.left();
                if (left > most && (policy.steal() || s.gone(now, stallNanos))) {
                    most = left;
                    victim = s;
                }
            }
            if (victim == null) {
                return null;
            }
            boolean ownerGone = victim.gone(now, stallNanos);
            long taken = victim.home.takeBack(left -> policy.stealSize(me.grain, left, ownerGone));
            if (taken != Segment.NONE) {
                return new Chunk(this, taken, now);
            }
        }
    }

    private Chunk takeOver(State me, long now) {
        double perPoint = me.nanosPerPoint();
        for (State s : workers) {
            Chunk c = s.current;
            if (s == me || c == null || c.run != this || c.isDone()) {
                continue;
            }
            long seen = c.started();
            double limit = stallNanos;
            if (perPoint > 0) {
                limit = Math.min(limit, policy.speculation() * perPoint * c.size());
            }
            if (now - seen > limit && c.restart(seen, now)) {
                return c;
            }
        }
        return null;
    }

    /** A worker that threw or left hands its unfinished chunk back. */
    void abandon(Chunk chunk) {
        if (chunk != null && chunk.run == this && !chunk.isDone()) {
            orphans.add(chunk);
        }
    }

    /** A worker failed or left for good this slot; the last one out finishes the run. */
    void leave() {
        if (alive.decrementAndGet() == 0) {
            finish();
        }
    }

    /**
     * Offers the best point of a fully evaluated chunk. True when accepted: right epoch, run not
     * finished, first completion of the chunk.
     */
    boolean accept(long forEpoch, State me, Chunk chunk, GridPoint best) {
        if (forEpoch != epoch || chunk.run != this || finished || !chunk.markDone()) {
            return false;
        }
        me.best = GridPoint.better(me.best, best);
        me.ranges.add(new Range(chunk.k0, chunk.k1));
        me.chunks = me.chunks + 1;
        me.acceptedPoints = me.acceptedPoints + chunk.size();
        if (accepted.addAndGet(chunk.size()) == size) {
            endNanos = System.nanoTime();
            finish();
        }
        return true;
    }

    /** Ends the run: no result is accepted after this. */
    void finish() {
        finished = true;
        over.countDown();
    }
}
