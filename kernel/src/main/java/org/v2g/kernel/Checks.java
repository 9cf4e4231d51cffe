package org.v2g.kernel;

/** Argument checks shared by the model types; each throws {@link InvalidInputException}. */
final class Checks {
    private Checks() {
    }

    static <T> T notNull(String field, String item, T value) {
        if (value == null) {
            throw new InvalidInputException(field, item, null, "must not be null");
        }
        return value;
    }

    static double finite(String field, String item, double value) {
        if (!Double.isFinite(value)) {
            throw new InvalidInputException(field, item, value, "must be a finite number");
        }
        return value;
    }

    static double positive(String field, String item, double value) {
        finite(field, item, value);
        if (!(value > 0)) {
            throw new InvalidInputException(field, item, value, "must be > 0");
        }
        return value;
    }

    static double nonNegative(String field, String item, double value) {
        finite(field, item, value);
        if (value < 0) {
            throw new InvalidInputException(field, item, value, "must be >= 0");
        }
        return value;
    }

    static double nonPositive(String field, String item, double value) {
        finite(field, item, value);
        if (value > 0) {
            throw new InvalidInputException(field, item, value, "must be <= 0");
        }
        return value;
    }
}
