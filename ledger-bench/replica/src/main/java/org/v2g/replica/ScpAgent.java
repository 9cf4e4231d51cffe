package org.v2g.replica;

import java.security.KeyPair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.v2g.kernel.FastSolver;
import org.v2g.kernel.GridPoint;
import org.v2g.kernel.PreparedSlot;
import org.v2g.kernel.SlotResult;
import org.v2g.ledger.PartialResult;
import org.v2g.ledger.ScpVote;
import org.v2g.ledger.SlotSolution;
import org.v2g.replica.ReplicaRecords.SignedPartial;

/**
 * What one SCP computes for the open slot it sees on its own replica: its signed partial result over
 * each share it owns, and its signed vote after recomputing the whole slot itself. Both use the scalar
 * kernel ({@link SlotMachine#KERNEL}), whose values every replica reproduces bit for bit.
 *
 * <p>Not thread-safe: one node thread drives it.
 */
final class ScpAgent {
    /** How long a submission may stay unapplied before it is sent again (a leader change lost it). */
    static final long RESEND_NANOS = 3_000_000_000L;

    private final int id;
    private final KeyPair keys;
    private final Behaviour behaviour;
    private final Map<String, Long> sent = new HashMap<>();
    private long slot = -1;

    ScpAgent(int id, KeyPair keys, Behaviour behaviour) {
        this.id = id;
        this.keys = keys;
        this.behaviour = behaviour;
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
        for (SlotWork.Share s : work.shares()) {
            if (s.owner() == id && !s.done() && fresh("p" + work.slot() + ":" + s.k0(), nowNanos)) {
                prepared = prepared == null ? PreparedSlot.of(work.fleet(), work.market()) : prepared;
                out.add(Frame.of(partial(work.slot(), prepared, s)));
            }
        }
        if (!work.voted().contains(id) && fresh("v" + work.slot(), nowNanos)) {
            prepared = prepared == null ? PreparedSlot.of(work.fleet(), work.market()) : prepared;
            SlotSolution own = vote(work.slot(), prepared);
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

    private SignedPartial partial(long slot, PreparedSlot prepared, SlotWork.Share s) {
        GridPoint best = SlotMachine.KERNEL.best(prepared, s.k0(), s.k1());
        PartialResult p = new PartialResult(slot, id, s.k0(), s.k1(), best.k(), best.revenue());
        if (behaviour == Behaviour.WRONG_PARTIAL) {
            p = new PartialResult(slot, id, s.k0(), s.k1(), best.k(), best.revenue() + 1.0);
        } else if (behaviour == Behaviour.HIDING_PARTIAL && s.k1() - s.k0() > 1) {
            GridPoint second = GridPoint.NONE;
            for (int k = s.k0(); k < s.k1(); k++) {
                if (k != best.k()) {
                    second = GridPoint.better(second, new GridPoint(k, SlotMachine.KERNEL.revenue(prepared, k)));
                }
            }
            p = new PartialResult(slot, id, s.k0(), s.k1(), second.k(), second.revenue());
        }
        return SignedPartial.signed(p, keys.getPrivate());
    }

    private SlotSolution vote(long slot, PreparedSlot prepared) {
        GridPoint best = SlotMachine.KERNEL.best(prepared, 0, prepared.grid().size());
        if (behaviour == Behaviour.WRONG_VOTE) {
            int k = best.k() + 1 < prepared.grid().size() ? best.k() + 1 : best.k() - 1;
            best = new GridPoint(k, SlotMachine.KERNEL.revenue(prepared, k));
        }
        SlotResult r = FastSolver.resultAt(prepared, best, SlotMachine.KERNEL.name(), false);
        return SlotMachine.solution(slot, r);
    }
}
