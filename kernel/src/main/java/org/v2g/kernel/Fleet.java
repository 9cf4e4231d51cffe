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

    private Fleet(String[] ids, double[] capacity, double[] energy, double[] beta, double[] a,
            double[] uIdle, double[] arrival, double[] departure) {
        this.ids = ids;
        this.capacity = capacity;
        this.energy = energy;
        this.beta = beta;
        this.a = a;
        this.uIdle = uIdle;
        this.arrival = arrival;
        this.departure = departure;
        validate();
    }

    /**
     * A fleet from parallel arrays (copied). {@code arrival} and {@code departure} are hours from
     * midnight of the first day and may both be {@code null} when the fleet has no schedule.
     *
     * @throws InvalidInputException naming the field, the EV and the value of the first bad entry
     */
    public static Fleet of(String[] ids, double[] capacity, double[] energy, double[] beta, double[] a,
            double[] uIdle, double[] arrival, double[] departure) {
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
        return new Fleet(ids.clone(), capacity.clone(), energy.clone(), beta.clone(), a.clone(), uIdle.clone(),
                arrival == null ? null : arrival.clone(), departure == null ? null : departure.clone());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The empty fleet. */
    public static Fleet empty() {
        return builder().build();
    }

    /** The same EVs with new stored energies (the next slot, SPEC section 4); validated like a new fleet. */
    public Fleet withEnergies(double[] newEnergy) {
        requireLength("energy_kwh", newEnergy, size());
        return new Fleet(ids, capacity, newEnergy.clone(), beta, a, uIdle, arrival, departure);
    }

    public int size() {
        return ids.length;
    }

    public String id(int i) {
        return ids[i];
    }

    public double capacity(int i) {
        return capacity[i];
    }

    public double energy(int i) {
        return energy[i];
    }

    public double beta(int i) {
        return beta[i];
    }

    public double a(int i) {
        return a[i];
    }

    public double uIdle(int i) {
        return uIdle[i];
    }

    public boolean hasSchedule() {
        return arrival != null;
    }

    /** Arrival in hours from midnight of the first day; only when {@link #hasSchedule()}. */
    public double arrival(int i) {
        requireSchedule();
        return arrival[i];
    }

    /** Departure in hours from midnight of the first day; only when {@link #hasSchedule()}. */
    public double departure(int i) {
        requireSchedule();
        return departure[i];
    }

    /** A copy of the stored energies. */
    public double[] energies() {
        return energy.clone();
    }

    /** True when every EV has the same degradation coefficient (the paper's case). */
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
        return "Fleet[size=" + size() + ", schedule=" + hasSchedule() + "]";
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

        private Builder() {
        }

        /** An EV with the paper's {@code β}, {@code a} and idle utility and no schedule. */
        public Builder add(String id, double capacityKwh, double energyKwh) {
            return add(id, capacityKwh, energyKwh, DEFAULT_BETA, DEFAULT_A, DEFAULT_U_IDLE);
        }

        public Builder add(String id, double capacityKwh, double energyKwh, double beta, double a, double uIdle) {
            if (!anyWithoutSchedule) {
                anyWithoutSchedule = true;
                firstWithoutSchedule = n;
            }
            return put(id, capacityKwh, energyKwh, beta, a, uIdle, Double.NaN, Double.NaN);
        }

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
            ids[n] = id;
            for (int c = 0; c < cols.length; c++) {
                cols[c][n] = values[c];
            }
            n++;
            return this;
        }

        public Fleet build() {
            if (anySchedule && anyWithoutSchedule) {
                throw new InvalidInputException("arrival_h", "ev=" + ids[firstWithoutSchedule], "missing",
                        "must be given for every EV or for none (ev=" + ids[firstWithSchedule] + " has it)");
            }
            double[] arr = anySchedule ? Arrays.copyOf(cols[5], n) : null;
            double[] dep = anySchedule ? Arrays.copyOf(cols[6], n) : null;
            return new Fleet(Arrays.copyOf(ids, n), Arrays.copyOf(cols[0], n), Arrays.copyOf(cols[1], n),
                    Arrays.copyOf(cols[2], n), Arrays.copyOf(cols[3], n), Arrays.copyOf(cols[4], n), arr, dep);
        }
    }
}
