package org.v2g.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.v2g.cli.io.FleetCsv;
import org.v2g.cli.io.MarketJson;
import org.v2g.cli.io.TestJson;
import org.v2g.kernel.Fleet;
import org.v2g.kernel.Market;
import org.v2g.kernel.SlotResult;
import org.v2g.kernel.Solvers;
import org.v2g.kernel.internal.SyntheticFleets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line run in-process, output captured. */
class MainTest {
    @TempDir
    Path dir;
    Path fleetFile;
    Path marketFile;
    final Fleet fleet = SyntheticFleets.paper(50, 1);
    final Market market = Market.builder(1.12).eLimit(60).build();

    /** One run's exit code and output. */
    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
        int code = cl.execute(Main.withDefaultCommand(args));
        return new Run(code, out.toString(), err.toString().replace("\r\n", "\n"));
    }

    @BeforeEach
    void files() throws IOException {
        fleetFile = Files.writeString(dir.resolve("fleet.csv"), FleetCsv.format(fleet));
        marketFile = Files.writeString(dir.resolve("market.json"), MarketJson.format(market));
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    /** Exit code 2 and exactly one stderr line, {@code error: ...} containing every part. */
    private static String badInput(Run r, String... parts) {
        assertEquals(2, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals(r.err().length() - 1, r.err().indexOf('\n'), "not exactly one line: " + r.err());
        String line = r.err().strip();
        assertTrue(line.startsWith("error: "), line);
        for (String p : parts) {
            assertTrue(line.contains(p), "'" + p + "' not in: " + line);
        }
        return line;
    }

    // ---- solve: the answer ----

    @ParameterizedTest
    @ValueSource(strings = {"reference", "scalar", "simd"})
    void printedAnswerReadsBackToTheSolversDoubles(String solver) {
        Run r = run("solve", "--fleet", fleetFile.toString(), "--market", marketFile.toString(), "--solver", solver);
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        Map<String, Object> json = TestJson.object(r.out());
        SlotResult expected = Solvers.byName(solver).solve(fleet, market, false);
        assertEquals(expected.solver(), json.get("solver"));
        assertEquals((long) expected.k(), json.get("k"));
        assertBits(expected.price(), json.get("p_d"));
        assertBits(expected.revenue(), json.get("revenue"));
        assertBits(expected.terms().service(), json.get("service_revenue"));
        assertBits(expected.terms().grid(), json.get("grid_revenue"));
        assertBits(expected.terms().payments(), json.get("ev_payments"));
        assertBits(expected.terms().penalty(), json.get("penalty"));
        assertEquals((long) expected.charging(), json.get("charging"));
        assertEquals((long) expected.discharging(), json.get("discharging"));
        assertEquals((long) expected.idle(), json.get("idle"));
        assertEquals(50L, json.get("evs"));
        assertTrue((Long) json.get("solve_ns") > 0);
        assertEquals("simd".equals(expected.solver()) ? (long) org.v2g.kernel.Kernels.lanes() : 1L, json.get("lanes"));
        assertFalse(json.containsKey("dispatch"));
    }

    @Test
    void everyGridSolverPublishesTheSameGridIndex() {
        Set<Object> ks = new HashSet<>();
        for (String solver : List.of("reference", "scalar", "simd", "sweep")) {
            Run r = run("solve", "--fleet", fleetFile.toString(), "--market", marketFile.toString(), "--solver", solver);
            assertEquals(0, r.code(), r.err());
            ks.add(TestJson.object(r.out()).get("k"));
        }
        Run partitioned = run("solve", "--fleet", fleetFile.toString(), "--market", marketFile.toString(),
                "--solver", "partitioned", "--workers", "3", "--capacities", "1,2,4");
        assertEquals(0, partitioned.code(), partitioned.err());
        ks.add(TestJson.object(partitioned.out()).get("k"));
        assertEquals(1, ks.size(), ks.toString());
    }

    @Test
    void theExactSolverPublishesNoGridIndexAndAtLeastTheGridMaximum() {
        Run exact = run("solve", "--fleet", fleetFile.toString(), "--market", marketFile.toString(), "--solver", "exact");
        assertEquals(0, exact.code(), exact.err());
        Map<String, Object> json = TestJson.object(exact.out());
        assertFalse(json.containsKey("k"));
        double grid = Solvers.byName("simd").solve(fleet, market).revenue();
        assertTrue((Double) json.get("revenue") >= grid - 1e-9 * Math.max(1, Math.abs(grid)), exact.out());
    }

    @Test
    void poolOptionsWithoutThePartitionedSolverAreBadInput() {
        badInput(run("solve", "--fleet", fleetFile.toString(), "--market", marketFile.toString(), "--workers", "2"),
                "--workers needs --solver partitioned");
        badInput(run("solve", "--fleet", fleetFile.toString(), "--market", marketFile.toString(), "--solver",
                "partitioned", "--workers", "2", "--fail", "7@0.5"), "--fail", "value=7@0.5");
    }

    @Test
    void defaultSolverIsSimd() {
        Run r = run("solve", "--fleet", fleetFile.toString(), "--market", marketFile.toString());
        assertEquals(0, r.code(), r.err());
        String expected = Solvers.byName("simd").name();
        assertEquals(expected, TestJson.object(r.out()).get("solver"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void dispatchListsEveryEv() {
        Run r = run("solve", "--fleet", fleetFile.toString(), "--market", marketFile.toString(),
                "--solver", "reference", "--dispatch");
        assertEquals(0, r.code(), r.err());
        List<Object> dispatch = (List<Object>) TestJson.object(r.out()).get("dispatch");
        SlotResult expected = Solvers.byName("reference").solve(fleet, market, true);
        assertEquals(fleet.size(), dispatch.size());
        for (int i = 0; i < fleet.size(); i++) {
            Map<String, Object> ev = (Map<String, Object>) dispatch.get(i);
            assertEquals(fleet.id(i), ev.get("id"));
            assertBits(expected.dispatch().orElseThrow().amount(i), ev.get("x"));
            assertEquals(expected.dispatch().orElseThrow().decision(i).name().toLowerCase(java.util.Locale.ROOT), ev.get("decision"));
        }
    }

    @Test
    void emptyFleetIsAnswered() throws IOException {
        Path empty = write("empty.csv", "id,capacity_kwh,energy_kwh\n");
        Run r = run("solve", "--fleet", empty.toString(), "--market", marketFile.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(0L, TestJson.object(r.out()).get("evs"));
    }

    private static void assertBits(double expected, Object actual) {
        assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits((Double) actual),
                expected + " vs " + actual);
    }

    // ---- solve: bad input, exit code 2, one line ----

    @Test
    void badFleetValueNamesFieldEvLineAndValue() throws IOException {
        Path bad = write("bad.csv", "id,capacity_kwh,energy_kwh\nev1,40,10\nev2,40,10\nev3,40,10\nev042,-3.0,0\n");
        String line = badInput(run("solve", "--fleet", bad.toString(), "--market", marketFile.toString()));
        assertEquals("error: capacity_kwh must be > 0: ev=ev042 line=5 value=-3.0", line);
    }

    @Test
    void badFleetFileStructure() throws IOException {
        Path bad = write("bad.csv", "id,capacity_kwh,energy_kwh,colour\n");
        badInput(run("solve", "--fleet", bad.toString(), "--market", marketFile.toString()),
                "column", "line=1", "value=colour");
    }

    @Test
    void badMarketValues() throws IOException {
        Path unknown = write("m1.json", "{\"p_rt\": 1.12, \"w_servcie\": 0.4}");
        badInput(run("solve", "--fleet", fleetFile.toString(), "--market", unknown.toString()),
                "w_servcie", "market", "value=0.4");
        Path positive = write("m2.json", "{\"p_rt\": 1.12, \"p_d_max\": 0.2}");
        badInput(run("solve", "--fleet", fleetFile.toString(), "--market", positive.toString()),
                "p_d_max must be <= 0", "market", "value=0.2");
        Path malformed = write("m3.json", "{\"p_rt\": 1.12,\n\n \"e_limit\": }");
        badInput(run("solve", "--fleet", fleetFile.toString(), "--market", malformed.toString()),
                "market is not valid JSON", "line=3");
    }

    @Test
    void missingOrUnreadableFiles() throws IOException {
        Path missing = dir.resolve("nope.csv");
        badInput(run("solve", "--fleet", missing.toString(), "--market", marketFile.toString()),
                "--fleet file cannot be read (no such file)", "value=" + missing);
        badInput(run("solve", "--fleet", fleetFile.toString(), "--market", dir.toString()),
                "--market file cannot be read", "value=" + dir);
        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, new byte[] {'i', 'd', ',', (byte) 0xE9, '\n'});
        badInput(run("solve", "--fleet", latin1.toString(), "--market", marketFile.toString()),
                "--fleet file cannot be read (not UTF-8 text)", "value=" + latin1);
    }

    @Test
    void badOptions() {
        badInput(run("solve", "--fleet", fleetFile.toString(), "--market", marketFile.toString(), "--solver", "fast"),
                "--solver must be one of reference, scalar, simd", "value=fast");
        badInput(run("solve", "--fleet", fleetFile.toString()), "--market");
        badInput(run("solve", "--fleet", fleetFile.toString(), "--market", marketFile.toString(), "--colour"),
                "--colour");
        badInput(run("solve", "--fleet"), "--fleet");
        badInput(run("frobnicate"), "frobnicate");
    }

    // ---- other failures, help, version, usage ----

    @Test
    void otherFailuresExitOneWithOneLine() {
        @Command(name = "boom")
        final class Boom implements Callable<Integer> {
            @Override
            public Integer call() {
                throw new IllegalStateException("kaput\nsecond line");
            }
        }
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err, true));
        cl.addSubcommand("boom", new Boom());
        cl.setErr(new PrintWriter(err, true)); // writers reach only the subcommands present when set
        assertEquals(1, cl.execute("boom"));
        assertEquals("error: internal failure: java.lang.IllegalStateException: kaput second line",
                err.toString().strip());
    }

    @Test
    void withoutASubcommandTheCaseStudyRuns() {
        Path out = dir.resolve("day");
        Run r = run("--evs", "60", "--out", out.toString(), "--no-charts");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("v2g case study: 60 EVs, 96 slots"), r.out());
        assertTrue(Files.exists(out.resolve("summary.json")));
    }

    @Test
    void helpAndVersion() {
        Run help = run("--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("solve"), help.out());
        Run solveHelp = run("solve", "--help");
        assertEquals(0, solveHelp.code());
        for (String option : List.of("--fleet", "--market", "--solver", "--dispatch")) {
            assertTrue(solveHelp.out().contains(option), solveHelp.out());
        }
        Run helpCommand = run("help", "solve");
        assertEquals(0, helpCommand.code());
        assertEquals(solveHelp.out(), helpCommand.out());
        Run version = run("--version");
        assertEquals(0, version.code());
        assertTrue(version.out().matches("(?s)v2g \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R.*Java .*"), version.out());
    }

    // ---- one meaning and one help text per option name ----

    /** Every command and subcommand of {@code v2g}, by qualified name. */
    private static Map<String, CommandLine.Model.CommandSpec> commands() {
        Map<String, CommandLine.Model.CommandSpec> all = new java.util.TreeMap<>();
        java.util.ArrayDeque<CommandLine> todo = new java.util.ArrayDeque<>(List.of(Main.commandLine(
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))));
        while (!todo.isEmpty()) {
            CommandLine c = todo.pop();
            all.put(c.getCommandSpec().qualifiedName(), c.getCommandSpec());
            todo.addAll(c.getSubcommands().values());
        }
        return all;
    }

    @Test
    void everyOptionNameHasOneTypeAcrossCommands() {
        Map<String, Map<Class<?>, List<String>>> types = new java.util.TreeMap<>();
        commands().forEach((name, spec) -> spec.options().forEach(o -> types.computeIfAbsent(o.longestName(),
                k -> new java.util.HashMap<>()).computeIfAbsent(o.type(), k -> new java.util.ArrayList<>()).add(name)));
        types.forEach((option, byType) -> assertEquals(1, byType.size(), option + " has several types: " + byType));
        // --slots names a slots CSV file (SPEC section 7); the replicated day's count is --slot-count
        assertEquals(Map.of(Path.class, List.of("v2g case-study")), types.get("--slots"));
        assertEquals(Map.of(int.class, List.of("v2g cluster-demo", "v2g node")), types.get("--slot-count"));
        assertFalse(types.containsKey("--liar"), "the SCP behaviour has one option, --behaviour");
    }

    @Test
    void sharedOptionsHaveOneDefaultAndOneHelpText() {
        Map<String, CommandLine.Model.CommandSpec> all = commands();
        Map<String, List<String>> sharedBy = Map.of(
                "--evs", List.of("v2g case-study", "v2g node", "v2g cluster-demo"),
                "--seed", List.of("v2g case-study", "v2g node", "v2g cluster-demo"),
                "--slot-count", List.of("v2g node", "v2g cluster-demo"),
                "--behaviour", List.of("v2g node", "v2g cluster-demo"),
                "--key", List.of("v2g verify", "v2g prove"),
                "--workers", List.of("v2g case-study", "v2g solve"),
                "--fail", List.of("v2g case-study", "v2g solve"));
        sharedBy.forEach((option, names) -> {
            Set<List<String>> texts = new HashSet<>();
            Set<String> defaults = new HashSet<>();
            for (String name : names) {
                CommandLine.Model.OptionSpec o = all.get(name).findOption(option);
                assertTrue(o != null, name + " has no " + option);
                texts.add(List.of(o.description()));
                defaults.add(String.valueOf(o.defaultValue()));
            }
            assertEquals(1, texts.size(), option + ": " + texts);
            assertEquals(1, defaults.size(), option + ": " + defaults);
        });
        assertEquals("2000", all.get("v2g node").findOption("--evs").defaultValue());
        assertEquals("42", all.get("v2g cluster-demo").findOption("--seed").defaultValue());
        // --keys means the same directory of key pairs in both; only the default differs
        assertEquals(all.get("v2g case-study").findOption("--keys").description()[0],
                all.get("v2g node").findOption("--keys").description()[0]);
    }

    @Test
    void proveHelpDescribesTheKeyFallbackItUses() {
        Run help = run("prove", "--help");
        assertEquals(0, help.code(), help.err());
        // as LedgerArgs.trust does: --key, else DIR/scp.pub, else the key in the ledger's file header
        String text = help.out().replaceAll("\\s+", "");
        assertTrue(text.contains("WithoutitDIR/scp.pubisused,or,ifthereisnone,thekeystoredintheledger"), help.out());
    }
}
