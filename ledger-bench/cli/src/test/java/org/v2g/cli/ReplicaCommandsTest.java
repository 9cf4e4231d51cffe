package org.v2g.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code v2g node} and {@code v2g cluster-demo}: options checked before anything starts; a one-node day. */
class ReplicaCommandsTest {
    @TempDir
    Path dir;

    private static void badInput(MainTest.Run r, String... parts) {
        assertEquals(2, r.code(), r.err());
        String line = r.err().strip();
        assertTrue(line.startsWith("error: ") && !line.contains("\n"), line);
        for (String p : parts) {
            assertTrue(line.contains(p), "'" + p + "' not in: " + line);
        }
    }

    @Test
    void badNodeOptionsNameTheOptionAndTheValue() {
        badInput(MainTest.run("node", "--id", "4", "--peers", "127.0.0.1:9001,127.0.0.1:9002"), "--id", "value=4");
        badInput(MainTest.run("node", "--id", "0", "--peers", "127.0.0.1"), "peers", "peer 0", "host:port");
        badInput(MainTest.run("node", "--id", "0", "--peers", "127.0.0.1:99999"), "port must be 1..65535");
        badInput(MainTest.run("node", "--id", "0", "--peers", "127.0.0.1:9001", "--behaviour", "lazy"),
                "--behaviour", "value=lazy");
        badInput(MainTest.run("node", "--id", "1", "--peers", "127.0.0.1:9001,127.0.0.1:9002", "--keys",
                dir.toString()), "scp0", "is missing");
        badInput(MainTest.run("node", "--peers", "127.0.0.1:9001"), "--id");
        badInput(MainTest.run("node", "--id", "0", "--peers", "127.0.0.1:9001", "--slot-count", "97"),
                "--slot-count must be within 1..96", "value=97");
        badInput(MainTest.run("node", "--id", "0", "--peers", "127.0.0.1:9001", "--evs", "-1"), "--evs", "value=-1");
        badInput(MainTest.run("cluster-demo", "--slot-count", "1"), "--slot-count must be within 2..96", "value=1");
        badInput(MainTest.run("cluster-demo", "--behaviour", "sometimes"), "--behaviour", "value=sometimes");
        badInput(MainTest.run("cluster-demo", "--evs", "-5"), "--evs", "value=-5");
    }

    @Test
    void aOneNodeClusterRunsItsDayAndStops() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        MainTest.Run r = MainTest.run("node", "--id", "0", "--peers", "127.0.0.1:" + port, "--storage",
                dir.resolve("scp0").toString(), "--keys", dir.resolve("keys").toString(), "--evs", "60",
                "--slot-count", "3", "--exit-when-done", "--run-for", "120");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("quorum 1 of 1"), r.out());
        assertTrue(r.out().contains("last slot 2"), r.out());
        assertTrue(r.out().contains("scp0.pub"), "the new key is announced: " + r.out());

        // Restarted on its storage: another day is refused before anything starts; the same day goes on.
        String[] node = {"node", "--id", "0", "--peers", "127.0.0.1:" + port, "--storage",
            dir.resolve("scp0").toString(), "--keys", dir.resolve("keys").toString(), "--exit-when-done", "--run-for",
            "120"};
        Path manifestFile = dir.resolve("scp0").resolve(DayManifest.FILE);
        String manifest = java.nio.file.Files.readString(manifestFile);
        for (String[] other : new String[][] {{"--seed", "43", "--evs", "60"}, {"--evs", "61"},
            {"--target-soc", "0.8", "--evs", "60"}}) {
            MainTest.Run refused = MainTest.run(ChildDays.concat(ChildDays.concat(node, "--slot-count", "5"), other));
            assertEquals(2, refused.code(), refused.err());
            assertTrue(refused.err().startsWith("error: " + other[0] + " differs from the day being resumed"),
                    refused.err());
            assertTrue(refused.err().contains("storage=" + dir.resolve("scp0")), refused.err());
            assertEquals("", refused.out(), "nothing started");
            assertEquals(manifest, java.nio.file.Files.readString(manifestFile));
        }
        MainTest.Run again = MainTest.run(ChildDays.concat(node, "--evs", "60", "--slot-count", "5"));
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("last slot 4 (closed)"), again.out());

        // Without its manifest (as for a node of a cluster started with other options than the first) the
        // replicated ledger itself tells the days apart: the node leads, but does not drive another day.
        java.nio.file.Files.delete(manifestFile);
        MainTest.Run otherDay = MainTest.run(ChildDays.concat(node, "--evs", "60", "--seed", "43", "--slot-count", "7"));
        assertEquals(2, otherDay.code(), otherDay.err());
        assertTrue(otherDay.err().startsWith("error: scp0 does not drive the day: its feed is not the day its"
                + " replicated ledger holds (EV "), otherDay.err()); // another seed draws other cars
        assertTrue(otherDay.err().strip().endsWith("start it with the day's --evs and --seed"), otherDay.err());
        assertTrue(otherDay.out().contains("last slot 4 (closed)") && !otherDay.out().contains("last slot 5"),
                "nothing of the other day recorded: " + otherDay.out());
    }
}
