package org.v2g.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.v2g.kernel.internal.SyntheticFleets;

/**
 * Without {@code jdk.incubator.vector} the provider falls back to the scalar twin, logs why, and the
 * answer is still right. Runs a child JVM that lacks the module.
 */
class ScalarFallbackTest {

    /** Child JVM entry point: prints whether the vector kernel loaded, then the slot's answer. */
    public static final class Probe {
        public static void main(String[] args) {
            SlotResult r = Solvers.byName("simd").solve(SyntheticFleets.paper(300, 9), Market.builder(0.66).eLimit(50).build());
            System.out.println(Kernels.vectorAvailable() + " " + r.solver() + " " + r.k());
        }
    }

    @Test
    void withoutTheIncubatorModuleTheScalarTwinAnswersAndTheReasonIsLogged() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "-cp", classPathOfThisRun(),
                Probe.class.getName())).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), err);
        int expectedK = new ReferenceSolver().solve(SyntheticFleets.paper(300, 9), Market.builder(0.66).eLimit(50).build()).k();
        assertEquals("false scalar " + expectedK, out);
        assertTrue(err.contains("jdk.incubator.vector is not in the boot layer"), err);
    }

    /**
     * The child runs on the class path whether this run is on the class path or on the module path (surefire
     * runs the kernel as the module of its module-info, the test classes patched into it).
     */
    private static String classPathOfThisRun() {
        String testClasses = Path.of(ScalarFallbackTest.class.getProtectionDomain().getCodeSource().getLocation()
                .getPath()).toString();
        return String.join(File.pathSeparator, testClasses, System.getProperty("jdk.module.path", ""),
                System.getProperty("java.class.path"));
    }
}
