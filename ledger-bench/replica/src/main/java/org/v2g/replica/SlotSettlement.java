package org.v2g.replica;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.v2g.kernel.GridPoint;
import org.v2g.ledger.Settlement;
import org.v2g.ledger.SlotSolution;
import org.v2g.node.internal.CanonicalSolution;
import org.v2g.node.internal.SettlementRule;
import org.v2g.replica.ReplicaRecords.Event;
import org.v2g.replica.ReplicaRecords.EventKind;
import org.v2g.replica.ReplicaRecords.Finality;

/**
 * The settlement step, part of {@link SlotMachine}: what a slot's finality adds to the chain, computed
 * whole before anything is written, so writing it cannot fail half-way. The grid work's combined
 * answer is compared with the quorum's solution (out-voted proposal, partials and votes become events),
 * and each EV settles at the final index with the one-machine node's rule ({@link SettlementRule}) from
 * the canonical decisions there. Stateless.
 */
final class SlotSettlement {
    private SlotSettlement() {
    }

    /**
     * What a final slot records, in chain order: {@code events}, then {@code solution}, {@code finality}
     * and {@code settlements} (one per EV of the fleet, fleet order).
     */
    record Closing(List<Event> events, SlotSolution solution, Finality finality, List<Settlement> settlements) {
        Closing {
            events = List.copyOf(events);
            settlements = List.copyOf(settlements);
        }
    }

    /** The closing of {@code open}, whose grid work is complete, at the solution {@code won} that reached {@code quorum}. */
    static Closing apply(OpenSlot open, SlotSolution won, int quorum) {
        byte[] wonHash = won.hash();
        GridPoint combined = open.shares.combined();
        SlotSolution proposal = CanonicalSolution.record(open.slot, open.canonical.at(combined.k(), "partials", false));
        List<Settlement> settlements = settlements(open, won);
        List<Event> events = new ArrayList<>();
        if (!Arrays.equals(proposal.hash(), wonHash)) {
            events.add(new Event(open.slot, -1, EventKind.PROPOSAL_OUTVOTED, combined.k(), won.k(), -1));
            events.addAll(open.shares.outvotedBy(open.slot, won));
        }
        events.addAll(open.ballots.outvotedBy(open.slot, wonHash));
        Finality finality = new Finality(open.slot, open.ballots.votesFor(wonHash), quorum, wonHash);
        return new Closing(events, won, finality, settlements);
    }

    /** SPEC section 4 with the one-machine node's rule ({@link SettlementRule}): each EV's settlement. */
    private static List<Settlement> settlements(OpenSlot open, SlotSolution won) {
        double[] x = open.canonical.at(won.k(), "final", true).dispatch().orElseThrow().amounts();
        List<Settlement> out = new ArrayList<>(x.length);
        for (int j = 0; j < x.length; j++) {
            out.add(SettlementRule.settle(open.evIds.get(j), open.slot, x[j], open.market, won.price()));
        }
        return out;
    }
}
