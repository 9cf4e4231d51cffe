package org.v2g.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v2g.ledger.Ed25519;
import org.v2g.ledger.LedgerConfig;
import org.v2g.ledger.LedgerProducer;
import org.v2g.ledger.RingBufferSlotLedger;
import org.v2g.ledger.Settlement;
import org.v2g.ledger.SlotLedger;
import org.v2g.ledger.SyncPolicy;
import picocli.CommandLine;

/**
 * {@code Main.main} builds {@code v2g} with only the subcommand it runs; every argument list must give the
 * same exit code, output and error line as with the whole tree ({@link Main#commandLine(PrintWriter,
 * PrintWriter)}, what the other tests use).
 */
class OneSubcommandTreeTest {
    private static final List<String> NAMES = List.of("case-study", "solve", "verify", "prove", "bench", "node",
        "cluster-demo");

    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {
    }

    private static Run run(boolean whole, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] routed = Main.withDefaultCommand(args);
        CommandLine cl = whole ? Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
            : Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), routed);
        int code = cl.execute(routed);
        return new Run(code, out.toString(), err.toString());
    }

    private static void sameAsTheWholeTree(String... args) {
        Run whole = run(true, args);
        Run one = run(false, args);
        assertEquals(whole, one, "v2g " + String.join(" ", args));
    }

    @Test
    void aNamedSubcommandIsBuiltAlone() {
        PrintWriter sink = new PrintWriter(new StringWriter());
        for (String name : NAMES) {
            CommandLine cl = Main.commandLine(sink, sink, new String[] {name, "--help"});
            assertEquals(Set.of(name), cl.getSubcommands().keySet(), name);
        }
        assertEquals(Set.of("case-study", "solve", "verify", "prove", "bench", "node", "cluster-demo", "help"),
            Main.commandLine(sink, sink, new String[] {"--help"}).getSubcommands().keySet());
        // options without a subcommand are routed to case-study, so it is built alone too
        assertEquals(Set.of("case-study"),
            Main.commandLine(sink, sink, Main.withDefaultCommand(new String[] {"--evs", "5"})).getSubcommands().keySet());
    }

    @Test
    void everySubcommandsHelpIsTheSame() {
        for (String name : NAMES) {
            sameAsTheWholeTree(name, "--help");
        }
        sameAsTheWholeTree("bench", "ledger", "--help");
        sameAsTheWholeTree("--help");
        sameAsTheWholeTree("help", "verify");
        sameAsTheWholeTree("--version");
    }

    @Test
    void verifyAndProveRunTheSame() {
        KeyPair sealer = Ed25519.generate();
        Path ledger = tmp.resolve("ledger");
        LedgerConfig config = LedgerConfig.of(ledger, sealer).withMaxRecordsPerBlock(3)
            .withMaxBlockAge(Duration.ofSeconds(30)).withSyncPolicy(SyncPolicy.parse("none"));
        try (SlotLedger l = RingBufferSlotLedger.open(config)) {
            LedgerProducer p = l.newProducer();
            for (int ev = 0; ev < 7; ev++) {
                p.append(new Settlement("ev" + ev, 2, 0.25, -1.5, 0.75));
            }
            l.flush();
        }
        String dir = ledger.toString();
        Run ok = run(false, "verify", dir);
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().startsWith("ok: 3 blocks, 7 records"), ok.out());
        sameAsTheWholeTree("verify", dir);
        sameAsTheWholeTree("verify", tmp.resolve("missing").toString());
        sameAsTheWholeTree("verify", dir, "--frobnicate");
        sameAsTheWholeTree("verify");
        sameAsTheWholeTree("prove", dir, "--ev", "ev4", "--slot", "2");
        sameAsTheWholeTree("prove", dir, "--ev", "ev4", "--slot", "9");
        sameAsTheWholeTree("prove", dir, "--ev", "not an id", "--slot", "2");
        sameAsTheWholeTree("prove", dir, "--ev", "ev4");
        sameAsTheWholeTree("frobnicate");
    }
}
