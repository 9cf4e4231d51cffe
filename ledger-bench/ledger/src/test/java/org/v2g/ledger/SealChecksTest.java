package org.v2g.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.EnumMap;
import java.util.Map;
import java.util.zip.CRC32C;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v2g.ledger.internal.BlockDescriptor;
import org.v2g.ledger.internal.FileHeaderDescriptor;

/**
 * {@link LedgerVerifier#verify} with each block's Merkle root and signature on a second thread gives the
 * one-thread verdict and message on a ledger of more blocks than {@link SealChecks} keeps waiting, for
 * flips (CRC fixed up, so that they reach the record, root and signature checks) in every block, two at
 * once in different blocks, and cut files.
 */
class SealChecksTest {
    @TempDir
    Path dir;

    @Test
    void aSecondThreadGivesTheOneThreadVerdict() throws IOException {
        Path ledger = dir.resolve("l");
        KeyPair ev = Ed25519.generate();
        try (SlotLedger l = SynchronizedSlotLedger.open(SlotLedgerContractTest.config(ledger))) {
            LedgerProducer p = l.newProducer();
            p.append(new EvRegistration("ev1", Ed25519.rawPublicKey(ev.getPublic()), 60));
            for (int i = 0; i < 150; i++) {
                p.append(i % 10 == 3 ? EvSubmission.signed("ev1", i, 0.16, 0, 20, i, ev.getPrivate())
                    : new Settlement("ev" + (i % 7), i / 10, 0.5, 1.875, -2.1));
            }
        }
        byte[] original = Files.readAllBytes(ledger.resolve(BlockStore.FILE_NAME));
        int[] starts = new int[64];
        int blocks = 0;
        UnsafeBuffer u = new UnsafeBuffer(original);
        for (int p = FileHeaderDescriptor.LENGTH; p < original.length; blocks++) {
            starts[blocks] = p;
            p += u.getInt(p + BlockDescriptor.BLOCK_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN);
        }
        assertTrue(blocks > 20, blocks + " blocks");
        assertTrue(same(ledger, original).ok());
        Map<VerificationResult.Check, Integer> seen = new EnumMap<>(VerificationResult.Check.class);
        for (int b = 0; b < blocks; b++) {
            int length = u.getInt(starts[b] + BlockDescriptor.BLOCK_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN);
            for (int i = starts[b]; i < starts[b] + length - BlockDescriptor.TRAILER_LENGTH; i += 13) {
                byte[] copy = original.clone();
                flip(copy, starts[b], length, i);
                if (b + 5 < blocks) {
                    // a second, later failure: the earlier block's verdict must still be the one returned
                    int later = starts[b + 5] + BlockDescriptor.HEADER_LENGTH + 3;
                    flip(copy, starts[b + 5], u.getInt(starts[b + 5] + BlockDescriptor.BLOCK_LENGTH_OFFSET,
                        ByteOrder.LITTLE_ENDIAN), later);
                }
                VerificationResult r = same(ledger, copy);
                assertFalse(r.ok(), "flip at " + i);
                seen.merge(r.check(), 1, Integer::sum);
            }
            same(ledger, java.util.Arrays.copyOf(original, starts[b] + length / 2));
        }
        assertTrue(seen.containsKey(VerificationResult.Check.MERKLE_ROOT) && seen.containsKey(
            VerificationResult.Check.SIGNATURE) && seen.containsKey(VerificationResult.Check.RECORD), seen.toString());
    }

    /** Flips byte {@code i} of the block at {@code start} and fixes its CRC when its length still reads the same. */
    private static void flip(byte[] copy, int start, int length, int i) {
        copy[i] ^= (byte) 0xFF;
        UnsafeBuffer c = new UnsafeBuffer(copy);
        if (c.getInt(start + BlockDescriptor.BLOCK_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN) == length) {
            CRC32C crc = new CRC32C();
            crc.update(copy, start, length - BlockDescriptor.TRAILER_LENGTH);
            c.putInt(start + length - BlockDescriptor.TRAILER_LENGTH, (int) crc.getValue(), ByteOrder.LITTLE_ENDIAN);
        }
    }

    private VerificationResult same(Path ledger, byte[] bytes) throws IOException {
        Path d = dir.resolve("t");
        Files.createDirectories(d);
        Files.write(d.resolve(BlockStore.FILE_NAME), bytes);
        VerificationResult one = LedgerVerifier.verify(d, SlotLedgerContractTest.SEALER.getPublic(), false);
        assertEquals(one, LedgerVerifier.verify(d, SlotLedgerContractTest.SEALER.getPublic(), true));
        return one;
    }
}
