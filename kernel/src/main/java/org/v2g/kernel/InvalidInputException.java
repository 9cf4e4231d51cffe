package org.v2g.kernel;

/**
 * Bad input rejected by a public entry point (SPEC section 6). The message names the field, the item
 * (an EV id, a line number or {@code market}) and the offending value, for example
 * {@code capacity_kwh must be > 0: ev=ev042 value=-3.0}.
 */
public final class InvalidInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The input field. */
    private final String field;
    /** Where the field was found. */
    private final String item;
    /** The rejected value, as text. */
    private final String value;

    /**
     * Bad input; the message reads {@code FIELD RULE: ITEM value=VALUE}.
     *
     * @param field the input field as named in SPEC section 7 ({@code capacity_kwh}, {@code p_rt}, ...)
     * @param item  where it was found: {@code ev=ID}, {@code line=N}, {@code market}, ...
     * @param value the rejected value (may be null)
     * @param rule  the rule it breaks ({@code must be > 0})
     */
    public InvalidInputException(String field, String item, Object value, String rule) {
        super(field + " " + rule + ": " + item + " value=" + value);
        this.field = field;
        this.item = item;
        this.value = String.valueOf(value);
    }

    /** {@return the input field as named in SPEC section 7 ({@code capacity_kwh}, {@code p_rt}, ...)} */
    public String field() {
        return field;
    }

    /** {@return where the field was found: {@code ev=ID}, {@code line=N} or {@code market}} */
    public String item() {
        return item;
    }

    /** {@return the rejected value as written or computed} */
    public String value() {
        return value;
    }
}
