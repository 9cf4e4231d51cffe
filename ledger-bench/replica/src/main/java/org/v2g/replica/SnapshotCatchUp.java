package org.v2g.replica;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Measures a replica's catch-up after a restart, from a snapshot plus the log tail against a full replay
 * of its log, in one run of one cluster: four in-process Ratis nodes run {@code slots} slots; SCPs 0 and 1
 * snapshot every {@code every} entries and purge their logs (without a snapshot at stop, so a restart
 * replays a real tail), SCPs 2 and 3 never snapshot and keep their whole log. Then a non-leading node of
 * each kind is stopped and restarted on its storage, in turn, twice, and the time from its start until it
 * holds the others' chain head (byte-identical) is printed.
 *
 * <p>Usage: {@code SnapshotCatchUp [slots=500] [evs=20] [every=300] [dir]}.
 */
final class SnapshotCatchUp {
    private SnapshotCatchUp() {
    }

    public static void main(String[] args) throws IOException {
        int slots = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int evs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        long every = args.length > 2 ? Long.parseLong(args[2]) : 300;
        Path dir = args.length > 3 ? Path.of(args[3]) : Files.createTempDirectory("v2g-catch-up");
        // 64 KB segments: closed segments are what purging drops, so the log really shrinks in a short run.
        SnapshotPolicy snapshots = SnapshotPolicy.every(every).withSegmentBytes(64 * 1024).withoutSnapshotOnStop();
        say("load average at start: " + loadAverage() + ", " + Runtime.getRuntime().availableProcessors()
                + " cores; " + slots + " slots, " + evs + " EVs, snapshots every " + every + " entries on scp0, scp1");
        long start = System.nanoTime();
        try (LocalCluster c = LocalCluster.start(dir, DayFeed.caseStudy(evs, 7, slots), 1, LocalCluster.DEADLINE,
                i -> i < 2 ? snapshots : SnapshotPolicy.OFF, Behaviour.HONEST, Behaviour.HONEST, Behaviour.HONEST,
                Behaviour.HONEST)) {
            c.awaitClosed(slots, Duration.ofMinutes(60));
            String head = c.awaitSameHead(1, Duration.ofMinutes(5));
            say(String.format(Locale.ROOT, "%d slots closed in %.1f s; head %s", slots,
                    (System.nanoTime() - start) / 1e9, head));
            int leader = c.leader(Duration.ofSeconds(30));
            int withSnapshots = leader == 0 ? 1 : 0;
            int fullLog = leader == 2 ? 3 : 2;
            for (int round = 1; round <= 2; round++) {
                List<Integer> order = round == 1 ? List.of(withSnapshots, fullLog) : List.of(fullLog, withSnapshots);
                for (int node : order) {
                    ReplicaNode before = c.node(node);
                    long lastIndex = before.logLastIndex();
                    long logStart = before.logStartIndex();
                    long logEntries = lastIndex - logStart + 1;
                    long applied = before.machine().applied();
                    c.kill(node);
                    long t0 = System.nanoTime();
                    c.restart(node);
                    ReplicaNode back = c.node(node);
                    c.await(Duration.ofMinutes(5), "scp" + node + " to hold the head again", () -> back.head().equals(head));
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    long loaded = back.loadedSnapshotIndex();
                    String how = loaded < 0 ? "full replay of " + logEntries + " log entries"
                            : "snapshot at index " + loaded + " (" + size(c.storage(node)) + " bytes) + tail of "
                            + (lastIndex - loaded) + " entries (log holds " + logEntries + " entries from index " + logStart + ")";
                    say(String.format(Locale.ROOT, "round %d: scp%d caught up in %.3f s by %s; head identical: %b"
                            + " (entries applied before the stop: %d)", round, node, seconds, how,
                            back.head().equals(head), applied));
                }
            }
        }
        say("load average at end: " + loadAverage());
    }

    /** The newest snapshot file's size under a node's storage. */
    private static long size(Path storage) throws IOException {
        try (Stream<Path> s = Files.walk(storage)) {
            Path newest = s.filter(p -> p.getFileName().toString().matches("snapshot\\.\\d+_\\d+"))
                    .max(Comparator.comparingLong(p -> Long.parseLong(
                            p.getFileName().toString().substring(p.getFileName().toString().indexOf('_') + 1))))
                    .orElseThrow();
            return Files.size(newest);
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
