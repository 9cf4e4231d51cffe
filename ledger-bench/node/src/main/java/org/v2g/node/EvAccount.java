package org.v2g.node;

/**
 * One EV's day.
 *
 * @param id            EV id
 * @param initialKwh    stored energy at arrival
 * @param finalKwh      stored energy at the end of the day (or at departure)
 * @param chargedKwh    energy charged, Σ E0·x over charging slots
 * @param dischargedKwh energy discharged, Σ E0·|x| over discharging slots
 * @param paidCny       money paid for charging
 * @param receivedCny   money received for discharging and idling
 * @param slotsPresent  slots taken part in
 * @param slotsCharging slots charged in
 * @param slotsDischarging slots discharged in
 */
public record EvAccount(String id, double initialKwh, double finalKwh, double chargedKwh, double dischargedKwh,
        double paidCny, double receivedCny, int slotsPresent, int slotsCharging, int slotsDischarging) {

    /** {@return net cost to the owner: paid minus received} */
    public double netCostCny() {
        return paidCny - receivedCny;
    }
}
