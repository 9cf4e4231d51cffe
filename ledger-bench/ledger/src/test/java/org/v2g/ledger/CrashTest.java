package org.v2g.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kills a child JVM that appends to a ledger with SIGKILL at random moments, 20 times in the same
 * directory (two lanes of 10; a longer soak: {@code -Dv2g.ledger.crashRuns=200}, see docs/LEDGER.md). After each kill the ledger reopens (cutting any torn tail), still holds every record the
 * child was told was durable, keeps each producer's records in order without gaps or duplicates, and
 * verifies.
 */
@ParameterizedClass
@EnumSource(FormatVersion.class)
class CrashTest {
    /** Kills per run, at least 2 (CI: 20). */
    private static final int RUNS = Math.max(2, Integer.getInteger("v2g.ledger.crashRuns", 20));

    @Parameter
    FormatVersion version;
    @TempDir
    Path work;

    @Test
    void noAcknowledgedRecordIsLostWhenTheProcessIsKilled() throws Exception {
        long seed = Long.getLong("v2g.ledger.seed", System.nanoTime());
        System.out.println("CrashTest seed=" + seed);
        KeyPair keys = Ed25519.generate();
        // Two lanes of RUNS / 2 kills each, in their own directories, side by side: the time is mostly
        // JVM start-up, so two lanes halve it.
        List<Thread> lanes = new ArrayList<>();
        Throwable[] failure = new Throwable[2];
        long[][] stats = new long[2][];
        for (int lane = 0; lane < 2; lane++) {
            int l = lane;
            Path dir = work.resolve("lane" + lane);
            Files.createDirectories(dir);
            Ed25519.store(keys, dir, "sealer");
            version.prepare(CrashChild.config(dir, keys));
            lanes.add(Thread.ofPlatform().start(() -> {
                try {
                    stats[l] = lane(dir, keys, new SplittableRandom(seed + l), RUNS / 2);
                } catch (Throwable t) {
                    failure[l] = t;
                }
            }));
        }
        for (Thread t : lanes) {
            t.join();
        }
        for (Throwable t : failure) {
            if (t != null) {
                throw new AssertionError("seed " + seed, t);
            }
        }
        for (int lane = 0; lane < 2; lane++) {
            assertEquals(version.number, FormatVersion.of(CrashChild.config(work.resolve("lane" + lane), keys).directory()));
        }
        System.out.println("CrashTest (version " + version.number + "): " + RUNS + " kills, " + (stats[0][0] + stats[1][0])
            + " producer runs acknowledged, " + (stats[0][1] + stats[1][1]) + " acknowledged records, "
            + (stats[0][2] + stats[1][2]) + " torn tails cut");
    }

    /** Kills {@code runs} children in {@code work}; returns producer runs acked, records acked, tails cut. */
    private static long[] lane(Path work, KeyPair keys, SplittableRandom rnd, int runs) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Map<String, Integer> acked = new HashMap<>();
        int torn = 0;
        for (int run = 0; run < runs; run++) {
            Process child = new ProcessBuilder(java, "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(), work.toString(),
                Integer.toString(run)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            CountDownLatch ready = new CountDownLatch(1);
            List<String> lines = new ArrayList<>();
            Thread reader = Thread.ofPlatform().start(() -> {
                try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        synchronized (lines) {
                            lines.add(line);
                        }
                        if (line.startsWith("ack")) {
                            ready.countDown();
                        }
                    }
                } catch (Exception e) {
                    // the pipe closes when the child dies
                }
            });
            // Kill at a random moment after the child's first acknowledgement, so every run has promises to keep.
            boolean started = ready.await(60, TimeUnit.SECONDS);
            int r = run;
            assertTrue(started, () -> {
                synchronized (lines) {
                    return "child " + r + " acknowledged nothing: " + lines;
                }
            });
            Thread.sleep(rnd.nextInt(0, 150));
            child.destroyForcibly();
            child.waitFor();
            reader.join();
            for (String line : lines) {
                String[] f = line.split(" ");
                if (f[0].equals("ack")) {
                    acked.merge(f[1] + "/" + f[2], Integer.parseInt(f[3]), Math::max);
                }
            }
            try (SlotLedger ledger = RingBufferSlotLedger.open(CrashChild.config(work, keys))) {
                if (ledger.recovery().truncated()) {
                    torn++;
                }
                Map<String, Integer> next = new HashMap<>();
                ledger.forEachRecord((seq, type, buf, off, len) -> {
                    assertEquals(CrashChild.TYPE, type);
                    UnsafeBuffer b = new UnsafeBuffer(buf, off, len);
                    String key = b.getInt(0, ByteOrder.LITTLE_ENDIAN) + "/" + b.getInt(4, ByteOrder.LITTLE_ENDIAN);
                    int i = b.getInt(8, ByteOrder.LITTLE_ENDIAN);
                    int expected = next.getOrDefault(key, 0);
                    assertEquals(expected, i, "record order of " + key + " at sequence " + seq);
                    next.put(key, i + 1);
                });
                for (Map.Entry<String, Integer> a : acked.entrySet()) {
                    assertTrue(next.getOrDefault(a.getKey(), 0) > a.getValue(), "run " + run + ": acknowledged "
                        + a.getKey() + " #" + a.getValue() + " lost; ledger has " + next.get(a.getKey()));
                }
            }
            VerificationResult v = LedgerVerifier.verify(work.resolve("ledger"), keys.getPublic());
            assertTrue(v.ok(), "run " + run + ": " + v.message());
        }
        assertTrue(acked.size() >= runs, "every run got acknowledgements: " + acked.size());
        return new long[] {acked.size(), acked.values().stream().mapToLong(i -> i + 1).sum(), torn};
    }
}
