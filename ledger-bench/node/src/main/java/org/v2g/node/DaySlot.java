package org.v2g.node;

import org.v2g.kernel.Market;

/**
 * One 15-minute slot of a trading day.
 *
 * @param index      0-based slot number within the day
 * @param startH     start in hours from midnight of the first day
 * @param market     the slot's oracle data
 * @param baseLoadKw the campus base load of the slot, kW (NaN when not known)
 */
public record DaySlot(int index, double startH, Market market, double baseLoadKw) {
    /** Slot length, hours. */
    public static final double HOURS = 0.25;

    /** {@return end of the slot in hours from midnight of the first day} */
    public double endH() {
        return startH + HOURS;
    }

    /** {@return clock time of the start, {@code HH:MM}} */
    public String clock() {
        long minutes = Math.round(startH * 60);
        return String.format("%02d:%02d", (minutes / 60) % 24, minutes % 60);
    }
}
