package org.v2g.replica;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.v2g.kernel.internal.CanonicalRevenue;
import org.v2g.kernel.Fleet;
import org.v2g.kernel.Kernels;
import org.v2g.kernel.Market;
import org.v2g.kernel.SlotResult;
import org.v2g.kernel.SlotSolver;
import org.v2g.ledger.ScpVote;
import org.v2g.ledger.SlotSolution;
import org.v2g.node.AggregatorNode;
import org.v2g.node.internal.CanonicalSolution;
import org.v2g.node.EvWallet;
import org.v2g.node.Scp;
import org.v2g.node.SlotReport;
import org.v2g.ledger.Ed25519;
import org.v2g.partition.PartitionedSolver;
import org.v2g.replica.ReplicaRecords.Event;
import org.v2g.replica.ReplicaRecords.EventKind;

/**
 * Honest SCPs agree whatever their solver, vector width or JVM flags, and a liar is still caught: one
 * child JVM per vector configuration (no incubator module, 128, 256 and 512-bit species, one of them
 * with C1 only) computes, for seeded slots and near-ties, every solver's vote and every replica SCP's
 * log entry ({@link VoteChild}); this JVM compares the votes and feeds mixed SCP entries to replicas.
 */
class CanonicalVotesAcrossJvmsTest {
    /** Child JVM name → extra flags; each must end up with the vector width its name says. */
    private static final Map<String, List<String>> JVMS = new LinkedHashMap<>();

    static {
        JVMS.put("no-vector-module", List.of());
        JVMS.put("simd-128", List.of("--add-modules", "jdk.incubator.vector", "-Dv2g.vector.bits=128"));
        JVMS.put("simd-256-c1", List.of("--add-modules", "jdk.incubator.vector", "-Dv2g.vector.bits=256",
                "-XX:TieredStopAtLevel=1"));
        JVMS.put("simd-512", List.of("--add-modules", "jdk.incubator.vector", "-Dv2g.vector.bits=512"));
    }

    private static final Map<String, String> EXPECTED_JVM = Map.of("no-vector-module", "jvm false 1",
            "simd-128", "jvm true 2", "simd-256-c1", "jvm true 4", "simd-512", "jvm true 8");

    private static final List<VoteCases.Case> CASES = VoteCases.all();
    /** Per JVM: the lines it printed. */
    private static final Map<String, List<String>> OUTPUT = new LinkedHashMap<>();

    @BeforeAll
    static void runChildren() throws Exception {
        long start = System.nanoTime();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Map<String, Process> running = new LinkedHashMap<>();
        for (var jvm : JVMS.entrySet()) {
            List<String> command = new ArrayList<>(List.of(java, "--add-exports",
                    "java.base/jdk.internal.misc=ALL-UNNAMED", "-XX:+UseSerialGC"));
            command.addAll(jvm.getValue());
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), VoteChild.class.getName()));
            running.put(jvm.getKey(), new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start());
        }
        for (var p : running.entrySet()) {
            String text = read(p.getValue());
            assertTrue(p.getValue().waitFor(120, TimeUnit.SECONDS), p.getKey() + " did not finish");
            assertEquals(0, p.getValue().exitValue(), p.getKey() + " failed: " + text);
            OUTPUT.put(p.getKey(), text.lines().toList());
        }
        System.out.printf("%d child JVMs, %d slots: %.1f s%n", JVMS.size(), CASES.size(),
                (System.nanoTime() - start) / 1e9);
    }

    private static String read(Process p) throws IOException {
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void eachChildHasTheVectorConfigurationItWasStartedFor() {
        for (var e : OUTPUT.entrySet()) {
            assertEquals(EXPECTED_JVM.get(e.getKey()), e.getValue().get(0), e.getKey());
        }
    }

    /** Every grid solver in every JVM signs the same hash; the exact solver agrees with itself everywhere. */
    @Test
    void honestVotesAgreeAcrossSolversWidthsAndJvms() {
        assertEquals(VoteCases.ORDINARY + VoteCases.NEAR_TIES, CASES.size(), "cases: " + CASES);
        Set<String> splitTies = new TreeSet<>();
        for (VoteCases.Case c : CASES) {
            Set<String> grid = new TreeSet<>();
            Set<String> exact = new TreeSet<>();
            Set<Integer> rawK = new TreeSet<>();
            for (var e : OUTPUT.entrySet()) {
                for (String[] v : lines(e.getValue(), "vote", c.name())) {
                    if (v[2].equals("exact")) {
                        exact.add(v[4]);
                    } else {
                        grid.add(v[4]);
                        rawK.add(Integer.parseInt(v[3]));
                    }
                }
            }
            assertEquals(Set.of(gridHash(c)), grid, c.name() + ": grid solvers' votes (own k " + rawK + ")");
            assertEquals(1, exact.size(), c.name() + ": exact votes " + exact);
            if (rawK.size() > 1) {
                splitTies.add(c.name());
            }
        }
        assertFalse(splitTies.isEmpty(), "no case split the solvers' own k: the near-ties test nothing");
        assertTrue(splitTies.stream().allMatch(n -> n.startsWith("tie")), "only near-ties may split: " + splitTies);
    }

    /** Replicas fed SCP entries from different JVMs and solvers: every partial passes, all four votes match. */
    @Test
    void replicasAcceptMixedHonestScpsAndFinaliseWithEveryVote() {
        List<String> jvms = List.copyOf(OUTPUT.keySet());
        List<String> solvers = VoteCases.GRID_SOLVERS;
        int runs = 0;
        for (int ci = 0; ci < CASES.size(); ci++) {
            VoteCases.Case c = CASES.get(ci);
            for (int rotation = 0; rotation < 2; rotation++) {
                SlotMachine machine = VoteCases.open(c);
                List<String> from = new ArrayList<>();
                for (int scp = 0; scp < 4; scp++) {
                    String jvm = jvms.get((scp + rotation) % jvms.size());
                    String solver = solvers.get((scp + 2 * rotation + ci) % solvers.size());
                    from.add(jvm + "/" + solver);
                    machine.apply(turn(jvm, c, solver, scp));
                }
                String what = c.name() + " SCPs " + from + " events " + machine.events();
                SlotSolution fin = machine.finals().get(0L);
                assertTrue(fin != null, what);
                assertEquals(gridHash(c), HexFormat.of().formatHex(fin.hash()), what);
                assertEquals(List.of(), machine.events(), what);
                runs++;
            }
        }
        assertEquals(2 * CASES.size(), runs);
    }

    @Test
    void aReplicaStillCatchesAWrongPartialAWrongIndexAndAWrongRevenue() {
        for (VoteCases.Case c : CASES.subList(0, VoteCases.ORDINARY)) {
            // A partial one CNY too high: refused, its share moves to SCP 0, which then delivers it.
            SlotMachine m = honestTurns(c);
            ScpAgent liar = new ScpAgent(3, VoteCases.key(3), Behaviour.WRONG_PARTIAL);
            m.apply(liar.due(m.work().orElseThrow(), 0).orElseThrow().toBytes());
            assertEquals(List.of(EventKind.WRONG_PARTIAL), kinds(m), c.name());
            assertEquals(0, m.events().get(0).other(), c.name());
            ScpAgent helper = new ScpAgent(0, VoteCases.key(0), Behaviour.HONEST, Kernels.simd(), VoteCases.scalar());
            m.apply(helper.due(m.work().orElseThrow(), ScpAgent.RESEND_NANOS).orElseThrow().toBytes());
            assertEquals(gridHash(c), HexFormat.of().formatHex(m.finals().get(0L).hash()), c.name() + m.events());

            // A vote for another grid index, canonically evaluated: out-voted.
            // (The liar's entry comes first: after the third honest one its vote would come too late to count.)
            m = VoteCases.open(c);
            m.apply(new ScpAgent(3, VoteCases.key(3), Behaviour.WRONG_VOTE).due(m.work().orElseThrow(), 0)
                    .orElseThrow().toBytes());
            honestTurns(c, m);
            assertEquals(gridHash(c), HexFormat.of().formatHex(m.finals().get(0L).hash()), c.name() + m.events());
            assertEquals(List.of(EventKind.VOTE_OUTVOTED), kinds(m), c.name());

            // The honest index with a revenue one ulp off: rejected at once, and the share's partial still counts.
            m = VoteCases.open(c);
            SlotWork work = m.work().orElseThrow();
            SlotSolution honest = CanonicalSolution.record(0,
                    CanonicalSolution.recompute(VoteCases.scalar(), work.fleet(), work.market()));
            SlotSolution off = new SlotSolution(0, honest.k(), honest.charging(), honest.discharging(), honest.idle(),
                    honest.price(), Math.nextUp(honest.revenue()));
            ScpAgent share = new ScpAgent(3, VoteCases.key(3), Behaviour.HONEST);
            List<Frame> frames = new ArrayList<>(share.due(work, 0).orElseThrow().frames());
            frames.set(frames.size() - 2, Frame.of(off));
            frames.set(frames.size() - 1, Frame.of(ScpVote.signed(off, 3, VoteCases.key(3).getPrivate())));
            m.apply(new LogBatch(frames).toBytes());
            honestTurns(c, m);
            assertEquals(List.of(EventKind.REJECTED), kinds(m), c.name());
            assertEquals(3, m.events().get(0).scp());
            assertEquals(gridHash(c), HexFormat.of().formatHex(m.finals().get(0L).hash()), c.name() + m.events());
        }
    }

    /** The one-machine node: SCPs with every grid solver all match; a liar's wrong index is out-voted. */
    @Test
    void aNodeWithEveryGridSolverAgreesAndOutvotesALiar() {
        for (VoteCases.Case c : CASES) {
            List<SlotSolver> solvers = new ArrayList<>();
            VoteCases.GRID_SOLVERS.forEach(n -> solvers.add(VoteCases.solver(n)));
            try {
                List<Scp> scps = new ArrayList<>();
                for (int i = 0; i < solvers.size(); i++) {
                    scps.add(new Scp(i, 1, Ed25519.generate(), solvers.get(i)));
                }
                scps.add(new Scp(solvers.size(), 1, Ed25519.generate(), halfwayIndex()));
                // Every honest SCP must match: quorum = all five of them.
                AggregatorNode node = AggregatorNode.builder(solvers.get(2)).scps(scps).quorum(solvers.size()).build();
                plugIn(node, c.fleet());
                SlotReport r = node.runSlot(0, c.market());
                assertTrue(r.isFinal(), c.name());
                assertFalse(r.outvoted(), c.name());
                assertEquals(solvers.size(), r.matchingVotes(), c.name());
                assertEquals(solvers.size() + 1, r.votes(), c.name());
                assertEquals(gridHash(c), HexFormat.of().formatHex(CanonicalSolution.record(0, r.result()).hash()));

                // The liar proposing: out-voted by the honest five.
                AggregatorNode lied = AggregatorNode.builder(halfwayIndex()).scps(scps).quorum(solvers.size()).build();
                plugIn(lied, c.fleet());
                SlotReport l = lied.runSlot(0, c.market());
                assertTrue(l.isFinal() && l.outvoted(), c.name());
                assertEquals(gridHash(c), HexFormat.of().formatHex(CanonicalSolution.record(0, l.result()).hash()));
            } finally {
                for (SlotSolver s : solvers) {
                    if (s instanceof PartitionedSolver pool) {
                        pool.close();
                    }
                }
            }
        }
    }

    // ---- helpers ----

    /** The canonical vote of this JVM's scalar solver for the case. */
    private static String gridHash(VoteCases.Case c) {
        SlotWork w = VoteCases.open(c).work().orElseThrow();
        SlotResult r = CanonicalSolution.recompute(VoteCases.scalar(), w.fleet(), w.market());
        return HexFormat.of().formatHex(CanonicalSolution.record(0, r).hash());
    }

    /** SCPs 0–2 honest, from three different child JVMs and solvers. */
    private static SlotMachine honestTurns(VoteCases.Case c) {
        SlotMachine m = VoteCases.open(c);
        honestTurns(c, m);
        assertTrue(m.finals().isEmpty(), "three SCPs' shares: the fourth is still owed");
        return m;
    }

    private static void honestTurns(VoteCases.Case c, SlotMachine m) {
        List<String> jvms = List.copyOf(OUTPUT.keySet());
        for (int scp = 0; scp < 3; scp++) {
            m.apply(turn(jvms.get(scp), c, VoteCases.GRID_SOLVERS.get(scp + 1), scp));
        }
    }

    private static byte[] turn(String jvm, VoteCases.Case c, String solver, int scp) {
        for (String[] t : lines(OUTPUT.get(jvm), "turn", c.name())) {
            if (t[2].equals(solver) && t[3].equals(String.valueOf(scp))) {
                return HexFormat.of().parseHex(t[4]);
            }
        }
        throw new AssertionError("no turn of " + solver + " scp " + scp + " for " + c.name() + " in " + jvm);
    }

    private static List<String[]> lines(List<String> output, String kind, String caseName) {
        return output.stream().map(l -> l.split(" ")).filter(p -> p[0].equals(kind) && p[1].equals(caseName))
                .collect(Collectors.toList());
    }

    private static List<EventKind> kinds(SlotMachine m) {
        return m.events().stream().map(Event::kind).toList();
    }

    private static void plugIn(AggregatorNode node, Fleet fleet) {
        for (int i = 0; i < fleet.size(); i++) {
            EvWallet w = EvWallet.create(fleet.id(i), fleet.capacity(i));
            node.plugIn(w.registration(), w.preferences(0, fleet.beta(i), fleet.uIdle(i), fleet.energy(i)), fleet.a(i));
        }
    }

    /** A liar: the grid index halfway to the honest one, far from any near-tie. */
    private static SlotSolver halfwayIndex() {
        return new SlotSolver() {
            @Override
            public String name() {
                return "liar";
            }

            @Override
            public SlotResult solve(Fleet f, Market m, boolean withDispatch) {
                int k = VoteCases.scalar().solve(f, m).k() / 2;
                return CanonicalRevenue.of(f, m).at(k, "liar", withDispatch);
            }
        };
    }
}
