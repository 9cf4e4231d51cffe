package org.v2g.node;

import java.util.ArrayList;
import java.util.List;
import org.v2g.kernel.Fleet;
import org.v2g.kernel.Market;
import org.v2g.kernel.SlotResult;
import org.v2g.kernel.SlotSolver;

/**
 * Runs a trading day slot by slot: the EVs plugged in for the whole slot take part, the solver
 * publishes {@code p_d*} and every EV's answer, each EV is settled and its energy advanced
 * (SPEC section 4), then the listener records the slot.
 *
 * <p>Usage:
 * <pre>{@code
 * DayPlan plan = DayPlan.caseStudy(2000, 42, Optional.empty());
 * DayResult day = new TradingDay(Solvers.byName("simd"), SlotListener.NONE).run(plan);
 * }</pre>
 *
 * <p>Not thread-safe while running; a run does not change the plan.
 */
public final class TradingDay {
    private final SlotSolver solver;
    private final SlotListener listener;

    public TradingDay(SlotSolver solver, SlotListener listener) {
        this.solver = solver;
        this.listener = listener;
    }

    public DayResult run(DayPlan plan) {
        long start = System.nanoTime();
        Fleet fleet = plan.fleet();
        int n = fleet.size();
        double[] energy = fleet.energies();
        double[] charged = new double[n];
        double[] discharged = new double[n];
        double[] paid = new double[n];
        double[] received = new double[n];
        int[] present = new int[n];
        int[] charging = new int[n];
        int[] discharging = new int[n];
        long solveNanos = 0;
        long settleNanos = 0;
        List<SlotOutcome> outcomes = new ArrayList<>(plan.slots().size());

        for (DaySlot slot : plan.slots()) {
            int[] here = presentIn(plan, slot);
            double[] before = new double[here.length];
            for (int j = 0; j < here.length; j++) {
                before[j] = energy[here[j]];
            }
            Fleet sub = fleet.select(here).withEnergies(before);
            long t0 = System.nanoTime();
            SlotResult result = solver.solve(sub, slot.market(), true);
            long t1 = System.nanoTime();
            solveNanos += t1 - t0;

            Market m = slot.market();
            double[] x = result.dispatch().orElseThrow().amounts();
            List<Settlement> settlements = new ArrayList<>(here.length);
            double chargeKwh = 0;
            double dischargeKwh = 0;
            double evPaid = 0;
            double evReceived = 0;
            for (int j = 0; j < here.length; j++) {
                int i = here[j];
                double kwh = m.e0() * x[j];
                double cny;
                if (x[j] > 0) {
                    cny = -m.pC() * kwh;
                    charged[i] += kwh;
                    chargeKwh += kwh;
                    paid[i] += -cny;
                    evPaid += -cny;
                    charging[i]++;
                } else if (x[j] < 0) {
                    cny = -result.price() * -kwh;
                    discharged[i] += -kwh;
                    dischargeKwh += -kwh;
                    received[i] += cny;
                    evReceived += cny;
                    discharging[i]++;
                } else {
                    cny = m.pDelay();
                    received[i] += cny;
                    evReceived += cny;
                }
                present[i]++;
                energy[i] = Math.max(0, Math.min(fleet.capacity(i), energy[i] + kwh));
                settlements.add(new Settlement(i, x[j], kwh, cny));
            }
            SlotResult withoutDispatch = new SlotResult(result.solver(), result.k(), result.price(), result.revenue(),
                    result.terms(), result.charging(), result.discharging(), result.idle(),
                    java.util.Optional.empty(), result.nanos());
            outcomes.add(new SlotOutcome(slot, here.length, withoutDispatch, chargeKwh, dischargeKwh, evPaid,
                    evReceived));
            listener.onSettled(slot, here, result, settlements);
            settleNanos += System.nanoTime() - t1;
        }

        double[] initial = fleet.energies();
        List<EvAccount> accounts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            accounts.add(new EvAccount(fleet.id(i), initial[i], energy[i], charged[i], discharged[i], paid[i],
                    received[i], present[i], charging[i], discharging[i]));
        }
        return new DayResult(solver.name(), outcomes, accounts, solveNanos, settleNanos, System.nanoTime() - start);
    }

    private static int[] presentIn(DayPlan plan, DaySlot slot) {
        int n = plan.fleet().size();
        int[] buffer = new int[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (plan.present(i, slot)) {
                buffer[count++] = i;
            }
        }
        return java.util.Arrays.copyOf(buffer, count);
    }
}
