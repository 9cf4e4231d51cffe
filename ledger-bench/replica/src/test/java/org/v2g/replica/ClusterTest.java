package org.v2g.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Four Raft replicas in this JVM on loopback ports. */
class ClusterTest {
    private static final Duration WAIT = Duration.ofSeconds(40);

    @TempDir
    Path dir;

    private LocalCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void fourReplicasBuildTheSameChain() {
        DayFeed feed = DayFeed.caseStudy(120, 7, 4);
        cluster = LocalCluster.start(dir, feed, 1, Behaviour.HONEST, Behaviour.HONEST, Behaviour.HONEST,
                Behaviour.HONEST);
        cluster.awaitClosed(4, WAIT);
        String head = cluster.awaitSameHead(1, WAIT);
        System.out.println("head " + head + " finals " + cluster.node(0).machine().finals().keySet()
                + " events " + cluster.node(0).machine().events());
        assertTrue(cluster.node(0).machine().height() >= 1, head);
        for (int i = 0; i < 4; i++) {
            assertEquals(head, cluster.node(i).head(), "scp" + i);
        }
    }
}
