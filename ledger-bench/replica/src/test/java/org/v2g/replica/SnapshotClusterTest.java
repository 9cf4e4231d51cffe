package org.v2g.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots through Raft: four in-process Ratis servers that snapshot every few entries and purge
 * their logs behind the snapshots. Small fleets and short deadlines keep each test to seconds.
 */
class SnapshotClusterTest {
    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final Behaviour H = Behaviour.HONEST;
    /** A snapshot every 12 entries (about two slots), 4 KB log segments so that purging has segments to drop. */
    private static final SnapshotPolicy OFTEN = SnapshotPolicy.every(12).withSegmentBytes(4096);

    @TempDir
    Path dir;

    private LocalCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** A running node that does not lead (stopping it needs no election). */
    private int follower() {
        int leader = cluster.leader(WAIT);
        return leader == 3 ? 2 : 3;
    }

    @Test
    void aNodeBehindThePurgedLogCatchesUpByASnapshotInstalledByTheLeader() throws IOException {
        int slots = 10;
        cluster = LocalCluster.start(dir, DayFeed.caseStudy(10, 3, slots), 4, Duration.ofMillis(300), i -> OFTEN,
                H, H, H, H);
        cluster.awaitClosed(2, WAIT);
        int lagging = follower();
        long lastIndexAtStop = cluster.node(lagging).logLastIndex();
        cluster.kill(lagging);

        cluster.awaitClosed(slots, WAIT);
        int leader = cluster.leader(WAIT);
        String head = cluster.awaitSameHead(1, WAIT);
        ReplicaNode l = cluster.node(leader);
        assertTrue(l.logStartIndex() > lastIndexAtStop + 1, "the leader's log must no longer reach the stopped node: "
                + "leader log starts at " + l.logStartIndex() + ", the stopped node ended at " + lastIndexAtStop);
        // the leader's own snapshots purged its log; it started on empty storage and never lagged, so it loaded none
        assertEquals(-1, l.loadedSnapshotIndex(), "the leader loaded a snapshot");

        cluster.restart(lagging);
        assertEquals(head, cluster.awaitSameHead(l.machine().height(), WAIT));
        ReplicaNode back = cluster.node(lagging);
        assertTrue(back.snapshotInstalls() >= 1, "no snapshot was installed on the restarted node");
        assertTrue(back.loadedSnapshotIndex() > lastIndexAtStop, "loaded " + back.loadedSnapshotIndex());
        assertEquals(l.machine().headers(), back.machine().headers());
        assertEquals(l.machine().events(), back.machine().events());
        assertEquals(l.machine().finals(), back.machine().finals());
        assertTrue(ChainCheck.chainHolds(back.machine().headers()));
    }

    @Test
    void aCorruptNewestSnapshotIsRefusedAndTheOlderOnePlusTheLogRebuildsTheSameChain() throws IOException {
        int slots = 40;
        cluster = LocalCluster.start(dir, DayFeed.caseStudy(10, 4, slots), 5, Duration.ofMillis(300), i -> OFTEN,
                H, H, H, H);
        cluster.awaitClosed(slots, WAIT);
        String head = cluster.awaitSameHead(1, WAIT);
        int node = follower();
        int height = cluster.node(node).machine().height();
        cluster.kill(node); // takes one more snapshot as it stops

        List<Path> snapshots = snapshots(cluster.storage(node));
        assertTrue(snapshots.size() >= 2, "two snapshots are kept: " + snapshots);
        Path newest = snapshots.get(0);
        byte[] bytes = Files.readAllBytes(newest);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(newest, bytes);

        cluster.restart(node);
        ReplicaNode back = cluster.node(node);
        assertEquals(1, back.refusedSnapshots().size(), back.refusedSnapshots().toString());
        String why = back.refusedSnapshots().get(0);
        assertTrue(why.contains(newest.toString()) && why.contains("CRC32C mismatch"), why);
        assertTrue(Files.exists(newest.resolveSibling(newest.getFileName() + ".corrupt")));
        assertEquals(index(snapshots.get(1)), back.loadedSnapshotIndex());
        assertEquals(head, cluster.awaitSameHead(height, WAIT));
        assertEquals(cluster.node(cluster.leader(WAIT)).machine().headers(), back.machine().headers());

        // With every snapshot damaged and its log purged, the node refuses to start rather than guess.
        long logStart = back.logStartIndex();
        assertTrue(logStart > 0, "the node's log was never purged");
        cluster.kill(node);
        for (Path p : snapshots(cluster.storage(node))) {
            byte[] b = Files.readAllBytes(p);
            b[20] ^= 1;
            Files.write(p, b);
        }
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> cluster.restart(node));
        String message = causes(e);
        assertTrue(message.contains("cannot be rebuilt") && message.contains("CRC32C mismatch"), message);
    }

    /** The snapshot files under a node's storage, newest first. */
    private static List<Path> snapshots(Path storage) throws IOException {
        try (Stream<Path> s = Files.walk(storage)) {
            return s.filter(p -> p.getFileName().toString().matches("snapshot\\.\\d+_\\d+"))
                    .sorted(Comparator.comparingLong(SnapshotClusterTest::index).reversed()).toList();
        }
    }

    private static long index(Path snapshot) {
        String name = snapshot.getFileName().toString();
        return Long.parseLong(name.substring(name.indexOf('_') + 1));
    }

    private static String causes(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            b.append(c.getMessage()).append(" <- ");
        }
        return b.toString();
    }
}
