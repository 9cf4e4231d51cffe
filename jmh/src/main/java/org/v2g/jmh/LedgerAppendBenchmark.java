package org.v2g.jmh;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.YieldingWaitStrategy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import static org.agrona.concurrent.ringbuffer.RingBuffer.INSUFFICIENT_CAPACITY;

import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.jctools.queues.MpscArrayQueue;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.v2g.ledger.Ed25519;
import org.v2g.ledger.LedgerConfig;
import org.v2g.ledger.LedgerProducer;
import org.v2g.ledger.RecordType;
import org.v2g.ledger.RingBufferSlotLedger;
import org.v2g.ledger.Settlement;
import org.v2g.ledger.internal.SettlementDescriptor;
import org.v2g.ledger.SyncPolicy;

/**
 * Append throughput of one 64-byte {@link Settlement} into the ledger's ring and into four multi-producer
 * queues, each drained by one consumer thread, and the throughput of the ledger sealed with Merkle roots
 * and forced per block (records per second until durable).
 *
 * <p>The {@code *Offer} methods are paired: each tries one non-blocking offer of the same record and counts
 * it as made or failed ({@link OfferCounters}, as JCTools' {@code QueueThroughputBackoffNone}). The primary
 * score counts every call; <b>read {@code offersMade}</b>, the records that went in: a full queue answers
 * "no" much faster than it accepts, so calls per second alone would flatter whichever is slowest to drain.
 *
 * <pre>
 * java -jar jmh/target/benchmarks.jar LedgerAppendBenchmark -f 2 -wi 2 -i 3 -w 1s -r 1s -t 1
 * java -jar jmh/target/benchmarks.jar LedgerAppendBenchmark -f 2 -wi 2 -i 3 -w 1s -r 1s -t 2
 * </pre>
 * {@code -t} is the number of producer threads (default 1); every queue has one more thread draining it, and
 * the ledger three (drainer, sealer and syncer), so {@code -t 2} oversubscribes a 2-core machine.
 *
 * <p>Traps, named:
 * <ul>
 *   <li><b>Different work per record.</b> The byte rings ({@code ledgerRingOffer}, {@code agronaOffer},
 *       {@code disruptorOffer}) encode the record's 64 bytes into the ring slot; the reference queues
 *       ({@code jctoolsOffer}, {@code abqOffer}) hand over an 8-byte reference to one pre-built record, which
 *       is what such queues are used for but moves no record bytes. The ledger (block format version 2, what a
 *       new ledger is) has its producer write a 16-byte ring header and commit, no hashing; its drainer only
 *       copies records into blocks, but behind it the sealer hashes one Merkle leaf per group of 16 records
 *       and the nodes above them (a producer that finds the ring full takes some of those groups instead of
 *       spinning), signs each block and writes it to the file. (In version 1 the producer wrote a 48-byte
 *       header and hashed its record's leaf, and the sealer one node per record.) The whole pipeline's CPU,
 *       not the claim path, sets {@code offersMade}.</li>
 *   <li><b>Capacity.</b> Byte rings get the same 1 MiB (Agrona: 72-byte messages, 14 563 records; ledger:
 *       88-byte messages, 11 915 records; 120 bytes and 8 738 in version 1); slot queues 16 384 entries. A bigger buffer only delays the point
 *       where the drain rate rules.</li>
 *   <li><b>Consumers.</b> Drainers wait with the same Agrona {@link BackoffIdleStrategy} when empty, except
 *       the Disruptor ({@link YieldingWaitStrategy}, its usual low-latency choice); a busy-spinning drainer
 *       would steal the producers' core on a 2-core machine.</li>
 *   <li><b>Dead code.</b> Every offer's result is consumed by the counters; drainers fold a field of each
 *       record into a sum read at tear-down, which the unit test checks.</li>
 *   <li><b>Warm-up and forks.</b> 2 forks: thread placement on a shared 2-core VM differs from fork to fork
 *       more than from iteration to iteration, so report per fork. Short iterations (1 s) are enough for the
 *       queues to reach their steady state (the ring fills in under a millisecond).</li>
 *   <li><b>Disk.</b> {@code ledgerRingOffer} uses {@link SyncPolicy#none()}, so blocks go to the page cache
 *       (72 bytes a record plus 172 a block); the directory is deleted at tear-down.</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--sun-misc-unsafe-memory-access=allow",
    "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Threads(1)
public class LedgerAppendBenchmark {
    /** The record every benchmark appends: 64 bytes encoded. */
    static final Settlement RECORD = new Settlement("ev042", 31, -0.8, -3.0, 2.37);
    static final int LENGTH = SettlementDescriptor.LENGTH;
    static final int TYPE = RecordType.SETTLEMENT.id();
    static final int RING_BYTES = 1 << 20;
    static final int SLOTS = 1 << 14;
    /** Records appended per {@link #sealedPerBlockSync} call before it waits for durability: 8 blocks. */
    static final int SEALED_BATCH = 8192;
    static final KeyPair SEALER = Ed25519.generate();

    // ---------------------------------------------------------------- counters

    /** Offers made and failed per thread; JMH reports both as rates next to the primary score. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class OfferCounters {
        public long offersMade;
        public long offersFailed;

        @Setup(Level.Iteration)
        public void clear() {
            offersMade = 0;
            offersFailed = 0;
        }

        boolean count(boolean made) {
            if (made) {
                offersMade++;
            } else {
                offersFailed++;
            }
            return made;
        }
    }

    // ---------------------------------------------------------------- a drained queue

    /** A queue with one consumer thread started at set-up; {@link #stop} waits for it. */
    abstract static class Drained {
        final IdleStrategy idle = new BackoffIdleStrategy(100, 10, 1_000, 100_000);
        volatile boolean running = true;
        /** Records consumed and the sum of their slot fields; written by the drainer, read after {@link #stop}. */
        long consumed;
        long slotSum;
        Thread drainer;

        void start(String name) {
            drainer = Thread.ofPlatform().name(name).daemon().start(() -> {
                while (running) {
                    if (drain() == 0) {
                        idle.idle();
                    } else {
                        idle.reset();
                    }
                }
                while (drain() > 0 || !empty()) {
                    // the rest, so that consumed counts every record made (a read that meets only the
                    // padding at the end of Agrona's buffer returns 0 with records still behind it)
                }
            });
        }

        /** Consumes what is there; how many records. */
        abstract int drain();

        /** Whether nothing is left to consume (asked after the producers stopped). */
        abstract boolean empty();

        void stop() {
            running = false;
            try {
                drainer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Raw Agrona {@link ManyToOneRingBuffer}, 1 MiB, the record encoded in place. */
    @State(Scope.Benchmark)
    public static class Agrona extends Drained {
        ManyToOneRingBuffer ring;

        @Setup(Level.Trial)
        public void setup() {
            ring = new ManyToOneRingBuffer(new UnsafeBuffer(
                ByteBuffer.allocateDirect(RING_BYTES + RingBufferDescriptor.TRAILER_LENGTH)));
            start("agrona-drainer");
        }

        @Override
        int drain() {
            return ring.read((type, buffer, index, length) -> {
                consumed++;
                slotSum += buffer.getLong(index + SettlementDescriptor.SLOT_OFFSET, java.nio.ByteOrder.LITTLE_ENDIAN);
            });
        }

        @Override
        boolean empty() {
            return ring.size() == 0;
        }

        boolean offer() {
            int index = ring.tryClaim(TYPE, LENGTH);
            if (index == INSUFFICIENT_CAPACITY) {
                return false;
            }
            RECORD.encode(ring.buffer(), index);
            ring.commit(index);
            return true;
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            stop();
        }
    }

    /** One Disruptor slot: the record's 64 bytes. */
    static final class Slot {
        final UnsafeBuffer bytes = new UnsafeBuffer(new byte[LENGTH]);
    }

    private static final EventTranslatorOneArg<Slot, Settlement> ENCODE = (slot, seq, r) -> r.encode(slot.bytes, 0);

    /** LMAX Disruptor, multi-producer, 16 384 slots of 64 bytes, one {@link BatchEventProcessor}. */
    @State(Scope.Benchmark)
    public static class Disruptor {
        RingBuffer<Slot> ring;
        BatchEventProcessor<Slot> processor;
        Thread thread;
        long consumed;
        long slotSum;

        @Setup(Level.Trial)
        public void setup() {
            ring = RingBuffer.createMultiProducer(Slot::new, SLOTS, new YieldingWaitStrategy());
            EventHandler<Slot> handler = (slot, seq, endOfBatch) -> {
                consumed++;
                slotSum += slot.bytes.getLong(SettlementDescriptor.SLOT_OFFSET, java.nio.ByteOrder.LITTLE_ENDIAN);
            };
            processor = new BatchEventProcessorBuilder().build(ring, ring.newBarrier(), handler);
            ring.addGatingSequences(processor.getSequence());
            thread = Thread.ofPlatform().name("disruptor-processor").daemon().start(processor);
        }

        boolean offer() {
            return ring.tryPublishEvent(ENCODE, RECORD);
        }

        void stop() {
            while (processor.getSequence().get() < ring.getCursor()) {
                Thread.onSpinWait();
            }
            processor.halt();
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            stop();
        }
    }

    /** JCTools {@link MpscArrayQueue} of references, 16 384 slots. */
    @State(Scope.Benchmark)
    public static class JcTools extends Drained {
        MpscArrayQueue<Settlement> queue;

        @Setup(Level.Trial)
        public void setup() {
            queue = new MpscArrayQueue<>(SLOTS);
            start("jctools-drainer");
        }

        @Override
        int drain() {
            return queue.drain(r -> {
                consumed++;
                slotSum += r.slot();
            });
        }

        @Override
        boolean empty() {
            return queue.isEmpty();
        }

        boolean offer() {
            return queue.offer(RECORD);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            stop();
        }
    }

    /** {@link ArrayBlockingQueue} of references, 16 384 slots (one lock for both ends). */
    @State(Scope.Benchmark)
    public static class Abq extends Drained {
        ArrayBlockingQueue<Settlement> queue;

        @Setup(Level.Trial)
        public void setup() {
            queue = new ArrayBlockingQueue<>(SLOTS);
            start("abq-drainer");
        }

        @Override
        int drain() {
            int n = 0;
            Settlement r;
            while (n < 4096 && (r = queue.poll()) != null) {
                consumed++;
                slotSum += r.slot();
                n++;
            }
            return n;
        }

        @Override
        boolean empty() {
            return queue.isEmpty();
        }

        boolean offer() {
            return queue.offer(RECORD);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            stop();
        }
    }

    // ---------------------------------------------------------------- the ledger

    /** The ledger in a fresh temporary directory, deleted at tear-down. */
    @State(Scope.Benchmark)
    public static class Ledger {
        /** Parent of the temporary ledger directory; empty: {@code java.io.tmpdir}. */
        @Param("")
        public String dir;
        Path directory;
        RingBufferSlotLedger ledger;

        void open(SyncPolicy sync) throws IOException {
            directory = dir.isEmpty() ? Files.createTempDirectory("v2g-jmh-ledger-")
                : Files.createTempDirectory(Path.of(dir), "v2g-jmh-ledger-");
            ledger = RingBufferSlotLedger.open(LedgerConfig.of(directory, SEALER).withRingCapacity(RING_BYTES)
                .withSyncPolicy(sync));
        }

        void close() {
            ledger.close();
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The ring only: blocks still sealed and written, but never forced ({@link SyncPolicy#none()}). */
    @State(Scope.Benchmark)
    public static class LedgerRing extends Ledger {
        @Setup(Level.Trial)
        public void setup() throws IOException {
            open(SyncPolicy.none());
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            close();
        }
    }

    /** Sealed with Merkle roots, signed and forced after every block ({@link SyncPolicy#perBlock()}). */
    @State(Scope.Benchmark)
    public static class LedgerSealed extends Ledger {
        @Setup(Level.Trial)
        public void setup() throws IOException {
            open(SyncPolicy.perBlock());
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            close();
        }
    }

    /** Each benchmark thread's own producer on the ring-only ledger. */
    @State(Scope.Thread)
    public static class RingProducer {
        LedgerProducer producer;

        @Setup(Level.Trial)
        public void setup(LedgerRing ledger) {
            producer = ledger.ledger.newProducer();
        }
    }

    /** Each benchmark thread's own producer on the sealed ledger. */
    @State(Scope.Thread)
    public static class SealedProducer {
        LedgerProducer producer;

        @Setup(Level.Trial)
        public void setup(LedgerSealed ledger) {
            producer = ledger.ledger.newProducer();
        }
    }

    // ---------------------------------------------------------------- the paired offers

    /** Our ring: claim, encode, ring header, Merkle leaf hash, commit. */
    @Benchmark
    public boolean ledgerRingOffer(RingProducer p, OfferCounters c) {
        return c.count(p.producer.tryAppend(RECORD) != LedgerProducer.RING_FULL);
    }

    /** Raw Agrona ring: claim, encode, commit. */
    @Benchmark
    public boolean agronaOffer(Agrona q, OfferCounters c) {
        return c.count(q.offer());
    }

    /** LMAX Disruptor: claim a slot, encode, publish. */
    @Benchmark
    public boolean disruptorOffer(Disruptor q, OfferCounters c) {
        return c.count(q.offer());
    }

    /** JCTools MPSC array queue: one reference. */
    @Benchmark
    public boolean jctoolsOffer(JcTools q, OfferCounters c) {
        return c.count(q.offer());
    }

    /** java.util.concurrent ArrayBlockingQueue: one reference under a lock. */
    @Benchmark
    public boolean abqOffer(Abq q, OfferCounters c) {
        return c.count(q.offer());
    }

    // ---------------------------------------------------------------- until durable

    /**
     * {@value #SEALED_BATCH} records appended (waiting while the ring is full), then waits until the last is
     * durable: sealed in blocks of 1024 with a Merkle root and a signature, written, and forced. The score is
     * records per second until durable; the wait at the end of each batch is part of it.
     */
    @Benchmark
    @OperationsPerInvocation(SEALED_BATCH)
    public long sealedPerBlockSync(SealedProducer p) {
        LedgerProducer producer = p.producer;
        long last = -1;
        for (int i = 0; i < SEALED_BATCH; i++) {
            last = producer.append(RECORD);
        }
        if (!producer.awaitDurable(last, Duration.ofSeconds(30))) {
            throw new IllegalStateException("record " + last + " not durable within 30 s");
        }
        return last;
    }
}
