package org.v2g.node;

import java.util.List;
import org.v2g.kernel.SlotResult;
import org.v2g.ledger.Settlement;

/**
 * What a node did with one slot.
 *
 * @param slot          the slot number
 * @param present       ids of the EVs that took part, in fleet order
 * @param proposal      the solution the node's solver proposed
 * @param result        the final solution (with dispatch), the proposal unless it was out-voted;
 *                      the proposal when not final
 * @param votes         votes received, by SCP, for any solution
 * @param matchingVotes votes for the final solution
 * @param isFinal       a quorum of SCPs signed the same solution; only then was the slot settled
 * @param outvoted      the proposal lost to a different solution that had the quorum
 * @param settlements   one per EV that took part, in fleet order; empty when not final
 * @param ended         the slot as recorded: what a restarted node reads back from the ledger
 */
public record SlotReport(long slot, List<String> present, SlotResult proposal, SlotResult result, int votes,
        int matchingVotes, boolean isFinal, boolean outvoted, List<Settlement> settlements, EndedSlot ended) {

    /** Copies {@code present} and {@code settlements}. */
    public SlotReport {
        present = List.copyOf(present);
        settlements = List.copyOf(settlements);
    }
}
