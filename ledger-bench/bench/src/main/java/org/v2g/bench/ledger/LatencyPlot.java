package org.v2g.bench.ledger;

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
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The percentile plot of HdrHistogram's plotter: latency (µs, log scale) against {@code 1/(1 − percentile)}
 * on a log axis labelled 90 %, 99 %, 99.9 %, …, so each tail decade gets the same width.
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
                .xAxisTitle("percentile").yAxisTitle("latency (µs)").build();
        Styler s = chart.getStyler();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setXAxisLogarithmicDecadeOnly(true);
        chart.getStyler().setxAxisTickLabelsFormattingFunction(LatencyPlot::percentileLabel);
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
                x.add(1.0 / (1.0 - p));
                y.add(Math.max(0.01, v.getValueIteratedTo() / 1000.0));
            }
            if (x.isEmpty()) {
                continue;
            }
            XYSeries series = chart.addSeries(names.get(i), x, y);
            series.setMarker(SeriesMarkers.NONE);
        }
        try {
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** 1 → "0%", 10 → "90%", 100 → "99%", 1000 → "99.9%". */
    static String percentileLabel(double x) {
        double p = 100.0 * (1.0 - 1.0 / x);
        if (p <= 0) {
            return "0%";
        }
        String text = String.format(Locale.ROOT, "%.6f", p).replaceAll("0+$", "").replaceAll("\\.$", "");
        return text + "%";
    }
}
