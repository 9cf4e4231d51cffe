package org.v2g.cli.ledger;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.v2g.ledger.Ed25519;
import org.v2g.ledger.LedgerConfig;
import org.v2g.ledger.LedgerProducer;
import org.v2g.ledger.RingBufferSlotLedger;
import org.v2g.ledger.Settlement;
import org.v2g.ledger.SyncPolicy;

/**
 * An open-loop load generator for the ledger: {@code producers} threads append 64-byte settlements at a
 * fixed total rate, each record on a schedule fixed in advance, and the latency of each record is timed from
 * its <em>intended</em> send time, not from when the thread got round to sending it. A producer that falls
 * behind (a slow append, a pause, a full ring) sends the late records at once and each carries its own
 * delay, so the stall is counted as many times as records should have gone out during it (coordinated
 * omission corrected, as in Gil Tene's HdrHistogram and wrk2).
 *
 * <ul>
 *   <li><b>append</b>: intended send time → {@code append} returned (the record is in the ring, hashed);</li>
 *   <li><b>durable</b>: intended send time → an acknowledger thread saw {@code isDurable} for it (sealed,
 *       signed, written and, unless the sync policy is {@code none}, forced).</li>
 * </ul>
 * The acknowledger polls every producer's durable mark (an acquire read) and backs off to 50 µs parks when
 * nothing is new, so durable latencies carry up to about that much observation delay.
 *
 * <p>Usage:
 * <pre>{@code
 * LedgerLoad.Result r = LedgerLoad.run(new LedgerLoad.Config(1_000_000, 20, 2, 1, dir, SyncPolicy.perBlock(),
 *         8192, Duration.ofMillis(5)));
 * r.append().getValueAtPercentile(99);   // ns
 * }</pre>
 *
 * <p>Thread-safety: {@link #run} is self-contained; each call opens its own ledger.
 */
public final class LedgerLoad {
    /** Highest latency the histograms track: one hour, in nanoseconds. */
    static final long HIGHEST = 3_600_000_000_000L;
    /** In-flight records per producer the acknowledger can time; a producer waits beyond that. */
    static final int WINDOW = 1 << 20;
    private static final int MASK = WINDOW - 1;

    private LedgerLoad() {
    }

    /**
     * One run.
     *
     * @param rate          records per second offered, all producers together (> 0)
     * @param seconds       measured duration (> 0)
     * @param warmupSeconds run before measuring, not recorded (>= 0)
     * @param producers     producer threads (>= 1), each offering {@code rate / producers}
     * @param ledgerDir     an empty or absent directory for the ledger
     * @param sync          when blocks are forced
     * @param blockRecords  records per block at most
     * @param blockAge      a block is sealed when its first record is this old
     * @param ringBytes     the append ring's size in bytes (a power of two, see {@link LedgerConfig})
     */
    public record Config(long rate, double seconds, double warmupSeconds, int producers, Path ledgerDir,
                         SyncPolicy sync, int blockRecords, Duration blockAge, int ringBytes) {
        /** Checks the numbers. */
        public Config {
            if (rate <= 0 || !(seconds > 0) || !(warmupSeconds >= 0) || producers < 1) {
                throw new IllegalArgumentException("bad load: rate=" + rate + " seconds=" + seconds + " warmup="
                        + warmupSeconds + " producers=" + producers);
            }
        }

        /** The ledger's default 1 MiB ring. */
        public Config(long rate, double seconds, double warmupSeconds, int producers, Path ledgerDir,
                      SyncPolicy sync, int blockRecords, Duration blockAge) {
            this(rate, seconds, warmupSeconds, producers, ledgerDir, sync, blockRecords, blockAge, 1 << 20);
        }
    }

    /**
     * What a run measured; latencies in nanoseconds, measured records only (after warm-up).
     *
     * @param append        intended send time to append returned
     * @param durable       intended send time to durability seen
     * @param sent          records appended, warm-up included
     * @param measured      records whose intended time fell after the warm-up
     * @param unacked       records not durable when the run gave up waiting (10 s after the last send)
     * @param ringFull      times a producer found the ring full
     * @param windowWaits   times a producer waited because {@link #WINDOW} records were not yet durable
     * @param blocks        blocks in the ledger at the end
     * @param sendSeconds   from the first intended send time to the last append's return
     * @param offeredSeconds the schedule's length, warm-up included
     */
    public record Result(Histogram append, Histogram durable, long sent, long measured, long unacked, long ringFull,
                         long windowWaits, long blocks, double sendSeconds, double offeredSeconds) {
    }

    /** Runs the load against a new ledger in {@code config.ledgerDir()} and closes it. */
    public static Result run(Config config) {
        KeyPair keys = Ed25519.generate();
        LedgerConfig lc = LedgerConfig.of(config.ledgerDir(), keys).withSyncPolicy(config.sync())
                .withMaxRecordsPerBlock(config.blockRecords()).withMaxBlockAge(config.blockAge())
                .withRingCapacity(config.ringBytes());
        try (RingBufferSlotLedger ledger = RingBufferSlotLedger.open(lc)) {
            int p = config.producers();
            double interval = 1e9 * p / config.rate();
            long t0 = System.nanoTime() + 20_000_000L;
            long warmEnd = t0 + (long) (config.warmupSeconds() * 1e9);
            long end = warmEnd + (long) (config.seconds() * 1e9);
            Sender[] senders = new Sender[p];
            Thread[] threads = new Thread[p];
            for (int k = 0; k < p; k++) {
                senders[k] = new Sender(ledger.newProducer(), k, t0, (double) k / p, interval, warmEnd, end);
                threads[k] = Thread.ofPlatform().name("v2g-load-" + k).start(senders[k]);
            }
            Acknowledger ack = new Acknowledger(senders, warmEnd);
            Thread ackThread = Thread.ofPlatform().name("v2g-load-ack").start(ack);
            join(threads);
            long lastDone = 0;
            for (Sender s : senders) {
                lastDone = Math.max(lastDone, s.lastDone);
            }
            ack.deadline = System.nanoTime() + 10_000_000_000L;
            ack.sendersDone = true;
            join(new Thread[] {ackThread});

            Histogram append = new Histogram(HIGHEST, 3);
            long sent = 0;
            long measured = 0;
            long ringFull = 0;
            long windowWaits = 0;
            long unacked = 0;
            for (Sender s : senders) {
                append.add(s.append);
                sent += s.published.get();
                measured += s.measured;
                ringFull += s.producer.fullCount();
                windowWaits += s.windowWaits;
                unacked += s.published.get() - s.acked.get();
            }
            return new Result(append, ack.durable, sent, measured, unacked, ringFull, windowWaits,
                    ledger.headers().size(), (lastDone - t0) / 1e9, (end - t0) / 1e9);
        }
    }

    private static void join(Thread[] threads) {
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    /** One producer thread on its fixed schedule. */
    static final class Sender implements Runnable {
        final LedgerProducer producer;
        final Histogram append = new Histogram(HIGHEST, 3);
        /** Intended send time of record i at {@code i & MASK}; published by {@link #published}. */
        final long[] intended = new long[WINDOW];
        final AtomicLong published = new AtomicLong();
        final AtomicLong acked = new AtomicLong();
        private final Settlement[] records = new Settlement[256];
        private final long t0;
        private final double phase;
        private final double interval;
        private final long warmEnd;
        private final long end;
        long measured;
        long windowWaits;
        long lastDone;

        Sender(LedgerProducer producer, int k, long t0, double phase, double interval, long warmEnd, long end) {
            this.producer = producer;
            this.t0 = t0;
            this.phase = phase;
            this.interval = interval;
            this.warmEnd = warmEnd;
            this.end = end;
            for (int i = 0; i < records.length; i++) {
                records[i] = new Settlement("ev" + k + "-" + i, i, 0.5, -2.5 - 0.01 * i, 1.25 + 0.01 * i);
            }
        }

        @Override
        public void run() {
            for (long i = 0; ; i++) {
                long t = t0 + (long) ((i + phase) * interval);
                if (t >= end) {
                    return;
                }
                waitUntil(t);
                while (i - acked.get() >= WINDOW) {
                    windowWaits++;
                    LockSupport.parkNanos(10_000);
                }
                intended[(int) (i & MASK)] = t;
                producer.append(records[(int) (i & (records.length - 1))]);
                long done = System.nanoTime();
                if (t >= warmEnd) {
                    append.recordValue(Math.max(0, done - t));
                    measured++;
                }
                lastDone = done;
                published.lazySet(i + 1);
            }
        }

        /**
         * Waits for the intended time: parks when it is far, yields when it is near (a spin would starve the
         * sealer and syncer on a small machine; a yield lets them run and costs about a microsecond).
         */
        private static void waitUntil(long t) {
            long now;
            while ((now = System.nanoTime()) < t) {
                if (t - now > 80_000) {
                    LockSupport.parkNanos(t - now - 60_000);
                } else {
                    Thread.yield();
                }
            }
        }
    }

    /** Times durability: polls each producer's durable mark and records from the intended send time. */
    static final class Acknowledger implements Runnable {
        final Histogram durable = new Histogram(HIGHEST, 3);
        private final Sender[] senders;
        private final long warmEnd;
        volatile boolean sendersDone;
        volatile long deadline = Long.MAX_VALUE;

        Acknowledger(Sender[] senders, long warmEnd) {
            this.senders = senders;
            this.warmEnd = warmEnd;
        }

        @Override
        public void run() {
            IdleStrategy idle = new BackoffIdleStrategy(10, 10, 1_000, 50_000);
            while (true) {
                boolean done = sendersDone;
                boolean progress = false;
                boolean pending = false;
                for (Sender s : senders) {
                    long published = s.published.get();
                    long a = s.acked.get();
                    long b = a;
                    while (b < published && s.producer.isDurable(b)) {
                        b++;
                    }
                    if (b > a) {
                        long now = System.nanoTime();
                        for (long i = a; i < b; i++) {
                            long t = s.intended[(int) (i & MASK)];
                            if (t >= warmEnd) {
                                durable.recordValue(Math.max(0, now - t));
                            }
                        }
                        s.acked.lazySet(b);
                        progress = true;
                    }
                    pending |= b < published;
                }
                if (done && !pending || System.nanoTime() - deadline > 0) {
                    return;
                }
                if (progress) {
                    idle.reset();
                } else {
                    idle.idle();
                }
            }
        }
    }
}
