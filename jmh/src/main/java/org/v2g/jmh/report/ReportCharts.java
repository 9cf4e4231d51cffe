package org.v2g.jmh.report;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's PNG charts. Every bar or point carries an error bar ({@link Run.Metric#bar()}, JMH's
 * 99.9 % half-width) and, when the run had two or more forks, markers at the lowest and highest fork
 * mean, so the spread between JVMs is seen next to the interval of the iterations.
 */
final class ReportCharts {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 500;

    private ReportCharts() {
    }

    /**
     * Headline score per method of one class (one run), with error bars. Only rows whose headline
     * metric has the first row's name and unit are drawn (one axis, one unit); the table has the rest.
     */
    static void bars(Path file, String title, List<Run> runs) {
        Run first = runs.get(0);
        String unit = first.headline().unit();
        List<String> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        List<Double> e = new ArrayList<>();
        List<Double> lo = new ArrayList<>();
        List<Double> hi = new ArrayList<>();
        for (Run r : runs) {
            if (!r.headlineName().equals(first.headlineName()) || !r.headline().unit().equals(unit)) {
                continue;
            }
            x.add(r.method() + (r.paramLabel().isEmpty() ? "" : " " + r.paramLabel()));
            y.add(r.headline().score());
            e.add(r.headline().bar());
            lo.add(r.headline().forkMin());
            hi.add(r.headline().forkMax());
        }
        String metric = first.headlineName().equals("primary") ? "score" : first.headlineName();
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
            .xAxisTitle("method").yAxisTitle(metric + " (" + unit + ")").build();
        style(c);
        c.getStyler().setXAxisLabelRotation(20);
        c.addSeries(metric + " ± 99.9 % CI", x, y, e);
        forkMarkers(c, x, lo, hi, first.forks());
        save(c, file);
    }

    /**
     * Lowest and highest fork mean as scatter markers over the bars (two series), when there are two or
     * more forks; the legend names them.
     */
    private static void forkMarkers(CategoryChart c, List<String> x, List<Double> lo, List<Double> hi, int forks) {
        forkMarkers(c, x, lo, hi, forks, "lowest fork mean", "highest fork mean");
    }

    private static void forkMarkers(CategoryChart c, List<String> x, List<Double> lo, List<Double> hi, int forks,
                                    String lowLabel, String highLabel) {
        c.getStyler().setOverlapped(true);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        if (forks < 2 || lo.stream().noneMatch(Double::isFinite)) {
            c.getStyler().setLegendVisible(true);
            return;
        }
        CategorySeries min = c.addSeries(lowLabel, x, finiteOrNull(lo));
        min.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
        min.setMarker(SeriesMarkers.TRIANGLE_UP);
        min.setMarkerColor(Color.BLACK);
        CategorySeries max = c.addSeries(highLabel, x, finiteOrNull(hi));
        max.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
        max.setMarker(SeriesMarkers.TRIANGLE_DOWN);
        max.setMarkerColor(Color.DARK_GRAY);
    }

    private static List<Double> finiteOrNull(List<Double> v) {
        List<Double> out = new ArrayList<>();
        for (Double d : v) {
            out.add(d != null && Double.isFinite(d) ? d : null);
        }
        return out;
    }

    /** Evaluations per second against N (log axis), one line per method and fleet, with error bars. */
    static void curve(Path file, List<Run> runs) {
        Map<String, TreeMap<Double, Run>> lines = new TreeMap<>();
        for (Run r : runs) {
            String n = r.params().get("n");
            if (n == null) {
                continue;
            }
            String fleet = r.params().getOrDefault("fleet", "");
            lines.computeIfAbsent(r.method() + (fleet.isEmpty() ? "" : " (" + fleet + ")"), k -> new TreeMap<>())
                .put(Double.parseDouble(n), r);
        }
        String unit = runs.get(0).headline().unit();
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT)
            .title("Kernel throughput vs fleet size N (CurveBenchmark)")
            .xAxisTitle("N (EVs), log scale")
            .yAxisTitle(runs.get(0).headlineName() + " (" + unit + "), log scale").build();
        style(c);
        c.getStyler().setXAxisLogarithmic(true);
        // log y: the reference sits two decades below the kernels
        c.getStyler().setYAxisLogarithmic(true);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        lines.forEach((name, pts) -> {
            double[] x = new double[pts.size()];
            double[] y = new double[pts.size()];
            double[] e = new double[pts.size()];
            List<Double> fx = new ArrayList<>();
            List<Double> fy = new ArrayList<>();
            int i = 0;
            for (Map.Entry<Double, Run> p : pts.entrySet()) {
                Run.Metric m = p.getValue().headline();
                x[i] = p.getKey();
                y[i] = m.score();
                // a log axis cannot draw below zero: a bar longer than its value is cut at 1 % of it
                e[i] = Math.min(m.bar(), 0.99 * m.score());
                if (m.forkMeans().length >= 2) {
                    fx.add(x[i]);
                    fy.add(m.forkMin());
                    fx.add(x[i]);
                    fy.add(m.forkMax());
                }
                i++;
            }
            c.addSeries(name + " ± 99.9 % CI", x, y, e);
            if (!fx.isEmpty()) {
                XYSeries forks = c.addSeries(name + ": lowest and highest fork mean", fx, fy);
                forks.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                forks.setMarker(SeriesMarkers.DIAMOND);
            }
        });
        save(c, file);
    }

    /**
     * Ratios as bars: label to estimate, with the propagated error as error bar and the lowest and
     * highest fork-pair ratio as markers; {@code target}, when finite, as a line across.
     */
    static void ratios(Path file, String title, String yTitle, Map<String, Estimate> values, double target,
                       String targetLabel) {
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
            .xAxisTitle("method").yAxisTitle(yTitle).build();
        style(c);
        c.getStyler().setXAxisLabelRotation(10);
        List<String> x = new ArrayList<>(values.keySet());
        List<Double> y = new ArrayList<>();
        List<Double> e = new ArrayList<>();
        List<Double> lo = new ArrayList<>();
        List<Double> hi = new ArrayList<>();
        for (Estimate v : values.values()) {
            y.add(v.value());
            e.add(Double.isFinite(v.error()) ? v.error() : 0);
            lo.add(v.forkLow());
            hi.add(v.forkHigh());
        }
        c.addSeries(yTitle + " ± 99.9 % CI", x, y, e);
        boolean forks = lo.stream().anyMatch(Double::isFinite);
        forkMarkers(c, x, lo, hi, forks ? 2 : 1, "lowest ratio of two forks' means", "highest ratio of two forks' means");
        if (Double.isFinite(target)) {
            CategorySeries t = c.addSeries(targetLabel, x, x.stream().map(k -> target).toList());
            t.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
            t.setMarker(SeriesMarkers.NONE);
            t.setLineColor(Color.RED);
        }
        save(c, file);
    }

    /**
     * Heterogeneous SCPs: time per slot of each method against the capacity-weighted ideal of the same
     * run, as bars with error bars and fork markers.
     */
    static void heterogeneous(Path file, Heterogeneous h) {
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
            .title("Partition, capacities 1:2:4:8: time per slot vs the capacity-weighted ideal (" + h.params() + ")")
            .xAxisTitle("method").yAxisTitle("time per slot (" + h.unit() + ")").build();
        style(c);
        List<String> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        List<Double> e = new ArrayList<>();
        List<Double> lo = new ArrayList<>();
        List<Double> hi = new ArrayList<>();
        x.add(String.format(Locale.ROOT, "ideal = pool1 / %.3f", h.speed()));
        add(h.ideal(), y, e, lo, hi);
        for (Heterogeneous.Row r : h.rows()) {
            x.add(r.method());
            add(r.time(), y, e, lo, hi);
        }
        c.addSeries("time per slot ± 99.9 % CI", x, y, e);
        forkMarkers(c, x, lo, hi, lo.stream().filter(Double::isFinite).count() > 0 ? 2 : 1);
        save(c, file);
    }

    private static void add(Estimate v, List<Double> y, List<Double> e, List<Double> lo, List<Double> hi) {
        y.add(v.value());
        e.add(Double.isFinite(v.error()) ? v.error() : 0);
        lo.add(v.forkLow());
        hi.add(v.forkHigh());
    }

    /**
     * The percentile plot of HdrHistogram's plotter: latency (µs, log scale) against
     * {@code log10(1/(1 − p))} (1 = p90, 2 = p99, 3 = p99.9), one line per latency and run, so the
     * spread between runs (separate JVMs) is the distance between their lines.
     */
    static void latency(Path file, String title, List<Latency> runs) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT + 60).title(title)
            .xAxisTitle("percentile, as log10(1/(1-p)): 0 = p0, 1 = p90, 2 = p99, 3 = p99.9, 4 = p99.99")
            .yAxisTitle("latency (µs), log scale").build();
        style(c);
        // x is log10(1/(1 - p)) on a linear axis with whole-number ticks: XChart's logarithmic x axis
        // would label 1/(1 - p) itself, which reads worse than the decades named in the axis title.
        c.getStyler().setYAxisLogarithmic(true);
        c.getStyler().setXAxisDecimalPattern("0.#");
        c.getStyler().setXAxisMin(0.0);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        double maxX = 1;
        for (Latency run : runs) {
            for (Map.Entry<String, List<double[]>> curve : run.curves().entrySet()) {
                List<Double> x = new ArrayList<>();
                List<Double> y = new ArrayList<>();
                for (double[] p : curve.getValue()) {
                    if (p[0] >= 1.0) {
                        break;
                    }
                    x.add(Math.log10(1.0 / (1.0 - p[0])));
                    y.add(Math.max(0.01, p[1]));
                }
                if (x.isEmpty()) {
                    continue;
                }
                maxX = Math.max(maxX, x.getLast());
                XYSeries s = c.addSeries(curve.getKey() + " (" + run.name() + ")", x, y);
                s.setMarker(SeriesMarkers.NONE);
            }
        }
        c.getStyler().setXAxisMax(Math.ceil(maxX));
        save(c, file);
    }

    private static void style(Chart<?, ?> c) {
        c.getStyler().setChartBackgroundColor(Color.WHITE);
    }

    private static void save(Chart<?, ?> chart, Path file) {
        try {
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
