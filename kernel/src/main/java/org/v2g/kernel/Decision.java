package org.v2g.kernel;

/** What an EV does in a slot (SPEC section 1, eq. 9). */
public enum Decision {
    CHARGE, DISCHARGE, IDLE;

    /** The decision of a signed normalised amount: positive charges, negative discharges. */
    public static Decision of(double amount) {
        return amount > 0 ? CHARGE : amount < 0 ? DISCHARGE : IDLE;
    }
}
