package org.v2g.jmh.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Copies a report's {@code summary.md} into a Markdown file between {@code <!-- perf:NAME:begin -->} and
 * {@code <!-- perf:NAME:end -->}, so the numbers a reader sees in the README are the report's own.
 *
 * <pre>
 * java -cp jmh/target/benchmarks.jar org.v2g.jmh.report.Splice TARGET.md NAME SUMMARY.md
 * </pre>
 *
 * <p>Relative links of the summary (to {@code REPORT.md}, PNGs) are rewritten to resolve from the
 * target's directory. Everything outside the markers is kept byte for byte; a target without both
 * markers, in that order, is an error and is left unchanged.
 */
public final class Splice {
    /** A Markdown link or image: {@code ](target)}; group 1 is the target. */
    static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    private Splice() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: Splice TARGET.md NAME SUMMARY.md");
            System.exit(2);
        }
        Path target = Path.of(args[0]);
        Path summary = Path.of(args[2]);
        try {
            splice(target, args[1], summary);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
        }
        System.out.println(target);
    }

    /** Replaces the block {@code name} of {@code target} with {@code summary}'s text, links rebased. */
    static void splice(Path target, String name, Path summary) throws IOException {
        String text = Files.readString(target, StandardCharsets.UTF_8);
        String block = rebase(Files.readString(summary, StandardCharsets.UTF_8),
            target.toAbsolutePath().normalize().getParent(), summary.toAbsolutePath().normalize().getParent());
        String out = replace(text, name, block, target.toString());
        Path tmp = target.resolveSibling(target.getFileName() + ".splice.tmp");
        Files.writeString(tmp, out, StandardCharsets.UTF_8);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** {@code text} with the block between the markers of {@code name} replaced by {@code block}. */
    static String replace(String text, String name, String block, String where) {
        String begin = "<!-- perf:" + name + ":begin -->";
        String end = "<!-- perf:" + name + ":end -->";
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        if (b < 0 || e < 0 || e < b) {
            throw new IllegalArgumentException(where + ": markers " + begin + " … " + end
                + " not found in that order (begin at " + b + ", end at " + e + ")");
        }
        if (text.indexOf(begin, b + 1) >= 0) {
            throw new IllegalArgumentException(where + ": marker " + begin + " appears more than once");
        }
        String body = block.endsWith("\n") ? block : block + "\n";
        return text.substring(0, b + begin.length()) + "\n" + body + text.substring(e);
    }

    /** Relative links of {@code markdown}, written from {@code from}, made relative to {@code to}. */
    static String rebase(String markdown, Path to, Path from) {
        Matcher m = LINK.matcher(markdown);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String link = m.group(1);
            String rebased = link;
            if (!link.contains(":") && !link.startsWith("/") && !link.startsWith("#")) {
                rebased = to.relativize(from.resolve(link).normalize()).toString().replace('\\', '/');
            }
            m.appendReplacement(out, Matcher.quoteReplacement("](" + rebased + ")"));
        }
        m.appendTail(out);
        return out.toString();
    }
}
