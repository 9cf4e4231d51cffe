package org.v2g.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** An EV checks its settlement with block headers only; any change to proof or headers fails; each format. */
@ParameterizedClass
@EnumSource(FormatVersion.class)
class SettlementProofTest {
    @Parameter
    FormatVersion version;
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(LedgerKind.class)
    void everySettlementHasAProofThatChecksAgainstTheHeadersAlone(LedgerKind kind) throws ProofRejectedException {
        List<Settlement> settlements = new ArrayList<>();
        List<BlockHeader> headers;
        try (SlotLedger ledger = kind.open(version.prepare(SlotLedgerContractTest.config(dir).withMaxRecordsPerBlock(5)))) {
            LedgerProducer p = ledger.newProducer();
            for (int slot = 0; slot < 4; slot++) {
                p.append(new SlotSolution(slot, 7, 2, 1, 0, -0.4, 9.5));
                for (int ev = 0; ev < 3; ev++) {
                    Settlement s = new Settlement("ev" + ev, slot, 0.25 * ev, 0.9375 * ev, -0.6 * ev);
                    settlements.add(s);
                    p.append(s);
                }
                p.append(1000, new UnsafeBuffer(new byte[3]), 0, 3);
            }
            ledger.flush();
            headers = ledger.headers();
            for (Settlement s : settlements) {
                SettlementProof proof = ledger.proof(s.evId(), s.slot()).orElseThrow();
                assertEquals(version.number, proof.version());
                assertEquals(s, proof.settlement());
                assertEquals(s, proof.verify(s.evId(), s.slot(), headers, SlotLedgerContractTest.SEALER.getPublic()));
                assertEquals(s, proof.verify(s, headers, SlotLedgerContractTest.SEALER.getPublic()));
                SettlementProof fromDisk = SettlementProof.find(dir, s.evId(), s.slot()).orElseThrow();
                assertEquals(proof.height(), fromDisk.height());
                SettlementProof wire = SettlementProof.fromBytes(proof.toBytes());
                assertEquals(s, wire.verify(s, headers, SlotLedgerContractTest.SEALER.getPublic()));
            }
            assertTrue(ledger.proof("ev9", 0).isEmpty());
            assertTrue(ledger.proof("ev0", 99).isEmpty());
        }

        SettlementProof proof = SettlementProof.find(dir, "ev2", 2).orElseThrow();
        KeyPair other = Ed25519.generate();
        assertEquals(VerificationResult.Check.SIGNATURE, rejection(proof, headers, other).check());

        byte[] frame = proof.frames();
        frame[frame.length - 1] ^= 1;
        SettlementProof forged = new SettlementProof(proof.version(), proof.height(), proof.index(), frame,
            proof.siblings());
        assertEquals(VerificationResult.Check.MERKLE_ROOT,
            rejection(forged, headers, SlotLedgerContractTest.SEALER).check());

        // version 2: another group (a group-mate's index proves the group-mate, which is in the block)
        int elsewhere = proof.index() ^ (proof.version() == 1 ? 1 : 16);
        SettlementProof moved = new SettlementProof(proof.version(), proof.height(), elsewhere, proof.frames(),
            proof.siblings());
        assertEquals(VerificationResult.Check.MERKLE_ROOT,
            rejection(moved, headers, SlotLedgerContractTest.SEALER).check());

        List<BlockHeader> dropped = new ArrayList<>(headers);
        dropped.remove(0);
        assertEquals(VerificationResult.Check.SEQUENCE,
            rejection(proof, dropped, SlotLedgerContractTest.SEALER).check());
        assertEquals(VerificationResult.Check.SEQUENCE,
            rejection(proof, headers.subList(0, (int) proof.height()), SlotLedgerContractTest.SEALER).check());
    }

    /**
     * {@code find} with a list gives the headers {@link LedgerVerifier#headers} reads, from its own pass
     * over the file: whether the record is there or not, and in a file whose third block is damaged (both
     * stop before it).
     */
    @Test
    void findCollectsTheHeadersLedgerVerifierReads() throws Exception {
        Path ledger = dir.resolve("l");
        try (SlotLedger l = LedgerKind.SYNCHRONIZED.open(version.prepare(SlotLedgerContractTest.config(ledger)))) {
            LedgerProducer p = l.newProducer();
            for (int i = 0; i < 19; i++) {
                p.append(new Settlement("ev" + (i % 5), i / 5, 0.25, 0.9375, -0.6));
            }
        }
        List<BlockHeader> all = LedgerVerifier.headers(ledger);
        assertTrue(all.size() > 3, all.size() + " blocks");
        for (long slot : new long[] {0, 3, 9}) {
            List<BlockHeader> seen = new ArrayList<>();
            SettlementProof.find(ledger, "ev1", slot, seen);
            assertEquals(all, seen, "slot " + slot);
            List<BlockHeader> departures = new ArrayList<>();
            assertTrue(DepartureProof.find(ledger, "ev1", slot, departures).isEmpty());
            assertEquals(all, departures, "departures, slot " + slot);
        }
        Path damaged = dir.resolve("damaged");
        java.nio.file.Files.createDirectories(damaged);
        byte[] bytes = java.nio.file.Files.readAllBytes(ledger.resolve(BlockStore.FILE_NAME));
        long third = org.v2g.ledger.internal.FileHeaderDescriptor.LENGTH;
        UnsafeBuffer u = new UnsafeBuffer(bytes);
        for (int b = 0; b < 2; b++) {
            third += u.getInt((int) third + org.v2g.ledger.internal.BlockDescriptor.BLOCK_LENGTH_OFFSET,
                java.nio.ByteOrder.LITTLE_ENDIAN);
        }
        bytes[(int) third + org.v2g.ledger.internal.BlockDescriptor.HEADER_LENGTH + 5] ^= 1;
        java.nio.file.Files.write(damaged.resolve(BlockStore.FILE_NAME), bytes);
        List<BlockHeader> cut = LedgerVerifier.headers(damaged);
        assertEquals(2, cut.size());
        List<BlockHeader> seen = new ArrayList<>();
        SettlementProof.find(damaged, "ev1", 0, seen);
        assertEquals(cut, seen);
    }

    /**
     * With the headers collected, the proof is read from the record's own block only: the same proof, byte
     * for byte, as the search without them, for every settlement of a ledger of many blocks, first to last.
     */
    @Test
    void findWithHeadersGivesTheSameProofForEveryRecord() {
        Path ledger = dir.resolve("every");
        try (SlotLedger l = LedgerKind.SYNCHRONIZED.open(version.prepare(SlotLedgerContractTest.config(ledger)))) {
            LedgerProducer p = l.newProducer();
            for (int i = 0; i < 23; i++) {
                p.append(new Settlement("ev" + (i % 5), i / 5, 0.25 * i, 0.9375, -0.6));
            }
        }
        List<BlockHeader> all = LedgerVerifier.headers(ledger);
        assertTrue(all.size() > 4, all.size() + " blocks");
        for (int i = 0; i < 23; i++) {
            String ev = "ev" + (i % 5);
            long slot = i / 5;
            List<BlockHeader> seen = new ArrayList<>(List.of(all.getFirst())); // find adds after what is there
            SettlementProof with = SettlementProof.find(ledger, ev, slot, seen).orElseThrow();
            SettlementProof without = SettlementProof.find(ledger, ev, slot).orElseThrow();
            assertArrayEquals(without.toBytes(), with.toBytes(), ev + " slot " + slot);
            assertEquals(all, seen.subList(1, seen.size()));
        }
    }

    /** A proof that holds is still rejected as the proof of another slot, another EV or another amount. */
    @Test
    void aValidProofIsBoundToItsEvSlotAndAmount() throws ProofRejectedException {
        Settlement slot0 = new Settlement("ev1", 0, -0.5, -1.875, 1.2);
        List<BlockHeader> headers;
        try (SlotLedger ledger = RingBufferSlotLedger.open(version.prepare(SlotLedgerContractTest.config(dir)))) {
            LedgerProducer p = ledger.newProducer();
            p.append(slot0);
            p.append(new Settlement("ev2", 0, 0.5, 1.875, -1.0));
            p.append(new Settlement("ev1", 5, 0.25, 0.9375, -0.6));
            ledger.flush();
            headers = ledger.headers();
        }
        SettlementProof proof = SettlementProof.find(dir, "ev1", 0).orElseThrow();
        KeyPair sealer = SlotLedgerContractTest.SEALER;
        assertEquals(slot0, proof.verify("ev1", 0, headers, sealer.getPublic()));

        ProofRejectedException asSlot5 = assertThrows(ProofRejectedException.class,
            () -> proof.verify("ev1", 5, headers, sealer.getPublic()));
        assertEquals(VerificationResult.Check.SETTLEMENT, asSlot5.check());
        assertTrue(asSlot5.getMessage().contains("slot=0") && asSlot5.getMessage().contains("slot=5"),
            asSlot5.getMessage());
        assertEquals(VerificationResult.Check.SETTLEMENT, assertThrows(ProofRejectedException.class,
            () -> proof.verify("ev2", 0, headers, sealer.getPublic())).check());

        Settlement morePaid = new Settlement("ev1", 0, -0.5, -1.875, 12.0);
        ProofRejectedException amount = assertThrows(ProofRejectedException.class,
            () -> proof.verify(morePaid, headers, sealer.getPublic()));
        assertEquals(VerificationResult.Check.SETTLEMENT, amount.check());
        assertTrue(amount.getMessage().contains("cny=12.0"), amount.getMessage());
        assertTrue(!amount.result().ok());
    }

    private static ProofRejectedException rejection(SettlementProof proof, List<BlockHeader> headers, KeyPair key) {
        Settlement s = proof.settlement();
        return assertThrows(ProofRejectedException.class, () -> proof.verify(s.evId(), s.slot(), headers,
            key.getPublic()));
    }
}
