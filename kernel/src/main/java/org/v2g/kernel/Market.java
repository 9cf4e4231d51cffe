package org.v2g.kernel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The leader's inputs for one 15-minute slot (SPEC sections 1–3), validated (SPEC section 6).
 * Field names in errors and in {@link #fromKeys} are the market JSON keys of SPEC section 7.
 *
 * <p>Usage:
 * <pre>{@code
 * Market peak = Market.builder(1.12).eLimit(400).build();   // Shenzhen peak, paper defaults elsewhere
 * PriceGrid grid = peak.grid();                              // 3,361 prices from -3.36 to 0
 * }</pre>
 *
 * @param pRt      real-time electricity price {@code p_rt}, CNY/kWh
 * @param wService service fee {@code W_service}, CNY/kWh; {@code p_c = p_rt + W_service}
 * @param wGrid    price the grid pays for discharged energy {@code W_grid}, CNY/kWh
 * @param pDelay   paid to each idle EV per slot, CNY (a non-negative magnitude)
 * @param eLimit   auxiliary discharge asked for this slot, kWh
 * @param delta    penalty per kWh of shortfall or excess, CNY/kWh
 * @param pdMin    lowest discharging price of the grid, CNY/kWh
 * @param pdMax    highest discharging price of the grid, CNY/kWh (≤ 0)
 * @param epsilon  grid step, CNY/kWh
 * @param e0       standard quantity: energy per slot at full power, kWh
 * @param socFloor floor of the SOC in the willingness {@code β / max(SOC, soc_floor)}
 * @param socMin   reserve SOC below which an EV does not discharge
 */
public record Market(double pRt, double wService, double wGrid, double pDelay, double eLimit, double delta,
        double pdMin, double pdMax, double epsilon, double e0, double socFloor, double socMin) {

    public static final double DEFAULT_W_SERVICE = 0.5;
    public static final double DEFAULT_W_GRID = 0.792;
    public static final double DEFAULT_P_DELAY = 0.1;
    public static final double DEFAULT_EPSILON = 0.001;
    public static final double DEFAULT_E0 = 3.75;
    public static final double DEFAULT_SOC_FLOOR = 0.001;
    public static final double DEFAULT_SOC_MIN = 0.0;

    /** The JSON keys of SPEC section 7, in the order they are documented. */
    public static final List<String> KEYS = List.of("p_rt", "w_service", "w_grid", "p_delay", "e_limit", "delta",
            "p_d_min", "p_d_max", "epsilon", "e0", "soc_floor", "soc_min");

    private static final String ITEM = "market";

    public Market {
        Checks.finite("p_rt", ITEM, pRt);
        Checks.nonNegative("w_service", ITEM, wService);
        Checks.nonNegative("w_grid", ITEM, wGrid);
        Checks.nonNegative("p_delay", ITEM, pDelay);
        Checks.nonNegative("e_limit", ITEM, eLimit);
        Checks.nonNegative("delta", ITEM, delta);
        Checks.finite("p_d_min", ITEM, pdMin);
        Checks.nonPositive("p_d_max", ITEM, pdMax);
        if (pdMin > pdMax) {
            throw new InvalidInputException("p_d_min", ITEM, pdMin, "must be <= p_d_max=" + pdMax);
        }
        Checks.positive("epsilon", ITEM, epsilon);
        Checks.positive("e0", ITEM, e0);
        Checks.positive("soc_floor", ITEM, socFloor);
        if (socFloor > 1) {
            throw new InvalidInputException("soc_floor", ITEM, socFloor, "must be within (0, 1]");
        }
        Checks.nonNegative("soc_min", ITEM, socMin);
        if (socMin > 1) {
            throw new InvalidInputException("soc_min", ITEM, socMin, "must be within [0, 1]");
        }
        double points = Math.floor((pdMax - pdMin) / epsilon + 1e-9) + 1;
        if (!(points <= Integer.MAX_VALUE)) {
            throw new InvalidInputException("epsilon", ITEM, epsilon,
                    "gives a grid of " + points + " points, more than 2^31-1");
        }
    }

    /** A builder holding the paper's values (Table I) for everything but {@code p_rt}. */
    public static Builder builder(double pRt) {
        return new Builder(pRt);
    }

    /**
     * A market from SPEC section 7 keys. {@code p_rt} is required; other keys take their defaults;
     * an unknown key is an error.
     *
     * @param item where the values came from, used in error messages (for example {@code line=4})
     */
    public static Market fromKeys(Map<String, Double> values, String item) {
        for (String key : values.keySet()) {
            if (!KEYS.contains(key)) {
                throw new InvalidInputException(key, item, values.get(key), "is not a market key (known: " + KEYS + ")");
            }
        }
        Double pRt = values.get("p_rt");
        if (pRt == null) {
            throw new InvalidInputException("p_rt", item, "missing", "is required");
        }
        Builder b = builder(pRt);
        values.forEach((key, value) -> b.set(key, value));
        try {
            return b.build();
        } catch (InvalidInputException e) {
            throw ITEM.equals(item) ? e : new InvalidInputException(e.field(), item, e.value(), ruleOf(e));
        }
    }

    private static String ruleOf(InvalidInputException e) {
        String m = e.getMessage();
        return m.substring(e.field().length() + 1, m.indexOf(": " + ITEM + " value="));
    }

    /** The values of every key of SPEC section 7, for writing back out. */
    public Map<String, Double> toKeys() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("p_rt", pRt);
        m.put("w_service", wService);
        m.put("w_grid", wGrid);
        m.put("p_delay", pDelay);
        m.put("e_limit", eLimit);
        m.put("delta", delta);
        m.put("p_d_min", pdMin);
        m.put("p_d_max", pdMax);
        m.put("epsilon", epsilon);
        m.put("e0", e0);
        m.put("soc_floor", socFloor);
        m.put("soc_min", socMin);
        return m;
    }

    /** The charging price {@code p_c = p_rt + W_service}. */
    public double pC() {
        return pRt + wService;
    }

    /** The ε-grid of SPEC section 3. */
    public PriceGrid grid() {
        return PriceGrid.of(pdMin, pdMax, epsilon);
    }

    /** Builder with the SPEC defaults; {@code delta} and {@code p_d_min} follow {@code p_rt} unless set. */
    public static final class Builder {
        private final double pRt;
        private double wService = DEFAULT_W_SERVICE;
        private double wGrid = DEFAULT_W_GRID;
        private double pDelay = DEFAULT_P_DELAY;
        private double eLimit;
        private Double delta;
        private Double pdMin;
        private double pdMax;
        private double epsilon = DEFAULT_EPSILON;
        private double e0 = DEFAULT_E0;
        private double socFloor = DEFAULT_SOC_FLOOR;
        private double socMin = DEFAULT_SOC_MIN;

        private Builder(double pRt) {
            this.pRt = pRt;
        }

        public Builder wService(double v) {
            wService = v;
            return this;
        }

        public Builder wGrid(double v) {
            wGrid = v;
            return this;
        }

        public Builder pDelay(double v) {
            pDelay = v;
            return this;
        }

        public Builder eLimit(double v) {
            eLimit = v;
            return this;
        }

        public Builder delta(double v) {
            delta = v;
            return this;
        }

        public Builder pdMin(double v) {
            pdMin = v;
            return this;
        }

        public Builder pdMax(double v) {
            pdMax = v;
            return this;
        }

        public Builder epsilon(double v) {
            epsilon = v;
            return this;
        }

        public Builder e0(double v) {
            e0 = v;
            return this;
        }

        public Builder socFloor(double v) {
            socFloor = v;
            return this;
        }

        public Builder socMin(double v) {
            socMin = v;
            return this;
        }

        /** Sets a value by its SPEC section 7 key; {@code p_rt} is fixed by {@link #builder}. */
        public Builder set(String key, double v) {
            switch (key) {
                case "p_rt" -> {
                    if (Double.doubleToLongBits(v) != Double.doubleToLongBits(pRt)) {
                        throw new IllegalArgumentException("p_rt is fixed when the builder is made");
                    }
                }
                case "w_service" -> wService = v;
                case "w_grid" -> wGrid = v;
                case "p_delay" -> pDelay = v;
                case "e_limit" -> eLimit = v;
                case "delta" -> delta = v;
                case "p_d_min" -> pdMin = v;
                case "p_d_max" -> pdMax = v;
                case "epsilon" -> epsilon = v;
                case "e0" -> e0 = v;
                case "soc_floor" -> socFloor = v;
                case "soc_min" -> socMin = v;
                default -> throw new InvalidInputException(key, ITEM, v, "is not a market key (known: " + KEYS + ")");
            }
            return this;
        }

        public Market build() {
            return new Market(pRt, wService, wGrid, pDelay, eLimit, delta != null ? delta : 2 * pRt,
                    pdMin != null ? pdMin : -3 * pRt, pdMax, epsilon, e0, socFloor, socMin);
        }
    }
}
