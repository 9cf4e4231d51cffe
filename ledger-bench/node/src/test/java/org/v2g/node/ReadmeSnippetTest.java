package org.v2g.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v2g.kernel.Fleet;
import org.v2g.ledger.Ed25519;
import org.v2g.ledger.LedgerVerifier;
import org.v2g.ledger.ProofRejectedException;
import org.v2g.ledger.SettlementProof;
import org.v2g.ledger.SlotLedger;
import org.v2g.ledger.VerificationResult;
import org.v2g.partition.PartitionedSolver;

/**
 * The README's Java snippet, taken from README.md on every run (never a copy), compiles and runs as
 * written against this module's classpath, and a wrong sealer key in its light-client check is noticed.
 *
 * <p>The snippet is wrapped in {@code static void run(Path dir, PublicKey wrongSealerKey)}; its types
 * are imported from the project's packages by simple name. The wrong-key variant replaces
 * {@code ledger.sealerKey()} in the line holding {@code ev.check(} with {@code wrongSealerKey}, another
 * sealer's key.
 */
class ReadmeSnippetTest {
    private static final List<String> PACKAGES = List.of("org.v2g.kernel", "org.v2g.partition", "org.v2g.ledger",
            "org.v2g.node");
    private static final String TRUSTED_KEY = "ledger.sealerKey()";
    /** What every failed header signature check says ({@code VerificationResult}'s message). */
    private static final String SIGNATURE_FAILED = VerificationResult.Check.SIGNATURE + " failed at height";

    @TempDir
    Path tmp;

    @Test
    void theSnippetRunsAsWrittenAndItsLedgerVerifies() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("ledger"));
        Outcome run = run(snippet(), dir);
        assertEquals(null, run.thrown(), () -> "the snippet threw: " + run);
        assertFalse(run.out().contains("failed at height") || run.err().contains("failed at height"), run::toString);
        assertTrue(run.out().lines().count() >= 2, () -> "the snippet printed its slot and its check: " + run);

        PublicKey sealer = LedgerVerifier.sealerKey(dir);
        VerificationResult chain = LedgerVerifier.verify(dir, sealer);
        assertTrue(chain.ok(), chain.message());
        SettlementProof proof = SettlementProof.find(dir, "car-7", 0).orElseThrow();
        assertEquals("car-7", proof.verify("car-7", 0, LedgerVerifier.headers(dir), sealer).evId());
    }

    @Test
    void aWrongSealerKeyInTheSnippetsCheckIsNoticed() throws Exception {
        String snippet = snippet();
        String wrongKey = withWrongKey(snippet);
        Path dir = Files.createDirectories(tmp.resolve("ledger"));
        Outcome run = run(wrongKey, dir);
        boolean thrown = causes(run.thrown()).stream().anyMatch(ProofRejectedException.class::isInstance);
        boolean reported = run.out().contains(SIGNATURE_FAILED) || run.err().contains(SIGNATURE_FAILED);
        assertTrue(thrown || reported, () -> "a proof checked with another sealer's key passed unnoticed: " + run);
        // The ledger itself is good: only the key was wrong.
        assertTrue(LedgerVerifier.verify(dir, LedgerVerifier.sealerKey(dir)).ok());
    }

    /** The first {@code ```java} block of README.md, as written. */
    static String snippet() throws IOException {
        String readme = Files.readString(repositoryRoot().resolve("README.md"), StandardCharsets.UTF_8);
        int open = readme.indexOf("```java\n");
        assertTrue(open >= 0, "README.md has no ```java block");
        int start = open + "```java\n".length();
        int close = readme.indexOf("\n```", start);
        assertTrue(close > start, "README.md's ```java block is not closed");
        return readme.substring(start, close + 1);
    }

    private static String withWrongKey(String snippet) {
        List<String> lines = new ArrayList<>(snippet.lines().toList());
        int changed = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.contains("ev.check(") && line.contains(TRUSTED_KEY)) {
                lines.set(i, line.replace(TRUSTED_KEY, "wrongSealerKey"));
                changed++;
            }
        }
        assertEquals(1, changed, "the snippet should check one proof with " + TRUSTED_KEY + " in an ev.check( line:\n"
                + snippet);
        return String.join("\n", lines) + "\n";
    }

    private static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("README.md")) && Files.isDirectory(p.resolve("kernel"))) {
                return p;
            }
        }
        throw new IllegalStateException("no README.md above " + Path.of("").toAbsolutePath());
    }

    /** What one run of the wrapped snippet did. */
    record Outcome(Throwable thrown, String out, String err) {
        @Override
        public String toString() {
            return "thrown=" + thrown + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private Outcome run(String snippet, Path dir) throws Exception {
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        compile(wrap(snippet), classes);
        PublicKey wrongSealerKey = Ed25519.generate().getPublic();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        Throwable thrown = null;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                ReadmeSnippetTest.class.getClassLoader())) {
            Method run = loader.loadClass("ReadmeSnippet").getMethod("run", Path.class, PublicKey.class);
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            try {
                run.invoke(null, dir, wrongSealerKey);
            } catch (InvocationTargetException e) {
                thrown = e.getCause();
            } finally {
                System.setOut(stdout);
                System.setErr(stderr);
            }
        }
        return new Outcome(thrown, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The snippet as the body of a method, with an import for each project type it names. */
    private static String wrap(String snippet) {
        Set<String> imports = new TreeSet<>();
        Matcher m = Pattern.compile("\\b[A-Z][A-Za-z0-9]*\\b").matcher(snippet);
        while (m.find()) {
            List<String> found = new ArrayList<>();
            for (String pkg : PACKAGES) {
                try {
                    Class<?> c = Class.forName(pkg + "." + m.group(), false, ReadmeSnippetTest.class.getClassLoader());
                    if (java.lang.reflect.Modifier.isPublic(c.getModifiers())) {
                        found.add(c.getName());
                    }
                } catch (ClassNotFoundException e) {
                    // not a type of that package
                }
            }
            if (found.size() > 1) {
                fail("the snippet's " + m.group() + " is ambiguous: " + found);
            }
            imports.addAll(found);
        }
        StringBuilder src = new StringBuilder();
        src.append("import java.nio.file.Path;\nimport java.security.PublicKey;\n");
        imports.forEach(i -> src.append("import ").append(i).append(";\n"));
        src.append("public final class ReadmeSnippet {\n")
                .append("    public static void run(Path dir, PublicKey wrongSealerKey) throws Exception {\n")
                .append(snippet)
                .append("    }\n}\n");
        return src.toString();
    }

    private static void compile(String source, Path classes) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertTrue(javac != null, "tests run on a JDK, which has javax.tools.JavaCompiler");
        Path file = classes.resolve("ReadmeSnippet.java");
        Files.writeString(file, source);
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            List<String> options = List.of("-classpath", classpath(), "-d", classes.toString(), "-proc:none",
                    "-Xlint:none");
            boolean ok = javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjects(file))
                    .call();
            assertTrue(ok, () -> "the README snippet does not compile:\n" + diagnostics.getDiagnostics() + "\n"
                    + numbered(source));
        }
    }

    /** The test classpath, and the directories or jars of the project's modules in case it is a manifest jar. */
    private static String classpath() {
        Set<String> entries = new LinkedHashSet<>(List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
        for (Class<?> c : List.of(Fleet.class, PartitionedSolver.class, SlotLedger.class, EvWallet.class,
                org.agrona.DirectBuffer.class)) {
            try {
                entries.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static String numbered(String source) {
        StringBuilder sb = new StringBuilder();
        List<String> lines = source.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            sb.append(i + 1).append(": ").append(lines.get(i)).append('\n');
        }
        return sb.toString();
    }

    private static List<Throwable> causes(Throwable t) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable c = t; c != null && !chain.contains(c); c = c.getCause()) {
            chain.add(c);
        }
        return chain;
    }
}
