package org.v2g.kernel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.v2g.kernel.internal.Checks;

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

    /**
     * Checks every value (SPEC section 6).
     *
     * @throws InvalidInputException naming the field ({@code p_rt}, {@code epsilon}, ...) and the value
     */
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

    /**
     * A builder holding the paper's values (Table I) for everything but {@code p_rt}.
     *
     * @param pRt the real-time electricity price {@code p_rt}, CNY/kWh
     * @return the builder
     * @throws InvalidInputException naming {@code p_rt} when it is NaN or infinite
     */
    public static Builder builder(double pRt) {
        return new Builder(Checks.finite("p_rt", ITEM, pRt));
    }

    /**
     * A market from SPEC section 7 keys. {@code p_rt} is required; other keys take their defaults;
     * an unknown key is an error.
     *
     * @param values the values by key ({@code p_rt}, {@code e_limit}, ...)
     * @param item   where the values came from, used in error messages (for example {@code line=4})
     * @return the market
     * @throws InvalidInputException naming the key, {@code item} and the value of an unknown, missing or
     *                               bad key
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
        try {
            Builder b = builder(pRt);
            values.forEach((key, value) -> b.set(key, value));
            return b.build();
        } catch (InvalidInputException e) {
            throw ITEM.equals(item) ? e : new InvalidInputException(e.field(), item, e.value(), ruleOf(e));
        }
    }

    private static String ruleOf(InvalidInputException e) {
        String m = e.getMessage();
        return m.substring(e.field().length() + 1, m.indexOf(": " + ITEM + " value="));
    }

    /** {@return the values of every key of SPEC section 7, in the order of {@link #KEYS}, for writing back out} */
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

    /** {@return the charging price {@code p_c = p_rt + W_service}, CNY/kWh} */
    public double pC() {
        return pRt + wService;
    }

    /** {@return the ε-grid of SPEC section 3, from {@code p_d_min} to {@code p_d_max}} */
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

        /**
         * Sets {@code w_service}.
         *
         * @param v {@code w_service}, CNY/kWh, ≥ 0
         * @return this builder
         * @throws InvalidInputException naming {@code w_service} for a value it may never take
         */
        public Builder wService(double v) {
            wService = Checks.nonNegative("w_service", ITEM, v);
            return this;
        }

        /**
         * Sets {@code w_grid}.
         *
         * @param v {@code w_grid}, CNY/kWh, ≥ 0
         * @return this builder
         * @throws InvalidInputException naming {@code w_grid} for a value it may never take
         */
        public Builder wGrid(double v) {
            wGrid = Checks.nonNegative("w_grid", ITEM, v);
            return this;
        }

        /**
         * Sets {@code p_delay}.
         *
         * @param v {@code p_delay}, CNY per idle EV and slot, ≥ 0
         * @return this builder
         * @throws InvalidInputException naming {@code p_delay} for a value it may never take
         */
        public Builder pDelay(double v) {
            pDelay = Checks.nonNegative("p_delay", ITEM, v);
            return this;
        }

        /**
         * Sets {@code e_limit}.
         *
         * @param v {@code e_limit}, kWh, ≥ 0
         * @return this builder
         * @throws InvalidInputException naming {@code e_limit} for a value it may never take
         */
        public Builder eLimit(double v) {
            eLimit = Checks.nonNegative("e_limit", ITEM, v);
            return this;
        }

        /**
         * Sets {@code delta}.
         *
         * @param v {@code delta}, CNY/kWh, ≥ 0 (default 2·p_rt)
         * @return this builder
         * @throws InvalidInputException naming {@code delta} for a value it may never take
         */
        public Builder delta(double v) {
            delta = Checks.nonNegative("delta", ITEM, v);
            return this;
        }

        /**
         * Sets {@code p_d_min}.
         *
         * @param v {@code p_d_min}, CNY/kWh, finite (default −3·p_rt)
         * @return this builder
         * @throws InvalidInputException naming {@code p_d_min} for a value it may never take
         */
        public Builder pdMin(double v) {
            pdMin = Checks.finite("p_d_min", ITEM, v);
            return this;
        }

        /**
         * Sets {@code p_d_max}.
         *
         * @param v {@code p_d_max}, CNY/kWh, ≤ 0
         * @return this builder
         * @throws InvalidInputException naming {@code p_d_max} for a value it may never take
         */
        public Builder pdMax(double v) {
            pdMax = Checks.nonPositive("p_d_max", ITEM, v);
            return this;
        }

        /**
         * Sets {@code epsilon}.
         *
         * @param v {@code epsilon}, CNY/kWh, > 0
         * @return this builder
         * @throws InvalidInputException naming {@code epsilon} for a value it may never take
         */
        public Builder epsilon(double v) {
            epsilon = Checks.positive("epsilon", ITEM, v);
            return this;
        }

        /**
         * Sets {@code e0}.
         *
         * @param v {@code e0}, kWh, > 0
         * @return this builder
         * @throws InvalidInputException naming {@code e0} for a value it may never take
         */
        public Builder e0(double v) {
            e0 = Checks.positive("e0", ITEM, v);
            return this;
        }

        /**
         * Sets {@code soc_floor}.
         *
         * @param v {@code soc_floor}, in (0, 1]
         * @return this builder
         * @throws InvalidInputException naming {@code soc_floor} for a value it may never take
         */
        public Builder socFloor(double v) {
            socFloor = checkSocFloor(v);
            return this;
        }

        /**
         * Sets {@code soc_min}.
         *
         * @param v {@code soc_min}, in [0, 1]
         * @return this builder
         * @throws InvalidInputException naming {@code soc_min} for a value it may never take
         */
        public Builder socMin(double v) {
            socMin = checkSocMin(v);
            return this;
        }

        /**
         * Sets a value by its SPEC section 7 key; {@code p_rt} is fixed by {@link #builder}.
         *
         * @param key the key ({@code w_service}, {@code e_limit}, ...)
         * @param v   the value
         * @return this builder
         * @throws InvalidInputException naming the key for an unknown key, a bad value or a different
         *                               {@code p_rt}
         */
        public Builder set(String key, double v) {
            switch (key) {
                case "p_rt" -> {
                    if (Double.doubleToLongBits(v) != Double.doubleToLongBits(pRt)) {
                        throw new InvalidInputException("p_rt", ITEM, v,
                                "is fixed when the builder is made (p_rt=" + pRt + ")");
                    }
                }
                case "w_service" -> wService(v);
                case "w_grid" -> wGrid(v);
                case "p_delay" -> pDelay(v);
                case "e_limit" -> eLimit(v);
                case "delta" -> delta(v);
                case "p_d_min" -> pdMin(v);
                case "p_d_max" -> pdMax(v);
                case "epsilon" -> epsilon(v);
                case "e0" -> e0(v);
                case "soc_floor" -> socFloor(v);
                case "soc_min" -> socMin(v);
                default -> throw new InvalidInputException(key, ITEM, v, "is not a market key (known: " + KEYS + ")");
            }
            return this;
        }

        /**
         * The market. A default that follows {@code p_rt} ({@code delta = 2·p_rt}, {@code p_d_min = −3·p_rt})
         * and comes out invalid is blamed on {@code p_rt}, the value the caller gave.
         *
         * @return the market
         * @throws InvalidInputException naming the field and the value
         */
        public Market build() {
            if (delta == null && pRt < 0) {
                throw new InvalidInputException("p_rt", ITEM, pRt,
                        "must be >= 0 unless delta is given (delta defaults to 2*p_rt=" + 2 * pRt + ")");
            }
            if (pdMin == null && pRt < 0) {
                throw new InvalidInputException("p_rt", ITEM, pRt, "must be >= 0 unless p_d_min is given"
                        + " (p_d_min defaults to -3*p_rt=" + -3 * pRt + ", above p_d_max=" + pdMax + ")");
            }
            return new Market(pRt, wService, wGrid, pDelay, eLimit, delta != null ? delta : 2 * pRt,
                    pdMin != null ? pdMin : -3 * pRt, pdMax, epsilon, e0, socFloor, socMin);
        }

        private static double checkSocFloor(double v) {
            Checks.positive("soc_floor", ITEM, v);
            if (v > 1) {
                throw new InvalidInputException("soc_floor", ITEM, v, "must be within (0, 1]");
            }
            return v;
        }

        private static double checkSocMin(double v) {
            Checks.nonNegative("soc_min", ITEM, v);
            if (v > 1) {
                throw new InvalidInputException("soc_min", ITEM, v, "must be within [0, 1]");
            }
            return v;
        }
    }
}
