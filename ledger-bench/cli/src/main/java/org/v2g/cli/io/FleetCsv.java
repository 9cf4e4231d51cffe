package org.v2g.cli.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.v2g.kernel.Fleet;
import org.v2g.kernel.InvalidInputException;

/**
 * The fleet CSV of SPEC section 7: a header row, then one EV per row, columns in any order:
 * <pre>
 * id,capacity_kwh,energy_kwh[,beta][,a][,u_idle][,arrival_h,departure_h][,target_kwh][,floor_kwh]
 * </pre>
 * A missing optional column, or an empty cell in one, takes the paper's value ({@link Fleet#DEFAULT_BETA},
 * {@link Fleet#DEFAULT_A}, {@link Fleet#DEFAULT_U_IDLE}); {@code arrival_h} and {@code departure_h} come
 * together or not at all. SPEC section 8: {@code target_kwh} (a day's; needs {@code departure_h}), an
 * empty cell meaning the EV has no target; {@code floor_kwh} (one slot's), an empty cell meaning 0.
 * Which command takes which is the command's rule ({@link Fleet#requireNoFloors},
 * {@link Fleet#requireNoTargets}). A header with no rows is the empty fleet.
 *
 * <p>Errors are {@link InvalidInputException}s naming the column, the file line ({@code line=N}) and
 * the value. The model's own rules stay in {@link Fleet}: its errors, which name {@code ev=ID}, are
 * re-raised with the line added ({@code ev=ev042 line=5}).
 *
 * <p>Usage:
 * <pre>{@code
 * Fleet fleet = FleetCsv.read(Path.of("fleet.csv"));
 * String csv = FleetCsv.format(fleet);             // reads back to the same fleet
 * }</pre>
 *
 * <p>Thread-safe: stateless.
 */
public final class FleetCsv {
    /** Every column, in the documented order. */
    public static final List<String> COLUMNS =
            List.of("id", "capacity_kwh", "energy_kwh", "beta", "a", "u_idle", "arrival_h", "departure_h",
                    "target_kwh", "floor_kwh");

    private FleetCsv() {
    }

    /** Reads a UTF-8 fleet file, one line at a time. */
    public static Fleet read(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file)) {
            return read(in);
        }
    }

    /** Parses the text of a fleet file. */
    public static Fleet parse(String text) {
        try {
            return read(new BufferedReader(new StringReader(text)));
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string cannot fail", e);
        }
    }

    /** Reads a fleet from text; the reader is not closed. */
    public static Fleet read(BufferedReader text) throws IOException {
        Csv csv = Csv.open(text, "fleet", COLUMNS);
        csv.require("id");
        csv.require("capacity_kwh");
        csv.require("energy_kwh");
        boolean schedule = csv.has("arrival_h") || csv.has("departure_h");
        if (schedule) {
            csv.require("arrival_h");
            csv.require("departure_h");
        }
        int cId = csv.column("id");
        int cCap = csv.column("capacity_kwh");
        int cEnergy = csv.column("energy_kwh");
        int cBeta = csv.column("beta");
        int cA = csv.column("a");
        int cIdle = csv.column("u_idle");
        int cArr = csv.column("arrival_h");
        int cDep = csv.column("departure_h");
        int cTarget = csv.column("target_kwh");
        int cFloor = csv.column("floor_kwh");
        Columns cols = new Columns(schedule, cTarget >= 0, cFloor >= 0);
        while (csv.next()) {
            String id = csv.cell(cId);
            if (id.isEmpty()) {
                throw new InvalidInputException("id", csv.item(), "(empty)", "must not be empty");
            }
            int i = cols.add(id, csv.line());
            cols.capacity[i] = csv.number("capacity_kwh", cCap);
            cols.energy[i] = csv.number("energy_kwh", cEnergy);
            cols.beta[i] = csv.number("beta", cBeta, Fleet.DEFAULT_BETA);
            cols.a[i] = csv.number("a", cA, Fleet.DEFAULT_A);
            cols.uIdle[i] = csv.number("u_idle", cIdle, Fleet.DEFAULT_U_IDLE);
            if (schedule) {
                cols.arrival[i] = csv.number("arrival_h", cArr);
                cols.departure[i] = csv.number("departure_h", cDep);
            }
            if (cTarget >= 0) {
                cols.target[i] = target(csv, cTarget);
            }
            if (cFloor >= 0) {
                cols.floor[i] = csv.number("floor_kwh", cFloor, 0);
            }
        }
        int n = cols.n;
        try {
            return Fleet.of(Arrays.copyOf(cols.ids, n), Arrays.copyOf(cols.capacity, n),
                    Arrays.copyOf(cols.energy, n), Arrays.copyOf(cols.beta, n), Arrays.copyOf(cols.a, n),
                    Arrays.copyOf(cols.uIdle, n), schedule ? Arrays.copyOf(cols.arrival, n) : null,
                    schedule ? Arrays.copyOf(cols.departure, n) : null,
                    cols.target == null ? null : Arrays.copyOf(cols.target, n),
                    cols.floor == null ? null : Arrays.copyOf(cols.floor, n));
        } catch (InvalidInputException e) {
            throw withLine(e, cols);
        }
    }

    /** An EV's target: NaN (none) for an empty cell; a written NaN or infinity is refused here, where it is still seen. */
    private static double target(Csv csv, int column) {
        double t = csv.number("target_kwh", column, Double.NaN);
        if (!csv.cell(column).isEmpty() && !Double.isFinite(t)) {
            throw new InvalidInputException("target_kwh", csv.item(), csv.cell(column), "must be a finite number");
        }
        return t;
    }

    /** Growable columns of the rows read so far, with each row's file line. */
    private static final class Columns {
        String[] ids = new String[256];
        int[] lines = new int[256];
        double[] capacity = new double[256];
        double[] energy = new double[256];
        double[] beta = new double[256];
        double[] a = new double[256];
        double[] uIdle = new double[256];
        double[] arrival;
        double[] departure;
        double[] target;
        double[] floor;
        int n;

        Columns(boolean schedule, boolean targets, boolean floors) {
            arrival = schedule ? new double[256] : null;
            departure = schedule ? new double[256] : null;
            target = targets ? new double[256] : null;
            floor = floors ? new double[256] : null;
        }

        /** Appends a row and returns its index. */
        int add(String id, int line) {
            if (n == ids.length) {
                int size = n * 2;
                ids = Arrays.copyOf(ids, size);
                lines = Arrays.copyOf(lines, size);
                capacity = Arrays.copyOf(capacity, size);
                energy = Arrays.copyOf(energy, size);
                beta = Arrays.copyOf(beta, size);
                a = Arrays.copyOf(a, size);
                uIdle = Arrays.copyOf(uIdle, size);
                if (arrival != null) {
                    arrival = Arrays.copyOf(arrival, size);
                    departure = Arrays.copyOf(departure, size);
                }
                if (target != null) {
                    target = Arrays.copyOf(target, size);
                }
                if (floor != null) {
                    floor = Arrays.copyOf(floor, size);
                }
            }
            ids[n] = id;
            lines[n] = line;
            return n++;
        }
    }

    /**
     * Fleet's error with the file line of the EV it names. {@link Fleet} checks EVs in order and an id's
     * repeat before its values, so a duplicate-id error is about the id's second row and any other
     * error about its first.
     */
    private static InvalidInputException withLine(InvalidInputException e, Columns cols) {
        if (!e.item().startsWith("ev=")) {
            return e;
        }
        String id = e.item().substring("ev=".length());
        boolean duplicate = "id".equals(e.field());
        int line = -1;
        int firstLine = -1;
        for (int i = 0; i < cols.n && line < 0; i++) {
            if (cols.ids[i].equals(id)) {
                if (!duplicate) {
                    line = cols.lines[i];
                } else if (firstLine < 0) {
                    firstLine = cols.lines[i];
                } else {
                    line = cols.lines[i];
                }
            }
        }
        if (line < 0) {
            return e;
        }
        String rule = Errors.rule(e) + (duplicate ? ", first on line=" + firstLine : "");
        InvalidInputException enriched = new InvalidInputException(e.field(), e.item() + " line=" + line, e.value(), rule);
        enriched.initCause(e);
        return enriched;
    }

    /**
     * The fleet as CSV with every column it has (section 8's only when present; an EV without a target
     * gets an empty cell), numbers in shortest round-trip form.
     *
     * @throws InvalidInputException for an id this format cannot carry (a comma, quote or line break, or
     *         whitespace at either end)
     */
    public static String format(Fleet fleet) {
        StringBuilder sb = new StringBuilder(64 + fleet.size() * 48);
        List<String> header = new java.util.ArrayList<>(fleet.hasSchedule() ? COLUMNS.subList(0, 8) : COLUMNS.subList(0, 6));
        if (fleet.hasTargets()) {
            header.add("target_kwh");
        }
        if (fleet.hasFloors()) {
            header.add("floor_kwh");
        }
        sb.append(String.join(",", header)).append('\n');
        for (int i = 0; i < fleet.size(); i++) {
            String id = fleet.id(i);
            if (id.indexOf(',') >= 0 || id.indexOf('"') >= 0 || id.indexOf('\n') >= 0 || id.indexOf('\r') >= 0
                    || !id.equals(id.strip())) {
                throw new InvalidInputException("id", "ev=" + id, id,
                        "cannot be written to a fleet CSV (comma, quote, line break or surrounding whitespace)");
            }
            sb.append(id).append(',').append(fleet.capacity(i)).append(',').append(fleet.energy(i))
                    .append(',').append(fleet.beta(i)).append(',').append(fleet.a(i)).append(',').append(fleet.uIdle(i));
            if (fleet.hasSchedule()) {
                sb.append(',').append(fleet.arrival(i)).append(',').append(fleet.departure(i));
            }
            if (fleet.hasTargets()) {
                sb.append(',');
                if (fleet.hasTarget(i)) {
                    sb.append(fleet.target(i));
                }
            }
            if (fleet.hasFloors()) {
                sb.append(',').append(fleet.floor(i));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
