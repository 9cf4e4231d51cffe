package org.v2g.partition;

import java.util.concurrent.locks.LockSupport;
import org.v2g.kernel.GridPoint;
import org.v2g.partition.internal.Slowdown;

/**
 * The body of one SCP worker thread: waits for a slot, claims chunks until the slot is over, evaluates
 * each chunk block by block with the kernel's own sequential {@code best} loop and offers the result.
 *
 * <p>Between blocks it checks whether the chunk was completed by someone else, the slot finished or the
 * pool closed, and stops early if so; it also pays its simulated slowdown and fires its injected fault
 * there. The thread lives as long as the pool and parks between slots.
 */
final class Worker implements Runnable {
    /**
     * Target time of one block, the points evaluated between two checks (abort, fault, slowdown,
     * heartbeat). The block size adapts to it, from 1 point (a huge fleet, or a kernel not yet
     * compiled by the JIT) to {@link #MAX_BLOCK} points (a tiny fleet), so that a worker shows a sign
     * of life every fraction of a millisecond whatever a point costs, and the checks stay cheap.
     */
    static final long BLOCK_NANOS = 200_000;
    static final int MAX_BLOCK = 4096;
    private static final long MIN_BACKOFF_NANOS = 10_000;
    private static final long MAX_BACKOFF_NANOS = 500_000;
    private static final long STALL_POLL_NANOS = 1_000_000;

    private final PartitionedSolver pool;
    private final int id;
    private final Slowdown slowdown;
    /** Current block size, points; only this worker's thread touches it. */
    private int block = 1;

    Worker(PartitionedSolver pool, WorkerSpec spec) {
        this.pool = pool;
        this.id = spec.id();
        this.slowdown = new Slowdown(spec.slowdown());
    }

    @Override
    public void run() {
        long seen = 0;
        while (!pool.isClosed()) {
            SlotRun run = pool.currentRun();
            if (run == null || run.epoch == seen) {
                LockSupport.park(pool);
                continue;
            }
            seen = run.epoch;
            work(run, run.workers[id]);
        }
    }

    /** One slot. Returns when the slot is over for this worker. */
    private void work(SlotRun run, SlotRun.State me) {
        slowdown.reset();
        long backoff = MIN_BACKOFF_NANOS;
        try {
            while (!run.finished() && !pool.isClosed()) {
                long now = System.nanoTime();
                me.heartbeat = now;
                Chunk chunk = run.next(me, now);
                if (chunk == null) {
                    LockSupport.parkNanos(this, backoff);
                    backoff = Math.min(MAX_BACKOFF_NANOS, backoff * 2);
                    continue;
                }
                backoff = MIN_BACKOFF_NANOS;
                me.current = chunk;
                execute(run, me, chunk);
                me.current = null;
            }
        } catch (Stalled stalled) {
            // came back after the slot was over; nothing more to do in it
        } catch (InjectedFault fault) {
            quit(run, me, fault.kind == Fault.Kind.LEAVE ? WorkerStatus.LEFT : WorkerStatus.FAILED, fault.getMessage());
        } catch (RuntimeException | Error e) {
            quit(run, me, WorkerStatus.FAILED, e.toString());
        }
    }

    private static void quit(SlotRun run, SlotRun.State me, WorkerStatus status, String why) {
        Chunk chunk = me.current;
        me.current = null;
        me.failure = why;
        me.status = status;
        run.abandon(chunk);
        run.leave();
    }

    private void execute(SlotRun run, SlotRun.State me, Chunk chunk) {
        GridPoint best = GridPoint.NONE;
        for (int k = chunk.k0; k < chunk.k1; ) {
            if (chunk.isDone() || run.finished() || pool.isClosed()) {
                return;
            }
            if (me.evaluated >= me.faultAt) {
                fire(run, me, chunk, best);
            }
            int end = (int) Math.min(chunk.k1, (long) k + block);
            long t0 = System.nanoTime();
            best = GridPoint.better(best, run.kernel.best(run.slot, k, end));
            long t1 = System.nanoTime();
            adapt(t1 - t0, end - k);
            me.evaluated = me.evaluated + (end - k);
            long slept = 0;
            slowdown.owe(t1 - t0);
            if (slowdown.due()) {
                me.heartbeat = t1 + slowdown.debt();
                slept = slowdown.pay();
            }
            me.busyNanos = me.busyNanos + (t1 - t0) + slept;
            me.heartbeat = t1 + slept;
            k = end;
        }
        // A slower machine's result also arrives later: settle the debt before reporting.
        me.busyNanos = me.busyNanos + slowdown.pay();
        run.accept(run.epoch, me, chunk, best);
    }

    private void adapt(long nanos, int points) {
        if (points == block) {
            if (nanos < BLOCK_NANOS / 2) {
                block = Math.min(MAX_BLOCK, block * 2);
            } else if (nanos > BLOCK_NANOS * 2) {
                block = Math.max(1, block / 2);
            }
        } else if (nanos > BLOCK_NANOS * 2) {
            block = Math.max(1, Math.min(block, points) / 2);
        }
    }

    private void fire(SlotRun run, SlotRun.State me, Chunk chunk, GridPoint partial) {
        Fault fault = me.fault;
        String what = "injected fault " + fault + " after " + me.evaluated + " points";
        if (fault.kind() != Fault.Kind.STALL) {
            throw new InjectedFault(fault.kind(), what);
        }
        me.failure = what;
        me.stallInjected = true; // from now on no heartbeat: the others see the stall only through it
        while (!run.finished() && !pool.isClosed()) {
            LockSupport.parkNanos(this, STALL_POLL_NANOS);
        }
        // Back late with a (partial) result for a slot that is over: it must be refused.
        if (!run.accept(run.epoch, me, chunk, partial)) {
            pool.lateReportRejected();
        }
        me.current = null;
        throw new Stalled();
    }

    /** An injected throw or leave. */
    static final class InjectedFault extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Fault.Kind kind;

        InjectedFault(Fault.Kind kind, String message) {
            super(message, null, false, false);
            this.kind = kind;
        }
    }

    /** Unwinds a stalled worker out of its slot. */
    private static final class Stalled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stalled() {
            super("stalled", null, false, false);
        }
    }
}
