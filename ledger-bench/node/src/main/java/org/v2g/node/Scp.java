package org.v2g.node;

import java.security.KeyPair;
import org.v2g.kernel.SlotSolver;
import org.v2g.node.internal.CanonicalSolution;

/**
 * A smart charging point as a voter: before signing a vote for a slot's solution it recomputes the
 * optimum itself with its own solver, and it votes for what it computed, in the canonical form of
 * {@link CanonicalSolution}: the grid index it found (near-ties resolved canonically) or, for the exact
 * solver, the price's bits, with revenue and counts re-evaluated by one {@code StrictMath} evaluation.
 *
 * @param id        SCP id, the voter's number in {@code ScpVote}
 * @param capacity  relative computing capacity (the share of the grid it takes when solving)
 * @param keys      the Ed25519 key pair it signs votes with
 * @param recompute the solver it checks slots with; any grid solver ({@code reference}, {@code scalar},
 *                  {@code simd} at any vector width, {@code sweep}, {@code partitioned}) votes as any
 *                  other, since what is signed is canonical; the {@code exact} solver's off-grid price
 *                  agrees only with other {@code exact} SCPs
 */
public record Scp(int id, double capacity, KeyPair keys, SlotSolver recompute) {
    /**
     * Checks the SCP.
     *
     * @throws IllegalArgumentException if {@code id < 0} or {@code capacity} is not a finite number {@code > 0}
     */
    public Scp {
        if (id < 0) {
            throw new IllegalArgumentException("SCP id must be >= 0: value=" + id);
        }
        if (!(capacity > 0) || !Double.isFinite(capacity)) {
            throw new IllegalArgumentException("SCP capacity must be > 0: scp=" + id + " value=" + capacity);
        }
    }
}
