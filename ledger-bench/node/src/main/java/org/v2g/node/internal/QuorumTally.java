package org.v2g.node.internal;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The votes of one slot, grouped by the hash of the solution they sign, and the rule that makes one
 * final: the first solution, in the order its votes arrived, with at least the quorum's count. The
 * one-machine node and the replica's apply both decide with it.
 *
 * @param <T> what is kept per vote (the vote and what the voter found)
 *
 * <p>Not thread-safe: one slot, one thread.
 */
public final class QuorumTally<T> {
    private final Map<String, List<T>> byHash = new LinkedHashMap<>();

    /** 2f+1 of n = 3f+1 SCPs (f = (n-1)/3): the smallest count that any f liars cannot reach alone. */
    public static int defaultQuorum(int scps) {
        int f = (scps - 1) / 3;
        return Math.max(1, 2 * f + 1);
    }

    /** Counts a vote for the solution whose hash is {@code solutionHash}. */
    public void add(byte[] solutionHash, T vote) {
        byHash.computeIfAbsent(HexFormat.of().formatHex(solutionHash), h -> new ArrayList<>()).add(vote);
    }

    /** The votes of the first solution with at least {@code quorum} of them, in arrival order; empty if none. */
    public Optional<List<T>> winner(int quorum) {
        for (List<T> votes : byHash.values()) {
            if (votes.size() >= quorum) {
                return Optional.of(List.copyOf(votes));
            }
        }
        return Optional.empty();
    }
}
