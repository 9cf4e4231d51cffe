package org.v2g.replica;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.v2g.kernel.Kernels;
import org.v2g.kernel.SlotResult;
import org.v2g.kernel.SlotSolver;
import org.v2g.node.internal.CanonicalSolution;
import org.v2g.partition.PartitionedSolver;

/**
 * The process {@link CanonicalVotesAcrossJvmsTest} starts once per vector configuration: for every
 * case of {@link VoteCases} and every solver it prints what an SCP would sign.
 *
 * <ul>
 *   <li>{@code jvm <vector available> <lanes>}: the configuration this JVM really has;</li>
 *   <li>{@code vote <case> <solver> <the solver's own k> <solution hash>}: the one-machine node's vote
 *       ({@link CanonicalSolution});</li>
 *   <li>{@code turn <case> <solver> <scp> <hex>}: the replica SCP's whole log entry (signed partials,
 *       solution, signed vote) for SCP {@code scp} of {@link VoteCases#config}.</li>
 * </ul>
 */
public final class VoteChild {
    private VoteChild() {
    }

    public static void main(String[] args) throws Exception {
        HexFormat hex = HexFormat.of();
        StringBuilder out = new StringBuilder();
        out.append("jvm ").append(Kernels.vectorAvailable()).append(' ').append(Kernels.lanes()).append('\n');
        List<VoteCases.Case> cases = VoteCases.all();
        for (String name : VoteCases.SOLVERS) {
            SlotSolver solver = VoteCases.solver(name);
            try {
                for (VoteCases.Case c : cases) {
                    SlotMachine machine = VoteCases.open(c);
                    SlotWork work = machine.work().orElseThrow();
                    SlotResult found = solver.solve(work.fleet(), work.market(), true);
                    SlotResult signed = CanonicalSolution.of(work.fleet(), work.market(), found);
                    out.append("vote ").append(c.name()).append(' ').append(name).append(' ').append(found.k())
                            .append(' ').append(hex.formatHex(CanonicalSolution.record(0, signed).hash())).append('\n');
                    if (!VoteCases.GRID_SOLVERS.contains(name)) {
                        continue;
                    }
                    SlotSolver once = solvedAlready(solver, work, found);
                    for (int scp = 0; scp < 4; scp++) {
                        ScpAgent agent = new ScpAgent(scp, VoteCases.key(scp), Behaviour.HONEST, VoteCases.kernel(name),
                                once);
                        Optional<LogBatch> turn = agent.due(work, 0);
                        out.append("turn ").append(c.name()).append(' ').append(name).append(' ').append(scp)
                                .append(' ').append(hex.formatHex(turn.orElseThrow().toBytes())).append('\n');
                    }
                }
            } finally {
                if (solver instanceof PartitionedSolver pool) {
                    pool.close();
                }
            }
        }
        System.out.print(out);
        System.out.flush();
    }

    /** {@code solver}, answering {@code found} for {@code work}'s slot without solving it again (four SCPs, one solve). */
    private static SlotSolver solvedAlready(SlotSolver solver, SlotWork work, SlotResult found) {
        return new SlotSolver() {
            @Override
            public String name() {
                return solver.name();
            }

            @Override
            public SlotResult solve(org.v2g.kernel.Fleet fleet, org.v2g.kernel.Market market, boolean withDispatch) {
                return fleet == work.fleet() && market == work.market() ? found : solver.solve(fleet, market, withDispatch);
            }
        };
    }
}
