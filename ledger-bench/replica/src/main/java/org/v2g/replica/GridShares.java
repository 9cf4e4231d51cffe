package org.v2g.replica;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.v2g.kernel.GridPoint;
import org.v2g.kernel.internal.CanonicalRevenue;
import org.v2g.ledger.PartialResult;
import org.v2g.ledger.SlotSolution;
import org.v2g.partition.ChunkPolicy;
import org.v2g.replica.ReplicaRecords.Event;
import org.v2g.replica.ReplicaRecords.EventKind;
import org.v2g.replica.ReplicaRecords.SignedPartial;

/**
 * The open slot's grid work, part of {@link SlotMachine}: the shares the price grid is cut into by SCP
 * capacity, who owns each now, the partial result accepted for it, and the SCPs caught lying in this
 * slot. It accepts or refuses signed partial results (the spot check against {@link CanonicalRevenue}),
 * moves a liar's share at once and silent SCPs' shares at a deadline, and at finality combines the
 * partials and names those the quorum's solution out-voted.
 *
 * <p>Not thread-safe: {@link SlotMachine} holds its lock around every call.
 */
final class GridShares {
    private final List<Share> shares;
    private final TreeSet<Integer> faulty;

    /** A grid share: range, current owner and accepted result. */
    private static final class Share {
        final int k0;
        final int k1;
        int owner;
        PartialResult result;

        Share(int k0, int k1, int owner) {
            this.k0 = k0;
            this.k1 = k1;
            this.owner = owner;
        }
    }

    private GridShares(List<Share> shares, TreeSet<Integer> faulty) {
        this.shares = shares;
        this.faulty = faulty;
    }

    /** A grid of {@code gridSize} points cut by member capacity ({@link ChunkPolicy#bounds}), member order; empty shares dropped. */
    static GridShares cut(int gridSize, ClusterConfig config) {
        int[] bounds = ChunkPolicy.bounds(gridSize, config.capacities());
        List<Member> members = config.members();
        List<Share> shares = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            if (bounds[i + 1] > bounds[i]) {
                shares.add(new Share(bounds[i], bounds[i + 1], members.get(i).id()));
            }
        }
        return new GridShares(shares, new TreeSet<>());
    }

    /** The shares and liars a snapshot holds. */
    static GridShares restore(List<SlotMachineState.ShareState> states, List<Integer> faulty) {
        List<Share> shares = new ArrayList<>(states.size());
        for (SlotMachineState.ShareState sh : states) {
            Share share = new Share(sh.k0(), sh.k1(), sh.owner());
            share.result = sh.result();
            shares.add(share);
        }
        return new GridShares(shares, new TreeSet<>(faulty));
    }

    /**
     * A signed partial result for this slot ({@code canonical} is its evaluation): recorded if signed by
     * a member who owns exactly that share and it passes the spot check; a repeat of a share already
     * done is ignored; a wrong one is not recorded, its SCP is marked faulty and the share moves to the
     * next SCP not caught lying ({@code WRONG_PARTIAL}).
     */
    Outcome apply(SignedPartial sp, CanonicalRevenue canonical, ClusterConfig config) {
        PartialResult p = sp.partial();
        int scp = p.workerId();
        if (!config.isMember(scp) || !sp.verify(config.key(scp))) {
            return Outcome.REJECT;
        }
        Share share = null;
        for (Share s : shares) {
            if (s.k0 == p.k0() && s.k1 == p.k1() && s.owner == scp) {
                share = s;
            }
        }
        if (share == null) {
            return Outcome.REJECT;
        }
        if (share.result != null) {
            return Outcome.IGNORE; // a retried submission of a share already done: idempotent
        }
        if (!holds(p, share, canonical)) {
            faulty.add(scp);
            int next = nextHelper(scp, config.ids());
            Event wrong = new Event(p.slot(), scp, EventKind.WRONG_PARTIAL, share.k0, share.k1, next);
            if (next >= 0) {
                share.owner = next;
            }
            return Outcome.ignoredWith(List.of(wrong));
        }
        share.result = p;
        return Outcome.RECORD;
    }

    /**
     * The spot check: the claimed index lies in the share, the claimed revenue is the canonical value
     * there, bit for bit, and neither end of the share is canonically better by more than SPEC section
     * 3's tolerance. An SCP's kernel rounding never fails it (the SCP reports the canonical value); a
     * wrong revenue, an index outside the share, or a best index beaten at a checked point does.
     */
    private static boolean holds(PartialResult p, Share share, CanonicalRevenue canonical) {
        if (p.bestK() < share.k0 || p.bestK() >= share.k1) {
            return false;
        }
        double actual = canonical.revenue(p.bestK());
        if (Double.doubleToLongBits(actual) != Double.doubleToLongBits(p.revenue())) {
            return false;
        }
        double tolerance = CanonicalRevenue.tolerance(actual);
        for (int k : new int[] {share.k0, share.k1 - 1}) {
            if (canonical.revenue(k) - actual > tolerance) {
                return false;
            }
        }
        return true;
    }

    /** The first member after {@code scp} (by id, wrapping) not caught lying in this slot; -1 if none. */
    private int nextHelper(int scp, List<Integer> ids) {
        int at = ids.indexOf(scp);
        for (int step = 1; step < ids.size(); step++) {
            int candidate = ids.get((at + step) % ids.size());
            if (!faulty.contains(candidate)) {
                return candidate;
            }
        }
        return -1;
    }

    /**
     * A deadline passed: each share with no result whose owner delivered nothing moves, in turn, to the
     * SCPs that delivered an accepted partial (by id). Nothing moves if no SCP delivered.
     *
     * @return one {@code SILENT_REASSIGNED} event per share moved, in share order
     */
    List<Event> reassignSilent(long slot) {
        TreeSet<Integer> answered = new TreeSet<>();
        for (Share s : shares) {
            if (s.result != null && !faulty.contains(s.result.workerId())) {
                answered.add(s.result.workerId());
            }
        }
        if (answered.isEmpty()) {
            return List.of();
        }
        List<Integer> helpers = List.copyOf(answered);
        List<Event> moved = new ArrayList<>();
        int turn = 0;
        for (Share s : shares) {
            if (s.result == null && !answered.contains(s.owner)) {
                int next = helpers.get(turn++ % helpers.size());
                moved.add(new Event(slot, s.owner, EventKind.SILENT_REASSIGNED, s.k0, s.k1, next));
                s.owner = next;
            }
        }
        return moved;
    }

    /** Whether every share has its accepted partial result. */
    boolean complete() {
        for (Share s : shares) {
            if (s.result == null) {
                return false;
            }
        }
        return true;
    }

    /** The grid work's answer: the accepted partials combined by the grid's tie rule ({@link GridPoint#better}). Needs {@link #complete}. */
    GridPoint combined() {
        GridPoint combined = GridPoint.NONE;
        for (Share s : shares) {
            combined = GridPoint.better(combined, new GridPoint(s.result.bestK(), s.result.revenue()));
        }
        return combined;
    }

    /**
     * The partials the quorum's solution {@code won} shows wrong: one that hid the optimum of its share,
     * or claimed more than the optimum ({@code PARTIAL_OUTVOTED}, share order). Needs {@link #complete}.
     */
    List<Event> outvotedBy(long slot, SlotSolution won) {
        GridPoint truth = new GridPoint(won.k(), won.revenue());
        List<Event> out = new ArrayList<>();
        for (Share s : shares) {
            GridPoint claimed = new GridPoint(s.result.bestK(), s.result.revenue());
            boolean holdsOptimum = s.k0 <= won.k() && won.k() < s.k1;
            if ((holdsOptimum && !claimed.equals(truth)) || claimed.beats(truth)) {
                out.add(new Event(slot, s.result.workerId(), EventKind.PARTIAL_OUTVOTED, s.k0, s.k1, -1));
            }
        }
        return out;
    }

    /** The shares as an SCP sees them. */
    List<SlotWork.Share> view() {
        return shares.stream().map(s -> new SlotWork.Share(s.k0, s.k1, s.owner, s.result != null)).toList();
    }

    /** The shares as a snapshot holds them. */
    List<SlotMachineState.ShareState> export() {
        return shares.stream().map(s -> new SlotMachineState.ShareState(s.k0, s.k1, s.owner, s.result)).toList();
    }

    /** SCPs caught lying in this slot, by increasing id. */
    List<Integer> faulty() {
        return List.copyOf(faulty);
    }
}
