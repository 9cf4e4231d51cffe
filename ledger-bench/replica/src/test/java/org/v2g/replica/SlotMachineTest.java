package org.v2g.replica;

import org.v2g.node.internal.SeededKeys;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.v2g.kernel.FastSolver;
import org.v2g.kernel.Kernels;
import org.v2g.kernel.SlotResult;
import org.v2g.ledger.Ed25519;
import org.v2g.ledger.RecordType;
import org.v2g.ledger.ScpVote;
import org.v2g.ledger.Settlement;
import org.v2g.ledger.SettlementProof;
import org.v2g.ledger.SlotSolution;
import org.v2g.partition.ChunkPolicy;
import org.v2g.replica.ReplicaRecords.Deadline;
import org.v2g.replica.ReplicaRecords.Event;
import org.v2g.replica.ReplicaRecords.EventKind;

/**
 * Apply without Raft: the same log handed to several replicas, SCPs honest or not. Every batch is
 * applied to every replica in the same order, as Raft would.
 */
class SlotMachineTest {
    private static final int SLOTS = 6;
    private static final DayFeed FEED = DayFeed.caseStudy(150, 11, SLOTS);

    /** Four SCPs of equal capacity with keys from a fixed seed. */
    private static ClusterConfig config(List<KeyPair> keys) {
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            keys.add(SeededKeys.derive(99, "scp" + i));
            members.add(new Member(i, "127.0.0.1", 9000 + i, 1.0, keys.get(i).getPublic()));
        }
        return ClusterConfig.of(members);
    }

    /** Runs the feed's slots over {@code replicas} with SCP {@code i} acting as {@code behaviours[i]}. */
    private static List<SlotMachine> run(int replicas, Behaviour... behaviours) {
        List<KeyPair> keys = new ArrayList<>();
        ClusterConfig config = config(keys);
        List<SlotMachine> machines = new ArrayList<>();
        for (int r = 0; r < replicas; r++) {
            machines.add(new SlotMachine(config));
        }
        List<ScpAgent> agents = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            agents.add(new ScpAgent(i, keys.get(i), behaviours[i]));
        }
        long now = 0;
        SlotMachine first = machines.get(0);
        for (int s = 0; s < SLOTS; s++) {
            applyAll(machines, FEED.openBatch(s, first).toBytes());
            for (int round = 0; round < 10 && first.hasOpenSlot(); round++) {
                boolean any = false;
                for (ScpAgent a : agents) {
                    Optional<SlotWork> work = first.work();
                    if (work.isEmpty()) {
                        break;
                    }
                    Optional<LogBatch> due = a.due(work.get(), now);
                    if (due.isPresent()) {
                        applyAll(machines, due.get().toBytes());
                        any = true;
                    }
                }
                if (!any && first.hasOpenSlot()) {
                    applyAll(machines, LogBatch.of(Frame.of(new Deadline(s))).toBytes());
                }
                now += ScpAgent.RESEND_NANOS / 10;
            }
        }
        return machines;
    }

    private static void applyAll(List<SlotMachine> machines, byte[] entry) {
        for (SlotMachine m : machines) {
            m.apply(entry);
        }
    }

    private static List<Event> events(SlotMachine m, EventKind kind) {
        return m.events().stream().filter(e -> e.kind() == kind).toList();
    }

    private static final Behaviour H = Behaviour.HONEST;

    @Test
    void replicasOfTheSameLogHoldByteIdenticalChainsWithProvableSettlements() {
        List<SlotMachine> replicas = run(3, H, H, H, H);
        SlotMachine a = replicas.get(0);
        assertEquals(SLOTS - 1, a.lastSlot());
        for (SlotMachine other : replicas) {
            assertEquals(a.headers(), other.headers());
            assertArrayEquals(a.headHash(), other.headHash());
        }
        assertTrue(ChainCheck.chainHolds(a.headers()));
        // Every slot of the feed has EVs plugged in (as the one-machine node counts them on the same plan)
        // and four honest SCPs vote alike, over the quorum of 3: so every slot, 0..5, is final, and none
        // closes empty or without a quorum.
        for (int s = 0; s < SLOTS; s++) {
            assertTrue(presentEvs(s) > 0, "slot " + s + " of the feed has no EV");
        }
        assertEquals(LongStream.range(0, SLOTS).boxed().collect(Collectors.toCollection(TreeSet::new)),
                new TreeSet<>(a.finals().keySet()), a.events().toString());
        assertTrue(events(a, EventKind.EMPTY_SLOT).isEmpty(), a.events().toString());
        assertTrue(events(a, EventKind.NO_QUORUM).isEmpty(), a.events().toString());
        assertTrue(events(a, EventKind.REJECTED).isEmpty(), a.events().toString());
        for (int h = 0; h < a.height(); h++) {
            boolean hasFinality = a.block(h).stream().anyMatch(f -> f.type() == ReplicaRecords.FINALITY);
            assertEquals(hasFinality, ChainCheck.finalityHolds(a.block(h), a.config()), "block " + h);
        }
        assertEquals(a.finals().size(), countType(a, ReplicaRecords.FINALITY));
        // A settlement proof leads to a header of the chain.
        long slot = a.finals().keySet().iterator().next();
        String ev = firstSettledEv(a, slot);
        SettlementProof proof = a.proof(ev, slot).orElseThrow();
        assertTrue(ChainCheck.proofHolds(proof, a.headers()));
        assertEquals(ev, proof.settlement().evId());
        // The replica's ledger view gives the same chain, records and proof.
        ReplicatedLedger view = new ReplicatedLedger(replicas.get(1));
        assertEquals(a.headers(), view.headers());
        assertEquals(a.records(), view.durableRecordCount());
        assertArrayEquals(proof.toBytes(), view.proof(ev, slot).orElseThrow().toBytes());
        // A proof against a chain with one header changed does not hold.
        List<org.v2g.ledger.BlockHeader> forged = new ArrayList<>(a.headers());
        org.v2g.ledger.BlockHeader h = forged.get((int) proof.height());
        byte[] root = h.merkleRoot();
        root[0] ^= 1;
        forged.set((int) proof.height(), new org.v2g.ledger.BlockHeader(h.height(), h.firstSequence(),
                h.timestampMicros(), h.recordCount(), h.recordsLength(), h.previousHash(), root, h.signature()));
        assertFalse(ChainCheck.proofHolds(proof, forged));
    }

    @Test
    void finalSolutionIsTheOptimumEverySCPRecomputes() {
        SlotMachine a = run(1, H, H, H, H).get(0);
        // Replay the log's fleets: the final solution of the last slot equals a fresh scalar solve.
        SlotMachine probe = new SlotMachine(a.config());
        List<SlotSolution> solved = new ArrayList<>();
        for (int s = 0; s < SLOTS; s++) {
            probe.apply(FEED.openBatch(s, probe).toBytes());
            Optional<SlotWork> w = probe.work();
            if (w.isPresent()) {
                SlotResult r = new FastSolver(Kernels.scalar()).solve(w.get().fleet(), w.get().market());
                solved.add(SlotMachine.solution(s, w.get().fleet(), w.get().market(), r));
                // Close the probe's slot the way an empty vote round would: a new slot ends it.
            }
        }
        // The probe's fleets diverge from the real day after the first settlement (energies move), so
        // only the first slot with EVs is comparable.
        SlotSolution expected = solved.get(0);
        assertEquals(expected, a.finals().get(expected.slot()));
    }

    @Test
    void theReplicatedDaySettlesLikeTheOneMachineNode() {
        SlotMachine replicated = run(1, H, H, H, H).get(0);
        Map<Long, Map<String, byte[]>> nodeSettlements = new HashMap<>();
        Map<Long, Map<String, Integer>> nodeBranches = new HashMap<>();
        org.v2g.node.DayResult oneMachine = org.v2g.node.TradingDay
                .withoutLedger(new FastSolver(Kernels.scalar()), (slot, report) -> report.settlements().stream()
                        .filter(st -> st.slot() < SLOTS) // the replicated run covers the first SLOTS slots
                        .forEach(st -> {
                            nodeSettlements.computeIfAbsent(st.slot(), x -> new HashMap<>()).put(st.evId(), st.toBytes());
                            nodeBranches.computeIfAbsent(st.slot(), x -> new HashMap<>())
                                    .put(st.evId(), (int) Math.signum(st.x()));
                        }))
                .run(FEED.plan());
        Map<Long, Map<String, byte[]>> replicaSettlements = new HashMap<>();
        replicated.forEachRecord((seq, type, buf, off, len) -> {
            if (type == RecordType.SETTLEMENT.id()) {
                Settlement st = Settlement.decode(buf, off);
                replicaSettlements.computeIfAbsent(st.slot(), x -> new HashMap<>()).put(st.evId(), st.toBytes());
            }
        });
        // The money: every EV's settlement in every slot, byte for byte (one rule, SettlementRule, in both).
        assertEquals(nodeSettlements.keySet(), replicaSettlements.keySet());
        TreeSet<Integer> branches = new TreeSet<>(); // signs of x compared: charge, discharge, idle
        for (var slot : nodeSettlements.entrySet()) {
            Map<String, byte[]> replica = replicaSettlements.get(slot.getKey());
            assertEquals(slot.getValue().keySet(), replica.keySet(), "slot " + slot.getKey());
            for (var ev : slot.getValue().entrySet()) {
                assertArrayEquals(ev.getValue(), replica.get(ev.getKey()), "slot " + slot.getKey() + " " + ev.getKey());
                branches.add(nodeBranches.get(slot.getKey()).get(ev.getKey()));
            }
        }
        // Each branch of SPEC section 4's rule is among the records compared, so an edit to any one shows.
        assertEquals(new TreeSet<>(List.of(-1, 0, 1)), branches, "branches of the money rule compared");
        int compared = 0;
        for (int s = 0; s < SLOTS; s++) {
            org.v2g.node.SlotOutcome o = oneMachine.slots().get(s);
            SlotSolution r = replicated.finals().get((long) s);
            if (o.present() == 0) {
                assertEquals(null, r, "slot " + s + " has no EV");
                continue;
            }
            // Same fleet, same grid point; the fleet's order differs (EV id vs plug-in order), so the
            // revenue may differ in its last bits only.
            assertEquals(o.result().k(), r.k(), "slot " + s);
            assertEquals(o.result().price(), r.price(), "slot " + s);
            assertEquals(o.result().revenue(), r.revenue(), 1e-9 * Math.max(1, Math.abs(r.revenue())), "slot " + s);
            assertEquals(o.result().charging(), r.charging(), "slot " + s);
            assertEquals(o.result().discharging(), r.discharging(), "slot " + s);
            compared++;
        }
        assertTrue(compared > 0, "no slot with EVs in the first " + SLOTS);
    }

    @Test
    void aWrongPartialResultIsCaughtItsShareMovesAndTheSlotStillSettles() {
        Map<Long, SlotSolution> honest = run(1, H, H, H, H).get(0).finals();
        List<SlotMachine> replicas = run(2, H, Behaviour.WRONG_PARTIAL, H, H);
        SlotMachine m = replicas.get(0);
        assertEquals(honest, m.finals());
        List<Event> caught = events(m, EventKind.WRONG_PARTIAL);
        assertEquals(honest.size(), caught.size(), m.events().toString());
        caught.forEach(e -> assertEquals(1, e.scp()));
        caught.forEach(e -> assertEquals(2, e.other(), "the share moves to the next SCP"));
        assertEquals(m.headers(), replicas.get(1).headers());
        // No partial result of the liar is in the chain: every one it sent was refused.
        List<Integer> signers = new ArrayList<>();
        m.forEachRecord((seq, type, buf, off, len) -> {
            if (type == ReplicaRecords.SIGNED_PARTIAL) {
                byte[] bytes = new byte[len];
                buf.getBytes(off, bytes);
                signers.add(ReplicaRecords.SignedPartial.decode(bytes).partial().workerId());
            }
        });
        assertFalse(signers.isEmpty());
        assertFalse(signers.contains(1), signers.toString());
    }

    @Test
    void aWrongVoteIsOutvotedAndRecorded() {
        Map<Long, SlotSolution> honest = run(1, H, H, H, H).get(0).finals();
        SlotMachine m = run(1, H, H, Behaviour.WRONG_VOTE, H).get(0);
        assertEquals(honest, m.finals());
        List<Event> outvoted = events(m, EventKind.VOTE_OUTVOTED);
        assertEquals(honest.size(), outvoted.size(), m.events().toString());
        outvoted.forEach(e -> assertEquals(2, e.scp()));
    }

    @Test
    void aPartialThatHidesTheOptimumLosesToTheVotesAndIsBlamed() {
        SlotMachine honestRun = run(1, H, H, H, H).get(0);
        long slot = honestRun.finals().keySet().stream().sorted().findFirst().orElseThrow();
        SlotSolution truth = honestRun.finals().get(slot);
        // The SCP whose share holds the optimum of that slot is the one that can hide it.
        int grid = gridSize(honestRun, slot);
        int[] bounds = ChunkPolicy.bounds(grid, new double[] {1, 1, 1, 1});
        int holder = 0;
        while (!(bounds[holder] <= truth.k() && truth.k() < bounds[holder + 1])) {
            holder++;
        }
        Behaviour[] b = {H, H, H, H};
        b[holder] = Behaviour.HIDING_PARTIAL;
        SlotMachine m = run(1, b).get(0);
        assertEquals(truth, m.finals().get(slot), "the quorum's solution is final, not the grid work's");
        assertTrue(events(m, EventKind.PROPOSAL_OUTVOTED).stream().anyMatch(e -> e.slot() == slot), m.events().toString());
        int liar = holder;
        assertTrue(events(m, EventKind.PARTIAL_OUTVOTED).stream().anyMatch(e -> e.slot() == slot && e.scp() == liar),
                m.events().toString());
    }

    @Test
    void aSilentScpsShareMovesAtTheDeadline() {
        Map<Long, SlotSolution> honest = run(1, H, H, H, H).get(0).finals();
        SlotMachine m = run(1, H, H, H, Behaviour.SILENT).get(0);
        assertEquals(honest, m.finals());
        List<Event> moved = events(m, EventKind.SILENT_REASSIGNED);
        assertEquals(honest.size(), moved.size(), m.events().toString());
        moved.forEach(e -> assertEquals(3, e.scp()));
    }

    @Test
    void twoLiarsAgreeingOnAWrongSolutionCannotMakeItFinal() {
        SlotMachine m = run(1, H, Behaviour.WRONG_VOTE, Behaviour.WRONG_VOTE, H).get(0);
        assertTrue(m.finals().isEmpty(), "a solution became final without a quorum of honest votes: " + m.finals());
        assertFalse(events(m, EventKind.NO_QUORUM).isEmpty(), m.events().toString());
        assertEquals(0, countType(m, RecordType.SETTLEMENT.id()), "nothing is settled without a quorum");
    }

    @Test
    void entriesThatAreNotBatchesOrCarryForgedVotesAreRejectedAlike() {
        List<KeyPair> keys = new ArrayList<>();
        ClusterConfig config = config(keys);
        SlotMachine a = new SlotMachine(config);
        SlotMachine b = new SlotMachine(config);
        for (SlotMachine m : List.of(a, b)) {
            m.apply(new byte[] {1, 2, 3});
            m.apply(FEED.openBatch(0, m).toBytes());
        }
        SlotWork work = a.work().orElseThrow();
        SlotResult r = new FastSolver(Kernels.scalar()).solve(work.fleet(), work.market());
        SlotSolution s = SlotMachine.solution(work.slot(), work.fleet(), work.market(), r);
        ScpVote forged = ScpVote.signed(s, 0, Ed25519.generate().getPrivate()); // not SCP 0's key
        byte[] entry = LogBatch.of(Frame.of(s), Frame.of(forged)).toBytes();
        a.apply(entry);
        b.apply(entry);
        assertTrue(a.work().orElseThrow().voted().isEmpty(), "a forged vote was counted");
        assertEquals(2, events(a, EventKind.REJECTED).size(), a.events().toString());
        assertEquals(a.events(), b.events());
    }

    /** EVs plugged in during slot {@code s} of the feed, as the one-machine node counts them. */
    private static int presentEvs(int s) {
        return ONE_MACHINE.slots().get(s).present();
    }

    /** The feed's day on the one-machine node, without a ledger: the twin the replicated day is held to. */
    private static final org.v2g.node.DayResult ONE_MACHINE = org.v2g.node.TradingDay
            .withoutLedger(new FastSolver(Kernels.scalar()), org.v2g.node.SlotListener.NONE).run(FEED.plan());

    private static long countType(SlotMachine m, int type) {
        long[] n = {0};
        m.forEachRecord((seq, t, buf, off, len) -> {
            if (t == type) {
                n[0]++;
            }
        });
        return n[0];
    }

    private static String firstSettledEv(SlotMachine m, long slot) {
        String[] id = {null};
        m.forEachRecord((seq, t, buf, off, len) -> {
            if (t == RecordType.SETTLEMENT.id() && id[0] == null) {
                org.v2g.ledger.Settlement st = org.v2g.ledger.Settlement.decode(buf, off);
                if (st.slot() == slot) {
                    id[0] = st.evId();
                }
            }
        });
        return id[0];
    }

    private static int gridSize(SlotMachine m, long slot) {
        SlotMachine probe = new SlotMachine(m.config());
        for (int s = 0; s <= slot; s++) {
            probe.apply(FEED.openBatch(s, probe).toBytes());
        }
        return org.v2g.kernel.PreparedSlot.of(probe.work().orElseThrow().fleet(), probe.work().orElseThrow().market())
                .grid().size();
    }
}
