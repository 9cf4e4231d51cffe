package org.v2g.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.v2g.ledger.BlockHeader;

/** What the tests that run days in child JVMs share: the child's command, and how two days compare. */
final class ChildDays {
    private ChildDays() {
    }

    /** The CLI in a child JVM of this JDK with the library's flags, after {@code wrapper} (may be empty). */
    static Process start(List<String> wrapper, String... args) throws IOException {
        List<String> command = new ArrayList<>(wrapper);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:-UsePerfData",
                "--add-modules", "jdk.incubator.vector", "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Every block durable before is in the chain after, unchanged (its header, hence its records). */
    static void assertPrefix(List<BlockHeader> before, List<BlockHeader> after, String why) {
        assertTrue(after.size() >= before.size(), why + ": " + before.size() + " blocks before, " + after.size()
                + " after");
        for (int i = 0; i < before.size(); i++) {
            assertTrue(Arrays.equals(before.get(i).hash(), after.get(i).hash()), why + ": block " + i + " changed");
        }
    }

    /** The CSV without its last column ({@code solve_us}, a timing). */
    static String withoutLastColumn(Path csv) throws IOException {
        return Files.readAllLines(csv).stream().map(l -> l.substring(0, l.lastIndexOf(',')))
                .collect(Collectors.joining("\n"));
    }

    static String[] concat(String[] a, String... b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
