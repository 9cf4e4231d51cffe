package org.v2g.bench.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.v2g.kernel.Fleet;
import org.v2g.kernel.InvalidInputException;

/**
 * The fleet CSV of SPEC section 7: a header row, then one EV per row, columns in any order:
 * <pre>
 * id,capacity_kwh,energy_kwh[,beta][,a][,u_idle][,arrival_h,departure_h]
 * </pre>
 * A missing optional column, or an empty cell in one, takes the paper's value ({@link Fleet#DEFAULT_BETA},
 * {@link Fleet#DEFAULT_A}, {@link Fleet#DEFAULT_U_IDLE}); {@code arrival_h} and {@code departure_h} come
 * together or not at all. A header with no rows is the empty fleet.
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
            List.of("id", "capacity_kwh", "energy_kwh", "beta", "a", "u_idle", "arrival_h", "departure_h");

    private FleetCsv() {
    }

    /** Reads a UTF-8 fleet file. */
    public static Fleet read(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    /** Parses the text of a fleet file. */
    public static Fleet parse(String text) {
        Csv csv = Csv.parse(text, "fleet", COLUMNS);
        csv.require("id");
        csv.require("capacity_kwh");
        csv.require("energy_kwh");
        if (csv.has("arrival_h") || csv.has("departure_h")) {
            csv.require("arrival_h");
            csv.require("departure_h");
        }
        List<Csv.Row> rows = csv.rows();
        int n = rows.size();
        String[] ids = new String[n];
        double[] capacity = new double[n];
        double[] energy = new double[n];
        double[] beta = new double[n];
        double[] a = new double[n];
        double[] uIdle = new double[n];
        boolean schedule = csv.has("arrival_h");
        double[] arrival = schedule ? new double[n] : null;
        double[] departure = schedule ? new double[n] : null;
        int cId = csv.column("id");
        int cCap = csv.column("capacity_kwh");
        int cEnergy = csv.column("energy_kwh");
        int cBeta = csv.column("beta");
        int cA = csv.column("a");
        int cIdle = csv.column("u_idle");
        int cArr = csv.column("arrival_h");
        int cDep = csv.column("departure_h");
        for (int i = 0; i < n; i++) {
            Csv.Row row = rows.get(i);
            String[] cells = row.cells();
            ids[i] = cells[cId];
            if (ids[i].isEmpty()) {
                throw new InvalidInputException("id", row.item(), "(empty)", "must not be empty");
            }
            capacity[i] = Csv.number("capacity_kwh", row, cells[cCap]);
            energy[i] = Csv.number("energy_kwh", row, cells[cEnergy]);
            beta[i] = optional("beta", row, cBeta, Fleet.DEFAULT_BETA);
            a[i] = optional("a", row, cA, Fleet.DEFAULT_A);
            uIdle[i] = optional("u_idle", row, cIdle, Fleet.DEFAULT_U_IDLE);
            if (schedule) {
                arrival[i] = Csv.number("arrival_h", row, cells[cArr]);
                departure[i] = Csv.number("departure_h", row, cells[cDep]);
            }
        }
        try {
            return Fleet.of(ids, capacity, energy, beta, a, uIdle, arrival, departure);
        } catch (InvalidInputException e) {
            throw withLine(e, ids, rows);
        }
    }

    private static double optional(String field, Csv.Row row, int column, double fallback) {
        if (column < 0 || row.cells()[column].isEmpty()) {
            return fallback;
        }
        return Csv.number(field, row, row.cells()[column]);
    }

    /**
     * Fleet's error with the file line of the EV it names. {@link Fleet} checks EVs in order and an id's
     * repeat before its values, so a duplicate-id error is about the id's second row and any other
     * error about its first.
     */
    private static InvalidInputException withLine(InvalidInputException e, String[] ids, List<Csv.Row> rows) {
        if (!e.item().startsWith("ev=")) {
            return e;
        }
        String id = e.item().substring("ev=".length());
        Map<String, Integer> first = new HashMap<>();
        int line = -1;
        int firstLine = -1;
        for (int i = 0; i < ids.length && line < 0; i++) {
            Integer seen = first.putIfAbsent(ids[i], rows.get(i).line());
            if (ids[i].equals(id)) {
                boolean duplicate = "id".equals(e.field());
                if (!duplicate) {
                    line = rows.get(i).line();
                } else if (seen != null) {
                    line = rows.get(i).line();
                    firstLine = seen;
                }
            }
        }
        if (line < 0) {
            return e;
        }
        String rule = Errors.rule(e);
        if (firstLine > 0) {
            rule += ", first on line=" + firstLine;
        }
        InvalidInputException enriched = new InvalidInputException(e.field(), e.item() + " line=" + line, e.value(), rule);
        enriched.initCause(e);
        return enriched;
    }

    /** The fleet as CSV with every column, numbers in shortest round-trip form. */
    public static String format(Fleet fleet) {
        StringBuilder sb = new StringBuilder(64 + fleet.size() * 48);
        sb.append(String.join(",", fleet.hasSchedule() ? COLUMNS : COLUMNS.subList(0, 6))).append('\n');
        for (int i = 0; i < fleet.size(); i++) {
            sb.append(fleet.id(i)).append(',').append(fleet.capacity(i)).append(',').append(fleet.energy(i))
                    .append(',').append(fleet.beta(i)).append(',').append(fleet.a(i)).append(',').append(fleet.uIdle(i));
            if (fleet.hasSchedule()) {
                sb.append(',').append(fleet.arrival(i)).append(',').append(fleet.departure(i));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
