package org.v2g.replica;

import org.v2g.node.internal.SeededKeys;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.v2g.replica.ReplicaRecords.EventKind;

/**
 * Snapshots of {@link SlotMachine} without Raft: a restored machine equals the original (its snapshot
 * bytes too), a snapshot plus the log after it gives exactly the state and chain of the whole log
 * replayed, and damaged snapshots are refused with an error naming what is wrong.
 */
class SlotMachineSnapshotTest {
    /** Past one day (96 slots), so EVs unplug and plug in again; a liar and a silent SCP fill every field. */
    private static final RecordedLog LOG = RecordedLog.of(DayFeed.caseStudy(12, 5, 100), Behaviour.HONEST,
            Behaviour.WRONG_PARTIAL, Behaviour.HONEST, Behaviour.SILENT);

    private static byte[] snapshot(SlotMachine m, long index) {
        return SlotMachineSnapshot.encode(3, index, m.exportState(), m.config());
    }

    private static SlotMachine restore(byte[] snapshot) throws CorruptSnapshotException {
        SlotMachine m = new SlotMachine(LOG.config());
        m.importState(SlotMachineSnapshot.decode(snapshot, LOG.config(), "test").state());
        return m;
    }

    private static void assertSameMachine(SlotMachine expected, SlotMachine actual, String where) {
        assertArrayEquals(expected.headHash(), actual.headHash(), where);
        assertEquals(expected.headers(), actual.headers(), where);
        assertEquals(expected.events(), actual.events(), where);
        assertEquals(expected.finals(), actual.finals(), where);
        assertEquals(expected.lastSlot(), actual.lastSlot(), where);
        assertEquals(expected.applied(), actual.applied(), where);
        assertEquals(expected.work().map(SlotMachineSnapshotTest::describe),
                actual.work().map(SlotMachineSnapshotTest::describe),
                where);
        assertArrayEquals(snapshot(expected, 0), snapshot(actual, 0), where + ": snapshot bytes");
    }

    @Test
    void theRecordedLogCoversWhatASnapshotMustHold() {
        SlotMachine full = LOG.replay(LOG.entries().size());
        assertTrue(full.lastSlot() >= 96, "the log must pass a day boundary: " + full.lastSlot());
        assertFalse(full.finals().isEmpty());
        for (EventKind k : List.of(EventKind.WRONG_PARTIAL, EventKind.SILENT_REASSIGNED)) {
            assertTrue(full.events().stream().anyMatch(e -> e.kind() == k), "no " + k + " event");
        }
        int openWithBallots = 0;
        SlotMachine m = new SlotMachine(LOG.config());
        for (int i = 0; i < LOG.entries().size(); i++) {
            LOG.applyTail(m, i, i + 1);
            if (m.work().isPresent() && !m.work().get().voted().isEmpty()) {
                openWithBallots++;
            }
        }
        assertTrue(openWithBallots > 0, "no cut point falls inside a slot with votes");
    }

    /** Cut points every few entries (inside slots, between slots): restore == original, bytes equal. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void aRestoredMachineEqualsTheOriginalAndWritesTheSameBytes(long seed) throws CorruptSnapshotException {
        Random random = new Random(seed);
        for (int trial = 0; trial < 6; trial++) {
            int cut = 1 + random.nextInt(LOG.entries().size());
            String where = "seed " + seed + " cut " + cut;
            SlotMachine original = LOG.replay(cut);
            byte[] bytes = snapshot(original, cut);
            SlotMachine restored = restore(bytes);
            assertSameMachine(original, restored, where);
            assertArrayEquals(bytes, snapshot(restored, cut), where);
            SlotMachineSnapshot.Decoded d = SlotMachineSnapshot.decode(bytes, LOG.config(), "test");
            assertEquals(3, d.term(), where);
            assertEquals(cut, d.index(), where);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13})
    void aSnapshotPlusTheLogTailGivesExactlyWhatTheWholeLogGives(long seed) throws CorruptSnapshotException {
        int n = LOG.entries().size();
        SlotMachine full = LOG.replay(n);
        Random random = new Random(seed);
        for (int trial = 0; trial < 3; trial++) {
            int cut = random.nextInt(n + 1);
            SlotMachine restored = restore(snapshot(LOG.replay(cut), cut));
            LOG.applyTail(restored, cut, n);
            assertSameMachine(full, restored, "seed " + seed + " cut " + cut);
        }
    }

    @Test
    void aSnapshotOfSnapshotsStillMatchesTheWholeLog() throws CorruptSnapshotException {
        // Restored, applied, snapshotted again and restored again: what a replica does over many restarts.
        int n = LOG.entries().size();
        SlotMachine m = new SlotMachine(LOG.config());
        int at = 0;
        for (int step : new int[] {40, 150, 333, n}) {
            int to = Math.min(step, n);
            LOG.applyTail(m, at, to);
            m = restore(snapshot(m, to));
            at = to;
        }
        assertSameMachine(LOG.replay(n), m, "after four restores");
    }

    @Test
    void aFlippedByteAnywhereIsRefusedByTheChecksum() {
        byte[] good = snapshot(LOG.replay(200), 200);
        Random random = new Random(7);
        for (int trial = 0; trial < 40; trial++) {
            byte[] bad = good.clone();
            int at = SlotMachineSnapshot.MAGIC.length + random.nextInt(bad.length - SlotMachineSnapshot.MAGIC.length);
            bad[at] ^= (byte) (1 + random.nextInt(255));
            CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class,
                    () -> SlotMachineSnapshot.decode(bad, LOG.config(), "snapshot.3_200"), "byte " + at);
            assertTrue(e.getMessage().contains("snapshot.3_200") && e.getMessage().contains("CRC32C mismatch"),
                    e.getMessage());
        }
    }

    @Test
    void truncatedForeignAndNewerSnapshotsAreRefusedNamingWhy() {
        byte[] good = snapshot(LOG.replay(120), 120);
        assertRefused(Arrays.copyOf(good, good.length - 100), "CRC32C mismatch");
        assertRefused(Arrays.copyOf(good, 20), "bad magic");
        byte[] magic = good.clone();
        magic[0] = 'X';
        assertRefused(magic, "bad magic");
        byte[] newer = good.clone();
        int next = SlotMachineSnapshot.VERSION + 1;
        ByteBuffer.wrap(newer).order(ByteOrder.LITTLE_ENDIAN).putInt(8, next);
        assertRefused(withCrc(newer), "unsupported version: value=" + next);
        // A body cut short but with a valid checksum: the field it stops in is named.
        byte[] shortBody = withCrc(Arrays.copyOf(good, SlotMachineSnapshot.HEADER_LENGTH + 12 + 4));
        assertRefused(shortBody, "truncated reading");

        List<Member> members = new ArrayList<>(LOG.config().members());
        KeyPair other = SeededKeys.derive(1234, "scp0");
        Member m0 = members.get(0);
        members.set(0, new Member(m0.id(), m0.host(), m0.port(), m0.capacity(), other.getPublic()));
        ClusterConfig foreign = ClusterConfig.of(members);
        CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class,
                () -> SlotMachineSnapshot.decode(good, foreign, "test"));
        assertTrue(e.getMessage().contains("another configuration"), e.getMessage());
    }

    @Test
    void aBlockWhoseFramesDoNotMatchItsHeaderIsRefusedAndNothingChanges() {
        SlotMachine original = LOG.replay(150);
        SlotMachineState s = original.exportState();
        List<Chain.Block> blocks = new ArrayList<>(s.blocks());
        Chain.Block b = blocks.get(2);
        List<Frame> frames = new ArrayList<>(b.frames());
        Frame last = frames.get(frames.size() - 1);
        byte[] payload = last.payload();
        payload[payload.length - 1] ^= 1;
        frames.set(frames.size() - 1, new Frame(last.type(), payload));
        blocks.set(2, new Chain.Block(b.header(), frames));
        SlotMachineState forged = new SlotMachineState(s.applied(), s.lastSlot(), s.market(), s.evs(), s.events(),
                s.finals(), s.open(), blocks, s.pending());
        byte[] bytes = SlotMachineSnapshot.encode(3, 150, forged, LOG.config()); // a valid checksum over bad blocks
        CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class,
                () -> SlotMachineSnapshot.decode(bytes, LOG.config(), "test"));
        assertTrue(e.getMessage().contains("block does not hold: height=2"), e.getMessage());

        SlotMachine target = LOG.replay(10);
        byte[] before = snapshot(target, 0);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> target.importState(forged));
        assertTrue(refused.getMessage().contains("block does not hold: height=2"), refused.getMessage());
        assertArrayEquals(before, snapshot(target, 0), "the refused import changed the machine");
    }

    /** The open slot as comparable text: {@link org.v2g.kernel.Fleet} has no value equality. */
    private static String describe(SlotWork w) {
        StringBuilder b = new StringBuilder(w.slot() + " " + w.market() + " " + w.shares() + " " + w.voted());
        for (int i = 0; i < w.fleet().size(); i++) {
            b.append(' ').append(w.fleet().id(i)).append(':').append(w.fleet().capacity(i)).append(',')
                    .append(w.fleet().energy(i)).append(',').append(w.fleet().beta(i)).append(',')
                    .append(w.fleet().a(i)).append(',').append(w.fleet().uIdle(i));
        }
        return b.toString();
    }

    private static void assertRefused(byte[] bytes, String why) {
        CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class,
                () -> SlotMachineSnapshot.decode(bytes, LOG.config(), "test"));
        assertTrue(e.getMessage().contains(why), "expected '" + why + "' in: " + e.getMessage());
    }

    private static byte[] withCrc(byte[] withoutValidCrc) {
        byte[] b = withoutValidCrc.clone();
        CRC32C crc = new CRC32C();
        crc.update(b, 0, b.length - 4);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length - 4, (int) crc.getValue());
        return b;
    }
}
