package org.v2g.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.stream.LongStream;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random interleavings of 1 to 8 producers with random payload sizes, ring capacities (down to 2 KiB),
 * block sizes and aborted claims: the ring-buffer ledger must hold exactly the records of the
 * synchronized reference fed the same scripts, as multisets, with each producer's order kept, none lost
 * or duplicated.
 *
 * <p>Whenever the scripts' payloads alone exceed the ring, the ring is made to fill for certain: an
 * extra producer holds a claim open at the start, so the sealer cannot drain past it, until the ring has
 * reported full; then it aborts the claim (which stores nothing). The test asserts that it did fill, so a
 * full ring's path (a counted {@code RING_FULL}, the retry, nothing dropped) is exercised, not hoped for.
 */
@ParameterizedClass
@EnumSource(FormatVersion.class)
class RingVersusReferencePropertyTest {
    private static final int[] RING_CAPACITIES = {2048, 4096, 8192, 1 << 16};
    private static final int MAX_PAYLOAD = 136;

    @Parameter
    FormatVersion version;
    @TempDir
    Path dir;

    static LongStream seeds() {
        long base = Long.getLong("v2g.ledger.seed", 20261123L);
        return LongStream.range(0, 16).map(i -> base + i);
    }

    /** One appended record: its producer, its index in the producer's script, type and bytes. */
    record Op(int type, byte[] payload, boolean abortFirst) {
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void ringLedgerHoldsExactlyTheReferenceRecords(long seed) throws Exception {
        System.out.println("RingVersusReferencePropertyTest seed=" + seed);
        SplittableRandom rnd = new SplittableRandom(seed);
        int producers = 1 + rnd.nextInt(8);
        int ring = RING_CAPACITIES[rnd.nextInt(RING_CAPACITIES.length)];
        int perBlock = 1 + rnd.nextInt(64);
        List<List<Op>> scripts = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int n = 30 + rnd.nextInt(200);
            List<Op> script = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                byte[] payload = new byte[8 + rnd.nextInt(MAX_PAYLOAD - 7)];
                rnd.nextBytes(payload);
                UnsafeBuffer b = new UnsafeBuffer(payload);
                b.putInt(0, p, ByteOrder.LITTLE_ENDIAN);
                b.putInt(4, i, ByteOrder.LITTLE_ENDIAN);
                script.add(new Op(RecordType.MIN_APPLICATION_TYPE_ID + rnd.nextInt(5), payload, rnd.nextInt(10) == 0));
            }
            scripts.add(script);
        }
        long payloadBytes = scripts.stream().flatMap(List::stream).mapToLong(op -> op.payload().length).sum();
        boolean mustFill = payloadBytes > ring;
        LedgerConfig base = LedgerConfig.of(dir, SlotLedgerContractTest.SEALER).withMaxPayloadLength(MAX_PAYLOAD)
            .withRingCapacity(ring).withMaxRecordsPerBlock(perBlock).withSyncPolicy(SyncPolicy.none())
            .withFullRingIdle(YieldingIdleStrategy::new);
        Map<LedgerKind, List<Op>> stored = new HashMap<>();
        long full = 0;
        for (LedgerKind kind : LedgerKind.values()) {
            Path d = dir.resolve(kind.name());
            try (SlotLedger ledger = kind.open(version.prepare(base.withDirectory(d)))) {
                long kindFull = run(ledger, scripts, seed, kind == LedgerKind.RING_BUFFER && mustFill);
                if (kind == LedgerKind.RING_BUFFER) {
                    full = kindFull;
                    assertEquals(full, ((RingBufferSlotLedger) ledger).ringFullCount(), "seed " + seed);
                }
                ledger.flush();
                List<Op> got = new ArrayList<>();
                ledger.forEachRecord((seq, type, buf, off, len) -> {
                    byte[] payload = new byte[len];
                    buf.getBytes(off, payload);
                    got.add(new Op(type, payload, false));
                });
                stored.put(kind, got);
                assertEquals(got.size(), ledger.durableRecordCount());
            }
            assertEquals(version.number, FormatVersion.of(d));
            VerificationResult v = LedgerVerifier.verify(d, SlotLedgerContractTest.SEALER.getPublic());
            assertTrue(v.ok(), v.message());
        }
        System.out.println("  producers=" + producers + " ring=" + ring + " payload bytes=" + payloadBytes + " perBlock="
            + perBlock + " ringFull=" + full);
        if (mustFill) {
            assertTrue(full > 0, "seed " + seed + ": " + payloadBytes + " payload bytes behind a held claim never"
                + " filled a " + ring + "-byte ring");
        }
        for (LedgerKind kind : LedgerKind.values()) {
            List<Op> got = stored.get(kind);
            for (int p = 0; p < producers; p++) {
                List<String> mine = new ArrayList<>();
                for (Op op : got) {
                    if (new UnsafeBuffer(op.payload()).getInt(0, ByteOrder.LITTLE_ENDIAN) == p) {
                        mine.add(key(op));
                    }
                }
                assertEquals(scripts.get(p).stream().map(RingVersusReferencePropertyTest::key).toList(), mine,
                    kind + " producer " + p + " seed " + seed);
            }
        }
        assertEquals(multiset(stored.get(LedgerKind.SYNCHRONIZED)), multiset(stored.get(LedgerKind.RING_BUFFER)),
            "seed " + seed);
    }

    private static String key(Op op) {
        return op.type() + ":" + HexFormat.of().formatHex(op.payload());
    }

    private static Map<String, Integer> multiset(List<Op> ops) {
        Map<String, Integer> m = new HashMap<>();
        ops.forEach(op -> m.merge(key(op), 1, Integer::sum));
        return m;
    }

    /**
     * Runs every script on its own thread; returns how often the ring was full. With {@code holdUntilFull}
     * an extra producer's open claim keeps the ring from draining until it has been full once (or every
     * script ended, which a ring smaller than the scripts' payloads cannot allow unless it drops records).
     */
    private static long run(SlotLedger ledger, List<List<Op>> scripts, long seed, boolean holdUntilFull)
            throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        long[] full = new long[scripts.size()];
        Throwable[] error = new Throwable[1];
        for (int p = 0; p < scripts.size(); p++) {
            int id = p;
            SplittableRandom rnd = new SplittableRandom(seed * 31 + p);
            Thread t = Thread.ofPlatform().start(() -> {
                try {
                    LedgerProducer producer = ledger.newProducer();
                    start.await();
                    for (Op op : scripts.get(id)) {
                        if (op.abortFirst()) {
                            int index;
                            while ((index = producer.tryClaim(op.type(), op.payload().length)) == LedgerProducer.RING_FULL) {
                                Thread.onSpinWait();
                            }
                            producer.buffer().putBytes(index, new byte[op.payload().length]);
                            producer.abort(index);
                        }
                        if (rnd.nextBoolean()) {
                            producer.append(op.type(), new UnsafeBuffer(op.payload()), 0, op.payload().length);
                        } else {
                            while (producer.tryAppend(op.type(), new UnsafeBuffer(op.payload()), 0,
                                op.payload().length) == LedgerProducer.RING_FULL) {
                                Thread.yield();
                            }
                        }
                        if (rnd.nextInt(50) == 0) {
                            Thread.yield();
                        }
                    }
                    full[id] = producer.fullCount();
                } catch (Throwable e) {
                    error[0] = e;
                }
            });
            threads.add(t);
        }
        LedgerProducer holder = holdUntilFull ? ledger.newProducer() : null;
        int held = holdUntilFull ? holder.tryClaim(RecordType.MIN_APPLICATION_TYPE_ID, 8) : -1;
        start.countDown();
        if (holdUntilFull) {
            RingBufferSlotLedger ring = (RingBufferSlotLedger) ledger;
            while (ring.ringFullCount() == 0 && threads.stream().anyMatch(Thread::isAlive)) {
                Thread.onSpinWait();
            }
            holder.abort(held);
        }
        for (Thread t : threads) {
            t.join();
        }
        if (error[0] != null) {
            throw new AssertionError("producer failed", error[0]);
        }
        long sum = 0;
        for (long f : full) {
            sum += f;
        }
        return sum;
    }
}
