package org.v2g.node.internal;

/**
 * The Shenzhen valley-peak tariff of the paper's Table III (SPEC section 5), by hour of day:
 * 00–08 valley 0.26, 08–10 normal 0.66, 10–12 peak 1.12, 12–14 normal 0.66, 14–19 peak 1.12,
 * 19–24 normal 0.66 CNY/kWh.
 */
public final class Tariff {
    public static final double VALLEY = 0.26;
    public static final double NORMAL = 0.66;
    public static final double PEAK = 1.12;

    /** A tariff level. */
    public enum Level {
        VALLEY, NORMAL, PEAK;

        /** The level of a Shenzhen price. */
        public static Level of(double pRt) {
            return pRt <= Tariff.VALLEY ? VALLEY : pRt >= Tariff.PEAK ? PEAK : NORMAL;
        }
    }

    private Tariff() {
    }

    /** The price at {@code hours} from midnight of the first day (may exceed 24). */
    public static double shenzhen(double hours) {
        double h = hours % 24;
        if (h < 8) {
            return VALLEY;
        }
        if (h < 10 || (h >= 12 && h < 14) || h >= 19) {
            return NORMAL;
        }
        return PEAK;
    }
}
