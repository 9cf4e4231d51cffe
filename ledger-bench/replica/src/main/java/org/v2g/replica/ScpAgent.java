package org.v2g.replica;

import java.security.KeyPair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.v2g.kernel.internal.CanonicalRevenue;
import org.v2g.kernel.FastSolver;
import org.v2g.kernel.GridPoint;
import org.v2g.kernel.Kernels;
import org.v2g.kernel.PreparedSlot;
import org.v2g.kernel.RevenueKernel;
import org.v2g.kernel.SlotResult;
import org.v2g.kernel.SlotSolver;
import org.v2g.ledger.PartialResult;
import org.v2g.ledger.ScpVote;
import org.v2g.ledger.SlotSolution;
import org.v2g.node.internal.CanonicalSolution;
import org.v2g.replica.ReplicaRecords.SignedPartial;

/**
 * What one SCP computes for the open slot it sees on its own replica: its signed partial result over
 * each share it owns, and its signed vote after recomputing the whole slot itself. It searches with
 * its own kernel and solver (any vector width, any JVM flags) and reports what it found in the
 * canonical form of {@link CanonicalRevenue}, which every replica reproduces bit for bit: a partial's
 * best index with near-ties inside the share resolved canonically and its canonical revenue, a vote
 * for {@link CanonicalSolution}'s record.
 *
 * <p>Not thread-safe: one node thread drives it.
 */
final class ScpAgent {
    /** How long a submission may stay unapplied before it is sent again (a leader change lost it). */
    static final long RESEND_NANOS = 3_000_000_000L;

    private final int id;
    private final KeyPair keys;
    private final Behaviour behaviour;
    private final RevenueKernel kernel;
    private final SlotSolver solver;
    private final Map<String, Long> sent = new HashMap<>();
    private long slot = -1;

    /** An SCP that searches with the scalar kernel. */
    ScpAgent(int id, KeyPair keys, Behaviour behaviour) {
        this(id, keys, behaviour, Kernels.scalar(), new FastSolver(Kernels.scalar()));
    }

    /**
     * @param kernel searches its grid shares
     * @param solver recomputes the whole slot for its vote
     */
    ScpAgent(int id, KeyPair keys, Behaviour behaviour, RevenueKernel kernel, SlotSolver solver) {
        this.id = id;
        this.keys = keys;
        this.behaviour = behaviour;
        this.kernel = kernel;
        this.solver = solver;
    }

    /**
     * What this SCP owes for {@code work} now, as one log entry (its partial results, then its solution
     * and vote); each item is sent at most once per resend period. Empty when nothing is due.
     */
    Optional<LogBatch> due(SlotWork work, long nowNanos) {
        if (work.slot() != slot) {
            sent.clear(); // what was sent for earlier slots no longer matters
            slot = work.slot();
        }
        List<Frame> out = new ArrayList<>();
        if (behaviour == Behaviour.SILENT) {
            return Optional.empty();
        }
        PreparedSlot prepared = null;
        CanonicalRevenue canonical = null;
        for (SlotWork.Share s : work.shares()) {
            if (s.owner() == id && !s.done() && fresh("p" + work.slot() + ":" + s.k0(), nowNanos)) {
                prepared = prepared == null ? PreparedSlot.of(work.fleet(), work.market()) : prepared;
                canonical = canonical == null ? CanonicalRevenue.of(work.fleet(), work.market()) : canonical;
                out.add(Frame.of(partial(work.slot(), prepared, canonical, s)));
            }
        }
        if (!work.voted().contains(id) && fresh("v" + work.slot(), nowNanos)) {
            canonical = canonical == null ? CanonicalRevenue.of(work.fleet(), work.market()) : canonical;
            SlotSolution own = vote(work, canonical);
            out.add(Frame.of(own));
            out.add(Frame.of(ScpVote.signed(own, id, keys.getPrivate())));
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(new LogBatch(out));
    }

    private boolean fresh(String key, long now) {
        Long last = sent.get(key);
        if (last != null && now - last < RESEND_NANOS) {
            return false;
        }
        sent.put(key, now);
        return true;
    }

    /** This SCP's signed partial result for one share (a lie if its behaviour says so). */
    private SignedPartial partial(long slot, PreparedSlot prepared, CanonicalRevenue canonical, SlotWork.Share s) {
        GridPoint found = kernel.best(prepared, s.k0(), s.k1());
        GridPoint best = canonical.bestNear(found.k(), s.k0(), s.k1());
        PartialResult p = new PartialResult(slot, id, s.k0(), s.k1(), best.k(), best.revenue());
        if (behaviour == Behaviour.WRONG_PARTIAL) {
            p = new PartialResult(slot, id, s.k0(), s.k1(), best.k(), best.revenue() + 1.0);
        } else if (behaviour == Behaviour.HIDING_PARTIAL && s.k1() - s.k0() > 1) {
            GridPoint second = GridPoint.NONE;
            for (int k = s.k0(); k < s.k1(); k++) {
                if (k != best.k()) {
                    second = GridPoint.better(second, new GridPoint(k, canonical.revenue(k)));
                }
            }
            p = new PartialResult(slot, id, s.k0(), s.k1(), second.k(), second.revenue());
        }
        return SignedPartial.signed(p, keys.getPrivate());
    }

    /** The solution this SCP votes for: its own solver's answer, canonical (a lie if its behaviour says so). */
    private SlotSolution vote(SlotWork work, CanonicalRevenue canonical) {
        SlotResult own = CanonicalSolution.recompute(solver, work.fleet(), work.market());
        if (behaviour == Behaviour.WRONG_VOTE) {
            int k = own.k() + 1 < canonical.grid().size() ? own.k() + 1 : own.k() - 1;
            own = canonical.at(k, solver.name(), false);
        }
        return CanonicalSolution.record(work.slot(), own);
    }
}
