package org.v2g.replica;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.v2g.kernel.internal.CanonicalRevenue;
import org.v2g.ledger.ScpVote;
import org.v2g.ledger.SlotSolution;
import org.v2g.node.internal.CanonicalSolution;
import org.v2g.node.internal.QuorumTally;
import org.v2g.replica.ReplicaRecords.Event;
import org.v2g.replica.ReplicaRecords.EventKind;

/**
 * The open slot's votes and deadlines, part of {@link SlotMachine}: one signed vote per SCP, in log
 * order, each for a solution that is the canonical record at its own grid index
 * ({@link CanonicalSolution}); the winner by the one quorum rule ({@link QuorumTally}); and how many
 * deadlines have passed.
 *
 * <p>Not thread-safe: {@link SlotMachine} holds its lock around every call.
 */
final class Ballots {
    private final LinkedHashMap<Integer, SlotSolution> ballots = new LinkedHashMap<>();
    private int deadlines;

    /** No vote yet, no deadline passed. */
    Ballots() {
    }

    /** The votes (in log order) and deadline count a snapshot holds. */
    static Ballots restore(List<SlotMachineState.Ballot> ballots, int deadlines) {
        Ballots b = new Ballots();
        ballots.forEach(x -> b.ballots.put(x.scp(), x.solution()));
        b.deadlines = deadlines;
        return b;
    }

    /**
     * An SCP's vote for this slot with the solution frame before it: recorded if the vote's hash is the
     * solution's, the signature the member's and the solution canonical ({@code canonical} is the
     * slot's evaluation). A repeat of the SCP's vote is ignored, a different second vote rejected: the
     * first one stands.
     */
    Outcome apply(ScpVote v, SlotSolution solution, CanonicalRevenue canonical, ClusterConfig config) {
        int scp = v.scpId();
        if (solution == null || solution.slot() != v.slot()
                || !Arrays.equals(solution.hash(), v.solutionHash()) || !config.isMember(scp)
                || !v.verify(config.key(scp)) || !isCanonical(solution, canonical)) {
            return Outcome.REJECT;
        }
        SlotSolution earlier = ballots.get(scp);
        if (earlier != null) {
            return earlier.equals(solution) ? Outcome.IGNORE : Outcome.REJECT;
        }
        ballots.put(scp, solution);
        return Outcome.RECORD;
    }

    /** The solution is the canonical record at its own grid index: price, revenue and counts bit for bit. */
    private static boolean isCanonical(SlotSolution s, CanonicalRevenue canonical) {
        if (s.k() < 0 || s.k() >= canonical.grid().size()) {
            return false;
        }
        return CanonicalSolution.record(s.slot(), canonical.at(s.k(), "vote", false)).equals(s);
    }

    /** The solution with {@code quorum} votes, the first to reach it in log order. */
    Optional<SlotSolution> winner(int quorum) {
        QuorumTally<SlotSolution> tally = new QuorumTally<>();
        ballots.values().forEach(s -> tally.add(s.hash(), s));
        return tally.winner(quorum).map(votes -> votes.get(0));
    }

    /** Votes recorded. */
    int size() {
        return ballots.size();
    }

    /** Votes for the solution of this hash. */
    int votesFor(byte[] hash) {
        int votes = 0;
        for (SlotSolution s : ballots.values()) {
            if (Arrays.equals(s.hash(), hash)) {
                votes++;
            }
        }
        return votes;
    }

    /** One {@code VOTE_OUTVOTED} per SCP that voted for another hash, in log order. */
    List<Event> outvotedBy(long slot, byte[] wonHash) {
        List<Event> out = new ArrayList<>();
        ballots.forEach((scp, s) -> {
            if (!Arrays.equals(s.hash(), wonHash)) {
                out.add(new Event(slot, scp, EventKind.VOTE_OUTVOTED, -1, -1, -1));
            }
        });
        return out;
    }

    /** A deadline passed: counts it. @return the deadlines passed in this slot, this one included */
    int passDeadline() {
        return ++deadlines;
    }

    /** Deadlines passed in this slot. */
    int deadlines() {
        return deadlines;
    }

    /** SCPs whose vote is recorded (a live view; copy it before the lock is released). */
    Set<Integer> voters() {
        return ballots.keySet();
    }

    /** The votes as a snapshot holds them, in log order. */
    List<SlotMachineState.Ballot> export() {
        List<SlotMachineState.Ballot> out = new ArrayList<>(ballots.size());
        ballots.forEach((scp, solution) -> out.add(new SlotMachineState.Ballot(scp, solution)));
        return out;
    }
}
