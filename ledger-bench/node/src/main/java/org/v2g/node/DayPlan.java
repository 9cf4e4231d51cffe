package org.v2g.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.v2g.kernel.Fleet;
import org.v2g.kernel.Market;
import org.v2g.node.internal.CampusLoad;
import org.v2g.node.internal.CaseStudyFleet;
import org.v2g.node.internal.ElaadStatistics;
import org.v2g.node.internal.Tariff;

/**
 * What a trading day is made of: the fleet with its schedule and the day's slots in time order.
 *
 * @param fleet every EV of the day, with arrival and departure
 * @param slots the slots, in strictly increasing start time
 */
public record DayPlan(Fleet fleet, List<DaySlot> slots) {
    /** The case study starts at 07:00 (SPEC section 5). */
    public static final double CASE_STUDY_START_H = 7.0;
    /** 96 slots of 15 minutes: one day. */
    public static final int CASE_STUDY_SLOTS = 96;

    /**
     * Checks the plan and copies {@code slots}.
     *
     * @throws IllegalArgumentException if the fleet has no schedule or the slots are not in increasing
     *                                  start time
     */
    public DayPlan {
        if (!fleet.hasSchedule()) {
            throw new IllegalArgumentException("a trading day needs arrival_h and departure_h for every EV");
        }
        slots = List.copyOf(slots);
        for (int s = 1; s < slots.size(); s++) {
            if (!(slots.get(s).startH() > slots.get(s - 1).startH())) {
                throw new IllegalArgumentException("slots must be in increasing start_h: slot " + s
                        + " start_h=" + slots.get(s).startH());
            }
        }
    }

    /**
     * The paper's case study (SPEC section 5): 96 slots from 07:00, Shenzhen tariff, Table I
     * parameters, the generated campus load and auxiliary demand, and a generated fleet.
     *
     * @param evs   buses and cars to generate
     * @param seed  the seed of the fleet and the load
     * @param elaad arrival and departure statistics to draw from; empty for the built-in ones
     * @return the day
     */
    public static DayPlan caseStudy(int evs, long seed, Optional<ElaadStatistics> elaad) {
        Fleet fleet = CaseStudyFleet.generate(evs, seed, CaseStudyFleet.DEFAULT_BUS_SHARE, elaad);
        return withFleet(fleet, seed);
    }

    /**
     * The case study's slots (tariff and generated load) for a given fleet.
     *
     * @param fleet the day's EVs, with arrival and departure
     * @param seed  the seed of the generated load
     * @return the day
     */
    public static DayPlan withFleet(Fleet fleet, long seed) {
        CampusLoad load = CampusLoad.generate(CASE_STUDY_START_H, CASE_STUDY_SLOTS, fleet.size(), seed);
        List<DaySlot> slots = new ArrayList<>(CASE_STUDY_SLOTS);
        for (int s = 0; s < CASE_STUDY_SLOTS; s++) {
            double start = CASE_STUDY_START_H + s * DaySlot.HOURS;
            Market market = Market.builder(Tariff.shenzhen(start)).eLimit(load.eLimitKwh(s)).build();
            slots.add(new DaySlot(s, start, market, load.baseLoadKw(s)));
        }
        return new DayPlan(fleet, slots);
    }

    /**
     * Whether an EV takes part in a slot (SPEC section 4).
     *
     * @param i    the EV's index in fleet order
     * @param slot one of the day's slots
     * @return true when EV {@code i} is plugged in for the whole of {@code slot}
     */
    public boolean present(int i, DaySlot slot) {
        return fleet.arrival(i) <= slot.startH() && fleet.departure(i) >= slot.endH();
    }

    /**
     * The first slot each EV takes part in ({@link #present}), in fleet order; -1 for an EV never present.
     *
     * @return the slot index per EV
     */
    public int[] firstSlots() {
        int[] first = new int[fleet.size()];
        for (int i = 0; i < first.length; i++) {
            first[i] = -1;
            for (int s = 0; s < slots.size() && first[i] < 0; s++) {
                first[i] = present(i, slots.get(s)) ? s : -1;
            }
        }
        return first;
    }

    /**
     * The last slot each EV takes part in ({@link #present}; SPEC section 8 counts its remaining slots up
     * to it), in fleet order; -1 for an EV never present.
     *
     * @return the slot index per EV
     */
    public int[] lastSlots() {
        int[] last = new int[fleet.size()];
        for (int i = 0; i < last.length; i++) {
            last[i] = -1;
            for (int s = slots.size() - 1; s >= 0 && last[i] < 0; s--) {
                last[i] = present(i, slots.get(s)) ? s : -1;
            }
        }
        return last;
    }
}
