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
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.v2g.ledger.internal.BlockDescriptor;
import org.v2g.ledger.internal.FileHeaderDescriptor;

/** Every changed byte of a small ledger file is caught by verification, with and without fixed CRCs; each format. */
@ParameterizedClass
@EnumSource(FormatVersion.class)
class TamperTest {
    @Parameter
    FormatVersion version;
    @TempDir
    Path dir;
    private byte[] original;
    private List<long[]> blocks;
    private byte[] working;

    @BeforeEach
    void smallLedger() throws IOException {
        KeyPair ev = Ed25519.generate();
        try (SlotLedger ledger = SynchronizedSlotLedger.open(version.prepare(SlotLedgerContractTest.config(dir.resolve("l"))))) {
            LedgerProducer p = ledger.newProducer();
            p.append(new EvRegistration("ev1", Ed25519.rawPublicKey(ev.getPublic()), 60));
            p.append(EvSubmission.signed("ev1", 3, 0.16, 0, 20, 1, ev.getPrivate()));
            SlotSolution solution = new SlotSolution(3, 12, 1, 0, 0, -0.5, 1.25);
            p.append(solution);
            p.append(ScpVote.signed(solution, 2, ev.getPrivate()));
            p.append(new Settlement("ev1", 3, 0.5, 1.875, -2.1));
            p.append(1000, new UnsafeBuffer(new byte[] {1, 2, 3}), 0, 3);
        }
        original = Files.readAllBytes(dir.resolve("l").resolve(BlockStore.FILE_NAME));
        assertEquals(version.number, FormatVersion.of(dir.resolve("l")));
        assertTrue(LedgerVerifier.verify(dir.resolve("l"), SlotLedgerContractTest.SEALER.getPublic()).ok());
        blocks = new ArrayList<>();
        UnsafeBuffer u = new UnsafeBuffer(original);
        int p = FileHeaderDescriptor.LENGTH;
        while (p < original.length) {
            int len = u.getInt(p + BlockDescriptor.BLOCK_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN);
            blocks.add(new long[] {p, len});
            p += len;
        }
        assertEquals(2, blocks.size());
    }

    /**
     * Verifies {@code bytes}: written over one working copy of the file, only where it differs from what
     * the copy holds, because creating a file per flip costs more than verifying it.
     */
    private VerificationResult verify(byte[] bytes) throws IOException {
        Path d = dir.resolve("t");
        Path file = d.resolve(BlockStore.FILE_NAME);
        if (working == null) {
            Files.createDirectories(d);
            Files.write(file, bytes);
            working = bytes.clone();
        } else {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                for (int i = 0; i < bytes.length; i++) {
                    if (bytes[i] != working[i]) {
                        ch.write(ByteBuffer.wrap(bytes, i, 1), i);
                        working[i] = bytes[i];
                    }
                }
            }
        }
        return LedgerVerifier.verify(d, SlotLedgerContractTest.SEALER.getPublic());
    }

    @Test
    void everyFlippedByteIsDetected() throws IOException {
        Map<VerificationResult.Check, Integer> seen = new EnumMap<>(VerificationResult.Check.class);
        for (int i = 0; i < original.length; i++) {
            byte[] copy = original.clone();
            copy[i] ^= (byte) 0xFF;
            VerificationResult r = verify(copy);
            assertFalse(r.ok(), "flip at byte " + i + " of " + original.length + " went unnoticed");
            seen.merge(r.check(), 1, Integer::sum);
        }
        System.out.println("TamperTest: " + original.length + " flips caught by " + seen);
    }

    @Test
    void everyFlippedBlockByteIsDetectedEvenWhenTheCrcIsFixedUp() throws IOException {
        Map<VerificationResult.Check, Integer> seen = new EnumMap<>(VerificationResult.Check.class);
        // Block 0 whole, and the header of block 1 (its chain fields): later record bytes are covered by
        // the same Merkle check as block 0's, and each flip there costs a signature check of block 0.
        for (long[] b : blocks) {
            int start = (int) b[0];
            int length = (int) b[1];
            int stop = b == blocks.getFirst() ? start + length - BlockDescriptor.TRAILER_LENGTH
                : start + BlockDescriptor.HEADER_LENGTH;
            for (int i = start; i < stop; i++) {
                byte[] copy = original.clone();
                copy[i] ^= (byte) 0xFF;
                int len = new UnsafeBuffer(copy).getInt(start + BlockDescriptor.BLOCK_LENGTH_OFFSET,
                    ByteOrder.LITTLE_ENDIAN);
                if (len == length) {
                    CRC32C crc = new CRC32C();
                    crc.update(copy, start, length - BlockDescriptor.TRAILER_LENGTH);
                    new UnsafeBuffer(copy).putInt(start + length - BlockDescriptor.TRAILER_LENGTH,
                        (int) crc.getValue(), ByteOrder.LITTLE_ENDIAN);
                }
                VerificationResult r = verify(copy);
                assertFalse(r.ok(), "flip at byte " + i + " with fixed CRC went unnoticed");
                assertFalse(r.check() == VerificationResult.Check.CRC && len == length, "CRC was fixed at " + i);
                seen.merge(r.check(), 1, Integer::sum);
            }
        }
        System.out.println("TamperTest (CRC fixed): caught by " + seen);
    }

    @Test
    void anotherSealerKeyIsRejected() throws IOException {
        KeyPair other = Ed25519.generate();
        VerificationResult r = LedgerVerifier.verify(dir.resolve("l"), other.getPublic());
        assertEquals(VerificationResult.Check.SEALER_KEY, r.check());
        assertTrue(verify(original).ok());
    }
}
