package org.v2g.jmh.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.stream.Stream;

/**
 * Copies a rendered report into the tracked docs: {@code REPORT.md}, {@code summary.md} and the files
 * they link (the PNG charts), nothing else. The run's JSON and latency files stay in the raw directory.
 *
 * <pre>
 * java -cp jmh/target/benchmarks.jar org.v2g.jmh.report.Publish RAW_SUITE_DIR DOCS_SUITE_DIR
 * </pre>
 *
 * <p>Charts of an earlier report in the target that this one no longer links are removed, so the
 * docs hold one report. A link to a missing file, or out of the raw directory, is an error and nothing
 * is copied.
 */
public final class Publish {
    /** The report's own files, always copied. */
    static final List<String> REPORT_FILES = List.of("REPORT.md", "summary.md");

    private Publish() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: Publish RAW_SUITE_DIR DOCS_SUITE_DIR");
            System.exit(2);
        }
        try {
            for (Path p : publish(Path.of(args[0]), Path.of(args[1]))) {
                System.out.println(p);
            }
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Copies the report in {@code raw} to {@code docs}; returns the files written, in {@code docs}. */
    static List<Path> publish(Path raw, Path docs) throws IOException {
        Set<String> files = linked(raw);
        Files.createDirectories(docs);
        for (Path stale : charts(docs)) {
            if (!files.contains(stale.getFileName().toString())) {
                Files.delete(stale);
            }
        }
        List<Path> written = files.stream().map(docs::resolve).toList();
        for (String f : files) {
            Files.createDirectories(docs.resolve(f).getParent());
            Files.copy(raw.resolve(f), docs.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        return written;
    }

    /**
     * {@link #REPORT_FILES} and every relative file they link, as paths relative to {@code raw}.
     *
     * @throws IllegalArgumentException naming the link and the file it is in, when the target is
     *     missing or outside {@code raw}
     */
    static Set<String> linked(Path raw) throws IOException {
        Path root = raw.toAbsolutePath().normalize();
        Set<String> files = new LinkedHashSet<>(REPORT_FILES);
        for (String name : REPORT_FILES) {
            Path md = root.resolve(name);
            if (!Files.isRegularFile(md)) {
                throw new IllegalArgumentException(md + ": no such file (render the report first)");
            }
            Matcher m = Splice.LINK.matcher(Files.readString(md, StandardCharsets.UTF_8));
            while (m.find()) {
                String link = m.group(1);
                if (link.contains(":") || link.startsWith("#")) {
                    continue;   // a URL or an anchor
                }
                Path target = root.resolve(link.replaceFirst("#.*$", "")).normalize();
                if (!target.startsWith(root) || target.equals(root)) {
                    throw new IllegalArgumentException(md + ": link (" + link + ") leaves the report directory " + root);
                }
                if (!Files.isRegularFile(target)) {
                    throw new IllegalArgumentException(md + ": link (" + link + ") names no file");
                }
                files.add(root.relativize(target).toString());
            }
        }
        return files;
    }

    /** The PNG charts directly in {@code dir}. */
    private static List<Path> charts(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.getFileName().toString().endsWith(".png") && Files.isRegularFile(p)).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
