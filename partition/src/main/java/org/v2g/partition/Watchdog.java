package org.v2g.partition;

/**
 * The coordinator's view of which workers of a slot show no sign of life: a worker is <em>silent</em>
 * when the coordinator, polling, has seen its heartbeat unchanged for longer than the stall deadline.
 *
 * <p>The time counts only while the coordinator itself runs: when one of its polls comes much later
 * than asked (a GC pause, the whole process throttled or descheduled), the clocks restart, because in
 * such a gap the workers could not run either. Without this a pause longer than the deadline would
 * make every worker look stalled at once and fail a healthy slot.
 *
 * <p>Not thread-safe: used by the coordinating thread only.
 */
final class Watchdog {
    private final SlotRun run;
    private final long pollNanos;
    private final long[] seen;
    private final long[] since;
    private long lastPoll;

    Watchdog(SlotRun run, long pollNanos, long now) {
        this.run = run;
        this.pollNanos = pollNanos;
        int n = run.workers.length;
        this.seen = new long[n];
        this.since = new long[n];
        for (int w = 0; w < n; w++) {
            seen[w] = run.workers[w].heartbeat;
            since[w] = now;
        }
        this.lastPoll = now;
    }

    /** One poll: notes every heartbeat that moved. */
    void poll(long now) {
        boolean gap = now - lastPoll > 2 * pollNanos + 20_000_000L;
        lastPoll = now;
        for (int w = 0; w < seen.length; w++) {
            long beat = run.workers[w].heartbeat;
            if (beat != seen[w] || gap || beat > now) { // beat > now: a promised sleep, alive
                seen[w] = beat;
                since[w] = now;
            }
        }
    }

    /** True when worker {@code w}'s heartbeat has not moved for longer than the deadline. */
    boolean silent(int w, long now) {
        return now - since[w] > run.stallNanos;
    }

    /** True when every worker failed, left or is silent. */
    boolean noWorkerLeft(long now) {
        for (int w = 0; w < seen.length; w++) {
            SlotRun.State s = run.workers[w];
            if (s.status == WorkerStatus.COMPLETED && !silent(w, now)) {
                return false;
            }
        }
        return true;
    }

    /** How worker {@code w} ended the slot, as the report states it. */
    WorkerStatus status(int w, long now) {
        SlotRun.State s = run.workers[w];
        WorkerStatus st = s.status;
        if (st == WorkerStatus.COMPLETED && (s.stallInjected || silent(w, now))) {
            return WorkerStatus.STALLED;
        }
        return st;
    }

    /** Each worker and what became of it, for error messages. */
    String describe(long now) {
        StringBuilder b = new StringBuilder();
        for (int w = 0; w < seen.length; w++) {
            SlotRun.State s = run.workers[w];
            if (!b.isEmpty()) {
                b.append("; ");
            }
            b.append("worker ").append(w).append(' ')
                    .append(status(w, now).name().toLowerCase(java.util.Locale.ROOT));
            if (!s.failure.isEmpty()) {
                b.append(": ").append(s.failure);
            } else if (silent(w, now)) {
                b.append(": no sign of life for ").append((now - since[w]) / 1_000_000).append(" ms");
            }
        }
        return b.toString();
    }
}
