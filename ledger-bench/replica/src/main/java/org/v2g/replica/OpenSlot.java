package org.v2g.replica;

import java.util.ArrayList;
import java.util.List;

import org.v2g.kernel.Fleet;
import org.v2g.kernel.Market;
import org.v2g.kernel.internal.CanonicalRevenue;

/**
 * The slot being solved, held by {@link SlotMachine} from its {@code SlotOpen} to its close: its inputs
 * (fleet at the opening, market, declared time), their canonical evaluation every check uses, and its
 * two changing parts, the grid work ({@link GridShares}) and the votes ({@link Ballots}).
 *
 * <p>Not thread-safe: {@link SlotMachine} holds its lock around every call.
 */
final class OpenSlot {
    final long slot;
    final long timeMicros;
    final Market market;
    /** The plugged-in EVs at the opening, in id order. */
    final Fleet fleet;
    /** The fleet's ids: the settlement order. */
    final List<String> evIds;
    final CanonicalRevenue canonical;
    final GridShares shares;
    final Ballots ballots;

    private OpenSlot(long slot, long timeMicros, Market market, Fleet fleet, CanonicalRevenue canonical,
                     GridShares shares, Ballots ballots) {
        this.slot = slot;
        this.timeMicros = timeMicros;
        this.market = market;
        this.fleet = fleet;
        List<String> ids = new ArrayList<>(fleet.size());
        for (int i = 0; i < fleet.size(); i++) {
            ids.add(fleet.id(i));
        }
        this.evIds = List.copyOf(ids);
        this.canonical = canonical;
        this.shares = shares;
        this.ballots = ballots;
    }

    /** A slot just opened: its grid cut into shares by the members' capacities, no vote yet. */
    static OpenSlot open(long slot, long timeMicros, Market market, Fleet fleet, ClusterConfig config) {
        CanonicalRevenue canonical = CanonicalRevenue.of(fleet, market);
        return new OpenSlot(slot, timeMicros, market, fleet, canonical,
                GridShares.cut(canonical.grid().size(), config), new Ballots());
    }

    /** The open slot a snapshot holds. */
    static OpenSlot restore(SlotMachineState.OpenState o) {
        return new OpenSlot(o.slot(), o.timeMicros(), o.market(), o.fleet(), CanonicalRevenue.of(o.fleet(), o.market()),
                GridShares.restore(o.shares(), o.faulty()), Ballots.restore(o.ballots(), o.deadlines()));
    }

    /** The slot as a snapshot holds it. */
    SlotMachineState.OpenState export() {
        return new SlotMachineState.OpenState(slot, timeMicros, market, fleet, shares.export(), ballots.export(),
                shares.faulty(), ballots.deadlines());
    }

    /** The slot as an SCP sees it: a copy. */
    SlotWork work() {
        return new SlotWork(slot, fleet, market, shares.view(), ballots.voters());
    }
}
