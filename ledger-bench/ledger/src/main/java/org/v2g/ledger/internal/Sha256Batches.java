package org.v2g.ledger.internal;

import java.lang.System.Logger.Level;
import java.util.function.Supplier;

/**
 * Chooses the batch SHA-256 of the Merkle tree, as {@code org.v2g.kernel.Kernels} chooses the revenue
 * kernel. By default the {@link java.security.MessageDigest} twin ({@link DigestSha256Batch}), which
 * with SHA-NI was as fast or faster in the measured CLI runs; with {@code -Dv2g.ledger.sha=vector}, the
 * Vector API multi-buffer one ({@link VectorSha256}) when {@code jdk.incubator.vector} is in the boot
 * layer and its species has at least {@value #MIN_LANES} int lanes, otherwise the twin, with the reason
 * logged once. {@code -Dv2g.vector.bits=128|256|512} forces the species.
 *
 * <p>Thread-safety: thread-safe; the batches themselves are per thread.
 */
public final class Sha256Batches {
    /** {@code vector} asks for the Vector API batch; unset or {@code digest}: the {@link java.security.MessageDigest} twin. */
    public static final String PROPERTY = "v2g.ledger.sha";
    /**
     * Fewest lanes worth a vector batch: with 4 (128-bit vectors) the batch is no faster than one
     * SHA-NI digest at a time.
     */
    static final int MIN_LANES = 8;

    private static final System.Logger LOG = System.getLogger(Sha256Batches.class.getName());
    private static final Supplier<Sha256Batch> FACTORY = choose(System.getProperty(PROPERTY, ""));
    private static final ThreadLocal<Sha256Batch> BATCH = ThreadLocal.withInitial(FACTORY);
    private static final String NAME = FACTORY.get().name();

    private Sha256Batches() {
    }

    /** This thread's batch. */
    public static Sha256Batch forThread() {
        return BATCH.get();
    }

    /** The name of the chosen implementation: {@code vector-512}, {@code vector-256} or {@code digest}. */
    public static String chosen() {
        return NAME;
    }

    private static Supplier<Sha256Batch> choose(String property) {
        switch (property.trim()) {
            case "vector" -> {
                return loadVector();
            }
            case "", DigestSha256Batch.NAME -> {
                // The default: measured on this project's AMD machine (512-bit ops issued as two 256-bit
                // halves), the vector batch is at best 1.1-2.8x MessageDigest with SHA-NI in a long run and
                // makes a short `v2g verify` slower (JIT warm-up); docs/perf/LEDGER.md section 5.
                return DigestSha256Batch::new;
            }
            default -> throw new IllegalArgumentException(PROPERTY + " must be vector or digest: value=" + property);
        }
    }

    private static Supplier<Sha256Batch> loadVector() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            LOG.log(Level.INFO, "jdk.incubator.vector is not in the boot layer; Merkle hashing uses MessageDigest");
            return DigestSha256Batch::new;
        }
        try {
            Class<?> type = Class.forName("org.v2g.ledger.internal.VectorSha256");
            int lanes = (int) type.getDeclaredMethod("lanes").invoke(null);
            if (lanes < MIN_LANES) {
                LOG.log(Level.INFO, "the int species has " + lanes + " lanes (< " + MIN_LANES
                    + "); Merkle hashing uses MessageDigest");
                return DigestSha256Batch::new;
            }
            var constructor = type.getDeclaredConstructor();
            return () -> {
                try {
                    return (Sha256Batch) constructor.newInstance();
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("the vector SHA-256 batch did not load", e);
                }
            };
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.log(Level.WARNING, "the vector SHA-256 batch did not load (" + e + "); Merkle hashing uses MessageDigest");
            return DigestSha256Batch::new;
        }
    }
}
