package org.v2g.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JVM started without Agrona's export is told the flag at {@code open}, before any file is touched. */
class JvmFlagsTest {
    @TempDir
    Path work;

    @Test
    void withoutTheExportOpenNamesTheFlagAndTouchesNothing() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path dir = work.resolve("ledger");
        Process child = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
            NoExportChild.class.getName(), dir.toString()).redirectErrorStream(true).start();
        List<String> lines = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip().lines()
            .toList();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue(), String.join("\n", lines));
        String expected = "java.lang.IllegalStateException: the ledger needs the JVM flag"
            + " --add-exports java.base/jdk.internal.misc=ALL-UNNAMED (Agrona uses jdk.internal.misc.Unsafe);"
            + " add it to the java command line";
        assertEquals(List.of("RING_BUFFER: " + expected, "SYNCHRONIZED: " + expected, "directory exists: false"),
            lines);
    }

    @Test
    void withTheExportTheCheckPasses() {
        // this JVM runs with the surefire flags, as every other ledger test
        JvmFlags.checkAgronaAccess();
        assertEquals("--add-exports java.base/jdk.internal.misc=ALL-UNNAMED", JvmFlags.agronaFlag());
    }
}
