package org.v2g.cli.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.v2g.kernel.InvalidInputException;
import org.v2g.kernel.Market;

/**
 * The slots CSV of SPEC section 7, one row per 15-minute slot of a day:
 * <pre>
 * start_h,p_rt[,e_limit][,…any market key]
 * </pre>
 * {@code start_h} (hours from midnight of the first day, may exceed 24) and {@code p_rt} are required
 * columns; every other column is a {@link Market#KEYS market key}, and a missing column or an empty cell
 * takes that key's default. Rows must be in strictly increasing {@code start_h}. Errors name the column,
 * the file line ({@code line=N}) and the value; each row's market is checked by {@link Market#fromKeys}.
 *
 * <p>Usage:
 * <pre>{@code
 * for (SlotsCsv.Slot slot : SlotsCsv.read(Path.of("day.csv"))) {
 *     SlotResult r = solver.solve(fleet, slot.market());
 * }
 * }</pre>
 *
 * <p>Thread-safe: stateless.
 */
public final class SlotsCsv {
    /** Every column: {@code start_h}, then the market keys in their documented order. */
    public static final List<String> COLUMNS =
            Stream.concat(Stream.of("start_h"), Market.KEYS.stream()).toList();

    /**
     * One slot of the day.
     *
     * @param startH start of the slot in hours from midnight of the first day
     * @param market the slot's market
     */
    public record Slot(double startH, Market market) {
    }

    private SlotsCsv() {
    }

    /** Reads a UTF-8 slots file. */
    public static List<Slot> read(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file)) {
            return read(in);
        }
    }

    /** Parses the text of a slots file. */
    public static List<Slot> parse(String text) {
        try {
            return read(new BufferedReader(new StringReader(text)));
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string cannot fail", e);
        }
    }

    /** Reads slots from text; the reader is not closed. */
    public static List<Slot> read(BufferedReader text) throws IOException {
        Csv csv = Csv.open(text, "slots", COLUMNS);
        csv.require("start_h");
        csv.require("p_rt");
        List<String> columns = csv.columns();
        int cStart = csv.column("start_h");
        List<Slot> slots = new ArrayList<>(96);
        double previous = Double.NEGATIVE_INFINITY;
        while (csv.next()) {
            double start = csv.number("start_h", cStart);
            if (!Double.isFinite(start)) {
                throw new InvalidInputException("start_h", csv.item(), start, "must be a finite number");
            }
            if (!(start > previous)) {
                throw new InvalidInputException("start_h", csv.item(), start,
                        "must be greater than the previous row's start_h=" + previous + " (rows in time order)");
            }
            previous = start;
            Map<String, Double> values = new HashMap<>();
            for (int c = 0; c < columns.size(); c++) {
                if (c != cStart && !csv.cell(c).isEmpty()) {
                    values.put(columns.get(c), csv.number(columns.get(c), c));
                }
            }
            slots.add(new Slot(start, Market.fromKeys(values, csv.item())));
        }
        return List.copyOf(slots);
    }
}
