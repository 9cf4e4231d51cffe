package org.v2g.ledger.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;
import org.v2g.ledger.Ed25519;
import org.v2g.ledger.LedgerConfig;
import org.v2g.ledger.LedgerProducer;
import org.v2g.ledger.RecordType;
import org.v2g.ledger.RingBufferSlotLedger;
import org.v2g.ledger.SyncPolicy;

/**
 * Two producers append at the same time to one {@link RingBufferSlotLedger}; the second first claims
 * room, writes and aborts it. Checked per iteration: each producer's sequence numbers run on without a
 * gap (an aborted claim uses none); after a flush both records are durable; and the durable count lies
 * between the appends committed before the flush and the appends started by then, so no aborted claim
 * became a record and no committed one was lost. One ledger per test JVM (sync {@code none}, small
 * blocks, so the drainer, sealer and syncer all run), deleted when the JVM exits; each jcstress worker
 * thread has its own producer.
 */
@JCStressTest
@Outcome(id = "1, 1, 1, 1", expect = ACCEPTABLE, desc = "both appended, numbered without gaps, durable")
@Outcome(expect = FORBIDDEN, desc = "a gap in a producer's numbers, a record not durable after flush, "
    + "or the durable count off (the aborted claim counted, or a record lost)")
@State
public class LedgerAppendStress {
    static final int TYPE = RecordType.MIN_APPLICATION_TYPE_ID;
    static final RingBufferSlotLedger LEDGER = openShared();
    static final AtomicLong TOKENS = new AtomicLong();
    /** Appends started (counted before the claim) and committed (counted after), over the whole JVM. */
    static final AtomicLong STARTED = new AtomicLong();
    static final AtomicLong COMMITTED = new AtomicLong();
    /** Producer and its last sequence, per jcstress worker thread. */
    static final ThreadLocal<Appender> APPENDER = ThreadLocal.withInitial(Appender::new);

    private Appender appender1;
    private Appender appender2;
    private long sequence1;
    private long sequence2;
    private int gap1;
    private int gap2;

    static final class Appender {
        final LedgerProducer producer = LEDGER.newProducer();
        long last = -1;

        /** Appends an 8-byte token; the step from this producer's previous sequence. */
        long append(long token, boolean abortFirst) {
            if (abortFirst) {
                int index;
                while ((index = producer.tryClaim(TYPE, Long.BYTES)) == LedgerProducer.RING_FULL) {
                    Thread.onSpinWait();
                }
                producer.buffer().putLong(index, -token, ByteOrder.LITTLE_ENDIAN);
                producer.abort(index);
            }
            STARTED.incrementAndGet();
            int index;
            while ((index = producer.tryClaim(TYPE, Long.BYTES)) == LedgerProducer.RING_FULL) {
                Thread.onSpinWait();
            }
            producer.buffer().putLong(index, token, ByteOrder.LITTLE_ENDIAN);
            long s = producer.commit(index);
            COMMITTED.incrementAndGet();
            long step = last < 0 ? 1 : s - last;
            last = s;
            return step;
        }
    }

    private static RingBufferSlotLedger openShared() {
        try {
            Path dir = Files.createTempDirectory("v2g-jcstress-ledger-");
            RingBufferSlotLedger l = RingBufferSlotLedger.open(LedgerConfig.of(dir, Ed25519.generate())
                .withSyncPolicy(SyncPolicy.none()).withMaxRecordsPerBlock(64).withMaxBlockAge(Duration.ofMillis(1))
                .withMaxPayloadLength(256).withRingCapacity(64 * 1024).withMaxProducers(1 << 14));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                l.close();
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
            return l;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Actor
    public void producer1() {
        appender1 = APPENDER.get();
        gap1 = (int) appender1.append(TOKENS.incrementAndGet(), false);
        sequence1 = appender1.last;
    }

    @Actor
    public void producer2() {
        appender2 = APPENDER.get();
        gap2 = (int) appender2.append(TOKENS.incrementAndGet(), true);
        sequence2 = appender2.last;
    }

    @Arbiter
    public void check(IIII_Result r) {
        r.r1 = gap1;
        r.r2 = gap2;
        long committed = COMMITTED.get();
        LEDGER.flush();
        long durable = LEDGER.durableRecordCount();
        long started = STARTED.get();
        // isDurable only reads the published state, so the arbiter may ask on the producers' behalf
        r.r3 = appender1.producer.isDurable(sequence1) && appender2.producer.isDurable(sequence2) ? 1 : 0;
        r.r4 = committed <= durable && durable <= started ? 1 : 0;
    }
}
