package org.v2g.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.v2g.node.internal.QuorumTally;

/** The quorum rule both the node and the replica decide with. */
class QuorumTallyTest {
    private static byte[] hash(int b) {
        byte[] h = new byte[32];
        h[0] = (byte) b;
        return h;
    }

    @Test
    void theFirstSolutionToReachTheQuorumInArrivalOrderWins() {
        QuorumTally<String> t = new QuorumTally<>();
        t.add(hash(2), "a2");
        t.add(hash(1), "b1");
        t.add(hash(1), "c1");
        t.add(hash(2), "d2");
        assertEquals(List.of("a2", "d2"), t.winner(2).orElseThrow()); // hash 2 was seen first
        assertEquals(List.of("b1", "c1"), winnerOfOnly(1, 2));
        assertTrue(t.winner(3).isEmpty());
    }

    private static List<String> winnerOfOnly(int b, int quorum) {
        QuorumTally<String> t = new QuorumTally<>();
        t.add(hash(b), "b1");
        t.add(hash(b), "c1");
        return t.winner(quorum).orElseThrow();
    }

    @Test
    void theDefaultQuorumIsTwoFPlusOneOfThreeFPlusOne() {
        assertEquals(1, QuorumTally.defaultQuorum(1));
        assertEquals(1, QuorumTally.defaultQuorum(3));
        assertEquals(3, QuorumTally.defaultQuorum(4));
        assertEquals(5, QuorumTally.defaultQuorum(7));
        assertEquals(7, QuorumTally.defaultQuorum(10));
    }
}
