package org.v2g.node.internal;

import java.util.Optional;
import java.util.SplittableRandom;
import org.v2g.kernel.Fleet;

/**
 * The case study's fleet: electric buses and private cars with arrivals, stays and energies drawn
 * from a seed. Ids are {@code bus-N} and {@code car-N}. The distributions (documented in
 * {@code docs/CASE-STUDY.md}) are built in and shaped like ElaadNL's; given
 * {@link ElaadStatistics}, the cars' arrivals, stays, energy demand and capacities are drawn from
 * those real statistics instead.
 *
 * <p>Built-in distributions (hours from midnight of the first day; N(μ,σ) clipped to [lo, hi]):
 * <ul>
 *   <li>Buses ({@code busShare} of the fleet): capacity uniform over 160, 200, 250, 320 kWh; arrive
 *       N(17.5, 1.5) in [13, 22] after their routes, leave the next morning N(30, 0.5) in [28.5, 31];
 *       arrive with SOC uniform in [0.25, 0.55].</li>
 *   <li>Cars: 55 % commuters, arriving N(8.75, 1) in [6.5, 12] and staying N(9, 1.5) in [3, 12] h;
 *       45 % residents, arriving N(18.5, 2) in [14, 23.75] and staying N(13, 2) in [6, 16] h.
 *       Capacity 40, 46, 52, 58, 64, 77 kWh with weights 10, 10, 10, 45, 15, 10; SOC at arrival
 *       N(0.5, 0.18) in [0.05, 0.95].</li>
 * </ul>
 * Times are rounded to the minute, energies to 0.1 kWh.
 */
public final class CaseStudyFleet {
    /** Share of buses in the default case study. */
    public static final double DEFAULT_BUS_SHARE = 0.1;
    private static final double[] BUS_CAPACITIES = {160, 200, 250, 320};
    private static final double[] CAR_CAPACITIES = {40, 46, 52, 58, 64, 77};
    private static final double[] CAR_WEIGHTS = {10, 10, 10, 45, 15, 10};
    private static final double COMMUTER_SHARE = 0.55;

    private CaseStudyFleet() {
    }

    /**
     * @param evs      fleet size
     * @param busShare share of buses in [0, 1]
     * @param elaad    real statistics for the cars, or empty for the built-in distributions
     */
    public static Fleet generate(int evs, long seed, double busShare, Optional<ElaadStatistics> elaad) {
        if (evs < 0) {
            throw new IllegalArgumentException("evs must be >= 0: value=" + evs);
        }
        if (!(busShare >= 0 && busShare <= 1)) {
            throw new IllegalArgumentException("bus share must be within [0, 1]: value=" + busShare);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        int buses = (int) Math.round(evs * busShare);
        Fleet.Builder b = Fleet.builder();
        for (int i = 0; i < buses; i++) {
            double cap = BUS_CAPACITIES[rnd.nextInt(BUS_CAPACITIES.length)];
            double arrival = Draws.toMinute(Draws.normal(rnd, 17.5, 1.5, 13, 22));
            double departure = Draws.toMinute(Draws.normal(rnd, 30, 0.5, 28.5, 31));
            double energy = kwh(cap * Draws.uniform(rnd, 0.25, 0.55), cap);
            b.add("bus-" + i, cap, energy, Fleet.DEFAULT_BETA, Fleet.DEFAULT_A, Fleet.DEFAULT_U_IDLE, arrival, departure);
        }
        for (int i = 0; i < evs - buses; i++) {
            boolean commuter = rnd.nextDouble() < COMMUTER_SHARE;
            double cap;
            double arrival;
            double stay;
            double energy;
            if (elaad.isPresent()) {
                ElaadStatistics s = elaad.get();
                cap = s.capacityKwh(rnd);
                arrival = s.arrivalHour(rnd, commuter);
                if (arrival < 5) {
                    arrival += 24; // an arrival after midnight joins the end of the day
                }
                stay = Math.max(0.5, s.stayHours(rnd, commuter));
                energy = kwh(cap - s.demandKwh(rnd, commuter), cap);
            } else {
                cap = CAR_CAPACITIES[Draws.weighted(rnd, CAR_WEIGHTS)];
                arrival = commuter ? Draws.normal(rnd, 8.75, 1, 6.5, 12) : Draws.normal(rnd, 18.5, 2, 14, 23.75);
                stay = commuter ? Draws.normal(rnd, 9, 1.5, 3, 12) : Draws.normal(rnd, 13, 2, 6, 16);
                energy = kwh(cap * Draws.normal(rnd, 0.5, 0.18, 0.05, 0.95), cap);
            }
            arrival = Draws.toMinute(arrival);
            double departure = Math.max(arrival + 1 / 60.0, Draws.toMinute(arrival + stay));
            b.add("car-" + i, cap, energy, Fleet.DEFAULT_BETA, Fleet.DEFAULT_A, Fleet.DEFAULT_U_IDLE, arrival, departure);
        }
        return b.build();
    }

    /** Rounds to 0.1 kWh inside [5 %, 95 %] of the battery. */
    private static double kwh(double energy, double cap) {
        double clipped = Math.max(0.05 * cap, Math.min(0.95 * cap, energy));
        return Math.round(clipped * 10) / 10.0;
    }
}
