package org.v2g.cli.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The percentile axis labels of the plot. */
class LatencyPlotTest {
    @Test
    void log10OfOneOverOneMinusPCountsTheNines() {
        assertEquals("0%", LatencyPlot.percentileLabel(0));
        assertEquals("90%", LatencyPlot.percentileLabel(1));
        assertEquals("99%", LatencyPlot.percentileLabel(2));
        assertEquals("99.9%", LatencyPlot.percentileLabel(3));
        assertEquals("99.999%", LatencyPlot.percentileLabel(5));
    }
}
