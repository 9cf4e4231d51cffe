package org.v2g.partition.internal;

import java.util.concurrent.locks.LockSupport;

/**
 * Simulated slower hardware: after work that took {@code t}, the thread owes {@code t·(factor − 1)}
 * of idle time and pays it by <em>sleeping</em> ({@link LockSupport#parkNanos}) once the debt reaches
 * {@link #PARK_THRESHOLD_NANOS}, so that a worker of factor {@code f} delivers results at {@code 1/f}
 * of its full speed.
 *
 * <p>Why sleep and not busy-wait: this machine has two equal cores shared by several processes.
 * A spinning "slow" worker would hold a core for {@code f} times as long as the work needs, taking it
 * from the fast workers it is being compared with, so the simulated cluster would be slower than the
 * hardware it simulates and every ratio would be skewed. A sleeping worker leaves the core to the
 * others, as a separate slower machine would. Sleeping is coarse (timer slack of tens of
 * microseconds), so the debt is paid in batches of at least the threshold and whatever the sleep
 * overshoots is credited against the next debt.
 *
 * <p>Not thread-safe: one instance per thread.
 */
public final class Slowdown {
    /** Debt below which no sleep is attempted, ns. */
    public static final long PARK_THRESHOLD_NANOS = 100_000;

    private final double factor;
    private long debt;

    public Slowdown(double factor) {
        if (!(factor >= 1) || !Double.isFinite(factor)) {
            throw new IllegalArgumentException("slowdown must be a finite number >= 1: value=" + factor);
        }
        this.factor = factor;
    }

    public double factor() {
        return factor;
    }

    /** Adds the idle time owed for {@code busyNanos} of work. */
    public void owe(long busyNanos) {
        if (factor > 1) {
            debt += (long) (busyNanos * (factor - 1));
        }
    }

    /** The idle time owed, ns (negative after an oversleep). */
    public long debt() {
        return debt;
    }

    /** True when the debt is worth a sleep. */
    public boolean due() {
        return debt >= PARK_THRESHOLD_NANOS;
    }

    /**
     * Sleeps the debt if positive; returns the time actually slept, ns. An unpark or interrupt cuts
     * the sleep short; the rest stays owed.
     */
    public long pay() {
        if (debt <= 0) {
            return 0;
        }
        long start = System.nanoTime();
        LockSupport.parkNanos(this, debt);
        long slept = System.nanoTime() - start;
        debt -= slept;
        return slept;
    }

    /** {@link #owe} then, if due, {@link #pay}; returns the time slept. */
    public long charge(long busyNanos) {
        owe(busyNanos);
        return due() ? pay() : 0;
    }

    /** Forgets the debt (and any credit), e.g. at the start of a slot. */
    public void reset() {
        debt = 0;
    }
}
