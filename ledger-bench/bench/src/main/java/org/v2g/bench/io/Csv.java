package org.v2g.bench.io;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.v2g.kernel.InvalidInputException;

/**
 * A header-first CSV as the files of SPEC section 7 write it: comma-separated, no quoting, one record
 * per line. Accepts a UTF-8 byte order mark, CRLF line ends, whitespace around cells and blank lines
 * (skipped). Every error names the column, the 1-based file line ({@code line=N}) and the value.
 *
 * <p>Thread-safe: immutable after {@link #parse}.
 */
final class Csv {
    /** One data record and the file line it came from. */
    record Row(int line, String[] cells) {
        String item() {
            return "line=" + line;
        }
    }

    private final String kind;
    private final int headerLine;
    private final List<String> columns;
    private final Map<String, Integer> index;
    private final List<Row> rows;

    private Csv(String kind, int headerLine, List<String> columns, Map<String, Integer> index, List<Row> rows) {
        this.kind = kind;
        this.headerLine = headerLine;
        this.columns = columns;
        this.index = index;
        this.rows = rows;
    }

    /**
     * Splits {@code text} into the header and the data records.
     *
     * @param kind  what the file holds ({@code fleet}, {@code slots}), used in error messages
     * @param known the columns this kind of file may have; any other header cell is an error
     */
    static Csv parse(String text, String kind, List<String> known) {
        int pos = !text.isEmpty() && text.charAt(0) == '\uFEFF' ? 1 : 0;
        int line = 0;
        List<String> columns = null;
        int headerLine = 0;
        Map<String, Integer> index = new HashMap<>();
        List<Row> rows = new ArrayList<>();
        while (pos < text.length()) {
            int end = text.indexOf('\n', pos);
            if (end < 0) {
                end = text.length();
            }
            line++;
            String raw = text.substring(pos, end);
            pos = end + 1;
            if (raw.isBlank()) {
                continue;
            }
            String[] cells = split(raw, line);
            if (columns == null) {
                columns = header(cells, line, kind, known, index);
                headerLine = line;
            } else if (cells.length != columns.size()) {
                throw new InvalidInputException("cells", "line=" + line, cells.length,
                        "must number " + columns.size() + " as in the header (" + String.join(",", columns) + ")");
            } else {
                rows.add(new Row(line, cells));
            }
        }
        if (columns == null) {
            throw new InvalidInputException("header", "line=1", "(empty file)",
                    "is required: the " + kind + " file must start with a header row such as "
                            + String.join(",", known));
        }
        return new Csv(kind, headerLine, List.copyOf(columns), Map.copyOf(index), List.copyOf(rows));
    }

    private static List<String> header(String[] cells, int line, String kind, List<String> known,
            Map<String, Integer> index) {
        List<String> columns = new ArrayList<>(cells.length);
        for (int i = 0; i < cells.length; i++) {
            String name = cells[i];
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
        return columns;
    }

    private static String[] split(String raw, int line) {
        int quote = raw.indexOf('"');
        if (quote >= 0) {
            throw new InvalidInputException("cell", "line=" + line + " char=" + (quote + 1), raw.strip(),
                    "must not be quoted (quoted fields are not supported; ids and numbers need no quotes)");
        }
        int n = 1;
        for (int i = 0; i < raw.length(); i++) {
            if (raw.charAt(i) == ',') {
                n++;
            }
        }
        String[] cells = new String[n];
        int start = 0;
        for (int c = 0; c < n; c++) {
            int comma = raw.indexOf(',', start);
            int end = comma < 0 ? raw.length() : comma;
            cells[c] = raw.substring(start, end).strip();
            start = end + 1;
        }
        return cells;
    }

    /** The header's columns in file order. */
    List<String> columns() {
        return columns;
    }

    /** The position of a column in each row, or -1 when the header does not have it. */
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

    List<Row> rows() {
        return rows;
    }

    /**
     * A number cell. Accepts what {@link Double#parseDouble} accepts, including {@code NaN} and
     * {@code Infinity} (left for the model's own checks to reject by name), but not Java's type
     * suffixes or hexadecimal forms.
     */
    static double number(String field, Row row, String cell) {
        if (cell.isEmpty()) {
            throw new InvalidInputException(field, row.item(), "(empty)", "must not be empty");
        }
        char last = cell.charAt(cell.length() - 1);
        boolean javaOnly = last == 'd' || last == 'D' || last == 'f' || last == 'F'
                || cell.indexOf('x') >= 0 || cell.indexOf('X') >= 0;
        if (!javaOnly) {
            try {
                return Double.parseDouble(cell);
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw new InvalidInputException(field, row.item(), cell, "must be a number");
    }
}
