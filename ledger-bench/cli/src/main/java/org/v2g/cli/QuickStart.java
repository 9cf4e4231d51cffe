package org.v2g.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code v2g verify}, {@code v2g prove} and {@code v2g --version} run without picocli when their arguments
 * are in the plain form: each option once, as {@code --name value} or {@code --name=value}, one positional
 * {@code DIR}, every value non-empty and not starting with {@code -} or {@code @}. picocli costs a
 * command's start-up about 0.2 s (its classes, its type converters, the annotation proxies), more than
 * verifying a small ledger. Anything else (help, a typo, a missing or repeated option, an argument file,
 * {@code --}, {@code -Dpicocli.trace}) returns {@code null} and is parsed by picocli, so every help text,
 * error line and exit code is picocli's own; the plain form is run by the same command class with the
 * fields picocli would have set, and its failures go through {@link Main#failed(Exception, PrintWriter,
 * String)} as picocli's handler sends them ({@code QuickStartTest} runs both ways and compares).
 *
 * <p>Thread-safety: stateless.
 */
final class QuickStart {
    /** The options with a value that the plain form of {@code verify} may hold. */
    static final Set<String> VERIFY_OPTIONS = Set.of("--key");
    /** The options with a value that the plain form of {@code prove} may hold. */
    static final Set<String> PROVE_OPTIONS = Set.of("--key", "--ev", "--slot", "--out");
    /** The flags that the plain form of {@code prove} may hold. */
    static final Set<String> PROVE_FLAGS = Set.of("--departure");

    private QuickStart() {
    }

    /**
     * Runs {@code args} (routed by {@link Main#withDefaultCommand}) if they are in the plain form.
     *
     * @return the exit code, or {@code null} if picocli must parse them
     */
    static Integer run(String[] args, PrintWriter out, PrintWriter err) {
        if (args.length == 0 || System.getProperty("picocli.trace") != null) {
            return null;
        }
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            return version(out);
        }
        return switch (args[0]) {
            case "verify" -> verify(args, out, err);
            case "prove" -> prove(args, out, err);
            default -> null;
        };
    }

    private static Integer verify(String[] args, PrintWriter out, PrintWriter err) {
        Parsed p = Parsed.of(args, VERIFY_OPTIONS, Set.of());
        if (p == null) {
            return null;
        }
        VerifyCommand c = new VerifyCommand();
        c.ledger = p.ledger();
        try {
            return c.run(out, err);
        } catch (Exception e) {
            return Main.failed(e, err, args[0]);
        }
    }

    private static Integer prove(String[] args, PrintWriter out, PrintWriter err) {
        Parsed p = Parsed.of(args, PROVE_OPTIONS, PROVE_FLAGS);
        if (p == null || !p.options.containsKey("--ev") || !p.options.containsKey("--slot")
                || !plainLong(p.options.get("--slot"))) {
            return null;
        }
        ProveCommand c = new ProveCommand();
        c.ledger = p.ledger();
        c.ev = p.options.get("--ev");
        c.slot = Long.parseLong(p.options.get("--slot"));
        c.departure = p.flags.contains("--departure");
        String file = p.options.get("--out");
        if (file != null) {
            c.out = p.path(file);
            if (c.out == null) {
                return null;
            }
        }
        try {
            return c.run(out, err);
        } catch (Exception e) {
            return Main.failed(e, err, args[0]);
        }
    }

    /**
     * True for {@code 0} or 1 to 18 decimal digits without a leading zero: a {@code long} that picocli's
     * converter ({@link Long#valueOf(String)}) reads the same way.
     */
    private static boolean plainLong(String s) {
        if (s.length() > 18 || (s.length() > 1 && s.charAt(0) == '0')) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** {@code --version}: the lines picocli prints, when none holds a format or markup it would render. */
    private static Integer version(PrintWriter out) {
        String[] lines;
        try {
            lines = new Main.Version().getVersion();
        } catch (IOException e) {
            return null;
        }
        for (String line : lines) {
            if (line.contains("%") || line.contains("@|")) {
                return null;
            }
        }
        for (String line : lines) {
            out.println(line);
        }
        out.flush();
        return 0;
    }

    /** A plain command line: {@code DIR}, each option's value and the flags given; {@code null}: not plain. */
    private record Parsed(String dir, Map<String, String> options, Set<String> flags) {
        static Parsed of(String[] args, Set<String> options, Set<String> flags) {
            String dir = null;
            Map<String, String> values = new HashMap<>();
            Set<String> given = new HashSet<>();
            for (int i = 1; i < args.length; i++) {
                String a = args[i];
                if (a.isEmpty() || a.startsWith("@")) {
                    return null;
                }
                if (!a.startsWith("-")) {
                    if (dir != null) {
                        return null;
                    }
                    dir = a;
                    continue;
                }
                int eq = a.indexOf('=');
                String name = eq < 0 ? a : a.substring(0, eq);
                if (flags.contains(name) && eq < 0) {
                    if (!given.add(name)) {
                        return null;
                    }
                    continue;
                }
                if (!options.contains(name)) {
                    return null;
                }
                String value;
                if (eq >= 0) {
                    value = a.substring(eq + 1);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    return null;
                }
                if (value.isEmpty() || value.startsWith("-") || value.startsWith("@")
                        || values.putIfAbsent(name, value) != null) {
                    return null;
                }
            }
            Parsed p = new Parsed(dir, values, given);
            return dir == null || p.path(dir) == null
                    || (values.containsKey("--key") && p.path(values.get("--key")) == null) ? null : p;
        }

        /** {@code value} as picocli's {@code Path} converter makes it, or {@code null} if it cannot. */
        Path path(String value) {
            try {
                return Path.of(value);
            } catch (InvalidPathException e) {
                return null;
            }
        }

        LedgerDirMixin ledger() {
            LedgerDirMixin m = new LedgerDirMixin();
            m.dir = path(dir);
            m.key = options.containsKey("--key") ? path(options.get("--key")) : null;
            return m;
        }
    }
}
