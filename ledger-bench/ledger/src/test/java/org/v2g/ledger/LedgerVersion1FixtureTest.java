package org.v2g.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.v2g.ledger.internal.FileHeaderDescriptor;

/**
 * A ledger written by the version-1 code (src/test/resources/ledger-v1, see its README) still verifies,
 * proves, opens, recovers and grows as version 1, and the proofs that code issued still verify.
 */
class LedgerVersion1FixtureTest {
    private static final Path FIXTURE = Path.of("src/test/resources/ledger-v1");

    @TempDir
    Path dir;

    private static KeyPair sealer() throws IOException, GeneralSecurityException {
        KeyFactory f = KeyFactory.getInstance("Ed25519");
        return new KeyPair(
            f.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(FIXTURE.resolve("sealer.x509")))),
            f.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(FIXTURE.resolve("sealer.pkcs8")))));
    }

    private Path copy() throws IOException {
        Path d = dir.resolve("ledger");
        Files.createDirectories(d);
        Files.copy(FIXTURE.resolve(BlockStore.FILE_NAME), d.resolve(BlockStore.FILE_NAME));
        return d;
    }

    @ParameterizedTest
    @EnumSource(LedgerKind.class)
    void theVersion1FixtureVerifiesProvesAndGrowsAsVersion1(LedgerKind kind) throws Exception {
        KeyPair sealer = sealer();
        Path d = copy();
        assertEquals(FileHeaderDescriptor.VERSION_1, FormatVersion.of(d));
        VerificationResult v = LedgerVerifier.verify(d, sealer.getPublic());
        assertTrue(v.ok(), v.message());
        assertEquals(3, v.blocks());
        assertEquals(108, v.records());
        List<BlockHeader> headers = LedgerVerifier.headers(d);

        SettlementProof issued = SettlementProof.fromBytes(Files.readAllBytes(FIXTURE.resolve("ev7-slot2.proof")));
        assertEquals(FileHeaderDescriptor.VERSION_1, issued.version());
        Settlement s = new Settlement("ev7", 2, 0.25 * 7, 0.9375 * 7, -0.6 * 7);
        assertEquals(s, issued.verify(s, headers, sealer.getPublic()));
        SettlementProof found = SettlementProof.find(d, "ev7", 2).orElseThrow();
        assertArrayEquals(Files.readAllBytes(FIXTURE.resolve("ev7-slot2.proof")), found.toBytes(),
            "the same proof, byte for byte, as the version-1 code issued");

        DepartureProof departure = DepartureProof.fromBytes(
            Files.readAllBytes(FIXTURE.resolve("ev0-slot3.departure-proof")));
        assertEquals(3, departure.verify("ev0", 3, headers, sealer.getPublic()).slot());
        assertArrayEquals(departure.toBytes(), DepartureProof.find(d, "ev0", 3).orElseThrow().toBytes());

        // a torn tail is cut as before, and the ledger goes on in version 1
        byte[] bytes = Files.readAllBytes(d.resolve(BlockStore.FILE_NAME));
        Files.write(d.resolve(BlockStore.FILE_NAME), java.util.Arrays.copyOf(bytes, bytes.length - 10));
        LedgerConfig config = SlotLedgerContractTest.config(d).withMaxRecordsPerBlock(37);
        config = new LedgerConfig(d, sealer, config.ringCapacity(), config.maxRecordsPerBlock(), config.maxBlockAge(),
            config.syncPolicy(), config.maxProducers(), config.maxPayloadLength(), config.fullRingIdle());
        Settlement later = new Settlement("ev7", 9, 1.5, 5.625, -3.6);
        try (SlotLedger ledger = kind.open(config)) {
            assertTrue(ledger.recovery().truncated(), ledger.recovery().toString());
            assertEquals(2, ledger.recovery().blocks());
            LedgerProducer p = ledger.newProducer();
            for (int i = 0; i < 40; i++) {
                p.append(new Settlement("ev" + (i % 20), 8, 0.5, 1.875, -1.2));
            }
            p.append(later);
            ledger.flush();
        }
        assertEquals(FileHeaderDescriptor.VERSION_1, FormatVersion.of(d), "an existing file keeps its version");
        VerificationResult grown = LedgerVerifier.verify(d, sealer.getPublic());
        assertTrue(grown.ok(), grown.message());
        SettlementProof proof = SettlementProof.find(d, "ev7", 9).orElseThrow();
        assertEquals(FileHeaderDescriptor.VERSION_1, proof.version());
        assertEquals(72, proof.frames().length, "a version-1 proof carries the record's frame only");
        assertEquals(later, proof.verify(later, LedgerVerifier.headers(d), sealer.getPublic()));
        assertFalse(SettlementProof.find(d, "ev7", 4).isPresent(), "the cut block's settlements (slot 4) are gone");
        assertTrue(SettlementProof.find(d, "ev7", 2).isPresent());
    }
}
