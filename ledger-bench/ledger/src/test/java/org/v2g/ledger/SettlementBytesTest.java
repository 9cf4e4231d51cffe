package org.v2g.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.zip.CRC32C;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.v2g.ledger.internal.BlockDescriptor;
import org.v2g.ledger.internal.EvIds;
import org.v2g.ledger.internal.FileHeaderDescriptor;
import org.v2g.ledger.internal.SettlementDescriptor;

/**
 * The verifier's byte-level checks ({@link SettlementBytes}, {@link EvIds#isValid}, {@link EvIds#matches})
 * against the object-level decoding they stand in for, on malformed ids and records: seeded (the seed is
 * in every failure message; {@code -Dv2g.ledger.seed=} replays one), four seeds.
 */
class SettlementBytesTest {
    /** Id bytes around every boundary of the rule (printable ASCII without space, zero padding). */
    private static final int[] ID_BYTES = {0x00, 0x01, 0x1f, 0x20, 0x21, 0x30, 0x41, 0x7a, 0x7e, 0x7f, 0x80, 0xc3,
        0xff};
    private static final long[] SLOTS = {0, 1, 200, -1, Long.MIN_VALUE, Long.MAX_VALUE};
    private static final double[] AMOUNTS = {0.0, -0.0, 1.5, -3.25, Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};

    @TempDir
    Path dir;

    static LongStream seeds() {
        long base = Long.getLong("v2g.ledger.seed", 20261202L);
        return LongStream.range(0, 4).map(i -> base + i);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void byteChecksAgreeWithDecodingOnMalformedRecords(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        byte[] bytes = new byte[7 + SettlementDescriptor.LENGTH];
        UnsafeBuffer b = new UnsafeBuffer(bytes);
        int offset = 7; // an odd offset, as in a block
        int valid = 0;
        int invalid = 0;
        for (int round = 0; round < 20_000; round++) {
            randomIdField(rnd, bytes, offset);
            b.putLong(offset + SettlementDescriptor.SLOT_OFFSET, rnd.nextInt(4) == 0 ? rnd.nextLong()
                : SLOTS[rnd.nextInt(SLOTS.length)], ByteOrder.LITTLE_ENDIAN);
            for (int f = 0; f < 3; f++) {
                int at = offset + SettlementDescriptor.X_OFFSET + f * Double.BYTES;
                if (rnd.nextInt(5) == 0) {
                    b.putLong(at, rnd.nextLong(), ByteOrder.LITTLE_ENDIAN); // any bit pattern, NaNs included
                } else {
                    b.putDouble(at, rnd.nextInt(3) == 0 ? AMOUNTS[rnd.nextInt(AMOUNTS.length)] : 1.0,
                        ByteOrder.LITTLE_ENDIAN);
                }
            }
            String where = "seed " + seed + " round " + round;

            String id = null;
            try {
                id = EvIds.get(b, offset);
            } catch (IllegalArgumentException e) {
                // a malformed id: isValid must say so
            }
            assertEquals(id != null, EvIds.isValid(b, offset), where + ": EvIds.isValid vs EvIds.get");
            if (id != null) {
                assertTrue(EvIds.matches(b, offset, EvIds.padded(id)), where + ": the field matches its own id");
                String other = id.length() < EvIds.LENGTH ? id + "x" : id.substring(1);
                assertFalse(EvIds.matches(b, offset, EvIds.padded(other)), where + ": the field matches " + other);
            }

            boolean decodes;
            try {
                LedgerRecord.decode(RecordType.SETTLEMENT.id(), b, offset, SettlementDescriptor.LENGTH);
                decodes = true;
            } catch (IllegalArgumentException e) {
                decodes = false;
            }
            assertEquals(decodes, SettlementBytes.isValid(b, offset), where + ": SettlementBytes vs decode");
            if (decodes) {
                valid++;
            } else {
                invalid++;
            }
        }
        // both sides of the rule were exercised
        assertTrue(valid > 400 && invalid > 400, "seed " + seed + ": valid " + valid + ", invalid " + invalid);
    }

    /**
     * A settlement made malformed on disk (CRC fixed up, so the record check is what sees it) gets the
     * verdict and message of the object decoding: {@code RECORD}, "record N: " and decode's message.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aMalformedSettlementIsNamedAsTheDecoderNamesIt(long seed) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        Path ledger = dir.resolve("l" + seed);
        int records = 40;
        try (SlotLedger l = SynchronizedSlotLedger.open(SlotLedgerContractTest.config(ledger))) {
            LedgerProducer p = l.newProducer();
            for (int i = 0; i < records; i++) {
                p.append(new Settlement("ev" + i, i / 4, 0.5, 1.875, -2.1));
            }
        }
        Path file = ledger.resolve(BlockStore.FILE_NAME);
        byte[] original = Files.readAllBytes(file);
        Map<VerificationResult.Check, Integer> seen = new EnumMap<>(VerificationResult.Check.class);
        for (int round = 0; round < 30; round++) {
            byte[] copy = original.clone();
            UnsafeBuffer u = new UnsafeBuffer(copy);
            int victim = rnd.nextInt(records);
            int[] at = payloadOf(u, victim);
            int payload = at[0];
            switch (rnd.nextInt(4)) {
                case 0 -> copy[payload + rnd.nextInt(EvIds.LENGTH)] = (byte) ID_BYTES[rnd.nextInt(ID_BYTES.length)];
                case 1 -> u.putLong(payload + SettlementDescriptor.SLOT_OFFSET, -1 - rnd.nextInt(1000),
                    ByteOrder.LITTLE_ENDIAN);
                case 2 -> u.putDouble(payload + SettlementDescriptor.X_OFFSET + rnd.nextInt(3) * Double.BYTES,
                    AMOUNTS[6 + rnd.nextInt(3)], ByteOrder.LITTLE_ENDIAN);
                default -> copy[payload + SettlementDescriptor.EV_ID_OFFSET + EvIds.LENGTH - 1] = 'z';
            }
            if (Arrays.equals(copy, original)) {
                continue; // the byte written was the one there
            }
            CRC32C crc = new CRC32C();
            crc.update(copy, at[1], at[2] - BlockDescriptor.TRAILER_LENGTH);
            u.putInt(at[1] + at[2] - BlockDescriptor.TRAILER_LENGTH, (int) crc.getValue(), ByteOrder.LITTLE_ENDIAN);
            Files.write(file, copy);

            String decodeProblem = null;
            try {
                // as the verifier sees it: the payload's offset within its block
                LedgerRecord.decode(RecordType.SETTLEMENT.id(), new UnsafeBuffer(copy, at[1], at[2]), payload - at[1],
                    SettlementDescriptor.LENGTH);
            } catch (IllegalArgumentException e) {
                decodeProblem = e.getMessage();
            }
            VerificationResult r = LedgerVerifier.verify(ledger, SlotLedgerContractTest.SEALER.getPublic());
            String where = "seed " + seed + " round " + round + " record " + victim;
            assertFalse(r.ok(), where);
            seen.merge(r.check(), 1, Integer::sum);
            if (decodeProblem != null) {
                assertEquals(VerificationResult.Check.RECORD, r.check(), where + ": " + r.message());
                assertTrue(r.message().endsWith("record " + victim + ": " + decodeProblem), where + ": " + r.message());
            } else {
                // still a settlement (e.g. a changed but valid id byte): the Merkle root catches it
                assertEquals(VerificationResult.Check.MERKLE_ROOT, r.check(), where + ": " + r.message());
            }
        }
        assertTrue(seen.getOrDefault(VerificationResult.Check.RECORD, 0) > 0, "seed " + seed + ": " + seen);
        Files.write(file, original);
        assertTrue(LedgerVerifier.verify(ledger, SlotLedgerContractTest.SEALER.getPublic()).ok());
    }

    /** Fills the 32-byte id field: a random length of bytes from the boundary set, sometimes junk after it. */
    private static void randomIdField(SplittableRandom rnd, byte[] bytes, int offset) {
        int n = rnd.nextInt(EvIds.LENGTH + 1);
        for (int i = 0; i < EvIds.LENGTH; i++) {
            byte v;
            if (i < n) {
                v = rnd.nextInt(4) == 0 ? (byte) ID_BYTES[rnd.nextInt(ID_BYTES.length)]
                    : (byte) (0x21 + rnd.nextInt(0x7e - 0x21 + 1));
            } else {
                v = rnd.nextInt(40) == 0 ? (byte) ID_BYTES[rnd.nextInt(ID_BYTES.length)] : 0;
            }
            bytes[offset + i] = v;
        }
    }

    /** {payload offset, block start, block length} of record {@code index} of the file in {@code u}. */
    private static int[] payloadOf(UnsafeBuffer u, int index) {
        int block = FileHeaderDescriptor.LENGTH;
        int seen = 0;
        while (true) {
            int length = u.getInt(block + BlockDescriptor.BLOCK_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN);
            int count = u.getInt(block + BlockDescriptor.RECORD_COUNT_OFFSET, ByteOrder.LITTLE_ENDIAN);
            if (index < seen + count) {
                int p = block + BlockDescriptor.HEADER_LENGTH;
                for (int i = seen; i < index; i++) {
                    p += 8 + u.getInt(p, ByteOrder.LITTLE_ENDIAN);
                }
                return new int[] {p + 8, block, length};
            }
            seen += count;
            block += length;
        }
    }
}
