package org.v2g.kernel;

/**
 * Every EV's decision and normalised amount at the published price, in fleet order.
 * Amounts are signed: positive charges, negative discharges, zero idles; energy is {@code E0·x}.
 *
 * <p>Thread-safe: immutable.
 */
public final class Dispatch {
    private final double[] amounts;

    Dispatch(double[] amounts) {
        this.amounts = amounts;
    }

    /** A dispatch from signed amounts (copied). */
    public static Dispatch of(double[] amounts) {
        return new Dispatch(amounts.clone());
    }

    public int size() {
        return amounts.length;
    }

    /** The signed normalised amount of EV {@code i}. */
    public double amount(int i) {
        return amounts[i];
    }

    public Decision decision(int i) {
        return Decision.of(amounts[i]);
    }

    /** A copy of all amounts. */
    public double[] amounts() {
        return amounts.clone();
    }
}
