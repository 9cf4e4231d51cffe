package org.v2g.jmh.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/** The report's PNG charts; every bar or point carries an error bar ({@link Run.Metric#bar()}). */
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
        for (Run r : runs) {
            if (!r.headlineName().equals(first.headlineName()) || !r.headline().unit().equals(unit)) {
                continue;
            }
            x.add(r.method() + (r.paramLabel().isEmpty() ? "" : " " + r.paramLabel()));
            y.add(r.headline().score());
            e.add(r.headline().bar());
        }
        String metric = first.headlineName().equals("primary") ? "score" : first.headlineName();
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
            .xAxisTitle("method").yAxisTitle(metric + " (" + unit + "), error bar: 99.9 % CI").build();
        style(c);
        c.getStyler().setXAxisLabelRotation(20);
        c.getStyler().setLegendVisible(false);
        c.addSeries(metric, x, y, e);
        save(c, file);
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
            .xAxisTitle("N (EVs), log scale").yAxisTitle(runs.get(0).headlineName() + " (" + unit + ")").build();
        style(c);
        c.getStyler().setXAxisLogarithmic(true);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        lines.forEach((name, pts) -> {
            double[] x = new double[pts.size()];
            double[] y = new double[pts.size()];
            double[] e = new double[pts.size()];
            int i = 0;
            for (Map.Entry<Double, Run> p : pts.entrySet()) {
                x[i] = p.getKey();
                y[i] = p.getValue().headline().score();
                e[i] = p.getValue().headline().bar();
                i++;
            }
            c.addSeries(name, x, y, e);
        });
        save(c, file);
    }

    /** Speed-ups (with propagated error bars) as bars: label to {value, error}. */
    static void speedups(Path file, String title, String yTitle, Map<String, double[]> values) {
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
            .xAxisTitle("method").yAxisTitle(yTitle).build();
        style(c);
        c.getStyler().setLegendVisible(false);
        List<String> x = new ArrayList<>(values.keySet());
        List<Double> y = new ArrayList<>();
        List<Double> e = new ArrayList<>();
        for (double[] v : values.values()) {
            y.add(v[0]);
            e.add(Double.isFinite(v[1]) ? v[1] : 0);
        }
        c.addSeries("speed-up", x, y, e);
        save(c, file);
    }

    private static void style(Chart<?, ?> c) {
        c.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    }

    private static void save(Chart<?, ?> chart, Path file) {
        try {
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
