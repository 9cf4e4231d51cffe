package org.v2g.partition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.v2g.kernel.InvalidInputException;
import org.v2g.kernel.Kernels;
import org.v2g.kernel.RevenueKernel;

/**
 * Everything a {@link PartitionedSolver} is started with.
 *
 * <p>Usage:
 * <pre>{@code
 * PoolConfig config = PoolConfig.builder(4)
 *         .capacities(1, 2, 4, 8)
 *         .slowdown(0, 8.0)                       // worker 0 simulates hardware 8x slower
 *         .fail(new Fault(2, 0.5, Fault.Kind.STALL))
 *         .build();
 * try (PartitionedSolver pool = PartitionedSolver.start(config)) { ... }
 * }</pre>
 *
 * @param workers       the workers, {@code workers.get(i).id() == i}
 * @param policy        how the grid is cut into chunks
 * @param kernel        the revenue kernel every worker uses, by {@link Kernels#byName} name
 * @param stallDeadline how long a chunk may be in flight without completing before it is taken over,
 *                      and how long a worker may go without a sign of life before it counts as gone
 * @param faults        the faults injected into every slot solved without an explicit fault list
 */
public record PoolConfig(List<WorkerSpec> workers, ChunkPolicy policy, String kernel, Duration stallDeadline,
        List<Fault> faults) {

    /**
     * Default stall deadline: generous, because a worker inside one kernel call shows no sign of life
     * and the first calls of a cold JVM are slow (tens of ms per grid point for 20,000 EVs before the
     * JIT compiles the SIMD kernel), and because a shared machine may not schedule a thread for a
     * while. Stalls in the tail of a slot are taken over much sooner by speculation.
     */
    public static final Duration DEFAULT_STALL_DEADLINE = Duration.ofSeconds(2);

    private static final String ITEM = "pool";

    /**
     * Checks the configuration: workers numbered {@code 0..W-1} in order, a policy, a known kernel.
     *
     * @throws InvalidInputException naming the field (and worker) and the value of the first bad entry
     */
    public PoolConfig {
        workers = List.copyOf(noNulls("workers", workers));
        faults = List.copyOf(noNulls("faults", faults));
        if (workers.isEmpty()) {
            throw new InvalidInputException("workers", ITEM, 0, "must be >= 1 (a pool needs a worker)");
        }
        for (int i = 0; i < workers.size(); i++) {
            if (workers.get(i).id() != i) {
                throw new InvalidInputException("workers", "position=" + i, "id=" + workers.get(i).id(),
                        "must have ids 0..W-1 in order");
            }
        }
        if (policy == null) {
            throw new InvalidInputException("policy", ITEM, null, "must not be null");
        }
        checkKernel(kernel);
        checkStallDeadline(stallDeadline);
        checkFaults(workers.size(), faults);
    }

    /** @throws InvalidInputException naming {@code faults} for null, a null entry, an unknown or a repeated worker */
    static void checkFaults(int workers, List<Fault> faults) {
        noNulls("faults", faults);
        boolean[] seen = new boolean[workers];
        for (Fault f : faults) {
            if (f.worker() >= workers) {
                throw new InvalidInputException("faults", "worker=" + f.worker(), f,
                        "must name a worker of the pool (0.." + (workers - 1) + ")");
            }
            if (seen[f.worker()]) {
                throw new InvalidInputException("faults", "worker=" + f.worker(), f, "must be one per worker");
            }
            seen[f.worker()] = true;
        }
    }

    private static <T> List<T> noNulls(String field, List<T> values) {
        if (values == null) {
            throw new InvalidInputException(field, ITEM, null, "must not be null");
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw new InvalidInputException(field, "index=" + i, null, "must not hold null");
            }
        }
        return values;
    }

    private static String checkKernel(String name) {
        try {
            Kernels.byName(name);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("kernel", ITEM, name, "must be simd, scalar or preferred");
        }
        return name;
    }

    private static Duration checkStallDeadline(Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new InvalidInputException("stall_deadline", ITEM, value, "must be > 0");
        }
        return value;
    }

    /**
     * Equal workers.
     *
     * @param n workers, {@code ≥ 1}
     * @return {@code n} full-speed workers of capacity 1, the default policy and kernel, no faults
     */
    public static PoolConfig of(int n) {
        return builder(n).build();
    }

    /**
     * A builder of {@code workers} full-speed workers of capacity 1, the default policy and kernel.
     *
     * @param workers workers, {@code ≥ 1}
     * @return a builder
     * @throws InvalidInputException if {@code workers < 1}
     */
    public static Builder builder(int workers) {
        return new Builder(workers);
    }

    /** {@return the revenue kernel the workers evaluate grid points with} */
    public RevenueKernel revenueKernel() {
        return Kernels.byName(kernel);
    }

    /** {@return the declared capacities in worker order (a copy)} */
    public double[] capacities() {
        return workers.stream().mapToDouble(WorkerSpec::capacity).toArray();
    }

    /** Builds a {@link PoolConfig}; not thread-safe. */
    public static final class Builder {
        private final double[] capacity;
        private final double[] slowdown;
        private final List<Fault> faults = new ArrayList<>();
        private ChunkPolicy policy = ChunkPolicy.adaptive();
        private String kernel = "simd";
        private Duration stallDeadline = DEFAULT_STALL_DEADLINE;

        private Builder(int workers) {
            if (workers < 1) {
                throw new InvalidInputException("workers", ITEM, workers, "must be >= 1 (a pool needs a worker)");
            }
            capacity = new double[workers];
            slowdown = new double[workers];
            Arrays.fill(capacity, 1);
            Arrays.fill(slowdown, 1);
        }

        /**
         * One capacity per worker, each finite and {@code > 0}.
         *
         * @param values the relative capacities, one per worker in worker order
         * @return this builder
         * @throws InvalidInputException naming {@code capacity}, the worker and the value; nothing is set
         */
        public Builder capacities(double... values) {
            if (values == null || values.length != capacity.length) {
                throw new InvalidInputException("capacities", ITEM, values == null ? null : values.length + " values",
                        "must give one value per worker (" + capacity.length + ")");
            }
            for (int i = 0; i < values.length; i++) {
                WorkerSpec.checkCapacity(i, values[i]);
            }
            System.arraycopy(values, 0, capacity, 0, values.length);
            return this;
        }

        /**
         * Makes a worker simulate a slower machine: it takes {@code factor} times as long per point.
         *
         * @param worker the worker, {@code 0..W-1}
         * @param factor the slowdown, finite and {@code ≥ 1}
         * @return this builder
         * @throws InvalidInputException naming {@code worker} or {@code slowdown} and the value
         */
        public Builder slowdown(int worker, double factor) {
            checkWorker(worker);
            slowdown[worker] = WorkerSpec.checkSlowdown(worker, factor);
            return this;
        }

        /**
         * Injects a fault in every slot the pool solves with its configured faults.
         *
         * @param fault the worker, how it fails and when
         * @return this builder
         * @throws InvalidInputException for a null fault or one naming a worker the pool does not have
         */
        public Builder fail(Fault fault) {
            if (fault == null) {
                throw new InvalidInputException("faults", ITEM, null, "must not hold null");
            }
            if (fault.worker() >= capacity.length) {
                throw new InvalidInputException("faults", "worker=" + fault.worker(), fault,
                        "must name a worker of the pool (0.." + (capacity.length - 1) + ")");
            }
            faults.add(fault);
            return this;
        }

        /**
         * How the grid is cut into chunks; default {@link ChunkPolicy#adaptive()}.
         *
         * @param value the policy
         * @return this builder
         * @throws InvalidInputException for null
         */
        public Builder policy(ChunkPolicy value) {
            if (value == null) {
                throw new InvalidInputException("policy", ITEM, null, "must not be null");
            }
            this.policy = value;
            return this;
        }

        /**
         * The revenue kernel of the workers; default {@code simd}.
         *
         * @param name {@code simd}, {@code scalar} or {@code preferred}
         * @return this builder
         * @throws InvalidInputException for another name
         */
        public Builder kernel(String name) {
            this.kernel = checkKernel(name);
            return this;
        }

        /**
         * How long a chunk may be in flight before another worker takes it over; default
         * {@link #DEFAULT_STALL_DEADLINE}.
         *
         * @param value the deadline, {@code > 0}
         * @return this builder
         * @throws InvalidInputException for null, zero or a negative duration
         */
        public Builder stallDeadline(Duration value) {
            this.stallDeadline = checkStallDeadline(value);
            return this;
        }

        /** {@return the configuration} */
        public PoolConfig build() {
            List<WorkerSpec> specs = new ArrayList<>(capacity.length);
            for (int i = 0; i < capacity.length; i++) {
                specs.add(new WorkerSpec(i, capacity[i], slowdown[i]));
            }
            return new PoolConfig(specs, policy, kernel, stallDeadline, faults);
        }

        private void checkWorker(int worker) {
            if (worker < 0 || worker >= capacity.length) {
                throw new InvalidInputException("worker", ITEM, worker,
                        "must be within 0.." + (capacity.length - 1));
            }
        }
    }
}
