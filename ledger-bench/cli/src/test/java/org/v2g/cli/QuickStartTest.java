package org.v2g.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v2g.ledger.Ed25519;
import org.v2g.ledger.EvDeparture;
import org.v2g.ledger.EvRegistration;
import org.v2g.ledger.LedgerConfig;
import org.v2g.ledger.LedgerProducer;
import org.v2g.ledger.RingBufferSlotLedger;
import org.v2g.ledger.Settlement;
import org.v2g.ledger.SlotLedger;
import org.v2g.ledger.SyncPolicy;

/**
 * {@link QuickStart} runs the plain forms of {@code verify}, {@code prove} and {@code --version} without
 * picocli: each must give picocli's exit code, output and error line byte for byte, and every other form
 * must be left to picocli.
 */
class QuickStartTest {
    private static final KeyPair SEALER = Ed25519.generate();

    @TempDir
    Path tmp;
    String dir;
    String keyDir;
    String keyFile;
    String otherKey;

    private record Run(int code, String out, String err) {
    }

    /** Three blocks: an EV's registration and signed departure, then seven settlements in slot 2. */
    @BeforeEach
    void writeLedger() {
        Path ledger = tmp.resolve("ledger");
        Ed25519.store(SEALER, tmp.resolve("keys"), "scp");
        Ed25519.store(Ed25519.generate(), tmp.resolve("other"), "scp");
        keyDir = tmp.resolve("keys").toString();
        keyFile = tmp.resolve("keys").resolve("scp.pub").toString();
        otherKey = tmp.resolve("other").toString();
        KeyPair ev = Ed25519.generate();
        LedgerConfig config = LedgerConfig.of(ledger, SEALER).withMaxRecordsPerBlock(3)
            .withMaxBlockAge(Duration.ofSeconds(30)).withSyncPolicy(SyncPolicy.parse("none"));
        try (SlotLedger l = RingBufferSlotLedger.open(config)) {
            LedgerProducer p = l.newProducer();
            p.append(new EvRegistration("ev7", Ed25519.rawPublicKey(ev.getPublic()), 60));
            p.append(EvDeparture.signed("ev7", 2, 48.0, 40, 1, ev.getPrivate()));
            for (int i = 0; i < 7; i++) {
                p.append(new Settlement("ev" + i, 2, 0.25, -1.5, 0.75));
            }
            l.flush();
        }
        dir = ledger.toString();
    }

    private static Run picocli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] routed = Main.withDefaultCommand(args);
        int code = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(routed);
        return new Run(code, out.toString(), err.toString());
    }

    /** {@code null} when {@link QuickStart} leaves the arguments to picocli. */
    private static Run quick(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Integer code = QuickStart.run(Main.withDefaultCommand(args), new PrintWriter(out, true),
            new PrintWriter(err, true));
        if (code == null) {
            assertEquals("", out + err.toString(), "nothing is printed before picocli takes over");
            return null;
        }
        return new Run(code, out.toString(), err.toString());
    }

    private static Run runsQuickAsPicocli(String... args) {
        Run quick = quick(args);
        assertNotNull(quick, "plain form: v2g " + String.join(" ", args));
        assertEquals(picocli(args), quick, "v2g " + String.join(" ", args));
        return quick;
    }

    private static void leftToPicocli(String... args) {
        assertNull(quick(args), "v2g " + String.join(" ", args));
    }

    @Test
    void plainVerifyRunsAsPicocliDoes() throws IOException {
        assertEquals(0, runsQuickAsPicocli("verify", dir).code());
        assertTrue(runsQuickAsPicocli("verify", dir, "--key", keyDir).out().startsWith("ok: 3 blocks, 9 records"));
        runsQuickAsPicocli("verify", "--key=" + keyFile, dir);
        assertEquals(1, runsQuickAsPicocli("verify", dir, "--key", otherKey).code());
        assertEquals(2, runsQuickAsPicocli("verify", tmp.resolve("missing").toString()).code());
        assertEquals(2, runsQuickAsPicocli("verify", dir, "--key", tmp.resolve("nokey").toString()).code());
        assertEquals(2, runsQuickAsPicocli("verify", tmp.toString()).code());
        Path flipped = tmp.resolve("flipped");
        Files.createDirectories(flipped);
        byte[] blocks = Files.readAllBytes(Path.of(dir, LedgerArgs.BLOCK_FILE));
        blocks[blocks.length - 40] ^= 1;
        Files.write(flipped.resolve(LedgerArgs.BLOCK_FILE), blocks);
        Run damaged = runsQuickAsPicocli("verify", flipped.toString());
        assertEquals(1, damaged.code());
        assertTrue(damaged.err().startsWith("error: ledger verification failed: "), damaged.err());
    }

    @Test
    void plainProveRunsAsPicocliDoes() throws IOException {
        Run found = runsQuickAsPicocli("prove", dir, "--ev", "ev4", "--slot", "2");
        assertTrue(found.out().contains("\"verified\": true"), found.out());
        runsQuickAsPicocli("prove", "--slot=2", "--ev=ev4", dir, "--key", keyDir);
        assertEquals(1, runsQuickAsPicocli("prove", dir, "--ev", "ev4", "--slot", "2", "--key", otherKey).code());
        assertEquals(1, runsQuickAsPicocli("prove", dir, "--ev", "ev4", "--slot", "9").code());
        assertEquals(2, runsQuickAsPicocli("prove", dir, "--ev", "not an id", "--slot", "2").code());
        assertEquals(0, runsQuickAsPicocli("prove", dir, "--departure", "--ev", "ev7", "--slot", "2").code());
        assertEquals(1, runsQuickAsPicocli("prove", dir, "--ev", "ev7", "--slot", "3", "--departure").code());
        runsQuickAsPicocli("prove", dir, "--ev", "ev4", "--slot", "0");
        Path out = tmp.resolve("proof.bin");
        runsQuickAsPicocli("prove", dir, "--ev", "ev4", "--slot", "2", "--out", out.toString());
        byte[] quickBytes = Files.readAllBytes(out);
        Files.delete(out);
        picocli("prove", dir, "--ev", "ev4", "--slot", "2", "--out", out.toString());
        assertArrayEquals(Files.readAllBytes(out), quickBytes);
        assertEquals(2, runsQuickAsPicocli("prove", dir, "--ev", "ev4", "--slot", "2", "--out",
            tmp.resolve("no-such-dir").resolve("p.bin").toString()).code());
    }

    @Test
    void versionRunsAsPicocliDoes() {
        runsQuickAsPicocli("--version");
        runsQuickAsPicocli("-V");
    }

    @Test
    void everyOtherFormIsLeftToPicocli() {
        List<String[]> others = new ArrayList<>();
        others.add(new String[] {});
        others.add(new String[] {"--help"});
        others.add(new String[] {"--version", "--help"});
        others.add(new String[] {"--evs", "5"});
        others.add(new String[] {"solve", "--version"});
        others.add(new String[] {"verify"});
        others.add(new String[] {"verify", "--help"});
        others.add(new String[] {"verify", "-V"});
        others.add(new String[] {"verify", dir, "--frobnicate"});
        others.add(new String[] {"verify", dir, dir});
        others.add(new String[] {"verify", dir, "--key"});
        others.add(new String[] {"verify", dir, "--key", keyDir, "--key", keyDir});
        others.add(new String[] {"verify", dir, "--key="});
        others.add(new String[] {"verify", dir, "--key", "-x"});
        others.add(new String[] {"verify", "--", dir});
        others.add(new String[] {"verify", "@" + dir});
        others.add(new String[] {"verify", ""});
        others.add(new String[] {"verify", "a\0b"});
        others.add(new String[] {"verify", dir, "--ev", "ev4"});
        others.add(new String[] {"prove", dir, "--ev", "ev4"});
        others.add(new String[] {"prove", dir, "--slot", "2"});
        others.add(new String[] {"prove", dir, "--ev", "ev4", "--slot", "-1"});
        others.add(new String[] {"prove", dir, "--ev", "ev4", "--slot", "007"});
        others.add(new String[] {"prove", dir, "--ev", "ev4", "--slot", "0x10"});
        others.add(new String[] {"prove", dir, "--ev", "ev4", "--slot", "+2"});
        others.add(new String[] {"prove", dir, "--ev", "ev4", "--slot", "9223372036854775808"});
        others.add(new String[] {"prove", dir, "--ev", "ev4", "--slot", "2", "--departure", "--departure"});
        others.add(new String[] {"prove", dir, "--ev", "ev4", "--slot", "2", "--departure=true"});
        others.add(new String[] {"prove", dir, "--ev", "ev4", "--ev", "ev5", "--slot", "2"});
        others.add(new String[] {"prove", dir, "--ev", "ev4", "--slot", "2", "--out", "a\0b"});
        others.add(new String[] {"bench", "ledger", "--help"});
        for (String[] args : others) {
            leftToPicocli(args);
        }
        String before = System.getProperty("picocli.trace");
        System.setProperty("picocli.trace", "OFF");
        try {
            leftToPicocli("verify", dir);
        } finally {
            if (before == null) {
                System.clearProperty("picocli.trace");
            } else {
                System.setProperty("picocli.trace", before);
            }
        }
    }

    @Test
    void theOptionsItReadsAreTheCommandsOwn() {
        for (String name : List.of("verify", "prove")) {
            var spec = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))
                .getSubcommands().get(name).getCommandSpec();
            List<String> names = new ArrayList<>();
            spec.options().forEach(o -> names.addAll(List.of(o.names())));
            List<String> quick = new ArrayList<>(name.equals("verify") ? QuickStart.VERIFY_OPTIONS
                : QuickStart.PROVE_OPTIONS);
            if (name.equals("prove")) {
                quick.addAll(QuickStart.PROVE_FLAGS);
                assertTrue(QuickStart.PROVE_FLAGS.stream().allMatch(f -> spec.findOption(f).arity().max() == 0), "flags");
            }
            assertTrue(names.containsAll(quick), name + ": " + names + " must hold " + quick);
            assertEquals(1, spec.positionalParameters().size(), name);
        }
    }
}
