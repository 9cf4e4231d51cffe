package org.v2g.node.internal;

import org.v2g.kernel.internal.CanonicalRevenue;
import org.v2g.kernel.Fleet;
import org.v2g.kernel.Market;
import org.v2g.kernel.SlotResult;
import org.v2g.kernel.SlotSolver;
import org.v2g.ledger.SlotSolution;

/**
 * What is voted on: a solver's answer in the canonical form of {@link CanonicalRevenue}, so that two
 * honest SCPs that find the same optimum sign the same {@link SlotSolution} bytes whatever their
 * kernel, vector width or JVM flags (docs/ARCHITECTURE.md, "What is voted on").
 *
 * <p>Usage (what an honest SCP does before it signs):
 * <pre>{@code
 * SlotResult own = CanonicalSolution.recompute(scp.recompute(), fleet, market);
 * ScpVote vote = ScpVote.signed(CanonicalSolution.record(slot, own), scp.id(), scp.keys().getPrivate());
 * }</pre>
 *
 * <p>Thread-safe: stateless.
 */
public final class CanonicalSolution {
    private CanonicalSolution() {
    }

    /** The canonical form of {@code found}, a solver's answer for this fleet and market. */
    public static SlotResult of(Fleet fleet, Market market, SlotResult found) {
        return CanonicalRevenue.of(fleet, market).canonical(found);
    }

    /** Solves with {@code solver} (with the per-EV dispatch) and returns the canonical form of its answer. */
    public static SlotResult recompute(SlotSolver solver, Fleet fleet, Market market) {
        return of(fleet, market, solver.solve(fleet, market, true));
    }

    /** The ledger record of a canonical result: slot, grid index, counts, price and revenue. */
    public static SlotSolution record(long slot, SlotResult canonical) {
        return new SlotSolution(slot, canonical.k(), canonical.charging(), canonical.discharging(), canonical.idle(),
                canonical.price(), canonical.revenue());
    }
}
