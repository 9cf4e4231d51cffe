package org.v2g.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.v2g.kernel.InvalidInputException;
import org.v2g.ledger.BlockHeader;
import org.v2g.ledger.Ed25519;
import org.v2g.ledger.LedgerConfig;
import org.v2g.ledger.LedgerProducer;
import org.v2g.ledger.ProofRejectedException;
import org.v2g.ledger.RingBufferSlotLedger;
import org.v2g.ledger.Settlement;
import org.v2g.ledger.SettlementProof;
import org.v2g.ledger.SlotLedger;
import org.v2g.ledger.VerificationResult;

/** A wallet refuses bad ids, capacities and keys at once, and its check is bound to its EV, slot and amount. */
class EvWalletTest {
    @TempDir
    Path dir;

    static Stream<Arguments> badWallets() {
        return Stream.of(
                Arguments.of("capacity_kwh", "NaN", "x", Double.NaN),
                Arguments.of("capacity_kwh", "Infinity", "x", Double.POSITIVE_INFINITY),
                Arguments.of("capacity_kwh", "-Infinity", "x", Double.NEGATIVE_INFINITY),
                Arguments.of("capacity_kwh", "0.0", "x", 0.0),
                Arguments.of("capacity_kwh", "-40.0", "x", -40.0),
                Arguments.of("ev_id", "null", null, 40.0),
                Arguments.of("ev_id", "\"\"", "", 40.0),
                Arguments.of("ev_id", "\"  \"", "  ", 40.0),
                Arguments.of("ev_id", "car 7", "car 7", 40.0),
                Arguments.of("ev_id", "x".repeat(33), "x".repeat(33), 40.0));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badWallets")
    void createAndTheConstructorRejectABadWalletNamingFieldAndValue(String field, String value, String id,
            double capacity) {
        for (InvalidInputException e : List.of(
                assertThrows(InvalidInputException.class, () -> EvWallet.create(id, capacity)),
                assertThrows(InvalidInputException.class, () -> new EvWallet(id, capacity, Ed25519.generate())))) {
            assertEquals(field, e.field());
            assertEquals(value, e.value());
            assertEquals("ev=" + id, e.item());
            assertTrue(e.getMessage().startsWith(field + " ") && e.getMessage().contains("value=" + value),
                    e.getMessage());
        }
    }

    @Test
    void theConstructorRejectsMissingOrNonEd25519Keys() throws NoSuchAlgorithmException {
        assertEquals("keys", assertThrows(InvalidInputException.class, () -> new EvWallet("x", 40, null)).field());
        KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new EvWallet("x", 40, rsa));
        assertEquals("keys", e.field());
        assertEquals("RSA", e.value());
    }

    @Test
    void aCheckIsBoundToTheWalletsEvItsSlotAndTheExpectedAmount() throws ProofRejectedException {
        KeyPair sealer = Ed25519.generate();
        Settlement slot0 = new Settlement("car-7", 0, -0.5, -1.875, 1.2);
        List<BlockHeader> headers;
        try (SlotLedger ledger = RingBufferSlotLedger.open(LedgerConfig.of(dir, sealer))) {
            LedgerProducer p = ledger.newProducer();
            p.append(slot0);
            p.append(new Settlement("bus-1", 0, 0.5, 1.875, -1.0));
            p.append(new Settlement("car-7", 5, 0.25, 0.9375, -0.6));
            ledger.flush();
            headers = ledger.headers();
        }
        EvWallet car = EvWallet.create("car-7", 40);
        SettlementProof proof = SettlementProof.find(dir, "car-7", 0).orElseThrow();
        assertEquals(slot0, car.check(proof, 0, headers, sealer.getPublic()));
        assertEquals(slot0, car.check(proof, slot0, headers, sealer.getPublic()));

        // The slot-0 proof is not the proof of slot 5, nor of another EV, nor of another amount.
        ProofRejectedException asSlot5 = assertThrows(ProofRejectedException.class,
                () -> car.check(proof, 5, headers, sealer.getPublic()));
        assertEquals(VerificationResult.Check.SETTLEMENT, asSlot5.check());
        SettlementProof busProof = SettlementProof.find(dir, "bus-1", 0).orElseThrow();
        assertEquals(VerificationResult.Check.SETTLEMENT, assertThrows(ProofRejectedException.class,
                () -> car.check(busProof, 0, headers, sealer.getPublic())).check());
        Settlement claimed = new Settlement("car-7", 0, -0.5, -1.875, 9.9);
        assertEquals(VerificationResult.Check.SETTLEMENT, assertThrows(ProofRejectedException.class,
                () -> car.check(proof, claimed, headers, sealer.getPublic())).check());
        assertEquals(VerificationResult.Check.SIGNATURE, assertThrows(ProofRejectedException.class,
                () -> car.check(proof, 0, headers, Ed25519.generate().getPublic())).check());
        // Expecting another EV's settlement is a caller's mistake, named as such.
        InvalidInputException other = assertThrows(InvalidInputException.class,
                () -> car.check(busProof, new Settlement("bus-1", 0, 0.5, 1.875, -1.0), headers, sealer.getPublic()));
        assertEquals("ev_id", other.field());
        assertEquals("bus-1", other.value());
    }
}
