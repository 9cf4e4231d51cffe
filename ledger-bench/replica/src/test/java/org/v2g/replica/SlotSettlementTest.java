package org.v2g.replica;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.v2g.replica.PartsFixture.CANONICAL;
import static org.v2g.replica.PartsFixture.FLEET;
import static org.v2g.replica.PartsFixture.MARKET;
import static org.v2g.replica.PartsFixture.SLOT;
import static org.v2g.replica.PartsFixture.honest;
import static org.v2g.replica.PartsFixture.optimum;
import static org.v2g.replica.PartsFixture.solutionAt;
import static org.v2g.replica.PartsFixture.vote;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.v2g.ledger.Settlement;
import org.v2g.ledger.SlotSolution;
import org.v2g.node.internal.SettlementRule;
import org.v2g.replica.ReplicaRecords.Event;
import org.v2g.replica.ReplicaRecords.EventKind;

/** {@link SlotSettlement}: what a final slot records, at the quorum's solution, with the node's money rule. */
class SlotSettlementTest {
    /** A slot opened on the fixture with every share's honest partial in. */
    private static OpenSlot solved(ClusterConfig config) {
        OpenSlot open = OpenSlot.open(SLOT, 1_000, MARKET, FLEET, config);
        List<SlotWork.Share> shares = open.shares.view();
        for (int i = 0; i < shares.size(); i++) {
            assertEquals(Outcome.RECORD, open.shares.apply(honest(shares.get(i).owner(), shares.get(i)), CANONICAL, config));
        }
        return open;
    }

    @Test
    void atTheOptimumEveryEvSettlesInFleetOrderByTheNodesRuleAndNothingIsOutvoted() {
        ClusterConfig config = PartsFixture.config();
        OpenSlot open = solved(config);
        SlotSolution best = solutionAt(optimum().k());
        for (int scp = 0; scp < 4; scp++) {
            open.ballots.apply(vote(best, scp), best, CANONICAL, config);
        }
        SlotSettlement.Closing c = SlotSettlement.apply(open, best, 3);
        assertEquals(List.of(), c.events());
        assertEquals(best, c.solution());
        assertEquals(new ReplicaRecords.Finality(SLOT, 4, 3, best.hash()), c.finality());
        double[] x = CANONICAL.at(best.k(), "check", true).dispatch().orElseThrow().amounts();
        assertEquals(FLEET.size(), c.settlements().size());
        int charging = 0;
        int discharging = 0;
        for (int j = 0; j < FLEET.size(); j++) {
            Settlement st = c.settlements().get(j);
            assertEquals(FLEET.id(j), st.evId());
            assertArrayEquals(SettlementRule.settle(FLEET.id(j), SLOT, x[j], MARKET, best.price()).toBytes(), st.toBytes());
            charging += st.x() > 0 ? 1 : 0;
            discharging += st.x() < 0 ? 1 : 0;
        }
        assertEquals(List.of(best.charging(), best.discharging()), List.of(charging, discharging),
                "settled amounts match the recorded counts");
    }

    @Test
    void aWinnerOtherThanTheGridWorksAnswerRecordsTheOutvotedProposalPartialsAndVotes() {
        ClusterConfig two = PartsFixture.config(2, 1, 1, 1, 1);
        OpenSlot open = solved(two);
        int k = optimum().k();
        SlotSolution best = solutionAt(k);
        SlotSolution wrong = solutionAt(k - 1);
        open.ballots.apply(vote(wrong, 0), wrong, CANONICAL, two);
        open.ballots.apply(vote(best, 1), best, CANONICAL, two);
        open.ballots.apply(vote(wrong, 2), wrong, CANONICAL, two);
        open.ballots.apply(vote(best, 3), best, CANONICAL, two);
        SlotSolution won = open.ballots.winner(2).orElseThrow();
        assertEquals(wrong, won);
        SlotSettlement.Closing c = SlotSettlement.apply(open, won, 2);
        assertEquals(new Event(SLOT, -1, EventKind.PROPOSAL_OUTVOTED, k, k - 1, -1), c.events().get(0));
        List<Event> partials = c.events().stream().filter(e -> e.kind() == EventKind.PARTIAL_OUTVOTED).toList();
        assertTrue(!partials.isEmpty(), "the partial holding the optimum claims more than the winner");
        assertEquals(List.of(new Event(SLOT, 1, EventKind.VOTE_OUTVOTED, -1, -1, -1),
                new Event(SLOT, 3, EventKind.VOTE_OUTVOTED, -1, -1, -1)),
                c.events().subList(1 + partials.size(), c.events().size()));
        assertEquals(new ReplicaRecords.Finality(SLOT, 2, 2, wrong.hash()), c.finality());
        double[] x = CANONICAL.at(k - 1, "check", true).dispatch().orElseThrow().amounts();
        for (int j = 0; j < FLEET.size(); j++) {
            assertEquals(x[j], c.settlements().get(j).x(), "settled at the winner's index: " + FLEET.id(j));
        }
    }
}
