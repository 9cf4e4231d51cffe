package org.v2g.ledger;

import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * The Merkle roots and header signatures of {@link LedgerVerifier#verify}, checked on a second thread
 * while the verifying thread reads and checks the next blocks' records. Results are taken in height
 * order, so the verdict and its message are the one-thread ones: a block's record failure is found
 * before its root is looked at (as in one thread), and a failure at a later height is returned only
 * once every earlier block's root and signature held ({@link #before}). At most {@value #IN_FLIGHT} blocks
 * wait, each a copy of the block's bytes.
 *
 * <p>Not thread-safe: one verifying thread uses it; {@link #close} stops the worker.
 */
final class SealChecks implements AutoCloseable {
    /** {@code -Dv2g.ledger.verify.threads=1}: every check on the verifying thread. */
    static final String THREADS_PROPERTY = "v2g.ledger.verify.threads";

    private static final int IN_FLIGHT = 16;

    private final ExecutorService worker;
    private final ArrayDeque<Future<VerificationResult>> pending = new ArrayDeque<>();

    /** With a worker thread if {@code parallel}, else none ({@link #parallel()} false). */
    SealChecks(boolean parallel) {
        worker = parallel ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "v2g-verify-seal");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /** Two or more processors and no {@value #THREADS_PROPERTY}{@code =1}. */
    static boolean parallelByDefault() {
        return Runtime.getRuntime().availableProcessors() > 1 && !"1".equals(System.getProperty(THREADS_PROPERTY));
    }

    /** True when checks run on the worker: the caller must then hand over bytes it will not reuse. */
    boolean parallel() {
        return worker != null;
    }

    /**
     * Queues the next block's check.
     *
     * @return the first failure among the blocks queued before it whose result had to be taken to keep
     *         at most {@value #IN_FLIGHT} waiting, or {@code null}
     */
    VerificationResult submit(Supplier<VerificationResult> check) {
        if (pending.size() >= IN_FLIGHT) {
            VerificationResult earlier = take(pending.poll());
            if (earlier != null) {
                return earlier;
            }
        }
        pending.add(worker.submit(check::get));
        return null;
    }

    /** The first failure of the queued blocks, in height order, else {@code result}. */
    VerificationResult before(VerificationResult result) {
        while (!pending.isEmpty()) {
            VerificationResult earlier = take(pending.poll());
            if (earlier != null) {
                return earlier;
            }
        }
        return result;
    }

    /** The check's result; what it threw is thrown here, as the one-thread loop would have thrown it. */
    private static VerificationResult take(Future<VerificationResult> f) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the one-thread verify is not interruptible either
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    if (e.getCause() instanceof Error r) {
                        throw r;
                    }
                    throw new IllegalStateException("a block check failed", e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.shutdownNow();
        }
    }
}
