package org.v2g.bench.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The percentile axis labels of the plot. */
class LatencyPlotTest {
    @Test
    void decadesOfOneOverOneMinusPAreNines() {
        assertEquals("0%", LatencyPlot.percentileLabel(1));
        assertEquals("90%", LatencyPlot.percentileLabel(10));
        assertEquals("99%", LatencyPlot.percentileLabel(100));
        assertEquals("99.9%", LatencyPlot.percentileLabel(1000));
        assertEquals("99.999%", LatencyPlot.percentileLabel(100_000));
    }
}
