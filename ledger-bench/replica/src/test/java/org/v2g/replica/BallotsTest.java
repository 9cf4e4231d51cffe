package org.v2g.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.v2g.replica.PartsFixture.CANONICAL;
import static org.v2g.replica.PartsFixture.SLOT;
import static org.v2g.replica.PartsFixture.optimum;
import static org.v2g.replica.PartsFixture.solutionAt;
import static org.v2g.replica.PartsFixture.vote;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.v2g.ledger.ScpVote;
import org.v2g.ledger.SlotSolution;
import org.v2g.replica.ReplicaRecords.Event;
import org.v2g.replica.ReplicaRecords.EventKind;

/** {@link Ballots}: which votes count, the quorum's winner in log order, the out-voted and the deadlines. */
class BallotsTest {
    private static final ClusterConfig CONFIG = PartsFixture.config();

    @Test
    void aCanonicalVoteIsRecordedOnceItsRepeatIgnoredAndADifferentSecondVoteRejected() {
        Ballots b = new Ballots();
        SlotSolution best = solutionAt(optimum().k());
        SlotSolution other = solutionAt(optimum().k() - 1);
        assertEquals(Outcome.RECORD, b.apply(vote(best, 0), best, CANONICAL, CONFIG));
        assertEquals(Outcome.IGNORE, b.apply(vote(best, 0), best, CANONICAL, CONFIG));
        assertEquals(Outcome.REJECT, b.apply(vote(other, 0), other, CANONICAL, CONFIG));
        assertEquals(1, b.size());
        assertEquals(Set.of(0), b.voters());
        assertEquals(1, b.votesFor(best.hash()), "the first vote stands");
    }

    @Test
    void aVoteIsRejectedWithoutItsSolutionForAnotherHashByAnotherKeyOrForANonCanonicalSolution() {
        Ballots b = new Ballots();
        SlotSolution best = solutionAt(optimum().k());
        SlotSolution other = solutionAt(optimum().k() - 1);
        assertEquals(Outcome.REJECT, b.apply(vote(best, 1), null, CANONICAL, CONFIG), "no solution frame before it");
        assertEquals(Outcome.REJECT, b.apply(vote(best, 1), other, CANONICAL, CONFIG), "another solution's hash");
        ScpVote forged = ScpVote.signed(best, 1, PartsFixture.KEYS.get(2).getPrivate());
        assertEquals(Outcome.REJECT, b.apply(forged, best, CANONICAL, CONFIG), "SCP 2's key for SCP 1");
        ScpVote stranger = ScpVote.signed(best, 4, PartsFixture.KEYS.get(0).getPrivate());
        assertEquals(Outcome.REJECT, b.apply(stranger, best, CANONICAL, CONFIG), "not a member");
        SlotSolution inflated = new SlotSolution(SLOT, best.k(), best.charging(), best.discharging(),
                best.idle(), best.price(), Math.nextUp(best.revenue()));
        assertEquals(Outcome.REJECT, b.apply(vote(inflated, 1), inflated, CANONICAL, CONFIG), "not canonical");
        assertEquals(0, b.size());
    }

    @Test
    void theWinnerIsTheFirstSolutionInVoteArrivalOrderWithTheQuorum() {
        ClusterConfig two = PartsFixture.config(2, 1, 1, 1, 1);
        Ballots b = new Ballots();
        SlotSolution x = solutionAt(optimum().k());
        SlotSolution y = solutionAt(optimum().k() - 1);
        b.apply(vote(x, 0), x, CANONICAL, two);
        assertEquals(Optional.empty(), b.winner(2));
        b.apply(vote(y, 1), y, CANONICAL, two);
        b.apply(vote(y, 2), y, CANONICAL, two);
        assertEquals(Optional.of(y), b.winner(2), "y has the quorum, x not");
        assertEquals(Optional.empty(), b.winner(3));
        assertEquals(2, b.votesFor(y.hash()));
        assertEquals(List.of(new Event(SLOT, 0, EventKind.VOTE_OUTVOTED, -1, -1, -1)), b.outvotedBy(SLOT, y.hash()));
        // Apply finishes the slot as soon as y has it; were x to reach it too, x's earlier first vote would rank it first.
        b.apply(vote(x, 3), x, CANONICAL, two);
        assertEquals(Optional.of(x), b.winner(2));
        assertEquals(List.of(new Event(SLOT, 1, EventKind.VOTE_OUTVOTED, -1, -1, -1),
                new Event(SLOT, 2, EventKind.VOTE_OUTVOTED, -1, -1, -1)), b.outvotedBy(SLOT, x.hash()));
    }

    @Test
    void deadlinesAreCountedAndTheBallotsRoundTripThroughTheirExport() {
        Ballots b = new Ballots();
        assertEquals(0, b.deadlines());
        assertEquals(1, b.passDeadline());
        assertEquals(2, b.passDeadline());
        SlotSolution x = solutionAt(optimum().k());
        SlotSolution y = solutionAt(optimum().k() - 1);
        b.apply(vote(y, 3), y, CANONICAL, CONFIG);
        b.apply(vote(x, 1), x, CANONICAL, CONFIG);
        Ballots copy = Ballots.restore(b.export(), b.deadlines());
        assertEquals(b.export(), copy.export());
        assertEquals(List.of(3, 1), copy.export().stream().map(SlotMachineState.Ballot::scp).toList(), "log order");
        assertEquals(2, copy.deadlines());
        assertEquals(Outcome.REJECT, copy.apply(vote(x, 3), x, CANONICAL, CONFIG), "SCP 3's first vote came across");
    }
}
