package org.v2g.partition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

    public PoolConfig {
        workers = List.copyOf(workers);
        faults = List.copyOf(faults);
        if (workers.isEmpty()) {
            throw new IllegalArgumentException("a pool needs at least one worker: workers=0");
        }
        for (int i = 0; i < workers.size(); i++) {
            if (workers.get(i).id() != i) {
                throw new IllegalArgumentException("worker ids must be 0..W-1 in order: position=" + i
                        + " id=" + workers.get(i).id());
            }
        }
        if (policy == null) {
            throw new IllegalArgumentException("policy must not be null");
        }
        Kernels.byName(kernel);
        if (stallDeadline == null || stallDeadline.isNegative() || stallDeadline.isZero()) {
            throw new IllegalArgumentException("stallDeadline must be > 0: value=" + stallDeadline);
        }
        checkFaults(workers.size(), faults);
    }

    static void checkFaults(int workers, List<Fault> faults) {
        boolean[] seen = new boolean[workers];
        for (Fault f : faults) {
            if (f.worker() >= workers) {
                throw new IllegalArgumentException("fault names worker " + f.worker() + " but the pool has "
                        + workers + " workers (0.." + (workers - 1) + "): value=" + f);
            }
            if (seen[f.worker()]) {
                throw new IllegalArgumentException("two faults for worker " + f.worker() + ": value=" + f);
            }
            seen[f.worker()] = true;
        }
    }

    /** {@code n} full-speed workers of capacity 1, the default policy and kernel, no faults. */
    public static PoolConfig of(int n) {
        return builder(n).build();
    }

    public static Builder builder(int workers) {
        return new Builder(workers);
    }

    /** The revenue kernel. */
    public RevenueKernel revenueKernel() {
        return Kernels.byName(kernel);
    }

    /** The declared capacities in worker order. */
    public double[] capacities() {
        return workers.stream().mapToDouble(WorkerSpec::capacity).toArray();
    }

    /** The same configuration with other faults. */
    public PoolConfig withFaults(List<Fault> newFaults) {
        return new PoolConfig(workers, policy, kernel, stallDeadline, newFaults);
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
                throw new IllegalArgumentException("a pool needs at least one worker: workers=" + workers);
            }
            capacity = new double[workers];
            slowdown = new double[workers];
            Arrays.fill(capacity, 1);
            Arrays.fill(slowdown, 1);
        }

        /** One capacity per worker. */
        public Builder capacities(double... values) {
            if (values.length != capacity.length) {
                throw new IllegalArgumentException("capacities must give one value per worker: workers="
                        + capacity.length + " values=" + values.length);
            }
            System.arraycopy(values, 0, capacity, 0, values.length);
            return this;
        }

        public Builder slowdown(int worker, double factor) {
            checkWorker(worker);
            slowdown[worker] = factor;
            return this;
        }

        public Builder fail(Fault fault) {
            faults.add(fault);
            return this;
        }

        public Builder policy(ChunkPolicy value) {
            this.policy = value;
            return this;
        }

        /** {@code simd}, {@code scalar} or {@code preferred}. */
        public Builder kernel(String name) {
            this.kernel = name;
            return this;
        }

        public Builder stallDeadline(Duration value) {
            this.stallDeadline = value;
            return this;
        }

        public PoolConfig build() {
            List<WorkerSpec> specs = new ArrayList<>(capacity.length);
            for (int i = 0; i < capacity.length; i++) {
                specs.add(new WorkerSpec(i, capacity[i], slowdown[i]));
            }
            return new PoolConfig(specs, policy, kernel, stallDeadline, faults);
        }

        private void checkWorker(int worker) {
            if (worker < 0 || worker >= capacity.length) {
                throw new IllegalArgumentException("worker must be within 0.." + (capacity.length - 1)
                        + ": value=" + worker);
            }
        }
    }
}
