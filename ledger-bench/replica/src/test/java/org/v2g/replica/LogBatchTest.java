package org.v2g.replica;

import org.v2g.node.internal.SeededKeys;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.v2g.ledger.PartialResult;
import org.v2g.ledger.Settlement;
import org.v2g.replica.ReplicaRecords.Deadline;
import org.v2g.replica.ReplicaRecords.Event;
import org.v2g.replica.ReplicaRecords.EventKind;
import org.v2g.ledger.EvUnplug;
import org.v2g.replica.ReplicaRecords.Finality;
import org.v2g.replica.ReplicaRecords.SignedPartial;
import org.v2g.replica.ReplicaRecords.SlotOpen;

/** The log entry format and the replica's records: round trips and clear refusals. */
class LogBatchTest {
    @Test
    void everyRecordSurvivesABatchRoundTrip() {
        KeyPair keys = SeededKeys.derive(5, "scp0");
        SignedPartial partial = SignedPartial.signed(new PartialResult(3, 0, 10, 20, 15, 1.25), keys.getPrivate());
        LogBatch batch = LogBatch.of(Frame.of(new SlotOpen(3, 1_767_250_800_000_000L)), Frame.of(partial),
                Frame.of(new Deadline(3)), Frame.of(new Event(3, 1, EventKind.WRONG_PARTIAL, 10, 20, 2)),
                Frame.of(new Finality(3, 3, 3, new byte[32])), Frame.of(new EvUnplug("car-7", 4)),
                Frame.of(new Settlement("car-7", 3, -0.5, -1.875, 0.4)));
        LogBatch back = LogBatch.decode(batch.toBytes());
        assertEquals(batch.frames().size(), back.frames().size());
        for (int i = 0; i < batch.frames().size(); i++) {
            assertEquals(batch.frames().get(i).type(), back.frames().get(i).type());
            assertArrayEquals(batch.frames().get(i).payload(), back.frames().get(i).payload());
        }
        assertEquals(partial, SignedPartial.decode(back.frames().get(1).payload()));
        assertTrue(SignedPartial.decode(back.frames().get(1).payload()).verify(keys.getPublic()));
        assertEquals(new EvUnplug("car-7", 4), back.frames().get(5).ledgerRecord());
        assertEquals(new Settlement("car-7", 3, -0.5, -1.875, 0.4), back.frames().get(6).ledgerRecord());
    }

    @Test
    void seededKeysAreTheSameEverywhereAndDifferPerLabel() {
        assertEquals(SeededKeys.derive(1, "car-1").getPublic(), SeededKeys.derive(1, "car-1").getPublic());
        assertTrue(!SeededKeys.derive(1, "car-1").getPublic().equals(SeededKeys.derive(1, "car-2").getPublic()));
    }

    @Test
    void truncatedOrPaddedEntriesAreRefusedNamingTheFrame() {
        byte[] good = LogBatch.of(Frame.of(new Deadline(1)), Frame.of(new Deadline(2))).toBytes();
        SplittableRandom random = new SplittableRandom(42);
        for (int trial = 0; trial < 50; trial++) {
            int cut = random.nextInt(good.length);
            byte[] bad = java.util.Arrays.copyOf(good, cut);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LogBatch.decode(bad),
                    "cut at " + cut);
            assertTrue(e.getMessage().contains("log entry") || e.getMessage().contains("frame"), e.getMessage());
        }
        byte[] padded = java.util.Arrays.copyOf(good, good.length + 3);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LogBatch.decode(padded)).getMessage()
                .contains("3 bytes after its last frame"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Frame(7, new byte[3])).getMessage()
                .contains("SETTLEMENT"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Behaviour.of("lazy")).getMessage()
                .contains("value=lazy"));
    }
}
