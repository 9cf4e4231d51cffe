package org.v2g.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v2g.ledger.BlockHeader;
import org.v2g.ledger.Ed25519;
import org.v2g.ledger.EvDeparture;
import org.v2g.ledger.EvPlugIn;
import org.v2g.ledger.EvRegistration;
import org.v2g.ledger.EvSubmission;
import org.v2g.ledger.LedgerConfig;
import org.v2g.ledger.LedgerProducer;
import org.v2g.ledger.LedgerVerifier;
import org.v2g.ledger.RingBufferSlotLedger;
import org.v2g.ledger.Settlement;
import org.v2g.ledger.SettlementProof;
import org.v2g.ledger.SlotLedger;
import org.v2g.ledger.SyncPolicy;

/** {@code v2g verify} and {@code v2g prove} on a small ledger written by {@link RingBufferSlotLedger}. */
class LedgerCommandsTest {
    static final KeyPair SEALER = Ed25519.generate();
    static final int PER_BLOCK = 5;
    static final int BLOCKS = 4;

    @TempDir
    Path tmp;
    Path ledger;
    Path keyDir;

    /** Four blocks of five settlements each: ev0..ev4 in slots 0..3. */
    @BeforeEach
    void writeLedger() {
        ledger = tmp.resolve("ledger");
        keyDir = tmp.resolve("keys");
        Ed25519.store(SEALER, keyDir, "scp");
        LedgerConfig config = LedgerConfig.of(ledger, SEALER).withMaxRecordsPerBlock(PER_BLOCK)
                .withMaxBlockAge(Duration.ofSeconds(30)).withSyncPolicy(SyncPolicy.parse("none"));
        try (SlotLedger l = RingBufferSlotLedger.open(config)) {
            LedgerProducer p = l.newProducer();
            for (int slot = 0; slot < BLOCKS; slot++) {
                for (int ev = 0; ev < PER_BLOCK; ev++) {
                    p.append(new Settlement("ev" + ev, slot, 0.25 * ev, -1.5 * ev, 0.75 * ev));
                }
            }
            l.flush();
        }
    }

    private static MainTest.Run run(String... args) {
        return MainTest.run(args);
    }

    private static void oneErrorLine(MainTest.Run r, int code, String... parts) {
        assertEquals(code, r.code(), r.out() + r.err());
        assertEquals(r.err().length() - 1, r.err().indexOf('\n'), "not exactly one line: " + r.err());
        assertTrue(r.err().startsWith("error: "), r.err());
        for (String p : parts) {
            assertTrue(r.err().contains(p), "'" + p + "' not in: " + r.err());
        }
    }

    // ---- verify ----

    @Test
    void verifyGoodLedgerWithItsOwnKeySaysSelfConsistencyOnly() {
        MainTest.Run r = run("verify", ledger.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("ok: 4 blocks, 20 records, height 3"), r.out());
        assertTrue(r.out().contains("self-consistency only"), r.out());
        assertEquals(1, r.out().lines().count());
    }

    @Test
    void verifyWithTrustedKeyAsDirectoryFileOrHex() throws IOException {
        Path hex = Files.writeString(tmp.resolve("sealer.hex"),
                HexFormat.of().formatHex(Ed25519.rawPublicKey(SEALER.getPublic())) + "\n");
        for (Path key : List.of(keyDir, keyDir.resolve("scp.pub"), hex)) {
            MainTest.Run r = run("verify", ledger.toString(), "--key", key.toString());
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("trusted sealer key"), r.out());
        }
    }

    @Test
    void verifyWithAnotherKeyFails() {
        Path other = tmp.resolve("other");
        Ed25519.store(Ed25519.generate(), other, "scp");
        oneErrorLine(run("verify", ledger.toString(), "--key", other.toString()), 1, "SEALER_KEY");
    }

    @Test
    void verifyUsesTheKeyFileBesideTheBlocksAndCatchesOneThatDoesNotBelong() throws IOException {
        Files.copy(keyDir.resolve("scp.pub"), ledger.resolve("scp.pub"));
        MainTest.Run own = run("verify", ledger.toString());
        assertEquals(0, own.code(), own.err());
        assertTrue(own.out().contains("scp.pub beside the blocks"), own.out());

        Path other = tmp.resolve("other");
        Ed25519.store(Ed25519.generate(), other, "scp");
        Files.copy(other.resolve("scp.pub"), ledger.resolve("scp.pub"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        oneErrorLine(run("verify", ledger.toString()), 1, "SEALER_KEY");

        Files.writeString(ledger.resolve("scp.pub"), "not a key");
        oneErrorLine(run("verify", ledger.toString()), 2, "DIR", "scp.pub", "not an Ed25519 public key");
    }

    @Test
    void aFlippedByteIsNamedByHeight() throws IOException {
        List<BlockHeader> headers = LedgerVerifier.headers(ledger);
        assertEquals(BLOCKS, headers.size());
        long at = 64 + headers.get(0).blockLength() + 168 + 8 + 3; // block 1, first record's ev id
        Path file = ledger.resolve("blocks.v2gl");
        byte[] bytes = Files.readAllBytes(file);
        bytes[(int) at] ^= 0x20;
        Files.write(file, bytes);
        oneErrorLine(run("verify", ledger.toString()), 1, "height 1", "CRC");
        oneErrorLine(run("verify", ledger.toString(), "--key", keyDir.toString()), 1, "height 1");
    }

    @Test
    void missingDirectoryOrKeyIsBadInput() throws IOException {
        oneErrorLine(run("verify", tmp.resolve("nope").toString()), 2, "DIR", "no such file", "nope");
        oneErrorLine(run("verify", keyDir.toString()), 2, "blocks.v2gl", "not a ledger directory");
        oneErrorLine(run("verify", ledger.toString(), "--key", tmp.resolve("nokey").toString()), 2, "--key", "nokey");
        Path junk = Files.writeString(tmp.resolve("junk.pub"), "not a key");
        oneErrorLine(run("verify", ledger.toString(), "--key", junk.toString()), 2, "--key", "junk.pub");
    }

    // ---- prove ----

    @Test
    void proveFindsAndVerifiesTheSettlementAndWritesTheBinaryForm() throws Exception {
        Path out = tmp.resolve("ev3-slot2.proof");
        MainTest.Run r = run("prove", ledger.toString(), "--ev", "ev3", "--slot", "2", "--key", keyDir.toString(),
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        for (String part : List.of("\"ev\": \"ev3\"", "\"slot\": 2,", "\"height\": 2,", "\"index\": 3,", "\"version\": 2,",
                "\"x\": 0.75, \"kwh\": -4.5, \"cny\": 2.25", "\"key\": \"trusted\"", "\"verified\": true")) {
            assertTrue(r.out().contains(part), part + " not in " + r.out());
        }
        SettlementProof proof = SettlementProof.fromBytes(Files.readAllBytes(out));
        assertEquals(new Settlement("ev3", 2, 0.75, -4.5, 2.25), proof.settlement());
        assertEquals(2, proof.version());
        assertTrue(r.out().contains("\"group\": \"" + HexFormat.of().formatHex(proof.frames()) + "\""), r.out());
        assertEquals(proof.settlement(), proof.verify("ev3", 2, LedgerVerifier.headers(ledger), SEALER.getPublic()));
        String siblings = r.out().lines().filter(l -> l.contains("siblings")).findFirst().orElseThrow();
        for (byte[] s : proof.siblings()) {
            assertTrue(siblings.contains(HexFormat.of().formatHex(s)), siblings);
        }
    }

    /** A ledger of block format 1 (one leaf per record), made by writing its version-1 file header first. */
    @Test
    void proveOnAVersion1LedgerSaysVersion1AndShowsNoGroup() throws Exception {
        Path v1 = tmp.resolve("v1");
        LedgerConfig config = LedgerConfig.of(v1, SEALER).withMaxRecordsPerBlock(PER_BLOCK)
                .withSyncPolicy(SyncPolicy.parse("none"));
        Files.createDirectories(v1);
        byte[] header = new byte[64];
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(header).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, 0x524744454C473256L).putInt(8, 1).putInt(12, config.maxBlockLength());
        b.put(16, Ed25519.rawPublicKey(SEALER.getPublic()));
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(header, 0, 60);
        b.putInt(60, (int) crc.getValue());
        Files.write(v1.resolve("blocks.v2gl"), header);
        try (SlotLedger l = RingBufferSlotLedger.open(config)) {
            LedgerProducer p = l.newProducer();
            for (int ev = 0; ev < 2 * PER_BLOCK; ev++) {
                p.append(new Settlement("ev" + ev, 0, 0.25 * ev, -1.5 * ev, 0.75 * ev));
            }
            l.flush();
        }
        Path out = tmp.resolve("v1.proof");
        MainTest.Run r = run("prove", v1.toString(), "--ev", "ev6", "--slot", "0", "--key", keyDir.toString(),
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"version\": 1,") && r.out().contains("\"verified\": true"), r.out());
        assertTrue(!r.out().contains("\"group\""), r.out());
        SettlementProof proof = SettlementProof.fromBytes(Files.readAllBytes(out));
        assertEquals(1, proof.version());
        assertEquals(0, run("verify", v1.toString(), "--key", keyDir.toString()).code());
    }

    @Test
    void proveWithoutKeyUsesTheLedgersOwn() {
        MainTest.Run r = run("prove", ledger.toString(), "--ev", "ev0", "--slot", "0");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"key\": \"ledger\""), r.out());
        assertTrue(r.out().contains("\"verified\": true"), r.out());
    }

    @Test
    void proveWithAnotherKeyPrintsTheProofUnverified() {
        Path other = tmp.resolve("other");
        Ed25519.store(Ed25519.generate(), other, "scp");
        MainTest.Run r = run("prove", ledger.toString(), "--ev", "ev1", "--slot", "1", "--key", other.toString());
        oneErrorLine(r, 1, "does not verify", "SIGNATURE");
        assertTrue(r.out().contains("\"verified\": false"), r.out());
    }

    @Test
    void proveDepartureFindsAndVerifiesTheEvsSignedTarget() {
        Path dayLedger = tmp.resolve("day-ledger");
        KeyPair ev = Ed25519.generate();
        try (SlotLedger l = RingBufferSlotLedger.open(LedgerConfig.of(dayLedger, SEALER).withMaxRecordsPerBlock(2))) {
            LedgerProducer p = l.newProducer();
            p.append(new EvRegistration("ev7", Ed25519.rawPublicKey(ev.getPublic()), 60));
            p.append(EvSubmission.signed("ev7", 12, 0.16, 0, 20, 1, ev.getPrivate()));
            p.append(EvDeparture.signed("ev7", 12, 48.0, 40, 2, ev.getPrivate()));
            p.append(new EvPlugIn("ev7", 12, -0.01));
            l.flush();
        }
        MainTest.Run r = run("prove", dayLedger.toString(), "--ev", "ev7", "--slot", "12", "--departure", "--key",
                keyDir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"departure\": {\"ev_id\": \"ev7\", \"slot\": 12, \"target_kwh\": 48.0, "
                + "\"last_slot\": 40, \"nonce\": 2}") && r.out().contains("\"verified\": true"), r.out());
        oneErrorLine(run("prove", dayLedger.toString(), "--ev", "ev7", "--slot", "13", "--departure"), 1,
                "no departure", "ev=ev7", "slot=13");
        oneErrorLine(run("prove", dayLedger.toString(), "--ev", "ev7", "--slot", "12"), 1, "no settlement");
    }

    @Test
    void noSuchSettlementOrBadOptions() {
        oneErrorLine(run("prove", ledger.toString(), "--ev", "ev9", "--slot", "1"), 1, "no settlement", "ev=ev9",
                "slot=1");
        oneErrorLine(run("prove", ledger.toString(), "--ev", "ev1", "--slot", "-1"), 2, "--slot", "-1");
        oneErrorLine(run("prove", ledger.toString(), "--ev", "bad id", "--slot", "1"), 2, "--ev", "bad id");
        oneErrorLine(run("prove", ledger.toString(), "--slot", "1"), 2, "--ev");
    }
}
