package org.v2g.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.v2g.kernel.InvalidInputException;
import org.v2g.ledger.internal.FileHeaderDescriptor;
import org.v2g.ledger.internal.MerkleTree;

/**
 * Version-2 proofs: a record's proof carries its group's frames (16 consecutive records of its block, fewer
 * in a short last group) and the sibling hashes above the group. Blocks of 40 records: groups 0–15, 16–31
 * and a short last group 32–39.
 */
class GroupProofTest {
    private static final int PER_BLOCK = 40;

    @TempDir
    Path dir;

    private List<Settlement> write(LedgerKind kind) {
        List<Settlement> settlements = new ArrayList<>();
        try (SlotLedger ledger = kind.open(SlotLedgerContractTest.config(dir).withMaxRecordsPerBlock(PER_BLOCK))) {
            LedgerProducer p = ledger.newProducer();
            for (int ev = 0; ev < 2 * PER_BLOCK + 7; ev++) {
                Settlement s = new Settlement("ev" + ev, 4, 0.25 * ev, 0.9375 * ev, -0.6 * ev);
                settlements.add(s);
                p.append(s);
            }
            ledger.flush();
        }
        assertEquals(FileHeaderDescriptor.VERSION_2, FormatVersion.of(dir), "a new ledger is version 2");
        return settlements;
    }

    @ParameterizedTest
    @EnumSource(LedgerKind.class)
    void firstLastAndMiddleRecordsOfAGroupAndOfTheShortLastGroupAreProven(LedgerKind kind)
        throws ProofRejectedException {
        List<Settlement> settlements = write(kind);
        List<BlockHeader> headers = LedgerVerifier.headers(dir);
        assertTrue(LedgerVerifier.verify(dir, SlotLedgerContractTest.SEALER.getPublic()).ok());
        assertEquals(PER_BLOCK, headers.getFirst().recordCount());
        // first, middle and last of group 0 and of group 1, first, middle and last of the short group
        for (int i : new int[] {0, 7, 15, 16, 23, 31, 32, 35, 39, PER_BLOCK, 2 * PER_BLOCK + 6}) {
            Settlement s = settlements.get(i);
            SettlementProof proof = SettlementProof.find(dir, s.evId(), s.slot()).orElseThrow();
            int index = i % PER_BLOCK;
            int count = headers.get((int) proof.height()).recordCount();
            assertEquals(FileHeaderDescriptor.VERSION_2, proof.version());
            assertEquals(index, proof.index(), "the record's index in its block");
            assertEquals(MerkleTree.groupSize(index, count) * 72, proof.frames().length, "the whole group, i=" + i);
            // 40 records: groups g0, g1, g2 -> root node(node(g0, g1), g2); g2 is promoted past level 0
            int siblings = count == PER_BLOCK ? (index >= 32 ? 1 : 2) : 0;
            assertEquals(siblings, proof.siblings().size(), "siblings above the group, i=" + i);
            assertEquals(s, proof.verify(s, headers, SlotLedgerContractTest.SEALER.getPublic()), "i=" + i);
            SettlementProof wire = SettlementProof.fromBytes(proof.toBytes());
            assertEquals(RecordInclusion.VERSION_2_TAG, new org.agrona.concurrent.UnsafeBuffer(proof.toBytes())
                .getLong(0, java.nio.ByteOrder.LITTLE_ENDIAN));
            assertArrayEquals(proof.frames(), wire.frames());
            assertEquals(s, wire.verify(s, headers, SlotLedgerContractTest.SEALER.getPublic()));
        }
    }

    @Test
    void aForgedGroupMateOrAGroupWithAFrameMissingFails() throws ProofRejectedException {
        List<Settlement> settlements = write(LedgerKind.RING_BUFFER);
        List<BlockHeader> headers = LedgerVerifier.headers(dir);
        Settlement s = settlements.get(20); // index 4 of group 1
        SettlementProof proof = SettlementProof.find(dir, s.evId(), s.slot()).orElseThrow();
        byte[] frames = proof.frames();
        assertEquals(16 * 72, frames.length);

        byte[] mate = frames.clone();
        mate[72 * 9 + 40] ^= 1; // a byte of group-mate 25's payload; the proven record is untouched
        SettlementProof forgedMate = new SettlementProof(2, proof.height(), proof.index(), mate, proof.siblings());
        assertEquals(s, forgedMate.settlement(), "the proven record reads the same");
        assertEquals(VerificationResult.Check.MERKLE_ROOT, rejected(forgedMate, s, headers).check());

        SettlementProof shortGroup = new SettlementProof(2, proof.height(), proof.index(),
            Arrays.copyOf(frames, 15 * 72), proof.siblings());
        assertEquals(VerificationResult.Check.MERKLE_ROOT, rejected(shortGroup, s, headers).check());

        SettlementProof asVersion1 = new SettlementProof(1, proof.height(), proof.index(), proof.frame(),
            proof.siblings());
        assertEquals(VerificationResult.Check.MERKLE_ROOT, rejected(asVersion1, s, headers).check());

        Settlement neighbour = settlements.get(21);
        SettlementProof shifted = new SettlementProof(2, proof.height(), proof.index() + 1, frames, proof.siblings());
        assertEquals(neighbour, shifted.verify(neighbour, headers, SlotLedgerContractTest.SEALER.getPublic()),
            "the same group proves each of its records");
        assertEquals(VerificationResult.Check.SETTLEMENT, rejected(shifted, s, headers).check());
    }

    /**
     * What docs/LEDGER.md ("What is and is not protected") claims of a proof checked against a block of the
     * other version: in a block of 17 records (group 0 of 16, a last group of one), a version-1 proof of
     * record 16 with group 0's leaf as its sibling does verify — and proves record 16 at index 16, which
     * is in the block — while the same leaf and sibling under any other index, or a version-1 proof of a
     * record inside group 0, are rejected.
     */
    @Test
    void aVersionOneProofCheckedAgainstAVersionTwoBlockProvesOnlyARecordThatIsThere() throws ProofRejectedException {
        List<Settlement> settlements = new ArrayList<>();
        try (SlotLedger ledger = LedgerKind.RING_BUFFER.open(SlotLedgerContractTest.config(dir).withMaxRecordsPerBlock(17))) {
            LedgerProducer p = ledger.newProducer();
            for (int ev = 0; ev < 17; ev++) {
                Settlement st = new Settlement("ev" + ev, 4, 0.25 * ev, 0.9375 * ev, -0.6 * ev);
                settlements.add(st);
                p.append(st);
            }
            ledger.flush();
        }
        List<BlockHeader> headers = LedgerVerifier.headers(dir);
        assertEquals(17, headers.getFirst().recordCount());
        byte[] group0 = SettlementProof.find(dir, "ev0", 4).orElseThrow().frames();
        byte[] leaf0 = org.v2g.ledger.internal.Sha256.leaf(group0, 0, group0.length);
        SettlementProof last = SettlementProof.find(dir, "ev16", 4).orElseThrow();

        SettlementProof asVersion1 = new SettlementProof(0, 16, last.frame(), List.of(leaf0));
        assertEquals(settlements.get(16), asVersion1.verify(settlements.get(16), headers,
            SlotLedgerContractTest.SEALER.getPublic()), "the record at index 16, as in the block");
        for (int index : new int[] {0, 3, 15}) {
            SettlementProof moved = new SettlementProof(0, index, last.frame(), List.of(leaf0));
            assertEquals(VerificationResult.Check.MERKLE_ROOT, rejected(moved, settlements.get(16), headers).check(),
                "index " + index);
        }
        byte[] frame3 = Arrays.copyOfRange(group0, 3 * 72, 4 * 72);
        byte[] leaf16 = org.v2g.ledger.internal.Sha256.leaf(last.frame(), 0, 72);
        SettlementProof inside = new SettlementProof(0, 3, frame3, List.of(leaf16));
        assertEquals(VerificationResult.Check.MERKLE_ROOT, rejected(inside, settlements.get(3), headers).check());
    }

    @Test
    void badVersionsAreRefusedNamingTheField() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
            () -> new SettlementProof(3, 0, 0, new byte[72], List.of()));
        assertTrue(e.getMessage().contains("version"), e.getMessage());
        byte[] bytes = new byte[28];
        new org.agrona.concurrent.UnsafeBuffer(bytes).putLong(0, -3, java.nio.ByteOrder.LITTLE_ENDIAN);
        InvalidInputException tag = assertThrows(InvalidInputException.class, () -> SettlementProof.fromBytes(bytes));
        assertTrue(tag.getMessage().contains("proof"), tag.getMessage());
    }

    private static ProofRejectedException rejected(SettlementProof proof, Settlement s, List<BlockHeader> headers) {
        return assertThrows(ProofRejectedException.class,
            () -> proof.verify(s, headers, SlotLedgerContractTest.SEALER.getPublic()));
    }
}
