package org.v2g.node;

import java.util.LinkedHashMap;
import java.util.Map;
import org.v2g.kernel.DepartureFloors;
import org.v2g.kernel.Fleet;
import org.v2g.node.internal.Tariff;

/**
 * The day in a few numbers: money, energy, prices by tariff level, and where the time went.
 *
 * @param evs                 EVs in the fleet
 * @param slots               slots in the day
 * @param solver              the slot solver
 * @param aggregatorRevenue   Σ R(p_d*) over the day
 * @param auxiliaryRevenue    Σ of the auxiliary-service margin (grid payment − EV payment − penalty)
 * @param ownersNetCost       Σ over EVs of paid − received under the scheme
 * @param baselineOwnersCost  Σ over EVs of what uncoordinated charging costs
 * @param chargedKwh          energy charged under the scheme
 * @param dischargedKwh       energy discharged under the scheme
 * @param finalKwh            Σ stored energy at the end of the day under the scheme
 * @param baselineFinalKwh    Σ stored energy at the end of the day uncoordinated
 * @param evsWithTarget       EVs with a departure target (SPEC section 8)
 * @param belowTarget         of those, EVs that left below their target under the scheme
 * @param baselineBelowTarget of those, EVs that left below their target uncoordinated
 * @param ownersCostPerKwhHeld         owners' net cost per kWh held at departure under the scheme, CNY/kWh
 * @param baselineOwnersCostPerKwhHeld the same uncoordinated, CNY/kWh
 * @param meanPriceByLevel    mean p_d* over the slots of each tariff level
 * @param meanAuxByLevel      mean auxiliary revenue per slot of each tariff level
 * @param solveMs             time solving slots
 * @param settleMs            time settling and recording slots
 * @param wallMs              wall time of the day
 */
public record DaySummary(int evs, int slots, String solver, double aggregatorRevenue, double auxiliaryRevenue,
        double ownersNetCost, double baselineOwnersCost, double chargedKwh, double dischargedKwh, double finalKwh,
        double baselineFinalKwh, int evsWithTarget, int belowTarget, int baselineBelowTarget,
        double ownersCostPerKwhHeld, double baselineOwnersCostPerKwhHeld, Map<Tariff.Level, Double> meanPriceByLevel, Map<Tariff.Level, Double> meanAuxByLevel,
        double solveMs, double settleMs, double wallMs) {

    /**
     * Sums a day up.
     *
     * @param plan     the day's fleet and slots (for the tariff levels)
     * @param day      what the scheme did
     * @param baseline what uncoordinated charging would have done
     * @return the summary
     */
    public static DaySummary of(DayPlan plan, DayResult day, Baseline baseline) {
        Map<Tariff.Level, Double> price = new LinkedHashMap<>();
        Map<Tariff.Level, Double> aux = new LinkedHashMap<>();
        for (Tariff.Level level : Tariff.Level.values()) {
            var here = day.slots().stream().filter(s -> Tariff.Level.of(s.slot().market().pRt()) == level).toList();
            if (!here.isEmpty()) {
                price.put(level, here.stream().mapToDouble(s -> s.result().price()).average().orElseThrow());
                aux.put(level, here.stream().mapToDouble(SlotOutcome::auxiliaryRevenue).average().orElseThrow());
            }
        }
        double baselineFinalKwh = 0;
        for (double e : baseline.finalKwh()) {
            baselineFinalKwh += e;
        }
        double finalKwh = day.evs().stream().mapToDouble(EvAccount::finalKwh).sum();
        Fleet fleet = plan.fleet();
        int withTarget = 0;
        int below = 0;
        int baselineBelow = 0;
        for (int i = 0; i < fleet.size(); i++) {
            if (fleet.hasTarget(i)) {
                withTarget++;
                below += DepartureFloors.met(day.evs().get(i).finalKwh(), fleet.target(i)) ? 0 : 1;
                baselineBelow += DepartureFloors.met(baseline.finalKwh()[i], fleet.target(i)) ? 0 : 1;
            }
        }
        return new DaySummary(fleet.size(), plan.slots().size(), day.solver(), day.aggregatorRevenue(),
                day.slots().stream().mapToDouble(SlotOutcome::auxiliaryRevenue).sum(), day.ownersNetCost(),
                baseline.totalPaidCny(), day.evs().stream().mapToDouble(EvAccount::chargedKwh).sum(),
                day.evs().stream().mapToDouble(EvAccount::dischargedKwh).sum(), finalKwh, baselineFinalKwh,
                withTarget, below, baselineBelow, day.ownersNetCost() / finalKwh,
                baseline.totalPaidCny() / baselineFinalKwh, price, aux,
                day.solveNanos() / 1e6, day.settleNanos() / 1e6, day.wallNanos() / 1e6);
    }

    /** {@return one JSON object; numbers in shortest round-trip form} */
    public String toJson() {
        StringBuilder b = new StringBuilder("{\n");
        field(b, "evs", evs);
        field(b, "slots", slots);
        b.append("  \"solver\": \"").append(solver).append("\",\n");
        field(b, "aggregator_revenue_cny", aggregatorRevenue);
        field(b, "auxiliary_revenue_cny", auxiliaryRevenue);
        field(b, "owners_net_cost_cny", ownersNetCost);
        field(b, "baseline_owners_cost_cny", baselineOwnersCost);
        field(b, "charged_kwh", chargedKwh);
        field(b, "discharged_kwh", dischargedKwh);
        field(b, "final_kwh", finalKwh);
        field(b, "baseline_final_kwh", baselineFinalKwh);
        field(b, "evs_with_target", evsWithTarget);
        field(b, "evs_below_target", belowTarget);
        field(b, "baseline_evs_below_target", baselineBelowTarget);
        field(b, "owners_net_cost_per_kwh_held_cny", ownersCostPerKwhHeld);
        field(b, "baseline_owners_cost_per_kwh_held_cny", baselineOwnersCostPerKwhHeld);
        level(b, "mean_p_d_by_level", meanPriceByLevel);
        level(b, "mean_auxiliary_revenue_by_level", meanAuxByLevel);
        field(b, "solve_ms", solveMs);
        field(b, "settle_ms", settleMs);
        b.append("  \"wall_ms\": ").append(wallMs).append("\n}\n");
        return b.toString();
    }

    private static void field(StringBuilder b, String name, Object value) {
        b.append("  \"").append(name).append("\": ").append(value).append(",\n");
    }

    private static void level(StringBuilder b, String name, Map<Tariff.Level, Double> values) {
        b.append("  \"").append(name).append("\": {");
        String sep = "";
        for (var e : values.entrySet()) {
            b.append(sep).append('"').append(e.getKey().name().toLowerCase(java.util.Locale.ROOT)).append("\": ")
                    .append(e.getValue());
            sep = ", ";
        }
        b.append("},\n");
    }
}
