package org.v2g.kernel;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.v2g.kernel.internal.Checks;

/**
 * The plugged-in EVs of one slot as a structure of arrays: one {@code double[]} per SPEC section 1
 * field, the ids beside them. Immutable and validated on construction (SPEC section 6), so every
 * solver may read the arrays without checks.
 *
 * <p>Usage:
 * <pre>{@code
 * Fleet fleet = Fleet.builder()
 *         .add("bus-1", 160, 57.2)                     // paper defaults for beta, a, u_idle
 *         .add("car-7", 40, 26.2, 0.16, -0.01, 0.0)
 *         .build();
 * }</pre>
 *
 * <p>Optional, beyond the paper (SPEC section 8): a one-slot floor {@code F_i} ({@code floor_kwh}, the
 * energy the EV must hold after the slot; every solver honours it) and a day's target {@code T_i}
 * ({@code target_kwh}, wanted at departure, so it needs a schedule; solvers ignore it, the day turns
 * it into each slot's floor with {@link DepartureFloors}). A fleet without them behaves bit for bit as
 * one of SPEC sections 1–7.
 * <pre>{@code
 * Fleet slot = Fleet.builder().add("car-1", 40, 10).floor(18).build();      // must charge 8 kWh
 * Fleet day = Fleet.builder().add("car-2", 40, 10, 0.16, -0.01, 0, 8, 17).target(32).build();
 * Fleet now = day.withFloors(DepartureFloors.floors(day, slotsLeft, market.e0()));
 * }</pre>
 *
 * <p>Thread-safe: instances never change after construction.
 */
public final class Fleet {
    /** Paper value of the preference {@code β} (Table I). */
    public static final double DEFAULT_BETA = 0.16;
    /** Paper value of the degradation coefficient {@code a} (Table I). */
    public static final double DEFAULT_A = -0.01;
    /** Paper value of the idle utility (Table I). */
    public static final double DEFAULT_U_IDLE = 0.0;

    private final String[] ids;
    final double[] capacity;
    final double[] energy;
    final double[] beta;
    final double[] a;
    final double[] uIdle;
    private final double[] arrival;
    private final double[] departure;
    /** {@code F_i} (kWh), or null: no EV has a floor (every floor 0). */
    private final double[] floor;
    /** {@code T_i} (kWh), NaN where an EV has none; or null: no EV has one. */
    private final double[] target;

    private Fleet(String[] ids, double[] capacity, double[] energy, double[] beta, double[] a,
            double[] uIdle, double[] arrival, double[] departure) {
        this(ids, capacity, energy, beta, a, uIdle, arrival, departure, null, null);
    }

    private Fleet(String[] ids, double[] capacity, double[] energy, double[] beta, double[] a,
            double[] uIdle, double[] arrival, double[] departure, double[] target, double[] floor) {
        this.ids = ids;
        this.capacity = capacity;
        this.energy = energy;
        this.beta = beta;
        this.a = a;
        this.uIdle = uIdle;
        this.arrival = arrival;
        this.departure = departure;
        this.target = target;
        this.floor = floor;
        validate();
    }

    /** {@link #withFloors}: only the new floors need checking, the rest was validated before. */
    private Fleet(Fleet same, double[] floor) {
        this.ids = same.ids;
        this.capacity = same.capacity;
        this.energy = same.energy;
        this.beta = same.beta;
        this.a = same.a;
        this.uIdle = same.uIdle;
        this.arrival = same.arrival;
        this.departure = same.departure;
        this.target = same.target;
        this.floor = floor;
        for (int i = 0; i < ids.length; i++) {
            validateFloor(i, "ev=" + ids[i]);
        }
    }

    /**
     * A fleet from parallel arrays (copied). {@code arrival} and {@code departure} are hours from
     * midnight of the first day and may both be {@code null} when the fleet has no schedule.
     *
     * @param ids       EV ids, unique, in fleet order
     * @param capacity  {@code C_i}, kWh, {@code > 0}
     * @param energy    {@code E_i}, kWh, in {@code [0, C_i]}
     * @param beta      preference {@code β_i}, {@code > 0}
     * @param a         degradation coefficient {@code a_i}, {@code ≤ 0}
     * @param uIdle     idle utility {@code U_idle,i}
     * @param arrival   arrival, hours from midnight of the first day; or {@code null}
     * @param departure departure, after arrival; or {@code null}
     * @return the fleet (SPEC section 1's variables per EV)
     * @throws InvalidInputException naming the field, the EV and the value of the first bad entry
     */
    public static Fleet of(String[] ids, double[] capacity, double[] energy, double[] beta, double[] a,
            double[] uIdle, double[] arrival, double[] departure) {
        return of(ids, capacity, energy, beta, a, uIdle, arrival, departure, null, null);
    }

    /**
     * A fleet from parallel arrays (copied), with SPEC section 8's optional columns.
     *
     * @param ids       EV ids, unique, in fleet order
     * @param capacity  {@code C_i}, kWh, {@code > 0}
     * @param energy    {@code E_i}, kWh, in {@code [0, C_i]}
     * @param beta      preference {@code β_i}, {@code > 0}
     * @param a         degradation coefficient {@code a_i}, {@code ≤ 0}
     * @param uIdle     idle utility {@code U_idle,i}
     * @param arrival   arrival, hours from midnight of the first day; or {@code null}
     * @param departure departure, after arrival; or {@code null}
     * @param target {@code T_i} in kWh, {@code Double.NaN} for an EV without a target; or {@code null}
     *               when no EV has one. A target needs {@code departure}.
     * @param floor  {@code F_i} in kWh; or {@code null} for no floors (every floor 0)
     * @return the fleet
     * @throws InvalidInputException naming the field, the EV and the value of the first bad entry
     */
    public static Fleet of(String[] ids, double[] capacity, double[] energy, double[] beta, double[] a,
            double[] uIdle, double[] arrival, double[] departure, double[] target, double[] floor) {
        Checks.notNull("id", "fleet", ids);
        int n = ids.length;
        requireLength("capacity_kwh", capacity, n);
        requireLength("energy_kwh", energy, n);
        requireLength("beta", beta, n);
        requireLength("a", a, n);
        requireLength("u_idle", uIdle, n);
        if ((arrival == null) != (departure == null)) {
            throw new InvalidInputException(arrival == null ? "arrival_h" : "departure_h", "fleet", "missing",
                    "must be given together with " + (arrival == null ? "departure_h" : "arrival_h"));
        }
        if (arrival != null) {
            requireLength("arrival_h", arrival, n);
            requireLength("departure_h", departure, n);
        }
        if (target != null) {
            requireLength("target_kwh", target, n);
        }
        if (floor != null) {
            requireLength("floor_kwh", floor, n);
        }
        return new Fleet(ids.clone(), capacity.clone(), energy.clone(), beta.clone(), a.clone(), uIdle.clone(),
                arrival == null ? null : arrival.clone(), departure == null ? null : departure.clone(),
                target == null ? null : target.clone(), floor == null ? null : floor.clone());
    }

    /** {@return an empty builder} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the empty fleet} */
    public static Fleet empty() {
        return builder().build();
    }

    /**
     * The same EVs with new stored energies (the next slot, SPEC section 4); validated like a new fleet.
     *
     * @param newEnergy {@code E_i} per EV in fleet order, kWh, each in {@code [0, C_i]}
     * @return the fleet of the next slot
     * @throws InvalidInputException naming {@code energy_kwh}, the EV and the value
     */
    public Fleet withEnergies(double[] newEnergy) {
        requireLength("energy_kwh", newEnergy, size());
        return new Fleet(ids, capacity, newEnergy.clone(), beta, a, uIdle, arrival, departure, target, floor);
    }

    /**
     * The same EVs with this slot's floors {@code F_i} (SPEC section 8; a day's floors come from
     * {@link DepartureFloors#floors}). Only the floors are checked (each in {@code [0, C_i]}); O(N).
     *
     * @param floorKwh {@code F_i} per EV in fleet order, kWh
     * @return the same EVs with these floors
     * @throws InvalidInputException naming {@code floor_kwh}, the EV and the value
     */
    public Fleet withFloors(double[] floorKwh) {
        requireLength("floor_kwh", floorKwh, size());
        return new Fleet(this, floorKwh.clone());
    }

    /**
     * The same EVs where every EV without its own target gets {@code soc·C_i} (a day's
     * {@code --target-soc}); EVs with a target keep it.
     *
     * @param soc the state of charge wanted at departure, in {@code [0, 1]}
     * @return the same EVs with a target each
     * @throws InvalidInputException naming {@code target_soc} when {@code soc} is outside {@code [0, 1]},
     *                               or {@code target_kwh} when the fleet has no departures
     */
    public Fleet withTargetSocWhereMissing(double soc) {
        Checks.finite("target_soc", "fleet", soc);
        if (soc < 0 || soc > 1) {
            throw new InvalidInputException("target_soc", "fleet", soc, "must be within [0, 1]");
        }
        double[] t = new double[size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = hasTarget(i) ? target[i] : soc * capacity[i];
        }
        return new Fleet(ids, capacity, energy, beta, a, uIdle, arrival, departure, t, floor);
    }

    /**
     * Refuses a fleet with a {@code floor_kwh} column where a day is run (SPEC section 6): a day's
     * floors follow from {@code target_kwh}.
     *
     * @throws InvalidInputException naming {@code floor_kwh} and the first EV with a floor above 0
     *                               (or the first EV when all are 0)
     */
    public void requireNoFloors() {
        if (floor == null || floor.length == 0) {
            return;
        }
        int at = 0;
        while (at < floor.length - 1 && !(floor[at] > 0)) {
            at++;
        }
        throw new InvalidInputException("floor_kwh", "ev=" + ids[at], floor[at],
                "is one slot's; a day's fleet takes target_kwh, from which each slot's floor follows (SPEC section 8)");
    }

    /** {@return the number of EVs, {@code N}} */
    public int size() {
        return ids.length;
    }

    /**
     * The id of an EV.
     *
     * @param i the EV's index in fleet order
     * @return its id
     */
    public String id(int i) {
        return ids[i];
    }

    /**
     * The battery capacity of an EV.
     *
     * @param i the EV's index in fleet order
     * @return {@code C_i}, kWh
     */
    public double capacity(int i) {
        return capacity[i];
    }

    /**
     * The stored energy of an EV at the start of the slot.
     *
     * @param i the EV's index in fleet order
     * @return {@code E_i}, kWh
     */
    public double energy(int i) {
        return energy[i];
    }

    /**
     * The preference of an EV (SPEC section 1).
     *
     * @param i the EV's index in fleet order
     * @return {@code β_i}, {@code > 0}
     */
    public double beta(int i) {
        return beta[i];
    }

    /**
     * The degradation coefficient of an EV's battery (SPEC section 1).
     *
     * @param i the EV's index in fleet order
     * @return {@code a_i}, {@code ≤ 0}
     */
    public double a(int i) {
        return a[i];
    }

    /**
     * The idle utility of an EV (SPEC section 1).
     *
     * @param i the EV's index in fleet order
     * @return {@code U_idle,i}
     */
    public double uIdle(int i) {
        return uIdle[i];
    }

    /** {@return true when the fleet has arrival and departure times} */
    public boolean hasSchedule() {
        return arrival != null;
    }

    /**
     * Refuses a fleet with targets where one slot is solved on its own (no day to spread the target
     * over, so no floor follows from it; give {@code floor_kwh} instead).
     *
     * @throws InvalidInputException naming {@code target_kwh} and the first EV with a target
     */
    public void requireNoTargets() {
        for (int i = 0; target != null && i < target.length; i++) {
            if (hasTarget(i)) {
                throw new InvalidInputException("target_kwh", "ev=" + ids[i], target[i],
                        "is a day's (energy at departure); one slot takes floor_kwh, the energy to hold after it (SPEC section 8)");
            }
        }
    }

    /** {@return true when some EV has a floor column entry ({@link #floor} may still be 0 for all)} */
    public boolean hasFloors() {
        return floor != null;
    }

    /**
     * The floor of an EV (SPEC section 8).
     *
     * @param i the EV's index in fleet order
     * @return {@code F_i} in kWh: what EV {@code i} must hold after this slot; 0 when it has none
     */
    public double floor(int i) {
        return floor == null ? 0 : floor[i];
    }

    /** {@return true when some EV has a target} */
    public boolean hasTargets() {
        return target != null;
    }

    /**
     * Whether an EV has a target.
     *
     * @param i the EV's index in fleet order
     * @return true when EV {@code i} has a target
     */
    public boolean hasTarget(int i) {
        return target != null && !Double.isNaN(target[i]);
    }

    /**
     * The target of an EV (SPEC section 8).
     *
     * @param i the EV's index in fleet order
     * @return {@code T_i} in kWh, wanted at departure; {@code Double.NaN} when EV {@code i} has none
     */
    public double target(int i) {
        return target == null ? Double.NaN : target[i];
    }

    /**
     * The arrival of an EV; only when {@link #hasSchedule()}.
     *
     * @param i the EV's index in fleet order
     * @return arrival in hours from midnight of the first day
     * @throws IllegalStateException when the fleet has no schedule
     */
    public double arrival(int i) {
        requireSchedule();
        return arrival[i];
    }

    /**
     * The departure of an EV; only when {@link #hasSchedule()}.
     *
     * @param i the EV's index in fleet order
     * @return departure in hours from midnight of the first day
     * @throws IllegalStateException when the fleet has no schedule
     */
    public double departure(int i) {
        requireSchedule();
        return departure[i];
    }

    /** {@return a copy of the stored energies {@code E_i}, kWh, in fleet order} */
    public double[] energies() {
        return energy.clone();
    }

    /** {@return true when every EV has the same degradation coefficient (the paper's case)} */
    public boolean uniformA() {
        for (int i = 1; i < a.length; i++) {
            if (Double.doubleToLongBits(a[i]) != Double.doubleToLongBits(a[0])) {
                return false;
            }
        }
        return true;
    }

    private void requireSchedule() {
        if (arrival == null) {
            throw new IllegalStateException("this fleet has no arrival_h/departure_h columns");
        }
    }

    private void validate() {
        Set<String> seen = new HashSet<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            String id = ids[i];
            if (id == null || id.isBlank()) {
                throw new InvalidInputException("id", "index=" + i, id, "must not be blank");
            }
            String ev = "ev=" + id;
            if (!seen.add(id)) {
                throw new InvalidInputException("id", ev, id, "must be unique (duplicate EV id)");
            }
            double c = Checks.positive("capacity_kwh", ev, capacity[i]);
            Checks.finite("energy_kwh", ev, energy[i]);
            if (energy[i] < 0 || energy[i] > c) {
                throw new InvalidInputException("energy_kwh", ev, energy[i], "must be within [0, capacity_kwh=" + c + "]");
            }
            Checks.positive("beta", ev, beta[i]);
            Checks.nonPositive("a", ev, a[i]);
            Checks.finite("u_idle", ev, uIdle[i]);
            if (arrival != null) {
                Checks.finite("arrival_h", ev, arrival[i]);
                Checks.finite("departure_h", ev, departure[i]);
                if (!(departure[i] > arrival[i])) {
                    throw new InvalidInputException("departure_h", ev, departure[i],
                            "must be after arrival_h=" + arrival[i]);
                }
            }
            if (target != null && !Double.isNaN(target[i])) {
                withinCapacity("target_kwh", ev, target[i], c);
                if (departure == null) {
                    throw new InvalidInputException("target_kwh", ev, target[i],
                            "needs departure_h (a target is the energy wanted at departure)");
                }
            }
            validateFloor(i, ev);
        }
    }

    private void validateFloor(int i, String ev) {
        if (floor != null) {
            withinCapacity("floor_kwh", ev, floor[i], capacity[i]);
        }
    }

    private static void withinCapacity(String field, String ev, double value, double capacity) {
        Checks.finite(field, ev, value);
        if (value < 0 || value > capacity) {
            throw new InvalidInputException(field, ev, value, "must be within [0, capacity_kwh=" + capacity + "]");
        }
    }

    private static void requireLength(String field, double[] column, int n) {
        Checks.notNull(field, "fleet", column);
        if (column.length != n) {
            throw new InvalidInputException(field, "fleet", column.length + " entries",
                    "must have one entry per EV (" + n + ")");
        }
    }

    @Override
    public String toString() {
        return "Fleet[size=" + size() + ", schedule=" + hasSchedule()
                + (floor != null ? ", floors" : "") + (target != null ? ", targets" : "") + "]";
    }

    /**
     * Collects EVs one by one; nothing is validated until {@link #build()}, which validates
     * everything at once so a bad EV never leaves a half-built fleet behind.
     */
    public static final class Builder {
        private String[] ids = new String[16];
        private double[][] cols = new double[7][16];
        private int n;
        private boolean anySchedule;
        private boolean anyWithoutSchedule;
        private int firstWithSchedule;
        private int firstWithoutSchedule;
        /** Section 8's columns, allocated by the first {@link #floor} or {@link #target}. */
        private double[] floors;
        private double[] targets;
        private boolean[] targetGiven;

        private Builder() {
        }

        /**
         * Gives the EV added last the floor {@code F_i} (kWh it must hold after this slot, SPEC section 8);
         * the others have floor 0. Checked at {@link #build()}.
         *
         * @param floorKwh {@code F_i}, kWh, in {@code [0, C_i]}
         * @return this builder
         * @throws IllegalStateException before the first {@code add}
         */
        public Builder floor(double floorKwh) {
            int i = last("floor");
            if (floors == null) {
                floors = new double[ids.length];
            }
            floors[i] = floorKwh;
            return this;
        }

        /**
         * Gives the EV added last the target {@code T_i} (kWh wanted at departure, SPEC section 8); it
         * needs a schedule. Checked at {@link #build()}.
         *
         * @param targetKwh {@code T_i}, kWh, in {@code [0, C_i]}
         * @return this builder
         * @throws IllegalStateException before the first {@code add}
         */
        public Builder target(double targetKwh) {
            int i = last("target");
            if (targets == null) {
                targets = new double[ids.length];
                Arrays.fill(targets, Double.NaN);
                targetGiven = new boolean[ids.length];
            }
            targets[i] = targetKwh;
            targetGiven[i] = true;
            return this;
        }

        private int last(String what) {
            if (n == 0) {
                throw new IllegalStateException(what + " applies to the EV added last; add one first");
            }
            return n - 1;
        }

        /**
         * An EV with the paper's {@code β}, {@code a} and idle utility and no schedule. Checked at
         * {@link #build()}.
         *
         * @param id          the EV's id, unique in the fleet
         * @param capacityKwh {@code C_i}, kWh, {@code > 0}
         * @param energyKwh   {@code E_i}, kWh, in {@code [0, C_i]}
         * @return this builder
         */
        public Builder add(String id, double capacityKwh, double energyKwh) {
            return add(id, capacityKwh, energyKwh, DEFAULT_BETA, DEFAULT_A, DEFAULT_U_IDLE);
        }

        /**
         * An EV with no schedule (it takes part in every slot). Checked at {@link #build()}.
         *
         * @param id          the EV's id, unique in the fleet
         * @param capacityKwh {@code C_i}, kWh, {@code > 0}
         * @param energyKwh   {@code E_i}, kWh, in {@code [0, C_i]}
         * @param beta        preference {@code β_i}, {@code > 0}
         * @param a           degradation coefficient {@code a_i}, {@code ≤ 0}
         * @param uIdle       idle utility {@code U_idle,i}
         * @return this builder
         */
        public Builder add(String id, double capacityKwh, double energyKwh, double beta, double a, double uIdle) {
            if (!anyWithoutSchedule) {
                anyWithoutSchedule = true;
                firstWithoutSchedule = n;
            }
            return put(id, capacityKwh, energyKwh, beta, a, uIdle, Double.NaN, Double.NaN);
        }

        /**
         * An EV with a schedule (SPEC section 4: it takes part only in the slots it is plugged in for
         * whole). Checked at {@link #build()}.
         *
         * @param id          the EV's id, unique in the fleet
         * @param capacityKwh {@code C_i}, kWh, {@code > 0}
         * @param energyKwh   {@code E_i} at arrival, kWh, in {@code [0, C_i]}
         * @param beta        preference {@code β_i}, {@code > 0}
         * @param a           degradation coefficient {@code a_i}, {@code ≤ 0}
         * @param uIdle       idle utility {@code U_idle,i}
         * @param arrivalH    arrival, hours from midnight of the first day
         * @param departureH  departure, hours from midnight of the first day, after arrival
         * @return this builder
         */
        public Builder add(String id, double capacityKwh, double energyKwh, double beta, double a, double uIdle,
                double arrivalH, double departureH) {
            if (!anySchedule) {
                anySchedule = true;
                firstWithSchedule = n;
            }
            return put(id, capacityKwh, energyKwh, beta, a, uIdle, arrivalH, departureH);
        }

        private Builder put(String id, double... values) {
            if (n == ids.length) {
                ids = Arrays.copyOf(ids, n * 2);
                for (int c = 0; c < cols.length; c++) {
                    cols[c] = Arrays.copyOf(cols[c], n * 2);
                }
            }
            if (floors != null && n == floors.length) {
                floors = Arrays.copyOf(floors, ids.length);
            }
            if (targets != null && n == targets.length) {
                int old = targets.length;
                targets = Arrays.copyOf(targets, ids.length);
                Arrays.fill(targets, old, targets.length, Double.NaN);
                targetGiven = Arrays.copyOf(targetGiven, ids.length);
            }
            ids[n] = id;
            for (int c = 0; c < cols.length; c++) {
                cols[c][n] = values[c];
            }
            n++;
            return this;
        }

        /**
         * The fleet; every EV is checked here (SPEC section 6).
         *
         * @return the fleet
         * @throws InvalidInputException naming the field, the EV and the value of the first bad entry
         */
        public Fleet build() {
            if (anySchedule && anyWithoutSchedule) {
                throw new InvalidInputException("arrival_h", "ev=" + ids[firstWithoutSchedule], "missing",
                        "must be given for every EV or for none (ev=" + ids[firstWithSchedule] + " has it)");
            }
            double[] arr = anySchedule ? Arrays.copyOf(cols[5], n) : null;
            double[] dep = anySchedule ? Arrays.copyOf(cols[6], n) : null;
            if (targets != null) {
                for (int i = 0; i < n; i++) {
                    if (targetGiven[i]) { // a NaN given is bad input, not "no target"
                        Checks.finite("target_kwh", "ev=" + ids[i], targets[i]);
                    }
                }
            }
            return new Fleet(Arrays.copyOf(ids, n), Arrays.copyOf(cols[0], n), Arrays.copyOf(cols[1], n),
                    Arrays.copyOf(cols[2], n), Arrays.copyOf(cols[3], n), Arrays.copyOf(cols[4], n), arr, dep,
                    targets == null ? null : Arrays.copyOf(targets, n), floors == null ? null : Arrays.copyOf(floors, n));
        }
    }
}
