package org.v2g.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.v2g.kernel.InvalidInputException;
import org.v2g.ledger.internal.SettlementDescriptor;

/** The {@link SlotLedger} contract, run against every implementation on both block formats. */
class SlotLedgerContractTest {
    static final KeyPair SEALER = Ed25519.generate();

    @TempDir
    Path dir;

    static LedgerConfig config(Path dir) {
        return LedgerConfig.of(dir, SEALER).withMaxRecordsPerBlock(4).withMaxPayloadLength(512).withRingCapacity(1 << 14);
    }

    static List<LedgerRecord> readAll(SlotLedger ledger) {
        List<LedgerRecord> out = new ArrayList<>();
        long[] expect = {0};
        ledger.forEachRecord((seq, type, buf, off, len) -> {
            assertEquals(expect[0]++, seq);
            out.add(LedgerRecord.decode(type, buf, off, len));
        });
        return out;
    }

    @ParameterizedTest
    @MethodSource("org.v2g.ledger.FormatVersion#withKinds")
    void appendedRecordsReadBackInOrderInChainedSignedBlocks(LedgerKind kind, FormatVersion version) {
        List<LedgerRecord> samples = RecordCodecTest.samples();
        try (SlotLedger ledger = kind.open(version.prepare(config(dir)))) {
            LedgerProducer p = ledger.newProducer();
            long last = -1;
            for (LedgerRecord r : samples) {
                last = p.append(r);
            }
            assertEquals(samples.size() - 1, last);
            assertTrue(p.awaitDurable(last, Duration.ofSeconds(10)));
            assertTrue(p.isDurable(0));
            assertEquals(samples.size(), ledger.durableRecordCount());
            assertEquals(samples, readAll(ledger));
            List<BlockHeader> headers = ledger.headers();
            assertEquals(2, headers.size(), "7 records in blocks of 4");
            assertArrayEquals(BlockHeader.GENESIS_PREVIOUS_HASH, headers.get(0).previousHash());
            assertArrayEquals(headers.get(0).hash(), headers.get(1).previousHash());
            assertEquals(4, headers.get(1).firstSequence());
            for (BlockHeader h : headers) {
                assertTrue(h.verifySignature(SEALER.getPublic()));
            }
            assertEquals(SEALER.getPublic(), ledger.sealerKey());
        }
        assertEquals(version.number, FormatVersion.of(dir), "the block format the test asked for");
        assertTrue(LedgerVerifier.verify(dir, SEALER.getPublic()).ok());
    }

    @ParameterizedTest
    @MethodSource("org.v2g.ledger.FormatVersion#withKinds")
    void reopeningKeepsEveryRecordAndContinuesTheChain(LedgerKind kind, FormatVersion version) {
        List<LedgerRecord> samples = RecordCodecTest.samples();
        try (SlotLedger ledger = kind.open(version.prepare(config(dir)))) {
            LedgerProducer p = ledger.newProducer();
            for (LedgerRecord r : samples.subList(0, 5)) {
                p.append(r);
            }
        }
        try (SlotLedger ledger = kind.open(version.prepare(config(dir)))) {
            assertEquals(new RecoveryReport(2, 5, 0, "clean"), ledger.recovery());
            assertEquals(5, ledger.durableRecordCount());
            LedgerProducer p = ledger.newProducer();
            for (LedgerRecord r : samples.subList(5, 7)) {
                p.append(r);
            }
            ledger.flush();
            assertEquals(samples, readAll(ledger));
            assertEquals(3, ledger.headers().size());
        }
        assertTrue(LedgerVerifier.verify(dir, SEALER.getPublic()).ok());
    }

    @ParameterizedTest
    @MethodSource("org.v2g.ledger.FormatVersion#withKinds")
    void abortedClaimsLeaveNoRecordAndUseNoSequenceNumber(LedgerKind kind, FormatVersion version) {
        try (SlotLedger ledger = kind.open(version.prepare(config(dir)))) {
            LedgerProducer p = ledger.newProducer();
            int index = p.tryClaim(RecordType.SETTLEMENT.id(), SettlementDescriptor.LENGTH);
            p.abort(index);
            Settlement s = new Settlement("ev1", 1, 0.5, 1.875, -1.2);
            assertEquals(0, p.append(s));
            ledger.flush();
            assertEquals(List.of(s), readAll(ledger));
        }
    }

    @ParameterizedTest
    @MethodSource("org.v2g.ledger.FormatVersion#withKinds")
    void misuseIsAnExceptionNamingTheProblem(LedgerKind kind, FormatVersion version) {
        SlotLedger ledger = kind.open(version.prepare(config(dir)));
        LedgerProducer p = ledger.newProducer();
        var e = assertThrows(InvalidInputException.class, () -> p.tryClaim(7, 10));
        assertEquals("length must be 64 bytes (the SETTLEMENT payload): type=SETTLEMENT value=10", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> p.tryClaim(42, 10));
        assertThrows(IllegalArgumentException.class, () -> p.tryClaim(1000, 1 << 20));
        int index = p.tryClaim(1000, 3);
        assertThrows(IllegalStateException.class, () -> p.tryClaim(1000, 3));
        p.commit(index);
        assertThrows(IllegalStateException.class, () -> p.commit(index));
        assertThrows(IllegalArgumentException.class, () -> p.awaitDurable(5, Duration.ofMillis(1)));
        ledger.close();
        var closed = assertThrows(IllegalStateException.class, () -> p.tryClaim(1000, 3));
        assertEquals("ledger in " + dir + " is closed", closed.getMessage());
        assertThrows(IllegalStateException.class, ledger::newProducer);
    }

    @ParameterizedTest
    @MethodSource("org.v2g.ledger.FormatVersion#withKinds")
    void everySyncPolicyAcknowledgesAfterFlush(LedgerKind kind, FormatVersion version) {
        for (SyncPolicy policy : List.of(SyncPolicy.none(), SyncPolicy.everyBlocks(3), SyncPolicy.perBlock())) {
            Path d = dir.resolve("p" + policy.everyBlocks());
            try (SlotLedger ledger = kind.open(version.prepare(config(d).withSyncPolicy(policy)))) {
                LedgerProducer p = ledger.newProducer();
                UnsafeBuffer b = new UnsafeBuffer(new byte[10]);
                long last = -1;
                for (int i = 0; i < 9; i++) {
                    last = p.append(1000 + i, b, 0, i);
                }
                assertTrue(p.awaitDurable(last, Duration.ofSeconds(10)), policy.toString());
                assertEquals(9, ledger.durableRecordCount());
                assertFalse(ledger.headers().isEmpty());
            }
            assertTrue(LedgerVerifier.verify(d, SEALER.getPublic()).ok(), policy.toString());
        }
    }
}
