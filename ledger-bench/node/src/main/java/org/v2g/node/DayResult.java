package org.v2g.node;

import java.util.List;

/**
 * A whole trading day.
 *
 * @param solver      the slot solver's name
 * @param slots       every slot, in time order
 * @param evs         every EV of the fleet, in fleet order
 * @param solveNanos  time spent solving slots
 * @param settleNanos time spent on everything else: signatures, votes, settling and recording
 * @param wallNanos   wall time of the day
 */
public record DayResult(String solver, List<SlotOutcome> slots, List<EvAccount> evs, long solveNanos,
        long settleNanos, long wallNanos) {

    /** Copies {@code slots} and {@code evs}. */
    public DayResult {
        slots = List.copyOf(slots);
        evs = List.copyOf(evs);
    }

    /** {@return Σ over slots of the aggregator's revenue {@code R(p_d*)}} */
    public double aggregatorRevenue() {
        return slots.stream().mapToDouble(s -> s.result().revenue()).sum();
    }

    /** {@return Σ over EVs of the net cost to owners} */
    public double ownersNetCost() {
        return evs.stream().mapToDouble(EvAccount::netCostCny).sum();
    }
}
