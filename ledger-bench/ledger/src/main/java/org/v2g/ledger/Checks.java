package org.v2g.ledger;

import org.v2g.kernel.InvalidInputException;

/**
 * Argument checks whose {@link InvalidInputException}s name the field, the owner (the item) and the value
 * (SPEC section 6).
 */
final class Checks {
    private Checks() {
    }

    static double finite(String field, String owner, double value) {
        if (!Double.isFinite(value)) {
            throw new InvalidInputException(field, owner, value, "must be finite");
        }
        return value;
    }

    static double positive(String field, String owner, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new InvalidInputException(field, owner, value, "must be > 0 and finite");
        }
        return value;
    }

    static double nonNegative(String field, String owner, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new InvalidInputException(field, owner, value, "must be >= 0 and finite");
        }
        return value;
    }

    static long nonNegative(String field, String owner, long value) {
        if (value < 0) {
            throw new InvalidInputException(field, owner, value, "must be >= 0");
        }
        return value;
    }

    static byte[] length(String field, String owner, byte[] value, int length) {
        if (value == null || value.length != length) {
            throw new InvalidInputException(field, owner, value == null ? "null" : value.length + " bytes",
                "must be " + length + " bytes");
        }
        return value.clone();
    }
}
