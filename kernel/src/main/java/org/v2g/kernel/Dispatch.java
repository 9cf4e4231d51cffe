package org.v2g.kernel;

import org.v2g.kernel.internal.Checks;

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

    /**
     * A dispatch from signed amounts (copied).
     *
     * @param amounts every EV's normalised amount {@code x_i}, in fleet order
     * @return the dispatch
     * @throws InvalidInputException for a null array or an amount that is not a finite number
     */
    public static Dispatch of(double[] amounts) {
        if (amounts == null) {
            throw new InvalidInputException("amounts", "dispatch", null, "must not be null");
        }
        double[] copy = amounts.clone();
        for (int i = 0; i < copy.length; i++) {
            Checks.finite("amount", "index=" + i, copy[i]);
        }
        return new Dispatch(copy);
    }

    /** {@return the number of EVs} */
    public int size() {
        return amounts.length;
    }

    /**
     * The signed normalised amount of EV {@code i}.
     *
     * @param i the EV's index in fleet order
     * @return {@code x_i}, in {@code [−1, 1]} for a solver's dispatch
     * @throws IndexOutOfBoundsException naming {@code i} and the fleet size
     */
    public double amount(int i) {
        return amounts[checkIndex(i)];
    }

    /**
     * The decision of EV {@code i} (fleet order).
     *
     * @param i the EV's index in fleet order
     * @return what the EV does at the price
     * @throws IndexOutOfBoundsException naming {@code i} and the fleet size
     */
    public Decision decision(int i) {
        return Decision.of(amounts[checkIndex(i)]);
    }

    private int checkIndex(int i) {
        if (i < 0 || i >= amounts.length) {
            throw new IndexOutOfBoundsException("EV index i=" + i + " is not in the dispatch: the fleet has "
                    + amounts.length + " EVs" + (amounts.length == 0 ? "" : " (0.." + (amounts.length - 1) + ")"));
        }
        return i;
    }

    /** {@return a copy of all amounts, in fleet order} */
    public double[] amounts() {
        return amounts.clone();
    }
}
