package org.v2g.jmh.report;

import java.util.Locale;

/**
 * A value with its error (JMH's 99.9 % half-width, propagated; NaN when unknown) and the lowest and
 * highest value over the forks (NaN with no fork data).
 */
record Estimate(double value, double error, double forkLow, double forkHigh) {

    /** {@code 1.12× ± 0.05}, the ± left out when the error is unknown. */
    String ratioText() {
        return PerfReport.ratio(value, error);
    }

    /** {@code 1.05–1.20×}, or n/a. */
    String forkRangeText() {
        return Double.isFinite(forkLow) && Double.isFinite(forkHigh)
            ? String.format(Locale.ROOT, "%.2f–%.2f×", forkLow, forkHigh) : "n/a";
    }
}
