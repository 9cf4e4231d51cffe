package org.v2g.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.v2g.replica.PartsFixture.CANONICAL;
import static org.v2g.replica.PartsFixture.SLOT;
import static org.v2g.replica.PartsFixture.bestOf;
import static org.v2g.replica.PartsFixture.honest;
import static org.v2g.replica.PartsFixture.optimum;
import static org.v2g.replica.PartsFixture.partial;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.v2g.kernel.GridPoint;
import org.v2g.kernel.internal.CanonicalRevenue;
import org.v2g.replica.ReplicaRecords.Event;
import org.v2g.replica.ReplicaRecords.EventKind;

/** {@link GridShares}: the cut by capacity, the spot check, a liar's and silent SCPs' shares moving, the combined answer. */
class GridSharesTest {
    private static final ClusterConfig CONFIG = PartsFixture.config();

    private static GridShares cut() {
        return GridShares.cut(CANONICAL.grid().size(), CONFIG);
    }

    @Test
    void theGridIsCutIntoContiguousSharesByCapacityInMemberOrder() {
        ClusterConfig unequal = PartsFixture.config(3, 3, 1, 1, 1);
        List<SlotWork.Share> shares = GridShares.cut(CANONICAL.grid().size(), unequal).view();
        assertEquals(4, shares.size());
        int at = 0;
        for (int i = 0; i < shares.size(); i++) {
            assertEquals(at, shares.get(i).k0(), "share " + i);
            assertEquals(i, shares.get(i).owner());
            assertFalse(shares.get(i).done());
            at = shares.get(i).k1();
        }
        assertEquals(CANONICAL.grid().size(), at);
        int first = shares.get(0).k1() - shares.get(0).k0();
        int second = shares.get(1).k1() - shares.get(1).k0();
        assertTrue(first > 2 * second, "capacity 3 against 1: " + shares);
    }

    @Test
    void anHonestPartialIsRecordedOnceItsRepeatIgnoredAndAStrangerRejected() {
        GridShares g = cut();
        SlotWork.Share s0 = g.view().get(0);
        assertEquals(Outcome.REJECT, g.apply(partial(0, s0.k0(), s0.k1(), s0.k0(), CANONICAL.revenue(s0.k0()), 1),
                CANONICAL, CONFIG), "signed by another SCP");
        assertEquals(Outcome.REJECT, g.apply(honest(1, s0), CANONICAL, CONFIG), "not the share's owner");
        assertEquals(Outcome.REJECT, g.apply(partial(0, s0.k0(), s0.k1() + 1, s0.k0(), CANONICAL.revenue(s0.k0()), 0),
                CANONICAL, CONFIG), "not a share's range");
        assertEquals(Outcome.RECORD, g.apply(honest(0, s0), CANONICAL, CONFIG));
        assertEquals(Outcome.IGNORE, g.apply(honest(0, s0), CANONICAL, CONFIG));
        assertTrue(g.view().get(0).done());
        assertFalse(g.complete());
    }

    @Test
    void aWrongRevenueMovesTheShareToTheNextScpNotCaughtLying() {
        GridShares g = cut();
        SlotWork.Share s1 = g.view().get(1);
        GridPoint best = bestOf(s1.k0(), s1.k1());
        double inflated = Math.nextUp(best.revenue());
        Outcome wrong = g.apply(partial(1, s1.k0(), s1.k1(), best.k(), inflated, 1), CANONICAL, CONFIG);
        assertEquals(Outcome.Verdict.IGNORE, wrong.verdict());
        assertEquals(List.of(new Event(SLOT, 1, EventKind.WRONG_PARTIAL, s1.k0(), s1.k1(), 2)), wrong.events());
        assertEquals(2, g.view().get(1).owner());
        assertEquals(List.of(1), g.faulty());
        assertEquals(Outcome.REJECT, g.apply(honest(1, s1), CANONICAL, CONFIG), "the liar no longer owns it");
        // SCP 2 lies too: the share skips SCP 1 (caught) and goes to 3.
        Outcome again = g.apply(partial(2, s1.k0(), s1.k1(), best.k(), Math.nextDown(best.revenue()), 2),
                CANONICAL, CONFIG);
        assertEquals(List.of(new Event(SLOT, 2, EventKind.WRONG_PARTIAL, s1.k0(), s1.k1(), 3)), again.events(),
                "a revenue one ulp under the canonical value");
        assertEquals(Outcome.RECORD, g.apply(honest(3, s1), CANONICAL, CONFIG));
        assertEquals(List.of(1, 2), g.faulty());
    }

    @Test
    void aPartialHidingABetterEndOfItsShareFailsTheSpotCheck() {
        GridShares g = cut();
        SlotWork.Share s = g.view().get(0);
        int worst = s.k0();
        for (int k = s.k0(); k < s.k1(); k++) {
            if (CANONICAL.revenue(k) < CANONICAL.revenue(worst)) {
                worst = k;
            }
        }
        double end = Math.max(CANONICAL.revenue(s.k0()), CANONICAL.revenue(s.k1() - 1));
        assertTrue(end - CANONICAL.revenue(worst) > CanonicalRevenue.tolerance(CANONICAL.revenue(worst)),
                "the fixture's first share must have an end better than its worst point");
        Outcome o = g.apply(partial(0, s.k0(), s.k1(), worst, CANONICAL.revenue(worst), 0), CANONICAL, CONFIG);
        assertEquals(EventKind.WRONG_PARTIAL, o.events().get(0).kind());
        assertEquals(1, g.view().get(0).owner());
    }

    @Test
    void atADeadlineSilentScpsSharesGoInTurnToScpsThatDelivered() {
        GridShares g = cut();
        List<SlotWork.Share> shares = g.view();
        assertEquals(List.of(), g.reassignSilent(SLOT), "nobody delivered: nothing moves");
        g.apply(honest(2, shares.get(2)), CANONICAL, CONFIG);
        g.apply(honest(0, shares.get(0)), CANONICAL, CONFIG);
        List<Event> moved = g.reassignSilent(SLOT);
        assertEquals(List.of(
                new Event(SLOT, 1, EventKind.SILENT_REASSIGNED, shares.get(1).k0(), shares.get(1).k1(), 0),
                new Event(SLOT, 3, EventKind.SILENT_REASSIGNED, shares.get(3).k0(), shares.get(3).k1(), 2)), moved);
        assertEquals(List.of(0, 0, 2, 2), g.view().stream().map(SlotWork.Share::owner).toList());
        assertEquals(List.of(), g.reassignSilent(SLOT), "the helpers own what is left");
    }

    @Test
    void theCombinedAnswerIsTheGridOptimumAndAWrongWinnerNamesThePartialsItShowsWrong() {
        GridShares g = cut();
        List<SlotWork.Share> shares = g.view();
        for (int i = 0; i < 4; i++) {
            assertEquals(Outcome.RECORD, g.apply(honest(i, shares.get(i)), CANONICAL, CONFIG));
        }
        assertTrue(g.complete());
        GridPoint optimum = optimum();
        assertEquals(optimum, g.combined());
        assertEquals(List.of(), g.outvotedBy(SLOT, PartsFixture.solutionAt(optimum.k())), "the true optimum");
        // A winner at another index: the share holding it (its partial is not that point) and every partial
        // claiming more than it are named.
        int elsewhere = optimum.k() < shares.get(0).k1() ? shares.get(3).k0() : shares.get(0).k0();
        List<Event> named = g.outvotedBy(SLOT, PartsFixture.solutionAt(elsewhere));
        assertTrue(named.stream().allMatch(e -> e.kind() == EventKind.PARTIAL_OUTVOTED && e.slot() == SLOT), named.toString());
        int holder = elsewhere == shares.get(3).k0() ? 3 : 0;
        assertTrue(named.stream().anyMatch(e -> e.scp() == holder), named.toString());
        int optimumHolder = -1;
        for (int i = 0; i < 4; i++) {
            if (shares.get(i).k0() <= optimum.k() && optimum.k() < shares.get(i).k1()) {
                optimumHolder = i;
            }
        }
        int claimedMore = optimumHolder;
        assertTrue(named.stream().anyMatch(e -> e.scp() == claimedMore), named.toString());
    }
}
