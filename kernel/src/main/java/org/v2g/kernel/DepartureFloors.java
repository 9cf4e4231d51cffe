package org.v2g.kernel;

import org.v2g.kernel.internal.Checks;

/**
 * SPEC section 8's day rule, the one copy the node and the replica both call: the floor of EV
 * {@code i} in slot {@code t} is {@code F_i^t = max(0, T_i − (n_i^t − 1)·E0)}, where {@code n_i^t} is
 * the number of the day's slots from {@code t} on, counting it, that the EV takes part in (SPEC
 * section 4's whole-slot rule). It is the least the EV must hold after this slot so that full power in
 * its remaining slots still reaches {@code T_i}.
 *
 * <p>Usage, once per slot:
 * <pre>{@code
 * int[] slotsLeft = ...;                  // n_i^t per present EV, ≥ 1
 * Fleet slot = present.withFloors(DepartureFloors.floors(present, slotsLeft, market.e0()));
 * }</pre>
 *
 * <p>Thread-safe: stateless.
 */
public final class DepartureFloors {
    private DepartureFloors() {
    }

    /**
     * {@code max(0, T − (n − 1)·E0)}, computed in that order.
     *
     * @param targetKwh {@code T_i}, kWh
     * @param slotsLeft {@code n_i^t}: this slot and the later ones the EV takes part in, ≥ 1
     * @param e0        {@code E0}, kWh per slot at full power
     * @return the floor {@code F_i}, kWh, {@code ≥ 0}
     * @throws InvalidInputException naming {@code slots_left} when it is below 1
     */
    public static double floor(double targetKwh, int slotsLeft, double e0) {
        if (slotsLeft < 1) {
            throw new InvalidInputException("slots_left", "departure floor", slotsLeft,
                    "must be >= 1 (the EV takes part in this slot)");
        }
        return Math.max(0, targetKwh - (slotsLeft - 1) * e0);
    }

    /**
     * Every EV's floor for this slot: {@link #floor} of its target, 0 for an EV without one; for
     * {@link Fleet#withFloors}.
     *
     * @param fleet     the slot's EVs
     * @param slotsLeft {@code n_i^t} per EV of {@code fleet}, in fleet order (read only where the EV has
     *                  a target)
     * @param e0        {@code E0}, kWh per slot at full power
     * @return one floor per EV in fleet order, kWh
     * @throws InvalidInputException naming {@code slots_left} and the EV when its count is below 1, or
     *                               when the array does not have one entry per EV
     */
    public static double[] floors(Fleet fleet, int[] slotsLeft, double e0) {
        Checks.notNull("fleet", "departure floors", fleet);
        Checks.notNull("slots_left", "departure floors", slotsLeft);
        if (slotsLeft.length != fleet.size()) {
            throw new InvalidInputException("slots_left", "departure floors", slotsLeft.length + " entries",
                    "must have one entry per EV (" + fleet.size() + ")");
        }
        double[] f = new double[fleet.size()];
        for (int i = 0; i < f.length; i++) {
            if (fleet.hasTarget(i)) {
                if (slotsLeft[i] < 1) {
                    throw new InvalidInputException("slots_left", "ev=" + fleet.id(i), slotsLeft[i],
                            "must be >= 1 (the EV takes part in this slot)");
                }
                f[i] = floor(fleet.target(i), slotsLeft[i], e0);
            }
        }
        return f;
    }

    /**
     * Whether an EV that left with {@code departureKwh} met its target {@code targetKwh} (SPEC section 8's
     * {@code target_met}): up to {@code 1e−9·max(1, T)}, because a forced charge to a floor settles as
     * {@code E + E0·((F − E)/E0)}, which may round one unit in the last place below {@code F}.
     *
     * @param departureKwh energy held at departure, kWh
     * @param targetKwh    the target {@code T}, kWh
     * @return whether the target is met
     */
    public static boolean met(double departureKwh, double targetKwh) {
        return departureKwh >= targetKwh - 1e-9 * Math.max(1, targetKwh);
    }
}
