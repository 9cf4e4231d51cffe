package org.v2g.partition;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.v2g.kernel.FastSolver;
import org.v2g.kernel.Fleet;
import org.v2g.kernel.GridPoint;
import org.v2g.kernel.InvalidInputException;
import org.v2g.kernel.Market;
import org.v2g.kernel.PreparedSlot;
import org.v2g.kernel.SlotResult;
import org.v2g.kernel.SlotSolver;

/**
 * The paper's step 4: a pool of smart-charging-point workers that compute one slot's optimal
 * discharging price together, each evaluating sub-ranges of the price grid sized by its capacity.
 *
 * <p>Usage:
 * <pre>{@code
 * PoolConfig config = PoolConfig.builder(4).capacities(1, 2, 4, 8).build();
 * try (PartitionedSolver pool = PartitionedSolver.start(config)) {
 *     PartitionedResult r = pool.solveWithMetrics(fleet, market, false);
 *     double price = r.result().price();                  // same as new FastSolver(kernel)'s, bit for bit
 *     WorkerReport w0 = r.metrics().workers().get(0);     // worker 0's sub-ranges and partial argmax
 * }
 * }</pre>
 *
 * <p><b>Guarantees.</b>
 * <ul>
 *   <li>The answer (grid index, price, revenue bit for bit) is the single-threaded
 *       {@link FastSolver}'s with the same kernel, for every worker count, capacity vector, policy and
 *       fault pattern: each grid point's result is accepted exactly once and the argmax is a total
 *       order. The per-point revenue comes from the kernel's own sequential {@code best} loop, which is
 *       the single source of this parallel one.</li>
 *   <li>A worker that throws, stalls past the deadline or leaves loses its unfinished chunks to the
 *       others; the slot still completes. When no worker is left the slot fails with
 *       {@link NoWorkerLeftException} and <em>the pool stays usable</em>: the next slot starts with every
 *       worker again. Faults are per slot.</li>
 *   <li>Results are accepted only for the slot's own epoch and only before it completes; a worker that
 *       comes back late is refused ({@link #lateReportsRejected}).</li>
 *   <li>One platform thread per worker, started by {@link #start} and named
 *       {@code v2g-scp-<pool>-w<id>}; none is started per slot. Between slots the threads park.
 *       {@link #close} stops and joins them all.</li>
 * </ul>
 *
 * <p>Thread-safe: slots submitted from several threads are solved one after another (a lock), since
 * every slot uses every worker. {@link #close} may be called from any thread; a slot in progress then
 * fails with {@link IllegalStateException}.
 */
public final class PartitionedSolver implements SlotSolver, AutoCloseable {
    /** The solver name in answers. */
    public static final String NAME = "partitioned";
    /** Prefix of every worker thread's name. */
    public static final String THREAD_PREFIX = "v2g-scp-";

    private static final AtomicInteger POOLS = new AtomicInteger();
    private static final PreparedSlot PRIMER =
            PreparedSlot.of(Fleet.builder().add("primer", 40, 20).build(), Market.builder(1).build());
    private static final long MAX_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long JOIN_MILLIS = 5_000;

    private final PoolConfig config;
    private final String threadPrefix;
    private final List<Thread> threads;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicLong lateRejected = new AtomicLong();
    private volatile SlotRun current;
    private volatile boolean closed;
    private long epoch;

    private PartitionedSolver(PoolConfig config) {
        this.config = config;
        this.threadPrefix = THREAD_PREFIX + POOLS.incrementAndGet() + "-w";
        this.threads = new ArrayList<>(config.workers().size());
    }

    /**
     * Starts a pool: one thread per worker, parked until the first slot. Calls the kernel once on a
     * one-EV slot first, so that its one-off initialisation (about 0.3 s for the Vector API) is not
     * paid inside the first slot, where it would look like a stall.
     *
     * @param config the workers, their capacities, the chunk policy, the kernel and any faults to inject
     * @return the running pool; {@link #close()} stops its threads
     * @throws InvalidInputException if {@code config} is null
     */
    public static PartitionedSolver start(PoolConfig config) {
        if (config == null) {
            throw new InvalidInputException("config", "PartitionedSolver.start", null, "must not be null");
        }
        config.revenueKernel().revenue(PRIMER, 0);
        PartitionedSolver pool = new PartitionedSolver(config);
        for (WorkerSpec spec : config.workers()) {
            Thread t = new Thread(new Worker(pool, spec), pool.threadPrefix + spec.id());
            t.setDaemon(true);
            pool.threads.add(t);
        }
        pool.threads.forEach(Thread::start);
        return pool;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** {@return the configuration the pool was started with} */
    public PoolConfig config() {
        return config;
    }

    /** {@return the name every thread of this pool starts with ({@code v2g-scp-3-w})} */
    public String threadNamePrefix() {
        return threadPrefix;
    }

    /** {@return the reports that arrived for a slot already over and were refused, since the pool started} */
    public long lateReportsRejected() {
        return lateRejected.get();
    }

    @Override
    public SlotResult solve(Fleet fleet, Market market, boolean withDispatch) {
        return solveWithMetrics(fleet, market, withDispatch).result();
    }

    /**
     * Solves one slot with the configured faults.
     *
     * @param fleet        the plugged-in EVs
     * @param market       the slot's market and price grid
     * @param withDispatch whether the result carries every EV's amount at the price
     * @return the slot's answer, bit for bit the single thread's, and what each worker did
     * @throws NoWorkerLeftException when every worker failed, stalled or left; the pool stays usable
     */
    public PartitionedResult solveWithMetrics(Fleet fleet, Market market, boolean withDispatch) {
        long start = System.nanoTime();
        PreparedSlot slot = PreparedSlot.of(fleet, market);
        PartitionedResult r = solve(slot, config.faults(), withDispatch);
        return new PartitionedResult(r.result().withNanos(System.nanoTime() - start), r.metrics());
    }

    /**
     * Solves a prepared slot with the given faults injected (instead of the configured ones).
     *
     * @param slot         the prepared slot
     * @param faults       the faults to inject in this slot, at most one per worker
     * @param withDispatch whether the result carries every EV's amount at the price
     * @return the slot's answer and what each worker did
     * @throws NoWorkerLeftException when every worker failed, stalled or left; the pool stays usable
     * @throws IllegalStateException when the pool is or gets closed
     */
    public PartitionedResult solve(PreparedSlot slot, List<Fault> faults, boolean withDispatch) {
        if (slot == null) {
            throw new InvalidInputException("slot", "slot", null, "must not be null");
        }
        PoolConfig.checkFaults(config.workers().size(), faults);
        lock.lock();
        try {
            ensureOpen();
            long start = System.nanoTime();
            SlotRun run = new SlotRun(++epoch, slot, config, faults, start);
            current = run;
            threads.forEach(LockSupport::unpark);
            Watchdog watchdog = await(run);
            GridPoint best = GridPoint.NONE;
            for (SlotRun.State s : run.workers) {
                best = GridPoint.better(best, s.best);
            }
            SlotResult result = FastSolver.resultAt(slot, best, NAME, withDispatch)
                    .withNanos(System.nanoTime() - start);
            return new PartitionedResult(result, metrics(run, watchdog));
        } finally {
            lock.unlock();
        }
    }

    private Watchdog await(SlotRun run) {
        long poll = Math.max(1, Math.min(MAX_POLL_NANOS, run.stallNanos / 4));
        Watchdog watchdog = new Watchdog(run, poll, run.startNanos);
        try {
            while (!run.over.await(poll, TimeUnit.NANOSECONDS)) {
                long now = System.nanoTime();
                watchdog.poll(now);
                if (closed || watchdog.noWorkerLeft(now)) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            run.finish();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while solving slot epoch=" + run.epoch, e);
        }
        if (!run.complete()) {
            run.finish();
            if (closed) {
                throw new IllegalStateException("pool closed while solving slot epoch=" + run.epoch);
            }
            throw new NoWorkerLeftException(run.epoch, watchdog.describe(System.nanoTime()));
        }
        return watchdog;
    }

    private static SlotMetrics metrics(SlotRun run, Watchdog watchdog) {
        long end = run.endNanos();
        double totalCapacity = 0;
        for (SlotRun.State s : run.workers) {
            totalCapacity += s.spec.capacity();
        }
        double rate = 0;
        long evaluated = 0;
        List<WorkerReport> reports = new ArrayList<>(run.workers.length);
        for (SlotRun.State s : run.workers) {
            long points = s.evaluated;
            long busy = s.busyNanos;
            evaluated += points;
            if (points > 0 && busy > 0) {
                rate += (double) points / busy;
            }
            List<Range> ranges = new ArrayList<>(s.ranges);
            ranges.sort(Comparator.comparingInt(Range::k0));
            GridPoint best = s.best;
            reports.add(new WorkerReport(s.spec.id(), s.spec.capacity(), s.spec.slowdown(), watchdog.status(s.spec.id(), end),
                    s.failure, ranges, best.k(), best.k() < 0 ? null : best.revenue(), s.acceptedPoints, points,
                    s.chunks, busy, run.size * s.spec.capacity() / totalCapacity));
        }
        long makespan = end - run.startNanos;
        long ideal = rate > 0 ? (long) (run.size / rate) : 0;
        double imbalance = ideal > 0 ? (double) makespan / ideal - 1 : 0;
        return new SlotMetrics(run.epoch, run.size, makespan, ideal, imbalance, run.acceptedPoints(), evaluated,
                reports);
    }

    SlotRun currentRun() {
        return current;
    }

    boolean isClosed() {
        return closed;
    }

    void lateReportRejected() {
        lateRejected.incrementAndGet();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("pool is closed: " + threadPrefix);
        }
    }

    /**
     * Stops every worker and waits for its thread to end. A slot in progress fails. Idempotent.
     *
     * @throws IllegalStateException if a worker thread did not end within 5 s even when interrupted
     *                               (a kernel call that never returns); its name is in the message
     */
    @Override
    public void close() {
        closed = true;
        SlotRun run = current;
        if (run != null) {
            run.finish();
        }
        threads.forEach(LockSupport::unpark);
        List<String> stuck = new ArrayList<>();
        boolean interrupted = false;
        for (Thread t : threads) {
            try {
                t.join(JOIN_MILLIS);
                if (t.isAlive()) {
                    t.interrupt();
                    t.join(JOIN_MILLIS);
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
            if (t.isAlive()) {
                stuck.add(t.getName());
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (!stuck.isEmpty()) {
            throw new IllegalStateException("worker threads did not stop: " + stuck);
        }
    }
}
