package org.v2g.cli.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.v2g.kernel.Fleet;
import org.v2g.node.Baseline;
import org.v2g.node.DayPlan;
import org.v2g.node.DayResult;
import org.v2g.node.DaySlot;
import org.v2g.node.SlotOutcome;

/**
 * PNG charts of a trading day in the spirit of the paper's Figs. 3–5: campus base load and auxiliary
 * demand; charging and discharging power with the tariff and {@code p_d*}; the revenue terms per slot;
 * and, beyond the paper (SPEC section 8), each EV's energy at departure against its target, the scheme
 * beside the uncoordinated baseline.
 */
public final class DayCharts {
    public static final String LOAD_PNG = "fig3-load.png";
    public static final String POWER_PNG = "fig4-power-price.png";
    public static final String REVENUE_PNG = "fig5-revenue.png";
    public static final String DEPARTURE_PNG = "fig6-departure.png";
    private static final int WIDTH = 1100;
    private static final int HEIGHT = 520;

    private DayCharts() {
    }

    /** Writes the four charts into {@code dir}. */
    public static void write(Path dir, DayPlan plan, DayResult day, Baseline baseline) {
        System.setProperty("java.awt.headless", "true");
        List<SlotOutcome> slots = day.slots();
        int n = slots.size();
        double[] hours = new double[n];
        double[] baseLoad = new double[n];
        double[] auxKw = new double[n];
        double[] charge = new double[n];
        double[] discharge = new double[n];
        double[] pRt = new double[n];
        double[] pD = new double[n];
        double[] service = new double[n];
        double[] grid = new double[n];
        double[] payments = new double[n];
        double[] penalty = new double[n];
        double[] revenue = new double[n];
        for (int s = 0; s < n; s++) {
            SlotOutcome o = slots.get(s);
            hours[s] = o.slot().startH();
            baseLoad[s] = o.slot().baseLoadKw();
            auxKw[s] = o.slot().market().eLimit() / DaySlot.HOURS;
            charge[s] = o.chargeKw();
            discharge[s] = -o.dischargeKw();
            pRt[s] = o.slot().market().pRt();
            pD[s] = o.result().price();
            service[s] = o.result().terms().service();
            grid[s] = o.result().terms().grid();
            payments[s] = -o.result().terms().payments();
            penalty[s] = -o.result().terms().penalty();
            revenue[s] = o.result().revenue();
        }

        XYChart load = chart("Campus base load and auxiliary demand", "kW");
        line(load, "base load", hours, baseLoad);
        line(load, "auxiliary demand (E_limit as kW)", hours, auxKw);
        save(load, dir.resolve(LOAD_PNG));

        XYChart power = chart("Charging/discharging power, tariff and discharging price", "kW");
        line(power, "charging (V2G scheme)", hours, charge);
        line(power, "discharging (V2G scheme)", hours, discharge);
        line(power, "charging (uncoordinated)", hours, baseline.chargeKw());
        line(power, "p_rt (CNY/kWh)", hours, pRt).setYAxisGroup(1);
        line(power, "p_d* (CNY/kWh)", hours, pD).setYAxisGroup(1);
        power.setYAxisGroupTitle(1, "CNY/kWh");
        save(power, dir.resolve(POWER_PNG));

        XYChart money = chart("Revenue and cost of the aggregator per slot", "CNY");
        line(money, "service fees (eq. 4)", hours, service);
        line(money, "grid payment (eq. 5)", hours, grid);
        line(money, "payments to EVs (eq. 6)", hours, payments);
        line(money, "penalty (eq. 7)", hours, penalty);
        line(money, "revenue R(p_d*)", hours, revenue);
        save(money, dir.resolve(REVENUE_PNG));
        save(departure(plan, day, baseline), dir.resolve(DEPARTURE_PNG));
    }

    /**
     * Energy at departure (y) against the EV's target (x), one point per EV that has one, for the scheme
     * and the baseline, with the line {@code y = x}: a point below it left short. A day without targets
     * plots energy at departure against energy at arrival instead (below the line: left with less).
     */
    private static XYChart departure(DayPlan plan, DayResult day, Baseline baseline) {
        Fleet fleet = plan.fleet();
        boolean targets = false;
        for (int i = 0; i < fleet.size() && !targets; i++) {
            targets = fleet.hasTarget(i);
        }
        List<Double> x = new ArrayList<>();
        List<Double> scheme = new ArrayList<>();
        List<Double> uncoordinated = new ArrayList<>();
        double max = 1;
        for (int i = 0; i < fleet.size(); i++) {
            if (targets && !fleet.hasTarget(i)) {
                continue;
            }
            double xi = targets ? fleet.target(i) : fleet.energy(i);
            x.add(xi);
            scheme.add(day.evs().get(i).finalKwh());
            uncoordinated.add(baseline.finalKwh()[i]);
            max = Math.max(max, fleet.capacity(i));
        }
        String xTitle = targets ? "target at departure (kWh)" : "energy at arrival (kWh; no targets in this day)";
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Energy at departure against " + (targets ? "target" : "arrival") + ", scheme beside baseline")
                .xAxisTitle(xTitle).yAxisTitle("energy at departure (kWh)").build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        c.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        c.getStyler().setMarkerSize(5);
        if (!x.isEmpty()) {
            c.addSeries("uncoordinated", x, uncoordinated);
            c.addSeries("V2G scheme", x, scheme);
        }
        XYSeries diagonal = c.addSeries(targets ? "target met (y = x)" : "y = x", List.of(0.0, max), List.of(0.0, max));
        diagonal.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        diagonal.setMarker(SeriesMarkers.NONE);
        return c;
    }

    private static XYChart chart(String title, String yTitle) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("time of day").yAxisTitle(yTitle).build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        c.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        c.getStyler().setDatePattern("HH:mm");
        c.getStyler().setXAxisTickMarkSpacingHint(110);
        c.getStyler().setTimezone(java.util.TimeZone.getTimeZone("UTC"));
        return c;
    }

    /** Hours from midnight of the first day as instants, so the time axis gets whole-hour ticks. */
    private static List<Date> times(double[] hours) {
        List<Date> t = new ArrayList<>(hours.length);
        for (double h : hours) {
            t.add(new Date(Math.round(h * 3_600_000)));
        }
        return t;
    }

    private static XYSeries line(XYChart c, String name, double[] x, double[] y) {
        List<Double> values = new ArrayList<>(y.length);
        for (double v : y) {
            values.add(v);
        }
        XYSeries s = c.addSeries(name, times(x), values);
        s.setMarker(SeriesMarkers.NONE);
        return s;
    }

    private static void save(XYChart chart, Path file) {
        try {
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chart " + file, e);
        }
    }
}
