package org.v2g.node;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.v2g.kernel.Fleet;
import org.v2g.kernel.SlotSolver;
import java.util.stream.IntStream;
import org.v2g.ledger.EvSubmission;
import org.v2g.ledger.Settlement;

/**
 * Drives an {@link AggregatorNode} through a day: before each slot, EVs that leave before its end
 * unplug and EVs plugged in for the whole slot plug in with signed preferences from their wallets
 * (SPEC section 4's participation rule); then the node runs the slot. Keeps every EV's account.
 *
 * <p>Usage:
 * <pre>{@code
 * DayPlan plan = DayPlan.caseStudy(2000, 42, Optional.empty());
 * AggregatorNode node = AggregatorNode.builder(solver).ledger(ledger).scps(scps).build();
 * DayResult day = new TradingDay(node, SlotListener.NONE).run(plan);
 * }</pre>
 *
 * <p>Not thread-safe; one run per node.
 */
public final class TradingDay {
    /** SCPs of a day run by {@link #withoutLedger}: 3f+1 with f = 1. */
    public static final int DEFAULT_SCPS = 4;

    private final AggregatorNode node;
    private final String solverName;
    private final SlotListener listener;

    public TradingDay(AggregatorNode node, String solverName, SlotListener listener) {
        this.node = node;
        this.solverName = solverName;
        this.listener = listener;
    }

    /** A day on a node without a ledger whose four SCPs recompute with {@code solver}. */
    public static TradingDay withoutLedger(SlotSolver solver, SlotListener listener) {
        AggregatorNode node = AggregatorNode.builder(solver)
                .scps(AggregatorNode.scps(solver, 1, 1, 1, 1))
                .build();
        return new TradingDay(node, solver.name(), listener);
    }

    public DayResult run(DayPlan plan) {
        long start = System.nanoTime();
        Fleet fleet = plan.fleet();
        int n = fleet.size();
        Map<String, Integer> position = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            position.put(fleet.id(i), i);
        }
        // Each EV makes its key and signs its plug-in preferences on its own device: side by side.
        int[] firstSlot = firstSlots(plan);
        EvSubmission[] signed = new EvSubmission[n];
        EvWallet[] wallets = new EvWallet[n];
        IntStream.range(0, n).parallel().filter(i -> firstSlot[i] >= 0).forEach(i -> {
            wallets[i] = EvWallet.create(fleet.id(i), fleet.capacity(i));
            signed[i] = wallets[i].preferences(firstSlot[i], fleet.beta(i), fleet.uIdle(i), fleet.energy(i));
        });
        boolean[] plugged = new boolean[n];
        boolean[] left = new boolean[n];
        double[] energy = fleet.energies();
        double[] charged = new double[n];
        double[] discharged = new double[n];
        double[] paid = new double[n];
        double[] received = new double[n];
        int[] present = new int[n];
        int[] charging = new int[n];
        int[] discharging = new int[n];
        long solveNanos = 0;
        List<SlotOutcome> outcomes = new ArrayList<>(plan.slots().size());

        for (int s = 0; s < plan.slots().size(); s++) {
            DaySlot slot = plan.slots().get(s);
            for (int i = 0; i < n; i++) {
                if (plugged[i] && fleet.departure(i) < slot.endH()) {
                    node.unplug(fleet.id(i));
                    plugged[i] = false;
                    left[i] = true;
                } else if (!plugged[i] && !left[i] && plan.present(i, slot)) {
                    // One session per EV and day: the first slot it is present in is its plug-in.
                    node.plugIn(wallets[i].registration(), signed[i], fleet.a(i));
                    plugged[i] = true;
                }
            }
            SlotReport report = node.runSlot(s, slot.market());
            solveNanos += report.proposal().nanos();

            double chargeKwh = 0;
            double dischargeKwh = 0;
            double evPaid = 0;
            double evReceived = 0;
            for (Settlement st : report.settlements()) {
                int i = position.get(st.evId());
                present[i]++;
                energy[i] = Math.max(0, Math.min(fleet.capacity(i), energy[i] + st.kwh()));
                if (st.kwh() > 0) {
                    charged[i] += st.kwh();
                    chargeKwh += st.kwh();
                    paid[i] += -st.cny();
                    evPaid += -st.cny();
                    charging[i]++;
                } else {
                    if (st.kwh() < 0) {
                        discharged[i] += -st.kwh();
                        dischargeKwh += -st.kwh();
                        discharging[i]++;
                    }
                    received[i] += st.cny();
                    evReceived += st.cny();
                }
            }
            outcomes.add(new SlotOutcome(slot, report.present().size(), report.result().withoutDispatch(), chargeKwh,
                    dischargeKwh, evPaid, evReceived, report.isFinal()));
            listener.onSettled(slot, report);
        }

        double[] initial = fleet.energies();
        List<EvAccount> accounts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            accounts.add(new EvAccount(fleet.id(i), initial[i], energy[i], charged[i], discharged[i], paid[i],
                    received[i], present[i], charging[i], discharging[i]));
        }
        long wall = System.nanoTime() - start;
        return new DayResult(solverName, outcomes, accounts, solveNanos, wall - solveNanos, wall);
    }

    /** The first slot each EV is plugged in for the whole of, or -1. */
    private static int[] firstSlots(DayPlan plan) {
        int n = plan.fleet().size();
        int[] first = new int[n];
        java.util.Arrays.fill(first, -1);
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < plan.slots().size(); s++) {
                if (plan.present(i, plan.slots().get(s))) {
                    first[i] = s;
                    break;
                }
            }
        }
        return first;
    }
}
