package org.v2g.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v2g.kernel.Fleet;
import org.v2g.kernel.InvalidInputException;
import org.v2g.kernel.Market;
import org.v2g.kernel.SlotSolver;
import org.v2g.kernel.Solvers;
import org.v2g.kernel.internal.SyntheticFleets;
import org.v2g.ledger.Ed25519;
import org.v2g.ledger.EvRegistration;
import org.v2g.ledger.EvSubmission;
import org.v2g.ledger.LedgerConfig;
import org.v2g.ledger.LedgerVerifier;
import org.v2g.ledger.RingBufferSlotLedger;
import org.v2g.ledger.Settlement;
import org.v2g.ledger.SlotLedger;
import org.v2g.ledger.SubmissionRejectedException;
import org.v2g.ledger.VerificationResult;

/** A node opened on its own ledger continues the chain: the state it had, the refusals it made. */
class NodeRestartTest {
    private static final SlotSolver SIMD = Solvers.byName("simd");
    private static final Market[] MARKETS = {Market.builder(0.26).build(), Market.builder(1.12).eLimit(40).build(),
        Market.builder(0.66).eLimit(10).build(), Market.builder(1.12).eLimit(25).build(),
        Market.builder(0.66).build(), Market.builder(0.26).eLimit(5).build()};

    @TempDir
    Path dir;

    private final KeyPair sealer = Ed25519.generate();
    private final List<Scp> scps = AggregatorNode.scps(SIMD, 1, 1, 1, 1);
    private final Fleet fleet = SyntheticFleets.paper(20, 5);

    private SlotLedger open() {
        return RingBufferSlotLedger.open(LedgerConfig.of(dir, sealer));
    }

    private AggregatorNode node(SlotLedger ledger) {
        return AggregatorNode.builder(SIMD).ledger(ledger).scps(scps).build();
    }

    private List<EvWallet> plugInAll(AggregatorNode node) {
        List<EvWallet> wallets = new ArrayList<>();
        for (int i = 0; i < fleet.size(); i++) {
            EvWallet w = EvWallet.create(fleet.id(i), fleet.capacity(i));
            node.plugIn(w.registration(), w.preferences(0, fleet.beta(i), fleet.uIdle(i), fleet.energy(i)));
            wallets.add(w);
        }
        return wallets;
    }

    /** Energies and balances by EV, to compare bit for bit. */
    private Map<String, List<Double>> books(AggregatorNode node) {
        Map<String, List<Double>> out = new LinkedHashMap<>();
        for (int i = 0; i < fleet.size(); i++) {
            out.put(fleet.id(i), List.of(node.energy(fleet.id(i)), node.balance(fleet.id(i))));
        }
        return out;
    }

    @Test
    void aRestartedNodeContinuesTheChainAndRefusesWhatItRefusedBefore() {
        // The uninterrupted run: every slot on one node.
        Map<String, List<Double>> uninterrupted;
        Path other = dir.resolve("uninterrupted");
        try (SlotLedger l = RingBufferSlotLedger.open(LedgerConfig.of(other, Ed25519.generate()))) {
            AggregatorNode node = AggregatorNode.builder(SIMD).ledger(l).scps(scps).build();
            EvWallet first = plugInAll(node).get(0);
            for (int s = 0; s < MARKETS.length; s++) {
                if (s == 2) {
                    node.plugIn(first.registration(), first.preferences(99, 0.16, 0, 10)); // as below
                }
                node.runSlot(s, MARKETS[s]);
            }
            uninterrupted = books(node);
        }

        List<EvWallet> wallets;
        Settlement slot1 = null;
        try (SlotLedger l = open(); AggregatorNode node = node(l)) {
            wallets = plugInAll(node);
            node.runSlot(0, MARKETS[0]);
            slot1 = node.runSlot(1, MARKETS[1]).settlements().get(3);
        }
        EvSubmission stale = wallets.get(0).preferences(99, 0.16, 0, 10); // on time in every slot here
        for (int s = 2; s < MARKETS.length; s++) {
            try (SlotLedger l = open(); AggregatorNode node = node(l)) {
                assertEquals(s - 1, node.lastSlot());
                long slot = s;
                InvalidInputException again = assertThrows(InvalidInputException.class,
                        () -> node.runSlot(slot - 1, MARKETS[0]));
                assertEquals("slot", again.field());
                EvWallet w = wallets.get(1);
                // Another key under a known id, another capacity, a replayed nonce: refused as before the restart.
                EvWallet impostor = EvWallet.create(w.evId(), fleet.capacity(1));
                assertThrows(InvalidInputException.class, () -> node.plugIn(impostor.registration(),
                        impostor.preferences(slot, 0.16, 0, 10)));
                EvRegistration bigger = new EvRegistration(w.evId(), Ed25519.rawPublicKey(w.publicKey()),
                        fleet.capacity(1) + 1);
                InvalidInputException cap = assertThrows(InvalidInputException.class,
                        () -> node.plugIn(bigger, w.preferences(slot, 0.16, 0, 10)));
                assertEquals("capacity_kwh", cap.field());
                if (s == 2) {
                    // A submission signed before the restart is not accepted twice after it.
                    node.plugIn(wallets.get(0).registration(), stale);
                }
                SubmissionRejectedException replay = assertThrows(SubmissionRejectedException.class,
                        () -> node.plugIn(wallets.get(0).registration(), stale));
                assertEquals(SubmissionRejectedException.Reason.REPLAYED_NONCE, replay.reason());
                node.runSlot(s, MARKETS[s]);
            }
            VerificationResult v = LedgerVerifier.verify(dir, sealer.getPublic());
            assertTrue(v.ok(), v.message());
        }
        try (SlotLedger l = open(); AggregatorNode node = node(l)) {
            assertEquals(uninterrupted, books(node)); // bit for bit, after four restarts
            assertEquals(slot1, node.proof(slot1.evId(), 1).orElseThrow().settlement());
            assertEquals(MARKETS.length, node.endedSlots().size());
        }
    }

    @Test
    void aSolverThatThrowsLeavesTheNodeAndLedgerAsTheyWereAndTheSlotRunsAgain() {
        SlotSolver flaky = new SlotSolver() {
            private int calls;

            @Override
            public String name() {
                return "flaky";
            }

            @Override
            public org.v2g.kernel.SlotResult solve(Fleet f, Market m, boolean withDispatch) {
                if (calls++ == 0) {
                    throw new IllegalStateException("out of memory in the solver");
                }
                return SIMD.solve(f, m, withDispatch);
            }
        };
        try (SlotLedger l = open(); AggregatorNode node = AggregatorNode.builder(flaky).ledger(l).scps(scps).build()) {
            List<EvWallet> wallets = plugInAll(node);
            node.flush();
            long before = l.durableRecordCount();
            Map<String, List<Double>> books = books(node);
            SlotFailedException e = assertThrows(SlotFailedException.class, () -> node.runSlot(0, MARKETS[0]));
            assertEquals(0, e.slot());
            node.flush();
            assertEquals(before, l.durableRecordCount());
            assertEquals(books, books(node));
            // The gate did not move: preferences for slot 0 are still on time.
            EvWallet w = wallets.get(2);
            node.plugIn(w.registration(), w.preferences(0, 0.2, 0, fleet.energy(2)));
            assertTrue(node.runSlot(0, MARKETS[0]).isFinal());
        }
        assertTrue(LedgerVerifier.verify(dir, sealer.getPublic()).ok());
    }

    @Test
    void aMissingMarketIsRefusedBeforeAnythingChanges() {
        try (SlotLedger l = open(); AggregatorNode node = node(l)) {
            List<EvWallet> wallets = plugInAll(node);
            node.runSlot(0, MARKETS[0]);
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> node.runSlot(1, null));
            assertEquals("market", e.field());
            EvWallet w = wallets.get(0);
            node.plugIn(w.registration(), w.preferences(1, 0.16, 0, 12)); // slot 1 is not in the past
            assertEquals(0, node.lastSlot());
            assertTrue(node.runSlot(1, MARKETS[1]).isFinal());
        }
    }

    @Test
    void aFailedScpAbstainsAndTooManyFailuresLeaveTheSlotToRunAgain() {
        SlotSolver broken = new SlotSolver() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public org.v2g.kernel.SlotResult solve(Fleet f, Market m, boolean withDispatch) {
                throw new IllegalStateException("SCP lost its network");
            }
        };
        List<Scp> oneDown = List.of(scps.get(0), scps.get(1), scps.get(2),
                new Scp(3, 1, scps.get(3).keys(), broken));
        try (SlotLedger l = open(); AggregatorNode node = AggregatorNode.builder(SIMD).ledger(l).scps(oneDown).build()) {
            plugInAll(node);
            SlotReport r = node.runSlot(0, MARKETS[0]);
            assertTrue(r.isFinal());
            assertEquals(3, r.matchingVotes());
        }
        List<Scp> twoDown = List.of(scps.get(0), scps.get(1), new Scp(2, 1, scps.get(2).keys(), broken),
                new Scp(3, 1, scps.get(3).keys(), broken));
        try (SlotLedger l = open(); AggregatorNode node = AggregatorNode.builder(SIMD).ledger(l).scps(twoDown).build()) {
            l.flush();
            long before = l.durableRecordCount();
            assertThrows(SlotFailedException.class, () -> node.runSlot(1, MARKETS[1]));
            node.flush();
            assertEquals(before, l.durableRecordCount());
            assertEquals(0, node.lastSlot());
        }
        try (SlotLedger l = open(); AggregatorNode node = node(l)) {
            assertTrue(node.runSlot(1, MARKETS[1]).isFinal());
        }
        assertTrue(LedgerVerifier.verify(dir, sealer.getPublic()).ok());
    }

    @Test
    void aLedgerFailureInTheMiddleOfASlotChangesNoEvAndTheSlotIsAbortedThenRunAgain() {
        try (FailingLedger l = new FailingLedger(open()); AggregatorNode node = node(l)) {
            plugInAll(node);
            Map<String, List<Double>> books = books(node);
            l.failAfter(7); // the market, the proposal, four votes and one settlement, then the disk is full
            assertThrows(RuntimeException.class, () -> node.runSlot(0, MARKETS[0]));
            assertEquals(books, books(node));
            assertEquals(-1, node.lastSlot());
            l.heal();
            SlotReport r = node.runSlot(0, MARKETS[0]);
            assertTrue(r.isFinal());
            Settlement s = r.settlements().get(0);
            assertEquals(s, node.proof(s.evId(), 0).orElseThrow().settlement());
        }
        VerificationResult v = LedgerVerifier.verify(dir, sealer.getPublic());
        assertTrue(v.ok(), v.message());
    }

    @Test
    void aNodeStoppedInTheMiddleOfASlotLeavesAnAttemptThatTheNextNodeAborts() {
        Map<String, List<Double>> books;
        try (FailingLedger l = new FailingLedger(open())) {
            AggregatorNode node = node(l);
            plugInAll(node);
            node.runSlot(0, MARKETS[0]);
            books = books(node);
            l.failAfter(9);
            assertThrows(RuntimeException.class, () -> node.runSlot(1, MARKETS[1]));
            l.flush(); // the half slot is durable; the process dies here without closing the node
        }
        try (SlotLedger l = open(); AggregatorNode node = node(l)) {
            assertEquals(0, node.lastSlot());
            assertEquals(books, books(node));
            assertTrue(node.runSlot(1, MARKETS[1]).isFinal());
        }
        VerificationResult v = LedgerVerifier.verify(dir, sealer.getPublic());
        assertTrue(v.ok(), v.message());
    }

    @Test
    void oneLedgerHoldsOneLiveNodeAndNodesThatComeAndGoReuseOneProducer() {
        try (SlotLedger l = RingBufferSlotLedger.open(LedgerConfig.of(dir, sealer).withMaxProducers(2))) {
            AggregatorNode first = node(l);
            IllegalStateException twice = assertThrows(IllegalStateException.class, () -> node(l));
            assertTrue(twice.getMessage().contains("already open on this ledger"), twice.getMessage());
            first.close();
            for (int i = 0; i < 100; i++) { // more nodes than the ledger has producers
                try (AggregatorNode n = node(l)) {
                    assertEquals(-1, n.lastSlot());
                }
            }
            l.newProducer(); // the second producer was never taken by a node
        }
    }

    @Test
    void misuseFailsAtTheCallThatIsWrong() {
        assertEquals("proposer", assertThrows(InvalidInputException.class, () -> AggregatorNode.builder(null)).field());
        AggregatorNode.Builder b = AggregatorNode.builder(SIMD);
        assertEquals("quorum", assertThrows(InvalidInputException.class, () -> b.quorum(-1)).field());
        assertEquals("scps", assertThrows(InvalidInputException.class, () -> b.scps(List.of())).field());
        assertEquals("a", assertThrows(InvalidInputException.class, () -> b.defaultA(Double.NaN)).field());
        assertEquals("ledger", assertThrows(InvalidInputException.class, () -> b.ledger(null)).field());
        InvalidInputException tooMany = assertThrows(InvalidInputException.class,
                () -> AggregatorNode.builder(SIMD).scps(scps).quorum(5).build());
        assertEquals("quorum", tooMany.field());
        AggregatorNode node = AggregatorNode.builder(SIMD).scps(scps).build();
        node.close();
        assertThrows(IllegalStateException.class, () -> node.runSlot(0, MARKETS[0]));
    }
}
