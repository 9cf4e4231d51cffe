package org.v2g.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.v2g.kernel.InvalidInputException;

/**
 * The options that define a day, kept in a {@code day.properties} file beside what the day wrote (the
 * case study's output directory, a node's storage), so that a run that continues the day — a resumed
 * case study, a restarted node — continues that day and not another one built from other options.
 */
final class DayManifest {
    static final String FILE = "day.properties";

    private DayManifest() {
    }

    /** Writes {@code options} to {@code file} atomically (a temporary file moved over it). */
    static void write(Path file, Map<String, String> options, String comment) {
        Properties p = new Properties();
        p.putAll(options);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, comment);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Checks that {@code options} are the ones in {@code file}. An option the file lacks was not given
     * when it was written (files older than the option) and counts as empty.
     *
     * @param item names the directory in the error
     * @throws InvalidInputException naming the first option (in name order) that differs, or
     *                               {@code missing} when the file cannot be read
     */
    static void check(Path file, Map<String, String> options, String item, String missing) {
        Properties before = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            before.load(r);
        } catch (IOException e) {
            throw new InvalidInputException(missing, item, file, "needs the day's manifest (" + e + ")");
        }
        for (var e : new TreeMap<>(options).entrySet()) {
            String was = before.getProperty(e.getKey(), "");
            if (!e.getValue().equals(was)) {
                throw new InvalidInputException(e.getKey(), item, e.getValue(), "differs from the day being resumed ("
                        + was + ")");
            }
        }
    }
}
