package org.v2g.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A bounded stress run of the drainer, sealer and syncer pipeline of {@link RingBufferSlotLedger}: three
 * producers on a 4 KiB ring (full most of the time, so producers take Merkle subtrees from the sealer) with
 * blocks of up to 256 records (eight subtrees each), aborted claims, and producers waiting for durability
 * at random points while the pipeline runs. Checked: a record acknowledged durable is already readable
 * from the ledger's durable blocks, and so is every earlier record of the same producer; at the end each
 * producer's records are there once each, in order, without the aborted ones, and the directory verifies.
 * Seeded ({@code -Dv2g.ledger.seed=}); the jcstress tests in {@code ledger-bench/stress} check the same
 * contract with many more interleavings (docs/LEDGER.md). Once per block format: version 2's subtrees are
 * 16 groups of 16 records whose leaves the helper hashes, version 1's 128 producer-hashed leaves.
 */
@ParameterizedClass
@EnumSource(FormatVersion.class)
class PipelineStressTest {
    private static final int PRODUCERS = 3;
    private static final int RECORDS = 2_000;
    private static final int PAYLOAD = 40;
    /** Marks an aborted claim's bytes; no stored record may carry it. */
    private static final int ABORTED = -1;

    @Parameter
    FormatVersion version;
    @TempDir
    Path dir;

    static LongStream seeds() {
        long base = Long.getLong("v2g.ledger.seed", 5L);
        return LongStream.range(0, 3).map(i -> base + i);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void acknowledgedRecordsAreReadableAndNothingIsLostDuplicatedOrReordered(long seed) throws Exception {
        System.out.println("PipelineStressTest seed=" + seed);
        LedgerConfig config = LedgerConfig.of(dir, SlotLedgerContractTest.SEALER).withMaxPayloadLength(136)
            .withRingCapacity(4096).withMaxRecordsPerBlock(8 * MerkleJob.CHUNK).withMaxBlockAge(Duration.ofMillis(2))
            .withSyncPolicy(SyncPolicy.none());
        long helped;
        long full;
        try (RingBufferSlotLedger ledger = RingBufferSlotLedger.open(version.prepare(config))) {
            CountDownLatch start = new CountDownLatch(1);
            AtomicReference<Throwable> error = new AtomicReference<>();
            AtomicBoolean checking = new AtomicBoolean();
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++) {
                SplittableRandom rnd = new SplittableRandom(seed * 31 + p);
                threads.add(Thread.ofPlatform().start(() -> {
                    try {
                        LedgerProducer producer = ledger.newProducer();
                        start.await();
                        produce(ledger, producer, rnd, checking);
                    } catch (Throwable t) {
                        error.compareAndSet(null, t);
                    }
                }));
            }
            start.countDown();
            for (Thread t : threads) {
                t.join();
            }
            if (error.get() != null) {
                throw new AssertionError("seed " + seed + ": a producer failed", error.get());
            }
            ledger.flush();
            helped = ledger.helpedSubtreeCount();
            full = ledger.ringFullCount();
            int[] next = new int[PRODUCERS];
            long[] expectedSequence = {0};
            ledger.forEachRecord((seq, type, buffer, offset, length) -> {
                assertEquals(expectedSequence[0]++, seq, "ledger sequence, seed " + seed);
                int producer = buffer.getInt(offset, ByteOrder.LITTLE_ENDIAN);
                int index = buffer.getInt(offset + 4, ByteOrder.LITTLE_ENDIAN);
                assertTrue(index != ABORTED, "an aborted claim was stored, seed " + seed);
                assertEquals(next[producer]++, index, "producer " + producer + " order, seed " + seed);
            });
            for (int p = 0; p < PRODUCERS; p++) {
                assertEquals(RECORDS, next[p], "records of producer " + p + ", seed " + seed);
            }
            assertEquals((long) PRODUCERS * RECORDS, ledger.durableRecordCount());
        }
        assertEquals(version.number, FormatVersion.of(dir));
        VerificationResult v = LedgerVerifier.verify(dir, SlotLedgerContractTest.SEALER.getPublic());
        assertTrue(v.ok(), v.message());
        assertEquals((long) PRODUCERS * RECORDS, v.records());
        System.out.println("  ring full " + full + " times, " + helped + " Merkle subtrees hashed by producers");
    }

    private static void produce(RingBufferSlotLedger ledger, LedgerProducer producer, SplittableRandom rnd,
                                AtomicBoolean checking) {
        UnsafeBuffer payload = new UnsafeBuffer(new byte[PAYLOAD]);
        int type = RecordType.MIN_APPLICATION_TYPE_ID;
        for (int i = 0; i < RECORDS; i++) {
            if (rnd.nextInt(20) == 0) {
                int index;
                while ((index = producer.tryClaim(type, PAYLOAD)) == LedgerProducer.RING_FULL) {
                    Thread.onSpinWait();
                }
                producer.buffer().putInt(index, producer.id(), ByteOrder.LITTLE_ENDIAN);
                producer.buffer().putInt(index + 4, ABORTED, ByteOrder.LITTLE_ENDIAN);
                producer.abort(index);
            }
            payload.putInt(0, producer.id(), ByteOrder.LITTLE_ENDIAN);
            payload.putInt(4, i, ByteOrder.LITTLE_ENDIAN);
            payload.putLong(8, rnd.nextLong(), ByteOrder.LITTLE_ENDIAN);
            long seq = producer.append(type, payload, 0, PAYLOAD);
            assertEquals(i, seq, "a producer's sequence numbers run on without gaps");
            if (rnd.nextInt(150) == 0) {
                assertTrue(producer.awaitDurable(seq, Duration.ofSeconds(30)), "record " + seq + " not durable");
                for (long s = 0; s <= seq; s += 1 + rnd.nextInt(50)) {
                    assertTrue(producer.isDurable(s), "earlier record " + s + " not durable after " + seq);
                }
                // one reader at a time: a full read of the durable blocks is the expensive part
                if (checking.compareAndSet(false, true)) {
                    try {
                        assertReadable(ledger, producer.id(), i);
                    } finally {
                        checking.set(false);
                    }
                }
            }
        }
    }

    /** Records 0..last of {@code producer} are all in the ledger's durable blocks. */
    private static void assertReadable(SlotLedger ledger, int producer, int last) {
        int[] seen = {0};
        ledger.forEachRecord((seq, type, buffer, offset, length) -> {
            if (buffer.getInt(offset, ByteOrder.LITTLE_ENDIAN) == producer
                && buffer.getInt(offset + 4, ByteOrder.LITTLE_ENDIAN) <= last) {
                seen[0]++;
            }
        });
        assertEquals(last + 1, seen[0], "producer " + producer + ": acknowledged records readable");
    }
}
