package org.v2g.jmh.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Where and when a report's numbers were taken: CPU model, cores, OS, JDK (from the JMH JSON), run
 * start, commit, and the load average before and after the run (from {@code load-before.txt} and
 * {@code load-after.txt} beside the first input, as {@code jmh/report} writes them; null if absent).
 */
record Stamp(String suite, String cpu, int cores, String os, String jdk, String started, String written,
             String commit, String loadBefore, String loadAfter) {

    /**
     * The stamp of this machine and the given runs. System properties, all optional: {@code v2g.report.suite},
     * {@code v2g.report.started}, {@code v2g.report.root} (for {@code git rev-parse}), {@code v2g.report.commit}.
     */
    static Stamp of(List<List<Run>> files, List<Path> inputs) {
        Run any = files.stream().flatMap(List::stream).findFirst().orElse(null);
        String jdk = any == null ? "n/a" : any.jdkVersion() + " (" + any.vmName() + " " + any.vmVersion() + ")";
        Path dir = inputs.isEmpty() ? null : inputs.get(0).toAbsolutePath().getParent();
        return new Stamp(System.getProperty("v2g.report.suite", ""), cpuModel(), Runtime.getRuntime().availableProcessors(),
            osName(), jdk, System.getProperty("v2g.report.started", "n/a"),
            ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_INSTANT.withZone(ZoneOffset.UTC)),
            gitCommit(Path.of(System.getProperty("v2g.report.root", "."))),
            dir == null ? null : readFirstLine(dir.resolve("load-before.txt")),
            dir == null ? null : readFirstLine(dir.resolve("load-after.txt")));
    }

    /** The report's stamp table. */
    void table(StringBuilder md, List<Path> inputs) {
        md.append("| | |\n|---|---|\n")
            .append("| CPU | ").append(cpu).append(" |\n")
            .append("| Cores | ").append(cores).append(" |\n")
            .append("| OS | ").append(os).append(" |\n")
            .append("| JDK | ").append(jdk).append(" |\n")
            .append("| Run started | ").append(started).append(" |\n")
            .append("| Report written | ").append(written).append(" |\n")
            .append("| Git commit | ").append(commit).append(" |\n");
        if (loadBefore != null || loadAfter != null) {
            md.append("| Load average (1/5/15 min) | before: ").append(Objects.requireNonNullElse(loadBefore, "n/a"))
                .append(", after: ").append(Objects.requireNonNullElse(loadAfter, "n/a"))
                .append(" — on ").append(cores)
                .append(" cores, a load near or above the core count means the run shared the CPU |\n");
        }
        md.append("| Inputs | ");
        for (int i = 0; i < inputs.size(); i++) {
            md.append(i == 0 ? "" : ", ").append('`').append(inputs.get(i).getFileName()).append('`');
        }
        md.append(" (one JMH invocation each; `NAME.rK.json` is round K of class NAME)");
        String dir = inputDirectory(inputs);
        if (dir != null) {
            md.append(", in `").append(dir).append("`");
        }
        md.append(" |\n\n");
    }

    /**
     * The inputs' directory relative to {@code v2g.report.root}, where the run left its raw files (a
     * published report is copied without them); null when there is no root or the inputs lie outside it.
     */
    static String inputDirectory(List<Path> inputs) {
        String root = System.getProperty("v2g.report.root", "");
        if (inputs.isEmpty() || root.isEmpty()) {
            return null;
        }
        Path base = Path.of(root).toAbsolutePath().normalize();
        Path dir = inputs.get(0).toAbsolutePath().normalize().getParent();
        return dir.startsWith(base) && !dir.equals(base) ? base.relativize(dir).toString().replace('\\', '/') + "/" : null;
    }

    /** One line for a summary: suite, commit, start, machine, JDK, load. */
    String line() {
        return (suite.isEmpty() ? "" : "Suite `" + suite + "`, ") + "commit `" + commit + "`, run started " + started
            + " on " + cpu + " (" + cores + " cores), " + os + ", JDK " + jdk + "; load average (1/5/15 min) before "
            + Objects.requireNonNullElse(loadBefore, "n/a") + ", after " + Objects.requireNonNullElse(loadAfter, "n/a")
            + ".";
    }

    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    static String osName() {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
                if (line.startsWith("PRETTY_NAME=")) {
                    return line.substring("PRETTY_NAME=".length()).replace("\"", "") + ", "
                        + System.getProperty("os.name") + " " + System.getProperty("os.version");
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // no os-release
        }
        return System.getProperty("os.name") + " " + System.getProperty("os.version");
    }

    /** {@code v2g.report.commit} when set (jmh/report records it at the run's start), else git's HEAD. */
    static String gitCommit(Path root) {
        String given = System.getProperty("v2g.report.commit", "");
        if (!given.isEmpty()) {
            return given;
        }
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").directory(root.toFile())
                .redirectErrorStream(true).start();
            String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && !s.isEmpty()) {
                return s;
            }
        } catch (IOException e) {
            // no git
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "n/a";
    }

    private static String readFirstLine(Path p) {
        try {
            return Files.isRegularFile(p) ? Files.readAllLines(p).stream().findFirst().orElse(null) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
