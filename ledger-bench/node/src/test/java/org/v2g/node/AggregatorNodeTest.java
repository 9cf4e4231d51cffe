package org.v2g.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v2g.kernel.Fleet;
import org.v2g.kernel.InvalidInputException;
import org.v2g.kernel.Market;
import org.v2g.kernel.SlotResult;
import org.v2g.kernel.SlotSolver;
import org.v2g.kernel.Solvers;
import org.v2g.kernel.internal.SyntheticFleets;
import org.v2g.partition.PartitionedSolver;
import org.v2g.partition.PoolConfig;
import org.v2g.ledger.Ed25519;
import org.v2g.ledger.EvSubmission;
import org.v2g.ledger.LedgerConfig;
import org.v2g.ledger.LedgerVerifier;
import org.v2g.ledger.PartialResult;
import org.v2g.ledger.RecordType;
import org.v2g.ledger.RingBufferSlotLedger;
import org.v2g.ledger.SettlementProof;
import org.v2g.ledger.SlotLedger;
import org.v2g.ledger.SubmissionRejectedException;
import org.v2g.ledger.VerificationResult;

/** The node's cycle on a real ledger: signed plug-in, votes and quorum, settlement, light-client proofs. */
class AggregatorNodeTest {
    private static final SlotSolver SIMD = Solvers.byName("simd");
    @TempDir
    Path dir;

    private static List<EvWallet> plugInAll(AggregatorNode node, Fleet fleet, long slot) {
        List<EvWallet> wallets = new ArrayList<>();
        for (int i = 0; i < fleet.size(); i++) {
            EvWallet w = EvWallet.create(fleet.id(i), fleet.capacity(i));
            node.plugIn(w.registration(), w.preferences(slot, fleet.beta(i), fleet.uIdle(i), fleet.energy(i)));
            wallets.add(w);
        }
        return wallets;
    }

    @Test
    void slotsAreSolvedVotedSettledAndProvable() throws Exception {
        Fleet fleet = SyntheticFleets.paper(40, 11);
        try (SlotLedger ledger = RingBufferSlotLedger.open(LedgerConfig.of(dir, Ed25519.generate()))) {
            AggregatorNode node = AggregatorNode.builder(SIMD).ledger(ledger).scps(AggregatorNode.scps(SIMD, 1, 2, 4, 8))
                    .build();
            assertEquals(3, node.quorum());
            List<EvWallet> wallets = plugInAll(node, fleet, 0);
            Market[] markets = {Market.builder(0.26).build(), Market.builder(1.12).eLimit(40).build(),
                Market.builder(0.66).eLimit(10).build()};
            for (int s = 0; s < markets.length; s++) {
                Fleet before = fleetNow(node, fleet);
                SlotReport r = node.runSlot(s, markets[s]);
                assertTrue(r.isFinal());
                assertFalse(r.outvoted());
                assertEquals(4, r.matchingVotes());
                assertEquals(40, r.settlements().size());
                // The node's answer is the single-threaded kernel's on the same EVs.
                SlotResult direct = SIMD.solve(before, markets[s]);
                assertEquals(direct.k(), r.result().k());
            }
            node.flush();
            VerificationResult v = LedgerVerifier.verify(dir, ledger.sealerKey());
            assertTrue(v.ok(), v.message());
            for (EvWallet w : wallets) {
                SettlementProof proof = node.proof(w.evId(), 1).orElseThrow();
                assertEquals(w.evId(), w.check(proof, 1, node.headers(), ledger.sealerKey()).evId());
            }
        }
    }

    @Test
    void aWorkerPoolProposesAndEachWorkersPartialResultIsRecorded() {
        Fleet fleet = SyntheticFleets.paper(60, 4); // the paper's a: plugInAll leaves it to the node
        Market market = Market.builder(1.12).eLimit(50).build();
        try (SlotLedger ledger = RingBufferSlotLedger.open(LedgerConfig.of(dir, Ed25519.generate()));
                PartitionedSolver pool = PartitionedSolver.start(PoolConfig.builder(3).capacities(1, 2, 4).build())) {
            AggregatorNode node = AggregatorNode.builder(pool).ledger(ledger).scps(AggregatorNode.scps(SIMD, 1, 1, 1, 1))
                    .build();
            plugInAll(node, fleet, 0);
            SlotReport r = node.runSlot(0, market);
            assertTrue(r.isFinal());
            assertEquals(4, r.matchingVotes(), "the pool's answer is the kernel's, bit for bit");
            assertEquals(SIMD.solve(fleet, market).k(), r.result().k());
            node.flush();
            List<PartialResult> partials = new ArrayList<>();
            ledger.forEachRecord((seq, type, buf, off, len) -> {
                if (type == RecordType.PARTIAL_RESULT.id()) {
                    partials.add(PartialResult.decode(buf, off));
                }
            });
            assertFalse(partials.isEmpty());
            assertTrue(partials.size() <= 3);
            assertTrue(partials.stream().anyMatch(p -> p.bestK() == r.result().k()), partials.toString());
        }
    }

    /** The fleet as the node holds it before the next slot (energies advanced by settlement). */
    private static Fleet fleetNow(AggregatorNode node, Fleet fleet) {
        double[] e = new double[fleet.size()];
        for (int i = 0; i < e.length; i++) {
            e[i] = node.energy(fleet.id(i));
        }
        return fleet.withEnergies(e);
    }

    @Test
    void aLyingProposerIsOutvotedAndTheHonestSolutionIsSettled() {
        SlotSolver liar = new SlotSolver() {
            @Override
            public String name() {
                return "liar";
            }

            @Override
            public SlotResult solve(Fleet f, Market m, boolean withDispatch) {
                SlotResult honest = SIMD.solve(f, m, withDispatch);
                return new SlotResult(honest.solver(), 0, m.grid().price(0), honest.revenue(), honest.terms(),
                        honest.charging(), honest.discharging(), honest.idle(), honest.dispatch(), honest.nanos());
            }
        };
        AggregatorNode node = AggregatorNode.builder(liar).scps(AggregatorNode.scps(SIMD, 1, 1, 1, 1)).build();
        Fleet fleet = SyntheticFleets.paper(30, 3);
        plugInAll(node, fleet, 0);
        Market market = Market.builder(1.12).eLimit(30).build();
        SlotReport r = node.runSlot(0, market);
        assertTrue(r.isFinal());
        assertTrue(r.outvoted());
        assertEquals(SIMD.solve(fleet, market).k(), r.result().k());
    }

    @Test
    void withoutAQuorumNothingIsSettled() {
        // Two of four SCPs vote for a wrong grid index: the two honest votes are short of the quorum of 3.
        List<org.v2g.node.Scp> scps = new ArrayList<>(AggregatorNode.scps(SIMD, 1, 1));
        scps.add(new org.v2g.node.Scp(2, 1, Ed25519.generate(), firstGridPoint()));
        scps.add(new org.v2g.node.Scp(3, 1, Ed25519.generate(), firstGridPoint()));
        AggregatorNode node = AggregatorNode.builder(SIMD).scps(scps).quorum(3).build();
        Fleet fleet = SyntheticFleets.paper(25, 8);
        plugInAll(node, fleet, 0);
        double before = node.energy(fleet.id(0));
        SlotReport r = node.runSlot(0, Market.builder(0.66).eLimit(20).build());
        assertFalse(r.isFinal());
        assertEquals(4, r.votes());
        assertTrue(r.settlements().isEmpty());
        assertEquals(before, node.energy(fleet.id(0)));
        assertEquals(0.0, node.balance(fleet.id(0)));
    }

    /** A solver that always answers the grid's first point. */
    private static SlotSolver firstGridPoint() {
        return new SlotSolver() {
            @Override
            public String name() {
                return "first";
            }

            @Override
            public SlotResult solve(Fleet f, Market m, boolean withDispatch) {
                SlotResult honest = SIMD.solve(f, m, withDispatch);
                return new SlotResult("first", 0, m.grid().price(0), honest.revenue(), honest.terms(),
                        honest.charging(), honest.discharging(), honest.idle(), honest.dispatch(), honest.nanos());
            }
        };
    }

    @Test
    void badPlugInsAreRejectedAndChangeNothing() {
        AggregatorNode node = AggregatorNode.builder(SIMD).scps(AggregatorNode.scps(SIMD, 1)).build();
        EvWallet ev = EvWallet.create("ev042", 60);
        // Energy above capacity: rejected by name before the gate sees it.
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> node.plugIn(ev.registration(), ev.preferences(0, 0.16, 0, 61)));
        assertEquals("energy_kwh", e.field());
        assertThrows(InvalidInputException.class, () -> node.balance("ev042"));
        // Accepted, then a replay of the same signed preferences is rejected.
        EvSubmission prefs = ev.preferences(0, 0.16, 0, 30);
        node.plugIn(ev.registration(), prefs);
        assertThrows(SubmissionRejectedException.class, () -> node.plugIn(ev.registration(), prefs));
        // A forged signature: another wallet signs for ev042.
        EvWallet forger = new EvWallet("ev042", 60, Ed25519.generate());
        assertThrows(InvalidInputException.class,
                () -> node.plugIn(forger.registration(), forger.preferences(0, 0.16, 0, 30)));
        assertThrows(SubmissionRejectedException.class,
                () -> node.plugIn(ev.registration(), forgedWith(forger, ev)));
        assertEquals(30.0, node.energy("ev042"));
        node.runSlot(0, Market.builder(0.66).build());
        // A past slot is rejected.
        assertThrows(SubmissionRejectedException.class,
                () -> node.plugIn(ev.registration(), ev.preferences(0, 0.16, 0, 20)));
        assertThrows(InvalidInputException.class, () -> node.runSlot(0, Market.builder(0.66).build()));
    }

    private static EvSubmission forgedWith(EvWallet forger, EvWallet victim) {
        EvSubmission f = forger.preferences(5, 0.16, 0, 10);
        return new EvSubmission(victim.evId(), f.slot(), f.beta(), f.uIdle(), f.plugInEnergyKwh(), 1000, f.signature());
    }
}
