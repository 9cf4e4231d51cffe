package org.v2g.kernel;

import java.util.Optional;
import org.v2g.kernel.internal.Checks;

/**
 * The answer of one slot: the published discharging price and what it yields.
 *
 * <p>{@code revenue} is the value the solver maximised, computed by that solver; {@code terms} are
 * recomputed from the decisions at the chosen price and sum to {@code revenue} up to rounding.
 *
 * @param solver      which solver answered ({@code reference}, {@code scalar}, {@code simd}, ...)
 * @param k           the grid index of the price, or -1 for a price that is not a grid point
 * @param price       the discharging price {@code p_d*}, CNY/kWh
 * @param revenue     {@code R(p_d*)}, CNY
 * @param terms       the four terms of the revenue
 * @param charging    number of charging EVs
 * @param discharging number of discharging EVs
 * @param idle        number of idle EVs
 * @param dispatch    each EV's amount, when asked for
 * @param nanos       wall time of the solve, ns
 */
public record SlotResult(String solver, int k, double price, double revenue, RevenueTerms terms,
        int charging, int discharging, int idle, Optional<Dispatch> dispatch, long nanos) {

    /**
     * Checks the result.
     *
     * @throws InvalidInputException naming {@code solver}, {@code terms} or {@code dispatch} when null
     */
    public SlotResult {
        Checks.notNull("solver", "result", solver);
        Checks.notNull("terms", "result", terms);
        Checks.notNull("dispatch", "result", dispatch);
    }

    /** {@return the number of EVs that took part} */
    public int evs() {
        return charging + discharging + idle;
    }

    /** {@return the same result without the per-EV dispatch (to keep many slots in memory)} */
    public SlotResult withoutDispatch() {
        return new SlotResult(solver, k, price, revenue, terms, charging, discharging, idle, Optional.empty(), nanos);
    }

    /**
     * The same result stamped with a solve time.
     *
     * @param ns wall time of the solve, ns
     * @return the stamped result
     */
    public SlotResult withNanos(long ns) {
        return new SlotResult(solver, k, price, revenue, terms, charging, discharging, idle, dispatch, ns);
    }

    /**
     * Assembles a result from every EV's signed amount at the chosen price; counts and terms are summed
     * in fleet order.
     *
     * @param solver       which solver answered
     * @param k            the grid index of the price, or -1 off the grid
     * @param price        the discharging price {@code p_d*}, CNY/kWh
     * @param revenue      {@code R(p_d*)} as the solver computed it, CNY
     * @param amounts      every EV's signed amount at {@code price}, in fleet order
     * @param market       the slot's market, for the terms
     * @param withDispatch whether the result keeps the amounts
     * @return the result
     */
    public static SlotResult fromAmounts(String solver, int k, double price, double revenue, double[] amounts,
            Market market, boolean withDispatch) {
        double sumCharge = 0;
        double sumDischarge = 0;
        int charging = 0;
        int discharging = 0;
        int idle = 0;
        for (double x : amounts) {
            if (x > 0) {
                charging++;
                sumCharge += x;
            } else if (x < 0) {
                discharging++;
                sumDischarge += -x;
            } else {
                idle++;
            }
        }
        RevenueTerms terms = RevenueTerms.of(market, price, sumCharge, sumDischarge, idle);
        Optional<Dispatch> dispatch = withDispatch ? Optional.of(new Dispatch(amounts)) : Optional.empty();
        return new SlotResult(solver, k, price, revenue, terms, charging, discharging, idle, dispatch, 0);
    }
}
