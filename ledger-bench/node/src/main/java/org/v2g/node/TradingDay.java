package org.v2g.node;

import java.security.KeyPair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.v2g.kernel.Fleet;
import org.v2g.kernel.SlotSolver;
import java.util.stream.IntStream;
import org.v2g.ledger.Ed25519;
import org.v2g.ledger.EvDeparture;
import org.v2g.ledger.EvSubmission;
import org.v2g.ledger.Settlement;
import org.v2g.node.internal.SettlementRule;

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
    private Function<String, KeyPair> evKeys;

    /**
     * A day on {@code node}.
     *
     * @param node       the node that runs the slots; its ledger, if any, may hold an earlier part of the day
     * @param solverName the solver name reported in the day's results
     * @param listener   told of each slot once it has run
     */
    public TradingDay(AggregatorNode node, String solverName, SlotListener listener) {
        this.node = node;
        this.solverName = solverName;
        this.listener = listener;
    }

    /**
     * A day on a node without a ledger whose four SCPs recompute with {@code solver}.
     *
     * @param solver   proposes and recomputes every slot
     * @param listener told of each slot once it has run
     * @return the day, not yet run
     */
    public static TradingDay withoutLedger(SlotSolver solver, SlotListener listener) {
        AggregatorNode node = AggregatorNode.builder(solver)
                .scps(AggregatorNode.scps(solver, 1, 1, 1, 1))
                .build();
        return new TradingDay(node, solver.name(), listener);
    }

    /**
     * Signs the EVs' preferences with keys from {@code keys} (by EV id) instead of fresh ones: the EVs'
     * devices of a simulated day that must be able to sign again after the node restarts.
     *
     * @param keys the key pair of each EV, by id
     * @return this day
     */
    public TradingDay withEvKeys(Function<String, KeyPair> keys) {
        this.evKeys = keys;
        return this;
    }

    /**
     * Runs the plan's slots on the node. A node recovered from a ledger continues the day after its last
     * ended slot: the slots before come from the ledger (solve times 0), so the day's books are those of
     * an uninterrupted run. EVs already registered sign again only with the keys they registered, so a
     * resumed day needs {@link #withEvKeys}.
     *
     * @param plan the day's fleet and slots
     * @return every slot's outcome and every EV's account, with the day's timings
     * @throws IllegalStateException if the node's ledger holds slots or EVs this plan does not have
     */
    public DayResult run(DayPlan plan) {
        long start = System.nanoTime();
        Fleet fleet = plan.fleet();
        int n = fleet.size();
        Map<String, Integer> position = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            position.put(fleet.id(i), i);
        }
        Books books = new Books(fleet, position);
        List<SlotOutcome> outcomes = new ArrayList<>(plan.slots().size());
        for (EndedSlot ended : node.endedSlots()) {
            if (ended.slot() >= plan.slots().size()) {
                throw new IllegalStateException("the ledger holds slot " + ended.slot() + " but the day has "
                        + plan.slots().size() + " slots: it is another day's ledger");
            }
            books.add(ended.settlements());
            outcomes.add(SlotOutcome.of(plan.slots().get((int) ended.slot()), ended, solverName, 0));
        }
        int resumeAt = (int) (node.lastSlot() + 1);
        // Each EV makes its key and signs its plug-in preferences on its own device: side by side.
        int[] firstSlot = plan.firstSlots();
        int[] lastSlot = plan.lastSlots();
        boolean[] plugged = new boolean[n];
        EvSubmission[] signed = new EvSubmission[n];
        EvDeparture[] departures = new EvDeparture[n];
        EvWallet[] wallets = new EvWallet[n];
        IntStream.range(0, n).parallel().filter(i -> firstSlot[i] >= 0).forEach(i -> {
            String id = fleet.id(i);
            boolean known = node.isRegistered(id);
            plugged[i] = known && node.isPluggedIn(id);
            KeyPair keys = evKeys == null ? Ed25519.generate() : evKeys.apply(id);
            wallets[i] = new EvWallet(id, fleet.capacity(i), keys).resumeAfter(known ? node.lastNonce(id) : 0);
            long plugInSlot = Math.max(firstSlot[i], resumeAt);
            signed[i] = wallets[i].preferences(plugInSlot, fleet.beta(i), fleet.uIdle(i), fleet.energy(i));
            if (fleet.hasTarget(i) && lastSlot[i] >= plugInSlot) {
                departures[i] = wallets[i].departure(plugInSlot, fleet.target(i), lastSlot[i]);
            }
        });
        boolean[] left = new boolean[n];
        long solveNanos = 0;

        for (int s = resumeAt; s < plan.slots().size(); s++) {
            DaySlot slot = plan.slots().get(s);
            for (int i = 0; i < n; i++) {
                if (plugged[i] && fleet.departure(i) < slot.endH()) {
                    node.unplug(fleet.id(i));
                    plugged[i] = false;
                    left[i] = true;
                } else if (!plugged[i] && !left[i] && plan.present(i, slot)) {
                    // One session per EV and day: the first slot it is present in is its plug-in.
                    node.plugIn(wallets[i].registration(), signed[i], departures[i], fleet.a(i));
                    plugged[i] = true;
                }
            }
            SlotReport report = node.runSlot(s, slot.market());
            solveNanos += report.proposal().nanos();
            books.add(report.settlements());
            outcomes.add(SlotOutcome.of(slot, report.ended(), solverName, report.proposal().nanos()));
            listener.onSettled(slot, report);
        }

        long wall = System.nanoTime() - start;
        return new DayResult(solverName, outcomes, books.accounts(), solveNanos, wall - solveNanos, wall);
    }

    /** Every EV's account, summed from its settlements in slot order. */
    private static final class Books {
        private final Fleet fleet;
        private final Map<String, Integer> position;
        private final double[] energy;
        private final double[] charged;
        private final double[] discharged;
        private final double[] paid;
        private final double[] received;
        private final int[] present;
        private final int[] charging;
        private final int[] discharging;

        Books(Fleet fleet, Map<String, Integer> position) {
            int n = fleet.size();
            this.fleet = fleet;
            this.position = position;
            energy = fleet.energies();
            charged = new double[n];
            discharged = new double[n];
            paid = new double[n];
            received = new double[n];
            present = new int[n];
            charging = new int[n];
            discharging = new int[n];
        }

        void add(List<Settlement> settlements) {
            for (Settlement st : settlements) {
                Integer at = position.get(st.evId());
                if (at == null) {
                    throw new IllegalStateException("the ledger settles ev=" + st.evId()
                            + ", which is not in the day's fleet: it is another day's ledger");
                }
                int i = at;
                present[i]++;
                energy[i] = SettlementRule.nextEnergy(energy[i], st, fleet.capacity(i));
                paid[i] += SettlementRule.paidCny(st);
                received[i] += SettlementRule.receivedCny(st);
                if (st.kwh() > 0) {
                    charged[i] += st.kwh();
                    charging[i]++;
                } else if (st.kwh() < 0) {
                    discharged[i] += -st.kwh();
                    discharging[i]++;
                }
            }
        }

        List<EvAccount> accounts() {
            double[] initial = fleet.energies();
            List<EvAccount> accounts = new ArrayList<>(fleet.size());
            for (int i = 0; i < fleet.size(); i++) {
                accounts.add(new EvAccount(fleet.id(i), initial[i], energy[i], charged[i], discharged[i], paid[i],
                        received[i], present[i], charging[i], discharging[i]));
            }
            return accounts;
        }
    }
}
