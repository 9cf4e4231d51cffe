package org.v2g.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v2g.ledger.EvSubmission;
import org.v2g.ledger.RecordType;
import org.v2g.ledger.Settlement;
import org.v2g.replica.ReplicaRecords.EventKind;

/**
 * Four Raft replicas in this JVM, each with its own storage and loopback port, talking gRPC. Every
 * wait is bounded; every node is stopped after each test.
 */
class ClusterTest {
    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final Behaviour H = Behaviour.HONEST;

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
    void fourReplicasBuildTheSameChain() throws java.io.IOException {
        cluster = LocalCluster.start(dir, DayFeed.caseStudy(120, 7, 3), 1, H, H, H, H);
        cluster.awaitClosed(3, WAIT);
        String head = cluster.awaitSameHead(1, WAIT);
        SlotMachine m = cluster.node(0).machine();
        assertFalse(m.finals().isEmpty(), "no slot became final: " + m.events());
        assertTrue(ChainCheck.chainHolds(m.headers()));
        for (int i = 0; i < 4; i++) {
            assertEquals(head, cluster.node(i).head(), "scp" + i);
            assertEquals(m.headers(), cluster.node(i).machine().headers(), "scp" + i);
        }
        // The same head through Raft's read path, asked of the leader by SCP 0's client.
        int leader = cluster.leader(WAIT);
        assertEquals(head, cluster.node(0).queryHead(leader));
    }

    @Test
    void theLeaderDiesMidSlotTheOthersFinishAndTheRestartedReplicaCatchesUp() {
        int slots = 5;
        cluster = LocalCluster.start(dir, DayFeed.caseStudy(120, 7, slots), 2, H, H, H, H);
        // Kill the leader while a slot with EVs is open on it, after at least one slot is final.
        long[] killedIn = {-1};
        int[] leaderId = {-1};
        cluster.await(WAIT, "an open slot on the leader after a final one", () -> {
            for (int i = 0; i < 4; i++) {
                SlotMachine m = cluster.node(i).machine();
                synchronized (m) {
                    if (cluster.node(i).isLeader() && !m.finals().isEmpty() && m.hasOpenSlot()) {
                        killedIn[0] = m.lastSlot();
                        leaderId[0] = i;
                        return true;
                    }
                }
            }
            return false;
        });
        int leader = leaderId[0];
        cluster.kill(leader);
        cluster.awaitClosed(slots, WAIT);
        int survivor = leader == 0 ? 1 : 0;
        String head = cluster.awaitSameHead(1, WAIT);
        SlotMachine m = cluster.node(survivor).machine();
        assertTrue(m.finals().containsKey(killedIn[0]), "slot " + killedIn[0] + " open at the kill did not finish: "
                + m.events());
        assertNoRecordLostOrDuplicated(m, slots);

        cluster.restart(leader);
        assertEquals(head, cluster.awaitSameHead(m.height(), WAIT));
        assertEquals(m.headers(), cluster.node(leader).machine().headers());
    }

    @Test
    void aLyingScpIsCaughtAndItsAnswersDoNotBecomeFinal() {
        cluster = LocalCluster.start(dir, DayFeed.caseStudy(120, 7, 3), 3, H, Behaviour.WRONG_PARTIAL, H,
                Behaviour.HONEST);
        cluster.awaitClosed(3, WAIT);
        cluster.awaitSameHead(1, WAIT);
        SlotMachine m = cluster.node(0).machine();
        assertFalse(m.finals().isEmpty(), m.events().toString());
        long caught = m.events().stream().filter(e -> e.kind() == EventKind.WRONG_PARTIAL && e.scp() == 1).count();
        assertEquals(m.finals().size(), caught, m.events().toString());
        // None of the liar's partial results entered the chain, and every final block carries a quorum.
        List<Integer> signers = new ArrayList<>();
        m.forEachRecord((seq, type, buf, off, len) -> {
            if (type == ReplicaRecords.SIGNED_PARTIAL) {
                byte[] b = new byte[len];
                buf.getBytes(off, b);
                signers.add(ReplicaRecords.SignedPartial.decode(b).partial().workerId());
            }
        });
        assertFalse(signers.contains(1), signers.toString());
        int finalBlocks = 0;
        for (int h = 0; h < m.height(); h++) {
            if (m.block(h).stream().anyMatch(f -> f.type() == ReplicaRecords.FINALITY)) {
                assertTrue(ChainCheck.finalityHolds(m.block(h), m.config()), "block " + h);
                finalBlocks++;
            }
        }
        assertEquals(m.finals().size(), finalBlocks);
        assertEquals(m.headers(), cluster.node(3).machine().headers());
    }

    /** Each EV plugged in once, each slot final once, each present EV settled exactly once per final slot. */
    private static void assertNoRecordLostOrDuplicated(SlotMachine m, int slots) {
        Set<String> submissions = new HashSet<>();
        Set<String> settlements = new HashSet<>();
        List<Long> finality = new ArrayList<>();
        long[] expected = {0};
        m.forEachRecord((seq, type, buf, off, len) -> {
            if (type == RecordType.EV_SUBMISSION.id()) {
                assertTrue(submissions.add(EvSubmission.decode(buf, off).evId()), "submission twice");
            } else if (type == RecordType.SETTLEMENT.id()) {
                Settlement s = Settlement.decode(buf, off);
                assertTrue(settlements.add(s.evId() + "@" + s.slot()), "settled twice: " + s);
            } else if (type == ReplicaRecords.FINALITY) {
                byte[] b = new byte[len];
                buf.getBytes(off, b);
                finality.add(ReplicaRecords.Finality.decode(b).slot());
            }
            expected[0]++;
        });
        assertEquals(m.records(), expected[0], "sequence numbers without gaps");
        assertEquals(finality.stream().distinct().count(), finality.size(), "a slot final twice: " + finality);
        assertEquals(m.finals().size(), finality.size());
        assertEquals(slots - 1, m.lastSlot());
        assertFalse(settlements.isEmpty());
    }
}
