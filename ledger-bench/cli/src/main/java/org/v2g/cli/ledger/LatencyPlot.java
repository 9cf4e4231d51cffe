package org.v2g.cli.ledger;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The percentile plot of HdrHistogram's plotter: latency (µs, log scale) against {@code 1/(1 − percentile)}
 * on a log axis (plotted as its log10) labelled 90 %, 99 %, 99.9 %, …, so each tail decade gets the same width.
 *
 * <p>Thread-safety: stateless.
 */
public final class LatencyPlot {
    private LatencyPlot() {
    }

    /** Writes {@code file} (PNG) with one line per named histogram (values in nanoseconds). */
    public static void write(Path file, String title, List<String> names, List<Histogram> histograms) {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(900).height(560).title(title)
                .xAxisTitle("log10(1/(1-p)): 1 = p90, 2 = p99, 3 = p99.9, 4 = p99.99, 5 = p99.999").yAxisTitle("latency (µs)").build();
        XYStyler s = chart.getStyler();
        // XChart ignores a logarithmic x axis once tick labels are formatted (and its callback tick
        // calculator can spin), so x is log10(1/(1 - p)) on a plain linear axis, whole numbers as ticks, and
        // the axis title says what they mean: 1 is 90 %, 2 is 99 %, 3 is 99.9 %.
        s.setYAxisLogarithmic(true);
        s.setXAxisDecimalPattern("0.#");
        s.setXAxisMin(0.0);
        double maxX = 1;
        s.setLegendPosition(Styler.LegendPosition.InsideNW);
        s.setChartBackgroundColor(Color.WHITE);
        for (int i = 0; i < names.size(); i++) {
            Histogram h = histograms.get(i);
            if (h.getTotalCount() == 0) {
                continue;
            }
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (HistogramIterationValue v : h.percentiles(5)) {
                double p = v.getPercentileLevelIteratedTo() / 100.0;
                if (p >= 1.0) {
                    break;
                }
                x.add(Math.log10(1.0 / (1.0 - p)));
                y.add(Math.max(0.01, v.getValueIteratedTo() / 1000.0));
            }
            if (x.isEmpty()) {
                continue;
            }
            maxX = Math.max(maxX, x.getLast());
            XYSeries series = chart.addSeries(names.get(i), x, y);
            series.setMarker(SeriesMarkers.NONE);
        }
        s.setXAxisMax(Math.ceil(maxX));
        try {
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The percentile at {@code log10(1/(1 - p))}, for the summary and tests: 0 → "0%", 1 → "90%", 2 → "99%", 3 → "99.9%". */
    static String percentileLabel(double x) {
        double p = 100.0 * (1.0 - Math.pow(10, -x));
        if (p <= 0) {
            return "0%";
        }
        int decimals = Math.min(9, Math.max(0, (int) Math.ceil(x - 1e-9) - 2));
        String text = String.format(Locale.ROOT, "%." + decimals + "f", p);
        return text + "%";
    }
}
