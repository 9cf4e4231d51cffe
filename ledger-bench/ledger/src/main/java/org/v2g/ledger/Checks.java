package org.v2g.ledger;

/** Argument checks whose messages name the field, the owner and the value (SPEC section 6). */
final class Checks {
    private Checks() {
    }

    static double finite(String field, String owner, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be finite: " + owner + " value=" + value);
        }
        return value;
    }

    static double positive(String field, String owner, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be > 0 and finite: " + owner + " value=" + value);
        }
        return value;
    }

    static double nonNegative(String field, String owner, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be >= 0 and finite: " + owner + " value=" + value);
        }
        return value;
    }

    static long nonNegative(String field, String owner, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must be >= 0: " + owner + " value=" + value);
        }
        return value;
    }

    static byte[] length(String field, String owner, byte[] value, int length) {
        if (value == null || value.length != length) {
            throw new IllegalArgumentException(field + " must be " + length + " bytes: " + owner + " length="
                + (value == null ? "null" : Integer.toString(value.length)));
        }
        return value.clone();
    }
}
