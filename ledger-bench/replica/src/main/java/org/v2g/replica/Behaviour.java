package org.v2g.replica;

/**
 * How an SCP node acts. Honest is the product; the others are the faults the replicated ledger must
 * survive, selectable on a node to show and test that they are caught.
 */
public enum Behaviour {
    /** Solves its share and votes for what it computed. */
    HONEST,
    /** Reports a revenue one CNY higher than its share's best: caught by apply's spot check. */
    WRONG_PARTIAL,
    /** Reports the second-best index of its share with that index's true revenue: caught at finality. */
    HIDING_PARTIAL,
    /** Votes for a solution one grid step above its own optimum. */
    WRONG_VOTE,
    /** Stays silent: sends no partial result and no vote. */
    SILENT;

    /** {@return the option value: lower case with dashes} */
    public String optionName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /**
     * The behaviour named by {@code name} (as {@link #optionName}).
     *
     * @param name an option value ({@code honest}, {@code wrong-vote}, ...)
     * @return the behaviour
     * @throws IllegalArgumentException naming the value and the valid names otherwise
     */
    public static Behaviour of(String name) {
        for (Behaviour b : values()) {
            if (b.optionName().equals(name)) {
                return b;
            }
        }
        throw new IllegalArgumentException("behaviour must be one of honest, wrong-partial, hiding-partial, "
                + "wrong-vote, silent: value=" + name);
    }
}
