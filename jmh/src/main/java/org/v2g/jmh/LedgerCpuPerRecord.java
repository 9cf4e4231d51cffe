package org.v2g.jmh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.v2g.ledger.LedgerConfig;
import org.v2g.ledger.LedgerProducer;
import org.v2g.ledger.RingBufferSlotLedger;
import org.v2g.ledger.SyncPolicy;

/**
 * CPU time per record, the number a shared machine cannot spoil: the same {@link LedgerAppendBenchmark#RECORD}
 * appended {@code N} times by one producer into raw Agrona and into the ledger (ring only, and sealed with
 * a force per block), and the whole process's CPU time (every thread: producer, drainer, sealer, syncer,
 * JIT, GC) divided by the records. Both producers wait with the same {@link BackoffIdleStrategy} when the
 * ring is full, so a full ring costs parks, not spinning, and the CPU counted is the work. With {@code C}
 * free cores a pipeline cannot go faster than {@code C / (CPU per record)}; wall-clock rates here depend on
 * what else the machine runs, CPU per record much less.
 *
 * <pre>
 * java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
 *      -cp jmh/target/benchmarks.jar org.v2g.jmh.LedgerCpuPerRecord [records=10000000] [rounds=3]
 * </pre>
 */
public final class LedgerCpuPerRecord {
    /** Keeps the hashing loop's result alive. */
    static volatile byte sink;

    private LedgerCpuPerRecord() {
    }

    /** One measured run: operations (records, or signatures), wall and process CPU nanoseconds. */
    record Run(String what, String unit, long records, long wallNanos, long cpuNanos) {
        Run(String what, long records, long wallNanos, long cpuNanos) {
            this(what, "record", records, wallNanos, cpuNanos);
        }

        @Override
        public String toString() {
            return String.format("%-24s %,12d %ss  wall %7.3f s  %6.2f M/s  CPU %7.3f s  %8.1f ns CPU/%s"
                + "  (2 cores: <= %6.2f M/s)", what, records, unit, wallNanos / 1e9, records * 1e3 / wallNanos,
                cpuNanos / 1e9, (double) cpuNanos / records, unit, 2e3 * records / cpuNanos);
        }
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime();
    }

    public static void main(String[] args) throws Exception {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        for (int round = 0; round <= rounds; round++) {
            String tag = round == 0 ? " (warm-up)" : "";
            System.out.println(hashingFloor(round == 0 ? n / 5 : n) + tag);
            System.out.println(signing(round == 0 ? 200 : 2_000) + tag);
            System.out.println(agrona(round == 0 ? n / 5 : n) + tag);
            System.out.println(ledger(round == 0 ? n / 5 : n, SyncPolicy.none()) + tag);
            System.out.println(ledger(round == 0 ? n / 5 : n, SyncPolicy.perBlock()) + tag);
        }
    }

    /**
     * The Merkle tree's own floor, on one thread: per record one leaf {@code SHA-256(0x00 || frame)} of the
     * 72-byte frame and one interior node {@code SHA-256(0x01 || left || right)}, 73 and 65 bytes, two
     * compression blocks each (a single block holds at most 55 bytes of message).
     */
    static Run hashingFloor(long n) throws java.security.DigestException {
        java.security.MessageDigest d = org.v2g.ledger.internal.Sha256.newDigest();
        byte[] frame = new byte[1 + 8 + LedgerAppendBenchmark.LENGTH];
        byte[] nodes = new byte[3 * 32 + 1];
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        for (long i = 0; i < n; i++) {
            frame[9] = (byte) i;
            d.update(frame, 0, frame.length);
            d.digest(nodes, 1, 32);
            d.update(nodes, 0, 65);
            d.digest(nodes, 33, 32);
        }
        sink = nodes[40];
        return new Run("sha-256 leaf+node", n, System.nanoTime() - t0, processCpuNanos() - cpu0);
    }

    /** One Ed25519 signature of a 104-byte header per {@code n} blocks, as the sealer signs (per block). */
    static Run signing(int n) {
        byte[] header = new byte[104];
        java.security.PrivateKey key = LedgerAppendBenchmark.SEALER.getPrivate();
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            header[0] = (byte) i;
            header[1] ^= org.v2g.ledger.Ed25519.sign(key, header)[0];
        }
        sink = header[1];
        return new Run("ed25519 sign", "signature", n, System.nanoTime() - t0, processCpuNanos() - cpu0);
    }

    static Run agrona(long n) throws InterruptedException {
        ManyToOneRingBuffer ring = new ManyToOneRingBuffer(new UnsafeBuffer(
            ByteBuffer.allocateDirect(LedgerAppendBenchmark.RING_BYTES + RingBufferDescriptor.TRAILER_LENGTH)));
        long[] consumed = new long[1];
        Thread drainer = Thread.ofPlatform().name("agrona-drainer").start(() -> {
            IdleStrategy idle = new BackoffIdleStrategy(100, 10, 1_000, 100_000);
            while (consumed[0] < n) {
                int read = ring.read((type, buffer, index, length) -> consumed[0]++);
                if (read == 0) {
                    idle.idle();
                } else {
                    idle.reset();
                }
            }
        });
        IdleStrategy idle = new BackoffIdleStrategy();
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        for (long i = 0; i < n; i++) {
            int index;
            while ((index = ring.tryClaim(LedgerAppendBenchmark.TYPE, LedgerAppendBenchmark.LENGTH))
                == RingBuffer.INSUFFICIENT_CAPACITY) {
                idle.idle();
            }
            idle.reset();
            LedgerAppendBenchmark.RECORD.encode(ring.buffer(), index);
            ring.commit(index);
        }
        drainer.join();
        return new Run("agrona (consumed)", n, System.nanoTime() - t0, processCpuNanos() - cpu0);
    }

    static Run ledger(long n, SyncPolicy sync) throws IOException {
        Path dir = Files.createTempDirectory("v2g-cpu-ledger-");
        try {
            try (RingBufferSlotLedger ledger = RingBufferSlotLedger.open(LedgerConfig.of(dir, LedgerAppendBenchmark.SEALER)
                .withRingCapacity(LedgerAppendBenchmark.RING_BYTES).withSyncPolicy(sync))) {
                LedgerProducer p = ledger.newProducer();
                long cpu0 = processCpuNanos();
                long t0 = System.nanoTime();
                long last = -1;
                for (long i = 0; i < n; i++) {
                    last = p.append(LedgerAppendBenchmark.RECORD);
                }
                if (!p.awaitDurable(last, Duration.ofMinutes(5))) {
                    throw new IllegalStateException("not durable after 5 minutes");
                }
                return new Run("ledger (durable) " + sync, n, System.nanoTime() - t0, processCpuNanos() - cpu0);
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
