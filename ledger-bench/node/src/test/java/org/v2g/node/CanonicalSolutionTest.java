package org.v2g.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.v2g.kernel.internal.CanonicalRevenue;
import org.v2g.kernel.ExactSolver;
import org.v2g.kernel.Fleet;
import org.v2g.kernel.Market;
import org.v2g.kernel.SlotResult;
import org.v2g.kernel.SlotSolver;
import org.v2g.kernel.Solvers;
import org.v2g.kernel.internal.SyntheticFleets;
import org.v2g.ledger.Ed25519;

/** What the node's SCPs sign: the canonical form, whatever their solver (across JVMs: CanonicalVotesAcrossJvmsTest). */
class CanonicalSolutionTest {

    @Test
    void scpsWithEveryGridSolverMatchAndAnInflatedRevenueNeverEntersTheRecord() {
        Fleet fleet = SyntheticFleets.paper(50, 21);
        Market market = Market.builder(1.12).eLimit(30).build();
        List<SlotSolver> solvers = new ArrayList<>();
        for (String name : List.of("reference", "scalar", "simd", "sweep")) {
            solvers.add(Solvers.byName(name));
        }
        solvers.add(inflating(Solvers.byName("simd")));
        AggregatorNode node = AggregatorNode.builder(solvers.get(4)).scps(scps(solvers)).quorum(solvers.size()).build();
        plugIn(node, fleet);
        SlotReport r = node.runSlot(0, market);
        assertTrue(r.isFinal());
        assertFalse(r.outvoted());
        assertEquals(solvers.size(), r.matchingVotes());
        double canonical = CanonicalRevenue.of(fleet, market).revenue(r.result().k());
        assertEquals(Double.doubleToRawLongBits(canonical), Double.doubleToRawLongBits(r.result().revenue()));
        assertEquals(Double.doubleToRawLongBits(canonical), Double.doubleToRawLongBits(r.proposal().revenue()));
        // The settled amounts are the canonical decisions the recorded counts come from.
        long discharging = r.settlements().stream().filter(s -> s.x() < 0).count();
        assertEquals(r.result().discharging(), discharging);
    }

    @Test
    void exactScpsVoteForTheirPricesOwnBits() {
        Fleet fleet = SyntheticFleets.paper(40, 5);
        Market market = Market.builder(0.66).eLimit(20).build();
        SlotSolver exact = new ExactSolver();
        AggregatorNode node = AggregatorNode.builder(exact)
                .scps(scps(List.of(exact, exact, exact, Solvers.byName("simd")))).build();
        plugIn(node, fleet);
        SlotReport r = node.runSlot(0, market);
        assertTrue(r.isFinal());
        assertEquals(3, r.matchingVotes(), "the grid SCP finds another optimum");
        assertEquals(-1, r.result().k());
        SlotResult direct = exact.solve(fleet, market);
        assertEquals(Double.doubleToRawLongBits(direct.price()), Double.doubleToRawLongBits(r.result().price()));
        assertEquals(Double.doubleToRawLongBits(CanonicalRevenue.of(fleet, market).revenueAt(direct.price())),
                Double.doubleToRawLongBits(r.result().revenue()));
    }

    private static List<Scp> scps(List<SlotSolver> solvers) {
        List<Scp> out = new ArrayList<>();
        for (int i = 0; i < solvers.size(); i++) {
            out.add(new Scp(i, 1, Ed25519.generate(), solvers.get(i)));
        }
        return out;
    }

    private static void plugIn(AggregatorNode node, Fleet fleet) {
        for (int i = 0; i < fleet.size(); i++) {
            EvWallet w = EvWallet.create(fleet.id(i), fleet.capacity(i));
            node.plugIn(w.registration(), w.preferences(0, fleet.beta(i), fleet.uIdle(i), fleet.energy(i)));
        }
    }

    /** A solver that reports its grid answer with a revenue one CNY too high. */
    private static SlotSolver inflating(SlotSolver honest) {
        return new SlotSolver() {
            @Override
            public String name() {
                return "inflating";
            }

            @Override
            public SlotResult solve(Fleet f, Market m, boolean withDispatch) {
                SlotResult r = honest.solve(f, m, withDispatch);
                return new SlotResult(name(), r.k(), r.price(), r.revenue() + 1, r.terms(), r.charging(),
                        r.discharging(), r.idle(), r.dispatch(), r.nanos());
            }
        };
    }
}
