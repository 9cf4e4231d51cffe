package org.v2g.replica;

import java.util.List;
import java.util.Set;

import org.v2g.kernel.Fleet;
import org.v2g.kernel.Market;

/**
 * The open slot as an SCP sees it on its own replica: the inputs to solve, the grid shares and who
 * still owes what. A copy: it does not change when apply moves on.
 *
 * @param slot   the slot
 * @param fleet  the EVs plugged in, in apply's order
 * @param market the slot's market
 * @param shares the grid shares and their current owners
 * @param voted  SCPs whose vote is in the log
 */
record SlotWork(long slot, Fleet fleet, Market market, List<Share> shares, Set<Integer> voted) {
    /**
     * A part {@code [k0, k1)} of the price grid, solved by {@code owner}.
     *
     * @param done whether an accepted partial result covers it
     */
    public record Share(int k0, int k1, int owner, boolean done) {
    }

    public SlotWork {
        shares = List.copyOf(shares);
        voted = Set.copyOf(voted);
    }
}
