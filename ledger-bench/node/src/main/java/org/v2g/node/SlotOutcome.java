package org.v2g.node;

import java.util.Optional;
import org.v2g.kernel.Market;
import org.v2g.kernel.RevenueTerms;
import org.v2g.ledger.Settlement;
import org.v2g.ledger.SlotSolution;

import org.v2g.kernel.SlotResult;
import org.v2g.node.internal.MarketRecords;
import org.v2g.node.internal.SettlementRule;

/**
 * What happened in one slot of a day.
 *
 * @param slot         the slot
 * @param present      EVs that took part
 * @param result       the slot's answer (without per-EV dispatch)
 * @param chargeKwh    energy into the batteries, {@code E0·Σ_C x}
 * @param dischargeKwh energy out of the batteries, {@code E0·Σ_D |x|}
 * @param evPaidCny    money the charging EVs paid
 * @param evReceivedCny money paid to discharging and idle EVs
 * @param isFinal      a quorum of SCPs signed the solution, so the slot was settled
 */
public record SlotOutcome(DaySlot slot, int present, SlotResult result, double chargeKwh, double dischargeKwh,
        double evPaidCny, double evReceivedCny, boolean isFinal) {

    /**
     * The outcome of a slot as recorded: counts, price and revenue from its solution, energy, money and the
     * revenue terms summed from its settlements in fleet order. The live day and a resumed day both build
     * their outcomes here, so a resumed day's books are the uninterrupted day's.
     *
     * @param slot   the day's slot
     * @param ended  the slot as recorded
     * @param solver the solver name to report
     * @param nanos  the solve time, 0 if not known (a slot read back from the ledger)
     * @return the slot's outcome
     */
    public static SlotOutcome of(DaySlot slot, EndedSlot ended, String solver, long nanos) {
        double chargeKwh = 0;
        double dischargeKwh = 0;
        double paid = 0;
        double received = 0;
        double sumCharge = 0;
        double sumDischarge = 0;
        int idle = 0;
        for (Settlement st : ended.settlements()) {
            paid += SettlementRule.paidCny(st);
            received += SettlementRule.receivedCny(st);
            if (st.kwh() > 0) {
                chargeKwh += st.kwh();
            } else if (st.kwh() < 0) {
                dischargeKwh += -st.kwh();
            }
            if (st.x() > 0) {
                sumCharge += st.x();
            } else if (st.x() < 0) {
                sumDischarge += -st.x();
            } else {
                idle++;
            }
        }
        SlotSolution s = ended.solution();
        Market market = MarketRecords.market(ended.market());
        RevenueTerms terms = RevenueTerms.of(market, s.price(), sumCharge, sumDischarge, idle);
        SlotResult result = new SlotResult(solver, s.k(), s.price(), s.revenue(), terms, s.charging(), s.discharging(),
                s.idle(), Optional.empty(), nanos);
        return new SlotOutcome(slot, ended.close().evs(), result, chargeKwh, dischargeKwh, paid, received,
                ended.isFinal());
    }

    /** {@return average charging power over the slot, kW} */
    public double chargeKw() {
        return chargeKwh / DaySlot.HOURS;
    }

    /** {@return average discharging power over the slot, kW} */
    public double dischargeKw() {
        return dischargeKwh / DaySlot.HOURS;
    }

    /**
     * The aggregator's auxiliary-service margin: what the grid pays for the discharged energy, minus
     * what the EVs are paid for it, minus the penalty. Idle payments are not part of it.
     *
     * @return {@code W_grid·E0·Σ_D|x_i| − (−p_d)·E0·Σ_D|x_i| − penalty}, CNY
     */
    public double auxiliaryRevenue() {
        double pd = result.price();
        return result.terms().grid() - (-pd) * dischargeKwh - result.terms().penalty();
    }
}
