package org.v2g.kernel;

/** What an EV does in a slot (SPEC section 1, eq. 9). */
public enum Decision {
    /** Buys energy from the grid through the aggregator: {@code x_i > 0}. */
    CHARGE,
    /** Sells stored energy at the published price: {@code x_i < 0}. */
    DISCHARGE,
    /** Neither; paid {@code p_delay} (SPEC section 4): {@code x_i = 0}. */
    IDLE;

    /**
     * The decision of a signed normalised amount: positive charges, negative discharges.
     *
     * @param amount the EV's normalised amount {@code x_i}
     * @return {@link #CHARGE}, {@link #DISCHARGE} or {@link #IDLE}
     */
    public static Decision of(double amount) {
        return amount > 0 ? CHARGE : amount < 0 ? DISCHARGE : IDLE;
    }
}
