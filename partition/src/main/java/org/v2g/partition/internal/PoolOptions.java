package org.v2g.partition.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.v2g.partition.Fault;
import org.v2g.partition.PoolConfig;

/**
 * Turns the values of a pool's command-line options, already split by the command line (picocli), into a
 * {@link PoolConfig}:
 *
 * <pre>
 * --workers N                 number of SCP workers, 1..1024 (required)
 * [--capacities 1,2,4,8]      one declared capacity per worker, numbers &gt; 0 (default: all 1)
 * [--slowdown W:F[,W:F…]]     simulated slowdown F ≥ 1 of worker W; repeatable
 * [--fail W@F[:KIND][,…]]     worker W fails after the fraction F in [0, 1] of its share;
 *                             KIND is throw (default), stall or leave; repeatable
 * </pre>
 *
 * <p>Every error is a {@link PoolOptionException} naming the option and the value. The options' help
 * text is the command line's (its {@code PoolMixin}).
 *
 * <p>Usage:
 * <pre>{@code
 * PoolConfig config = PoolOptions.toConfig(workers, capacities, slowdowns, fails);   // nulls: not given
 * }</pre>
 *
 * <p>Thread-safe: stateless.
 */
public final class PoolOptions {
    public static final String WORKERS = "--workers";
    public static final String CAPACITIES = "--capacities";
    public static final String SLOWDOWN = "--slowdown";
    public static final String FAIL = "--fail";
    /** The largest pool the options accept. */
    public static final int MAX_WORKERS = 1024;
    private PoolOptions() {
    }

    /**
     * Builds a configuration from options already split by a command-line library.
     *
     * @param workers    {@code --workers}
     * @param capacities {@code --capacities}, or {@code null}
     * @param slowdowns  every {@code --slowdown} value, or {@code null}
     * @param fails      every {@code --fail} value, or {@code null}
     */
    public static PoolConfig toConfig(int workers, String capacities, List<String> slowdowns, List<String> fails) {
        if (workers < 1 || workers > MAX_WORKERS) {
            throw new PoolOptionException(WORKERS, Integer.toString(workers), "must be within 1.." + MAX_WORKERS);
        }
        PoolConfig.Builder b = PoolConfig.builder(workers);
        if (capacities != null) {
            b.capacities(parseCapacities(capacities, workers));
        }
        boolean[] slowed = new boolean[workers];
        for (String value : slowdowns == null ? List.<String>of() : slowdowns) {
            for (String item : items(SLOWDOWN, value)) {
                int colon = item.indexOf(':');
                if (colon < 0) {
                    throw new PoolOptionException(SLOWDOWN, value, "must be WORKER:FACTOR, e.g. 3:4.0 (item " + item + ")");
                }
                int w = worker(SLOWDOWN, value, item.substring(0, colon), workers);
                double factor = number(SLOWDOWN, value, item.substring(colon + 1));
                if (!(factor >= 1) || !Double.isFinite(factor)) {
                    throw new PoolOptionException(SLOWDOWN, value, "factor must be a finite number >= 1 (item " + item + ")");
                }
                if (slowed[w]) {
                    throw new PoolOptionException(SLOWDOWN, value, "gives worker " + w + " twice");
                }
                slowed[w] = true;
                b.slowdown(w, factor);
            }
        }
        boolean[] failing = new boolean[workers];
        for (String value : fails == null ? List.<String>of() : fails) {
            for (Fault f : parseFaults(value, workers)) {
                if (failing[f.worker()]) {
                    throw new PoolOptionException(FAIL, value, "gives worker " + f.worker() + " twice");
                }
                failing[f.worker()] = true;
                b.fail(f);
            }
        }
        return b.build();
    }

    /** {@code --capacities}: one finite number {@code > 0} per worker. */
    public static double[] parseCapacities(String value, int workers) {
        List<String> items = items(CAPACITIES, value);
        if (items.size() != workers) {
            throw new PoolOptionException(CAPACITIES, value, "must give one capacity per worker: workers=" + workers
                    + " capacities=" + items.size());
        }
        double[] c = new double[workers];
        for (int i = 0; i < workers; i++) {
            c[i] = number(CAPACITIES, value, items.get(i));
            if (!(c[i] > 0) || !Double.isFinite(c[i])) {
                throw new PoolOptionException(CAPACITIES, value, "must be finite numbers > 0 (worker " + i + ": "
                        + items.get(i) + ")");
            }
        }
        return c;
    }

    /** {@code --fail}: {@code W@F[:throw|stall|leave]}, comma-separated. */
    public static List<Fault> parseFaults(String value, int workers) {
        List<Fault> faults = new ArrayList<>();
        for (String item : items(FAIL, value)) {
            int at = item.indexOf('@');
            if (at < 0) {
                throw new PoolOptionException(FAIL, value, "must be WORKER@FRACTION[:throw|stall|leave], e.g. 2@0.5"
                        + " (item " + item + ")");
            }
            int w = worker(FAIL, value, item.substring(0, at), workers);
            String rest = item.substring(at + 1);
            Fault.Kind kind = Fault.Kind.THROW;
            int colon = rest.indexOf(':');
            if (colon >= 0) {
                String k = rest.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
                kind = switch (k) {
                    case "throw" -> Fault.Kind.THROW;
                    case "stall" -> Fault.Kind.STALL;
                    case "leave" -> Fault.Kind.LEAVE;
                    default -> throw new PoolOptionException(FAIL, value, "kind must be throw, stall or leave (item "
                            + item + ")");
                };
                rest = rest.substring(0, colon);
            }
            double fraction = number(FAIL, value, rest);
            if (!(fraction >= 0 && fraction <= 1)) {
                throw new PoolOptionException(FAIL, value, "fraction must be within [0, 1] (item " + item + ")");
            }
            faults.add(new Fault(w, fraction, kind));
        }
        return faults;
    }

    private static List<String> items(String option, String value) {
        if (value == null || value.isBlank()) {
            throw new PoolOptionException(option, String.valueOf(value), "needs a value");
        }
        List<String> items = new ArrayList<>();
        for (String item : value.split(",", -1)) {
            String t = item.trim();
            if (t.isEmpty()) {
                throw new PoolOptionException(option, value, "has an empty item");
            }
            items.add(t);
        }
        return items;
    }

    private static int worker(String option, String value, String text, int workers) {
        int w;
        try {
            w = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new PoolOptionException(option, value, "worker must be an integer: " + text);
        }
        if (w < 0 || w >= workers) {
            throw new PoolOptionException(option, value, "worker must be within 0.." + (workers - 1) + ": " + w);
        }
        return w;
    }

    private static double number(String option, String value, String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new PoolOptionException(option, value, "'" + text + "' is not a number");
        }
    }
}
