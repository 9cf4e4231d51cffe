package org.v2g.cli.io;

import org.v2g.kernel.InvalidInputException;

/** Helpers for re-raising the model's {@link InvalidInputException}s with more context. */
final class Errors {
    private Errors() {
    }

    /**
     * The rule part of an error message ({@code must be > 0} of
     * {@code capacity_kwh must be > 0: ev=ev042 value=-3.0}), so the error can be raised again with
     * another item and the same wording.
     */
    static String rule(InvalidInputException e) {
        String m = e.getMessage();
        String tail = ": " + e.item() + " value=" + e.value();
        int start = e.field().length() + 1;
        if (m.startsWith(e.field() + " ") && m.endsWith(tail) && m.length() - tail.length() >= start) {
            return m.substring(start, m.length() - tail.length());
        }
        return m;
    }
}
