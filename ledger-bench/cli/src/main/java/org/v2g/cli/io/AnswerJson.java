package org.v2g.cli.io;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.Locale;
import org.v2g.kernel.Dispatch;
import org.v2g.kernel.Fleet;
import org.v2g.kernel.RevenueTerms;
import org.v2g.kernel.SlotResult;

/**
 * The answer of one slot (SPEC section 7) as one JSON object, one field per line:
 * <pre>{@code
 * {
 *   "solver": "simd",
 *   "p_d": -0.438,
 *   "k": 1542,
 *   "revenue": 118.37025,
 *   "service_revenue": 40.5,
 *   "grid_revenue": 97.02,
 *   "ev_payments": 61.05,
 *   "penalty": 0.0,
 *   "charging": 12,
 *   "discharging": 33,
 *   "idle": 5,
 *   "evs": 50,
 *   "solve_ms": 0.8123,
 *   "solve_ns": 812300,
 *   "lanes": 8,
 *   "dispatch": [
 *     {"id": "ev0", "decision": "charge", "x": 0.5}
 *   ]
 * }
 * }</pre>
 * {@code k} is absent when the solver's price is not a grid point; {@code dispatch} only when asked for.
 * {@code service_revenue}, {@code grid_revenue}, {@code ev_payments} and {@code penalty} are the four
 * non-negative terms of {@link RevenueTerms}; {@code lanes} is the vector width the solver used (1 for the
 * scalar paths). Every double is written with {@link Double#toString(double)}, the shortest form that
 * reads back to the same value; nothing is rounded.
 *
 * <p>Thread-safe: stateless.
 */
public final class AnswerJson {
    private AnswerJson() {
    }

    /**
     * The answer as JSON text ending in a newline.
     *
     * @param result the slot's result
     * @param fleet  the fleet the result is for; its ids label the dispatch
     * @param lanes  the vector width the solver used, 1 for scalar code
     */
    public static String format(SlotResult result, Fleet fleet, int lanes) {
        return format(result, fleet, lanes, "");
    }

    /**
     * The answer with extra fields appended as they are.
     *
     * @param extraFields complete JSON members, for example {@code "workers": [...]}, separated by
     *                    commas, or empty
     */
    public static String format(SlotResult result, Fleet fleet, int lanes, String extraFields) {
        StringBuilder sb = new StringBuilder(512);
        sb.append("{\n");
        string(sb, "solver", result.solver());
        number(sb, "p_d", result.price());
        if (result.k() >= 0) {
            integer(sb, "k", result.k());
        }
        number(sb, "revenue", result.revenue());
        RevenueTerms t = result.terms();
        number(sb, "service_revenue", t.service());
        number(sb, "grid_revenue", t.grid());
        number(sb, "ev_payments", t.payments());
        number(sb, "penalty", t.penalty());
        integer(sb, "charging", result.charging());
        integer(sb, "discharging", result.discharging());
        integer(sb, "idle", result.idle());
        integer(sb, "evs", result.evs());
        number(sb, "solve_ms", result.nanos() / 1e6);
        integer(sb, "solve_ns", result.nanos());
        integer(sb, "lanes", lanes);
        if (result.dispatch().isPresent()) {
            dispatch(sb, result.dispatch().get(), fleet);
        }
        if (!extraFields.isEmpty()) {
            sb.append("  ").append(extraFields).append(",\n");
        }
        sb.setLength(sb.length() - 2); // the last field's ",\n"
        return sb.append("\n}\n").toString();
    }

    private static void dispatch(StringBuilder sb, Dispatch d, Fleet fleet) {
        if (d.size() != fleet.size()) {
            throw new IllegalArgumentException("dispatch has " + d.size() + " EVs, fleet has " + fleet.size());
        }
        sb.append("  \"dispatch\": [");
        for (int i = 0; i < d.size(); i++) {
            sb.append(i == 0 ? "\n" : ",\n").append("    {\"id\": ");
            quote(sb, fleet.id(i));
            sb.append(", \"decision\": \"").append(d.decision(i).name().toLowerCase(Locale.ROOT))
                    .append("\", \"x\": ").append(finite("x", d.amount(i))).append('}');
        }
        sb.append(d.size() == 0 ? "],\n" : "\n  ],\n");
    }

    private static void string(StringBuilder sb, String key, String value) {
        sb.append("  \"").append(key).append("\": ");
        quote(sb, value);
        sb.append(",\n");
    }

    private static void number(StringBuilder sb, String key, double value) {
        sb.append("  \"").append(key).append("\": ").append(finite(key, value)).append(",\n");
    }

    private static void integer(StringBuilder sb, String key, long value) {
        sb.append("  \"").append(key).append("\": ").append(value).append(",\n");
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        JsonStringEncoder.getInstance().quoteAsString(s, sb);
        sb.append('"');
    }

    /** JSON has no NaN or infinity; a result holding one is a bug, not something to print. */
    private static String finite(String key, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalStateException(key + " is not finite in a solver result: value=" + value);
        }
        return Double.toString(value);
    }
}
