package org.v2g.ledger;

import java.security.PublicKey;
import java.util.List;

/**
 * Which headers of a chain carry a valid signature by the sealer key, the second half checked on a
 * second thread while the calling thread checks the first: the Ed25519 checks are most of a light
 * client's chain check ({@link RecordInclusion#checkChain}), and each header's is independent of the
 * others. The caller walks the chain in height order with these answers, so its verdict is the one of
 * checking each signature in turn; only a chain that breaks early costs the later headers' checks too.
 *
 * <p>Thread-safety: stateless.
 */
final class HeaderSignatures {
    /** Fewer headers are checked on the calling thread alone: a thread costs more than their checks. */
    static final int PARALLEL_FROM = 64;

    private HeaderSignatures() {
    }

    /** {@code valid[h]}: header {@code h}'s signature verifies with {@code key}. */
    static boolean[] check(List<BlockHeader> headers, PublicKey key) {
        int n = headers.size();
        boolean[] valid = new boolean[n];
        if (n < PARALLEL_FROM || !SealChecks.parallelByDefault()) {
            check(headers, key, valid, 0, n);
            return valid;
        }
        int half = n / 2;
        Throwable[] failed = new Throwable[1];
        Thread second = Thread.ofPlatform().name("v2g-header-signatures").daemon().start(() -> {
            try {
                check(headers, key, valid, half, n);
            } catch (Throwable t) {
                failed[0] = t;
            }
        });
        check(headers, key, valid, 0, half);
        boolean interrupted = false;
        while (true) {
            try {
                second.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the one-thread check is not interruptible either
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failed[0] instanceof RuntimeException r) {
            throw r;
        }
        if (failed[0] instanceof Error e) {
            throw e;
        }
        return valid; // join() makes the second thread's writes visible here
    }

    private static void check(List<BlockHeader> headers, PublicKey key, boolean[] valid, int from, int to) {
        for (int h = from; h < to; h++) {
            BlockHeader header = headers.get(h);
            valid[h] = header != null && header.verifySignature(key); // a null fails in the caller's walk
        }
    }
}
