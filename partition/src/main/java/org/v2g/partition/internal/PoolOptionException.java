package org.v2g.partition.internal;

/**
 * A pool option on the command line is malformed. The message names the option and the value as
 * given, for example {@code --capacities must give one number > 0 per worker (workers=4): value=1,x}.
 */
public final class PoolOptionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String option;
    private final String value;

    public PoolOptionException(String option, String value, String rule) {
        super(option + " " + rule + ": value=" + value);
        this.option = option;
        this.value = value;
    }

    /** The option, with its dashes: {@code --fail}. */
    public String option() {
        return option;
    }

    /** The value as given. */
    public String value() {
        return value;
    }
}
