package org.v2g.partition;

import org.v2g.kernel.InvalidInputException;
import org.v2g.partition.internal.Slowdown;

/**
 * One smart charging point (SCP) worker of a pool: its id, the computing capacity it declares and,
 * for tests and benchmarks, a simulated slowdown.
 *
 * <p>{@code capacity} is a relative speed: a worker of capacity 4 is expected to evaluate four times
 * as many grid points per second as one of capacity 1, and is handed a share of the grid in that
 * proportion (see {@link ChunkPolicy}). The declaration is a hint, not a promise: a worker that turns
 * out slower than it declared has its unfinished share taken by the others.
 *
 * <p>{@code slowdown} simulates slower hardware on a machine whose cores are all equal: after each
 * block of grid points that took {@code t} to evaluate, the worker sleeps {@code t·(slowdown − 1)}
 * (see {@link Slowdown} for why it sleeps rather than spins). {@code 1} means full speed.
 *
 * @param id       the worker's index in its pool, {@code 0 … W−1}
 * @param capacity declared relative speed, finite and {@code > 0}
 * @param slowdown simulated slowdown factor, finite and {@code ≥ 1}
 */
public record WorkerSpec(int id, double capacity, double slowdown) {

    /**
     * Checks the worker.
     *
     * @throws InvalidInputException naming the field, the worker and the value
     */
    public WorkerSpec {
        if (id < 0) {
            throw new InvalidInputException("id", "worker=" + id, id, "must be >= 0");
        }
        checkCapacity(id, capacity);
        checkSlowdown(id, slowdown);
    }

    static double checkCapacity(int worker, double capacity) {
        if (!(capacity > 0) || !Double.isFinite(capacity)) {
            throw new InvalidInputException("capacity", "worker=" + worker, capacity, "must be a finite number > 0");
        }
        return capacity;
    }

    static double checkSlowdown(int worker, double slowdown) {
        if (!(slowdown >= 1) || !Double.isFinite(slowdown)) {
            throw new InvalidInputException("slowdown", "worker=" + worker, slowdown, "must be a finite number >= 1");
        }
        return slowdown;
    }

    /**
     * A full-speed worker of capacity 1.
     *
     * @param id the worker's index in its pool
     * @return the worker
     */
    public static WorkerSpec of(int id) {
        return new WorkerSpec(id, 1, 1);
    }
}
