package org.v2g.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v2g.cli.io.TestJson;

/**
 * Runs the repository's {@code ./v2g} launcher as a user would, from another directory: JDK discovery,
 * the up-to-date check of the jar (built by {@code package} before this test; the launcher rebuilds it if a
 * source is newer), the JVM flags and the exit codes.
 */
class LauncherIT {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    private static Path launcher() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("v2g")) && Files.isRegularFile(p.resolve("pom.xml"))
                    && Files.isDirectory(p.resolve("ledger-bench"))) {
                return p.resolve("v2g");
            }
        }
        throw new IllegalStateException("no v2g launcher above " + Path.of("").toAbsolutePath());
    }

    private Run v2g(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", launcher().toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).start();
        p.getOutputStream().close();
        // Read both to the end: stderr passes through a filter that may close after the JVM exits.
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> text(p.getErrorStream()));
        String out = text(p.getInputStream());
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "v2g did not finish");
        return new Run(p.exitValue(), out, err.join());
    }

    private static String text(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void solvesFromAnotherDirectoryWithNothingOnStderr() throws Exception {
        Files.writeString(dir.resolve("fleet.csv"), "id,capacity_kwh,energy_kwh\nbus-1,160,57.2\ncar-7,40,26.2\n");
        Files.writeString(dir.resolve("market.json"), "{\"p_rt\": 1.12, \"e_limit\": 5}\n");
        Run r = v2g("solve", "--fleet", "fleet.csv", "--market", "market.json", "--dispatch");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        Map<String, Object> json = TestJson.object(r.out());
        assertEquals(2L, json.get("evs"));
        // without --add-modules jdk.incubator.vector the simd solver falls back and answers "scalar"
        assertEquals("simd", json.get("solver"), r.out());
    }

    @Test
    void badInputExitsTwoWithOneLine() throws Exception {
        Files.writeString(dir.resolve("fleet.csv"), "id,capacity_kwh,energy_kwh\nev1,40,10\nev042,-3.0,0\n");
        Files.writeString(dir.resolve("market.json"), "{\"p_rt\": 1.12}");
        Run r = v2g("solve", "--fleet", "fleet.csv", "--market", "market.json");
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertEquals("error: capacity_kwh must be > 0: ev=ev042 line=3 value=-3.0\n", r.err());
    }

    @Test
    void versionAndUsage() throws Exception {
        Run version = v2g("--version");
        assertEquals(0, version.code(), version.err());
        assertTrue(version.out().startsWith("v2g "), version.out());
        assertTrue(version.out().contains("Vector API kernel"), version.out());
        Run usage = v2g("--help");
        assertEquals(0, usage.code(), usage.err());
        assertTrue(usage.out().startsWith("Usage: v2g"), usage.out());
        Run bad = v2g("solve", "--solver", "fast");
        assertEquals(2, bad.code());
        assertEquals(1, bad.err().lines().count(), bad.err());
    }

    @Test
    void clusterDemoReplicatesThroughTheShadedJarWithNothingOnStderr() throws Exception {
        Run r = v2g("cluster-demo", "--evs", "60", "--slot-count", "3");
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals("", r.err(), "Ratis, gRPC and Netty must not write to stderr");
        assertTrue(r.out().contains("killed scp"), r.out());
        assertTrue(r.out().contains("caught up"), r.out());
        assertTrue(r.out().contains("every replica holds the same chain head"), r.out());
    }
}
