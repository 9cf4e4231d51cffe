package org.v2g.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import org.v2g.kernel.InvalidInputException;
import org.v2g.kernel.Kernels;
import org.v2g.ledger.LedgerCorruptedException;
import org.v2g.ledger.LedgerFailedException;
import org.v2g.ledger.LedgerLockedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The {@code v2g} command line. Each subcommand is a small class registered in {@link Command#subcommands}
 * below; adding one (case-study, verify, prove, bench, node) means writing the class and listing it there.
 *
 * <p>Exit codes: 0 success, 2 bad input (an {@link InvalidInputException}, an unreadable input file or a
 * bad option), 1 any other failure, among them a ledger directory that another run is writing (a
 * {@link LedgerLockedException}, printed as its message). Every failure prints exactly one line on stderr, {@code error: ...},
 * naming the field, the item (EV id, file line, option) and the value; set the system property
 * {@code v2g.debug=true} for the stack trace as well.
 *
 * <p>Usage in-process (tests):
 * <pre>{@code
 * int code = Main.commandLine(out, err).execute(Main.withDefaultCommand(new String[] {"--evs", "500"}));
 * }</pre>
 */
@Command(name = "v2g",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Decentralised vehicle-to-grid trading: the leader's discharging price for a fleet of EVs.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:internal failure", "2:bad input (file contents, unreadable file, option)"})
public final class Main implements Callable<Integer> {
    /** Exit code of bad input. */
    public static final int BAD_INPUT = 2;
    /** Exit code of every other failure. */
    public static final int FAILURE = 1;

    private static final Set<String> TOP_LEVEL_OPTIONS = Set.of("-h", "--help", "-V", "--version");

    /**
     * The subcommands, in the order {@code v2g --help} lists them. They are added by {@link #commandLine}
     * rather than named in {@code @Command}, so that {@link #main} can build only the one it runs: picocli
     * reflects over every command class it is given, about 0.1 s of CPU on every start (docs/CLI.md). A
     * method, not a constant: {@link QuickStart}'s runs load no picocli class at all.
     */
    private static List<Class<?>> subcommands() {
        return List.of(CaseStudyCommand.class, SolveCommand.class, VerifyCommand.class, ProveCommand.class,
                BenchCommand.class, NodeCommand.class, ClusterDemoCommand.class, CommandLine.HelpCommand.class);
    }

    @Spec
    CommandSpec spec;

    /** With no subcommand: the main job, {@code case-study} with its defaults. */
    @Override
    public Integer call() {
        CommandLine caseStudy = spec.commandLine().getSubcommands().get("case-study");
        return caseStudy.execute();
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        String[] routed = withDefaultCommand(args);
        Integer quick = QuickStart.run(routed, out, err);
        int code = quick != null ? quick : commandLine(out, err, routed).execute(routed);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * The arguments with the default subcommand made explicit: options given without a subcommand
     * ({@code v2g --evs 500}) belong to {@code case-study}; {@code --help} and {@code --version} stay
     * with {@code v2g} itself.
     */
    public static String[] withDefaultCommand(String[] args) {
        if (args.length > 0 && (!args[0].startsWith("-") || TOP_LEVEL_OPTIONS.contains(args[0]))) {
            return args;
        }
        String[] routed = new String[args.length + 1];
        routed[0] = "case-study";
        System.arraycopy(args, 0, routed, 1, args.length);
        return routed;
    }

    /**
     * {@code name} if it is one of {@code allowed}, else the bad-option error every command gives for
     * {@code --solver} (exit code 2).
     */
    static String checkedSolver(CommandSpec spec, String name, List<String> allowed) {
        if (!allowed.contains(name)) {
            throw new ParameterException(spec.commandLine(),
                    "--solver must be one of " + String.join(", ", allowed) + ": value=" + name);
        }
        return name;
    }

    /** The configured command line writing to {@code out} and {@code err}, with every subcommand. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return configured(new CommandLine(new Main()), subcommands(), out, err);
    }

    /**
     * The command line that runs {@code args} (routed by {@link #withDefaultCommand}): when they start with
     * a subcommand's name, {@code v2g} with that subcommand alone, which parses and runs them exactly as the
     * whole tree does (a subcommand's arguments never reach its siblings); otherwise the whole tree (help,
     * version, the default command).
     */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, String[] args) {
        if (args.length > 0) {
            for (Class<?> c : subcommands()) {
                if (c != CommandLine.HelpCommand.class && args[0].equals(c.getAnnotation(Command.class).name())) {
                    return configured(new CommandLine(new Main()), List.of(c), out, err);
                }
            }
        }
        return commandLine(out, err);
    }

    private static CommandLine configured(CommandLine cl, List<Class<?>> subcommands, PrintWriter out,
                                          PrintWriter err) {
        // before the writers and handlers: picocli hands those to the subcommands present when they are set
        subcommands.forEach(cl::addSubcommand);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExitCodeExceptionMapper(Main::exitCode);
        cl.setParameterExceptionHandler(Main::badOption);
        cl.setExecutionExceptionHandler(Main::failed);
        return cl;
    }

    private static int exitCode(Throwable t) {
        return t instanceof ParameterException || isBadInput(t) ? BAD_INPUT : FAILURE;
    }

    private static boolean isBadInput(Throwable t) {
        return t instanceof InvalidInputException || t instanceof InputFileException
                || t instanceof org.v2g.partition.internal.PoolOptionException;
    }

    private static int badOption(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        String help = cmd.getCommandSpec().qualifiedName() + " --help";
        String message = e.getMessage();
        if (e instanceof CommandLine.OverwrittenOptionException o && o.getOverwritten() instanceof OptionSpec option) {
            message += ": value=" + lastValue(args, option);
        }
        printError(cmd.getErr(), message + " (see " + help + ")", e);
        return BAD_INPUT;
    }

    /** The value given with the last occurrence of {@code option} in {@code args} ({@code --o v} or {@code --o=v}). */
    private static String lastValue(String[] args, OptionSpec option) {
        String value = "";
        for (int i = 0; i < args.length; i++) {
            for (String name : option.names()) {
                if (args[i].equals(name) && i + 1 < args.length) {
                    value = args[i + 1];
                } else if (args[i].startsWith(name + "=")) {
                    value = args[i].substring(name.length() + 1);
                }
            }
        }
        return value;
    }

    private static int failed(Exception e, CommandLine cmd, ParseResult parsed) {
        return failed(e, cmd.getErr(), cmd.getCommandName());
    }

    /**
     * What a command's failure prints on {@code err} (one {@code error: ...} line) and its exit code;
     * {@code command} is the subcommand's name.
     */
    static int failed(Exception e, PrintWriter err, String command) {
        if (isBadInput(e)) {
            printError(err, e.getMessage(), e);
            return BAD_INPUT;
        }
        if (e instanceof LedgerLockedException) {
            // not a bug: another writer has the directory; the message names it and its lock file
            printError(err, e.getMessage(), e);
            return FAILURE;
        }
        LedgerFailedException ledgerFailure = causeOfType(e, LedgerFailedException.class);
        if (ledgerFailure != null) {
            // not a bug: the ledger's file could not be written (a full disk, say); what was acknowledged is kept
            String next = "case-study".equals(command)
                    ? " (once the cause is fixed, continue the day with --resume)" : "";
            printError(err, ledgerFailure.getMessage() + next, e);
            return FAILURE;
        }
        if (e instanceof LedgerCorruptedException) {
            // not a bug: a block that complete blocks follow is damaged, so opening refuses to cut it
            printError(err, e.getMessage() + " (only a torn last block is cut on opening; nothing was"
                    + " changed; v2g verify on the ledger directory names the check that fails)", e);
            return FAILURE;
        }
        printError(err, "internal failure: " + e, e);
        return FAILURE;
    }

    /** {@code t} or the first of its causes that is a {@code type}, else null. */
    private static <T extends Throwable> T causeOfType(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    private static void printError(PrintWriter err, String message, Throwable cause) {
        String text = message == null ? cause.getClass().getName() : message;
        err.println("error: " + text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip());
        if (Boolean.getBoolean("v2g.debug")) {
            cause.printStackTrace(err);
        }
        err.flush();
    }

    /** {@code --version}: the build's version, the JVM and whether the Vector API kernel is in use. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            String vector = Kernels.vectorAvailable()
                    ? "Vector API kernel, " + Kernels.lanes() + " double lanes"
                    : "scalar kernel (run with --add-modules jdk.incubator.vector for the Vector API)";
            return new String[] {
                "v2g " + p.getProperty("version", "unknown"),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + "), " + vector,
            };
        }
    }
}
