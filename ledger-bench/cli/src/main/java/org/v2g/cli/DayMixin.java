package org.v2g.cli;

import org.v2g.node.DayPlan;
import org.v2g.replica.DayFeed;
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

    private double targetSoc = Double.NaN;

    @Option(names = "--target-soc", paramLabel = "S",
            description = "Departure targets (SPEC section 8): every EV without its own target_kwh wants S x its capacity"
                    + " at departure, 0 <= S <= 1 (default: none, the paper's day).")
    void targetSoc(double s) {
        if (!(s >= 0 && s <= 1)) {
            throw new ParameterException(mixee.commandLine(), "--target-soc must be within [0, 1]: value=" + s);
        }
        targetSoc = s;
    }

    int evs() {
        return evs;
    }

    /** Whether {@code --target-soc} was given. */
    boolean hasTargetSoc() {
        return !Double.isNaN(targetSoc);
    }

    /** {@code --target-soc}, NaN when not given. */
    double targetSoc() {
        return targetSoc;
    }

    /** The replicated case-study day of {@code slots} slots, with {@code --target-soc} if given. */
    DayFeed feed(int slots) {
        DayFeed feed = DayFeed.caseStudy(evs, seed, slots);
        return hasTargetSoc() ? feed.withTargetSoc(targetSoc) : feed;
    }

    /** The plan with {@code --target-soc} given to every EV without its own target; unchanged without it. */
    DayPlan withTargets(DayPlan plan) {
        return hasTargetSoc() ? new DayPlan(plan.fleet().withTargetSocWhereMissing(targetSoc), plan.slots()) : plan;
    }

    long seed() {
        return seed;
    }

    /** The options that define the generated day, for a {@link DayManifest}. */
    java.util.Map<String, String> manifest() {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("--evs", Integer.toString(evs));
        m.put("--seed", Long.toString(seed));
        // Empty without targets; a manifest written before the option existed reads as empty too.
        m.put("--target-soc", hasTargetSoc() ? Double.toString(targetSoc) : "");
        return m;
    }
}
