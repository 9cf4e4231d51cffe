package org.v2g.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The generated case-study day's options, {@code --evs N} and {@code --seed S}, with one default and one
 * help text for every command that builds a day ({@code case-study}, {@code node}, {@code cluster-demo}).
 */
final class DayMixin {
    /** Size of the generated fleet: SPEC section 5's 2,000 buses and cars. */
    static final int DEFAULT_EVS = 2000;
    /** Seed of the generated day. */
    static final long DEFAULT_SEED = 42;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    private int evs = DEFAULT_EVS;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "" + DEFAULT_SEED,
            description = "Seed of the generated day: fleet, campus load and the EVs' keys (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--evs", paramLabel = "N", defaultValue = "" + DEFAULT_EVS,
            description = "Size of the generated fleet of buses and cars, >= 0 (default: ${DEFAULT-VALUE}).")
    void evs(int n) {
        if (n < 0) {
            throw new ParameterException(mixee.commandLine(), "--evs must be >= 0: value=" + n);
        }
        evs = n;
    }

    int evs() {
        return evs;
    }

    long seed() {
        return seed;
    }
}
