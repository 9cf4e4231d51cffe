package org.v2g.node.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Real charging statistics of ElaadNL (Netherlands) as published with EV2Gym: arrival shares per
 * 15-minute slot, percentile curves of connection time and energy demand, and EV battery capacities
 * weighted by registrations. Read from a directory such as {@code ../shared/data/elaad/}; nothing of
 * it is bundled.
 */
public final class ElaadStatistics {
    private static final Pattern MODEL = Pattern.compile("\"[^\"]+\"\\s*:\\s*\\{([^{}]*)\\}");
    private static final Pattern REGISTRATIONS = Pattern.compile("\"number_of_registrations\"\\s*:\\s*([0-9.eE+-]+)");
    private static final Pattern CAPACITY = Pattern.compile("\"battery_capacity\"\\s*:\\s*([0-9.eE+-]+)");

    private final double[] arrivalWork;
    private final double[] arrivalHome;
    private final double[] stayWork;
    private final double[] stayHome;
    private final double[] demandWork;
    private final double[] demandHome;
    private final double[] capacities;
    private final double[] registrations;

    private ElaadStatistics(double[][] arrival, double[][] stay, double[][] demand, double[][] specs) {
        this.arrivalHome = arrival[0];
        this.arrivalWork = arrival[2];
        this.stayHome = stay[0];
        this.stayWork = stay[2];
        this.demandHome = demand[0];
        this.demandWork = demand[2];
        this.capacities = specs[0];
        this.registrations = specs[1];
    }

    /** Reads the files of an ElaadNL directory; a missing or malformed file names itself. */
    public static ElaadStatistics read(Path dir) {
        return new ElaadStatistics(
                columns(dir.resolve("distribution-of-arrival.csv"), 96),
                columns(dir.resolve("distribution-of-connection-time.csv"), 101),
                columns(dir.resolve("distribution-of-energy-demand.csv"), 101),
                specs(dir.resolve("ev_specs.json")));
    }

    /** A slot-of-day arrival in hours, drawn from the workplace or the private-charger shares. */
    double arrivalHour(SplittableRandom rnd, boolean commuter) {
        int slot = Draws.weighted(rnd, commuter ? arrivalWork : arrivalHome);
        return (slot + rnd.nextDouble()) * 0.25;
    }

    /** Hours connected, by inverse percentile curve. */
    double stayHours(SplittableRandom rnd, boolean commuter) {
        return percentile(commuter ? stayWork : stayHome, rnd.nextDouble());
    }

    /** kWh charged in a session, by inverse percentile curve. */
    double demandKwh(SplittableRandom rnd, boolean commuter) {
        return percentile(commuter ? demandWork : demandHome, rnd.nextDouble());
    }

    /** A battery capacity weighted by registrations. */
    double capacityKwh(SplittableRandom rnd) {
        return capacities[Draws.weighted(rnd, registrations)];
    }

    /** Row {@code p} holds the value exceeded by {@code p} % of sessions (a decreasing curve). */
    private static double percentile(double[] curve, double u) {
        double pos = u * (curve.length - 1);
        int i = (int) pos;
        if (i >= curve.length - 1) {
            return curve[curve.length - 1];
        }
        double f = pos - i;
        return curve[i] + f * (curve[i + 1] - curve[i]);
    }

    /** The three data columns (private, public, workplace) of a statistics CSV. */
    private static double[][] columns(Path file, int rows) {
        List<String> lines = lines(file);
        double[][] cols = new double[3][rows];
        int row = 0;
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (row >= rows) {
                throw new IllegalArgumentException(file + ": more than " + rows + " data rows at line " + (n + 1));
            }
            for (int c = 0; c < 3; c++) {
                String cell = c + 1 < cells.length ? cells[c + 1].replace("\"", "").trim() : "";
                try {
                    cols[c][row] = cell.isEmpty() ? 0 : Double.parseDouble(cell);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(file + ": line " + (n + 1) + " column " + (c + 2)
                            + " is not a number: value=" + cell, e);
                }
            }
            row++;
        }
        if (row != rows) {
            throw new IllegalArgumentException(file + ": expected " + rows + " data rows, found " + row);
        }
        return cols;
    }

    private static double[][] specs(Path file) {
        String json = String.join("\n", lines(file));
        List<double[]> models = new ArrayList<>();
        Matcher m = MODEL.matcher(json);
        while (m.find()) {
            Matcher r = REGISTRATIONS.matcher(m.group(1));
            Matcher c = CAPACITY.matcher(m.group(1));
            if (r.find() && c.find()) {
                models.add(new double[] {Double.parseDouble(c.group(1)), Double.parseDouble(r.group(1))});
            }
        }
        if (models.isEmpty()) {
            throw new IllegalArgumentException(file + ": no model with battery_capacity and number_of_registrations");
        }
        double[][] out = new double[2][models.size()];
        for (int i = 0; i < models.size(); i++) {
            out[0][i] = models.get(i)[0];
            out[1][i] = models.get(i)[1];
        }
        return out;
    }

    private static List<String> lines(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (!lines.isEmpty() && lines.get(0).startsWith("\uFEFF")) {
                lines.set(0, lines.get(0).substring(1));
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ElaadNL file " + file, e);
        }
    }
}
