package org.v2g.cli;

import java.util.List;
import java.util.Optional;
import org.v2g.partition.PoolConfig;
import org.v2g.partition.internal.PoolOptions;
import picocli.CommandLine.Option;

/**
 * The SCP worker pool's options and their help text, shared by {@code solve} and {@code case-study};
 * picocli splits them, {@link PoolOptions#toConfig} checks the values, its errors naming the option and
 * the value (exit code 2).
 */
final class PoolMixin {
    @Option(names = PoolOptions.WORKERS, paramLabel = "N",
            description = "Solve with a pool of N smart-charging-point worker threads, 1..1024 (solver partitioned).")
    Integer workers;

    @Option(names = PoolOptions.CAPACITIES, paramLabel = "C0,C1,...",
            description = "Declared capacity (relative speed) of each worker, > 0 (default: all 1).")
    String capacities;

    @Option(names = PoolOptions.SLOWDOWN, paramLabel = "W:F[,W:F...]",
            description = "Simulate worker W on hardware F >= 1 times slower (repeatable).")
    List<String> slowdowns;

    @Option(names = PoolOptions.FAIL, paramLabel = "W@F[:KIND]",
            description = "Worker W fails after the fraction F in [0,1] of its share; KIND throw (default), stall or leave"
                    + " (repeatable).")
    List<String> fails;

    /** The pool's configuration, or empty when no {@code --workers} was given. */
    Optional<PoolConfig> config() {
        if (workers == null) {
            if (capacities != null || slowdowns != null || fails != null) {
                throw new org.v2g.partition.internal.PoolOptionException(PoolOptions.WORKERS, "missing",
                        "is required with --capacities, --slowdown or --fail");
            }
            return Optional.empty();
        }
        return Optional.of(PoolOptions.toConfig(workers, capacities, slowdowns, fails));
    }
}
