package org.v2g.node;

import org.v2g.kernel.Fleet;
import org.v2g.kernel.Market;

/**
 * The same EVs charging uncoordinated: at full power from arrival until full or departure, paying
 * {@code p_rt + W_service} per kWh, with the same whole-slot participation rule as the scheme.
 *
 * @param paidCny  money each EV pays, fleet order
 * @param finalKwh stored energy of each EV at the end of the day
 * @param chargeKw charging power per slot
 */
public record Baseline(double[] paidCny, double[] finalKwh, double[] chargeKw) {

    /**
     * The day without coordination: each EV present in a slot charges at full power until full,
     * paying the slot's {@code p_c}, and never discharges.
     *
     * @param plan the day's fleet and slots
     * @return what each EV pays and ends with, and the charging power per slot
     */
    public static Baseline uncoordinated(DayPlan plan) {
        Fleet fleet = plan.fleet();
        int n = fleet.size();
        double[] energy = fleet.energies();
        double[] paid = new double[n];
        double[] power = new double[plan.slots().size()];
        for (int s = 0; s < power.length; s++) {
            DaySlot slot = plan.slots().get(s);
            Market m = slot.market();
            double kwhInSlot = 0;
            for (int i = 0; i < n; i++) {
                if (!plan.present(i, slot)) {
                    continue;
                }
                double x = Math.min(1, (fleet.capacity(i) - energy[i]) / m.e0());
                if (x > 0) {
                    double kwh = m.e0() * x;
                    energy[i] = Math.min(fleet.capacity(i), energy[i] + kwh);
                    paid[i] += m.pC() * kwh;
                    kwhInSlot += kwh;
                }
            }
            power[s] = kwhInSlot / DaySlot.HOURS;
        }
        return new Baseline(paid, energy, power);
    }

    /** {@return Σ paid by all EVs, CNY} */
    public double totalPaidCny() {
        double sum = 0;
        for (double p : paidCny) {
            sum += p;
        }
        return sum;
    }
}
