package org.v2g.partition;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A claimed range {@code [k0, k1)} of one slot's grid and whether it has been accepted.
 *
 * <p>A chunk may be evaluated by more than one worker (its first claimer, then an orphan taker or a
 * takeover after it became overdue); {@link #markDone} lets exactly one completion through.
 * {@code started} is when the latest attempt began; a takeover moves it forward with a CAS, so one
 * helper at a time takes over an overdue chunk.
 *
 * <p>Thread-safe.
 */
final class Chunk {
    final SlotRun run;
    final int k0;
    final int k1;
    private final AtomicBoolean done = new AtomicBoolean();
    private final AtomicLong started;

    Chunk(SlotRun run, long packed, long now) {
        this.run = run;
        this.k0 = Segment.front(packed);
        this.k1 = Segment.back(packed);
        this.started = new AtomicLong(now);
    }

    int size() {
        return k1 - k0;
    }

    boolean isDone() {
        return done.get();
    }

    /** True for the one caller that completes the chunk first. */
    boolean markDone() {
        return done.compareAndSet(false, true);
    }

    long started() {
        return started.get();
    }

    /** Restarts the clock if nobody else did since {@code seen}; true for the one caller that does. */
    boolean restart(long seen, long now) {
        return started.compareAndSet(seen, now);
    }

    @Override
    public String toString() {
        return "[" + k0 + "," + k1 + ")";
    }
}
