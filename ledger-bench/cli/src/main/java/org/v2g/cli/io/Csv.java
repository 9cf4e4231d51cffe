package org.v2g.cli.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.v2g.kernel.InvalidInputException;

/**
 * A header-first CSV as the files of SPEC section 7 write it, read one record at a time: comma-separated,
 * no quoting, one record per line. Accepts a UTF-8 byte order mark, CRLF line ends, whitespace around
 * cells and blank lines (skipped). Every error names the column, the 1-based file line ({@code line=N})
 * and the value.
 *
 * <p>Usage:
 * <pre>{@code
 * Csv csv = Csv.open(reader, "fleet", FleetCsv.COLUMNS);
 * csv.require("id");
 * int id = csv.column("id");
 * while (csv.next()) {
 *     String cell = csv.cell(id);        // stripped
 *     int line = csv.line();
 * }
 * }</pre>
 *
 * <p>Not thread-safe: one reader, one thread.
 */
final class Csv {
    private final BufferedReader in;
    private final String kind;
    private final int headerLine;
    private final List<String> columns;
    private final Map<String, Integer> index;
    private final String[] cells;
    private int line;

    private Csv(BufferedReader in, String kind, int headerLine, List<String> columns, Map<String, Integer> index) {
        this.in = in;
        this.kind = kind;
        this.headerLine = headerLine;
        this.columns = columns;
        this.index = index;
        this.cells = new String[columns.size()];
        this.line = headerLine;
    }

    /** A reader over text already in memory. */
    static Csv open(String text, String kind, List<String> known) {
        try {
            return open(new BufferedReader(new StringReader(text)), kind, known);
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string cannot fail", e);
        }
    }

    /**
     * Reads the header.
     *
     * @param kind  what the file holds ({@code fleet}, {@code slots}), used in error messages
     * @param known the columns this kind of file may have; any other header cell is an error
     */
    static Csv open(BufferedReader in, String kind, List<String> known) throws IOException {
        int line = 0;
        for (String raw = in.readLine(); raw != null; raw = in.readLine()) {
            line++;
            if (line == 1 && !raw.isEmpty() && raw.charAt(0) == '\uFEFF') {
                raw = raw.substring(1);
            }
            if (raw.isBlank()) {
                continue;
            }
            String[] names = new String[count(raw, line)];
            split(raw, names);
            Map<String, Integer> index = new HashMap<>();
            List<String> columns = new ArrayList<>(names.length);
            for (int i = 0; i < names.length; i++) {
                String name = names[i];
                String item = "line=" + line + " column=" + (i + 1);
                if (name.isEmpty()) {
                    throw new InvalidInputException("column", item, "(empty)", "must have a name in the header");
                }
                if (!known.contains(name)) {
                    throw new InvalidInputException("column", item, name,
                            "is not a " + kind + " column (known: " + String.join(",", known) + ")");
                }
                if (index.putIfAbsent(name, i) != null) {
                    throw new InvalidInputException("column", item, name, "must not repeat in the header");
                }
                columns.add(name);
            }
            return new Csv(in, kind, line, List.copyOf(columns), Map.copyOf(index));
        }
        throw new InvalidInputException("header", "line=1", "(empty file)",
                "is required: the " + kind + " file must start with a header row such as " + String.join(",", known));
    }

    /** Advances to the next record; false at the end of the file. */
    boolean next() throws IOException {
        for (String raw = in.readLine(); raw != null; raw = in.readLine()) {
            line++;
            if (raw.isBlank()) {
                continue;
            }
            int n = count(raw, line);
            if (n != cells.length) {
                throw new InvalidInputException("cells", "line=" + line, n,
                        "must number " + cells.length + " as in the header (" + String.join(",", columns) + ")");
            }
            split(raw, cells);
            return true;
        }
        return false;
    }

    /** The file line of the current record. */
    int line() {
        return line;
    }

    /** {@code line=N} of the current record, the item of its errors. */
    String item() {
        return "line=" + line;
    }

    /** The current record's cell in column position {@code column}, whitespace stripped. */
    String cell(int column) {
        return cells[column];
    }

    /** The header's columns in file order. */
    List<String> columns() {
        return columns;
    }

    /** The position of a column in each record, or -1 when the header does not have it. */
    int column(String name) {
        return index.getOrDefault(name, -1);
    }

    boolean has(String name) {
        return index.containsKey(name);
    }

    /** Fails unless the header has the column. */
    void require(String name) {
        if (!has(name)) {
            throw new InvalidInputException(name, "line=" + headerLine, "missing",
                    "column is required in the " + kind + " header (got " + String.join(",", columns) + ")");
        }
    }

    /**
     * The current record's number in column position {@code column}. Accepts what
     * {@link Double#parseDouble} accepts, including {@code NaN} and {@code Infinity} (left for the model's
     * own checks to reject by name), but not Java's type suffixes or hexadecimal forms.
     */
    double number(String field, int column) {
        String cell = cells[column];
        if (cell.isEmpty()) {
            throw new InvalidInputException(field, item(), "(empty)", "must not be empty");
        }
        char last = cell.charAt(cell.length() - 1);
        boolean javaOnly = last == 'd' || last == 'D' || last == 'f' || last == 'F'
                || cell.indexOf('x') >= 0 || cell.indexOf('X') >= 0;
        if (!javaOnly) {
            try {
                return Double.parseDouble(cell);
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new InvalidInputException(field, item(), cell, "must be a number");
    }

    /** The number in an optional column, {@code fallback} when the header lacks it or the cell is empty. */
    double number(String field, int column, double fallback) {
        return column < 0 || cells[column].isEmpty() ? fallback : number(field, column);
    }

    private static int count(String raw, int line) {
        int quote = raw.indexOf('"');
        if (quote >= 0) {
            throw new InvalidInputException("cell", "line=" + line + " char=" + (quote + 1), raw.strip(),
                    "must not be quoted (quoted fields are not supported; ids and numbers need no quotes)");
        }
        int n = 1;
        for (int i = raw.indexOf(','); i >= 0; i = raw.indexOf(',', i + 1)) {
            n++;
        }
        return n;
    }

    private static void split(String raw, String[] into) {
        int start = 0;
        for (int c = 0; c < into.length; c++) {
            int comma = raw.indexOf(',', start);
            int end = comma < 0 ? raw.length() : comma;
            into[c] = raw.substring(start, end).strip();
            start = end + 1;
        }
    }
}
