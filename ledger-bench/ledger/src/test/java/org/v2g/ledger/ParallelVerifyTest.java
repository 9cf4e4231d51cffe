package org.v2g.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.zip.CRC32C;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v2g.ledger.internal.BlockDescriptor;
import org.v2g.ledger.internal.FileHeaderDescriptor;

/**
 * Verification with the blocks' Merkle roots and signatures checked on a second thread reports exactly
 * what the one-thread verification reports — the same check, height and message — for the whole ledger
 * and for every single flipped byte of it.
 */
class ParallelVerifyTest {
    @TempDir
    Path dir;

    @Test
    void everyFlippedByteGetsTheSameVerdictOnOneThreadAndOnTwo() throws IOException {
        KeyPair ev = Ed25519.generate();
        Path ledgerDir = dir.resolve("l");
        try (SlotLedger ledger = SynchronizedSlotLedger.open(SlotLedgerContractTest.config(ledgerDir)
                .withMaxRecordsPerBlock(3))) {
            LedgerProducer p = ledger.newProducer();
            p.append(new EvRegistration("ev1", Ed25519.rawPublicKey(ev.getPublic()), 60));
            for (int slot = 0; slot < 6; slot++) {
                p.append(EvSubmission.signed("ev1", slot, 0.16, 0, 20, slot + 1, ev.getPrivate()));
                p.append(new Settlement("ev1", slot, 0.5, 1.875, -2.1));
            }
        }
        Path file = ledgerDir.resolve(BlockStore.FILE_NAME);
        byte[] original = Files.readAllBytes(file);
        assertTrue(verdict(file, false).ok());
        assertEquals(verdict(file, false), verdict(file, true));
        Set<VerificationResult.Check> seen = EnumSet.noneOf(VerificationResult.Check.class);
        UnsafeBuffer u = new UnsafeBuffer(original);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            for (int start = FileHeaderDescriptor.LENGTH; start < original.length; ) {
                int length = u.getInt(start + BlockDescriptor.BLOCK_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN);
                for (int i = start; i < start + length - BlockDescriptor.TRAILER_LENGTH; i++) {
                    // the flip with the block's CRC fixed up, so that the Merkle root and signature checks
                    // (the ones on the second thread) see it
                    byte[] block = Arrays.copyOfRange(original, start, start + length);
                    block[i - start] ^= (byte) 0x10;
                    UnsafeBuffer bu = new UnsafeBuffer(block);
                    if (bu.getInt(BlockDescriptor.BLOCK_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN) == length) {
                        CRC32C crc = new CRC32C();
                        crc.update(block, 0, length - BlockDescriptor.TRAILER_LENGTH);
                        bu.putInt(length - BlockDescriptor.TRAILER_LENGTH, (int) crc.getValue(), ByteOrder.LITTLE_ENDIAN);
                    }
                    ch.write(ByteBuffer.wrap(block), start);
                    VerificationResult one = LedgerVerifier.verify(ch, SlotLedgerContractTest.SEALER.getPublic(), false);
                    VerificationResult two = LedgerVerifier.verify(ch, SlotLedgerContractTest.SEALER.getPublic(), true);
                    assertFalse(one.ok(), "flip at byte " + i + " went unnoticed");
                    assertEquals(one, two, "flip at byte " + i);
                    seen.add(one.check());
                    ch.write(ByteBuffer.wrap(original, start, length), start);
                }
                start += length;
            }
        }
        assertTrue(seen.containsAll(EnumSet.of(VerificationResult.Check.MERKLE_ROOT, VerificationResult.Check.SIGNATURE,
                VerificationResult.Check.HASH_CHAIN)), "the flips reach the checks on both threads: " + seen);
    }

    private static VerificationResult verdict(Path file, boolean parallel) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return LedgerVerifier.verify(ch, SlotLedgerContractTest.SEALER.getPublic(), parallel);
        }
    }
}
