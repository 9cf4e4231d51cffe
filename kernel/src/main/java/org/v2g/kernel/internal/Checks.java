package org.v2g.kernel.internal;

import org.v2g.kernel.InvalidInputException;

/**
 * Argument checks shared by the model types and the ledger's records; each throws an
 * {@link InvalidInputException} naming the field, the item and the value (SPEC section 6).
 */
public final class Checks {
    private Checks() {
    }

    public static <T> T notNull(String field, String item, T value) {
        if (value == null) {
            throw new InvalidInputException(field, item, null, "must not be null");
        }
        return value;
    }

    public static double finite(String field, String item, double value) {
        if (!Double.isFinite(value)) {
            throw new InvalidInputException(field, item, value, "must be a finite number");
        }
        return value;
    }

    public static double positive(String field, String item, double value) {
        finite(field, item, value);
        if (!(value > 0)) {
            throw new InvalidInputException(field, item, value, "must be > 0");
        }
        return value;
    }

    public static double nonNegative(String field, String item, double value) {
        finite(field, item, value);
        if (value < 0) {
            throw new InvalidInputException(field, item, value, "must be >= 0");
        }
        return value;
    }

    public static double nonPositive(String field, String item, double value) {
        finite(field, item, value);
        if (value > 0) {
            throw new InvalidInputException(field, item, value, "must be <= 0");
        }
        return value;
    }

    public static long nonNegative(String field, String item, long value) {
        if (value < 0) {
            throw new InvalidInputException(field, item, value, "must be >= 0");
        }
        return value;
    }

    /** A copy of {@code value}, which must hold exactly {@code length} bytes. */
    public static byte[] length(String field, String item, byte[] value, int length) {
        if (value == null || value.length != length) {
            throw new InvalidInputException(field, item, value == null ? "null" : value.length + " bytes",
                "must be " + length + " bytes");
        }
        return value.clone();
    }
}
