package org.v2g.node;

import org.v2g.kernel.SlotResult;

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

    /** Average charging power over the slot, kW. */
    public double chargeKw() {
        return chargeKwh / DaySlot.HOURS;
    }

    /** Average discharging power over the slot, kW. */
    public double dischargeKw() {
        return dischargeKwh / DaySlot.HOURS;
    }

    /**
     * The aggregator's auxiliary-service margin: what the grid pays for the discharged energy, minus
     * what the EVs are paid for it, minus the penalty. Idle payments are not part of it.
     */
    public double auxiliaryRevenue() {
        double pd = result.price();
        return result.terms().grid() - (-pd) * dischargeKwh - result.terms().penalty();
    }
}
