package org.v2g.replica;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;

import org.agrona.concurrent.UnsafeBuffer;
import org.v2g.kernel.Fleet;
import org.v2g.kernel.Market;
import org.v2g.ledger.internal.BlockDescriptor;
import org.v2g.ledger.BlockHeader;
import org.v2g.ledger.Ed25519;
import org.v2g.ledger.LedgerRecord;
import org.v2g.ledger.PartialResult;
import org.v2g.ledger.RecordType;
import org.v2g.ledger.internal.Sha256;
import org.v2g.ledger.SlotMarket;
import org.v2g.node.internal.MarketRecords;
import org.v2g.ledger.SlotSolution;
import org.v2g.replica.ReplicaRecords.Event;

/**
 * The snapshot file of a replica: a {@link SlotMachineState} and the Raft term and index of the last
 * entry it applied, in one deterministic little-endian binary layout, checked by CRC32C. The same state
 * always gives the same bytes (no map iteration order, no clock; doubles as their raw bits), so two
 * replicas that applied the same entries write identical snapshots.
 *
 * <p>Layout (version 1; every integer little-endian; see docs/REPLICATION.md):
 * <pre>
 * header   magic "V2GSNAP1" (8 B), version i32, term i64, index i64, config digest (32 B)
 * body     applied i64, lastSlot i64, market, EVs, events, finals, open slot, blocks, pending frames
 * trailer  CRC32C i32 of every byte before it
 * </pre>
 * Decoding also checks the blocks: each follows the one before it and its header commits to its frames.
 *
 * <p>Thread-safety: stateless.
 */
final class SlotMachineSnapshot {
    /** The first eight bytes of every snapshot. */
    static final byte[] MAGIC = "V2GSNAP1".getBytes(StandardCharsets.US_ASCII);
    /** The layout version this code writes and reads. */
    static final int VERSION = 2;
    /** Header bytes before the body: magic, version, term, index, config digest. */
    static final int HEADER_LENGTH = 8 + 4 + 8 + 8 + Sha256.LENGTH;

    private SlotMachineSnapshot() {
    }

    /**
     * A decoded snapshot.
     *
     * @param term  the Raft term of the last applied entry
     * @param index the Raft index of the last applied entry
     * @param state the machine's state after it
     */
    public record Decoded(long term, long index, SlotMachineState state) {
    }

    /** The snapshot bytes of {@code state}, taken after the entry at {@code term}/{@code index}. */
    static byte[] encode(long term, long index, SlotMachineState state, ClusterConfig config) {
        Writer w = new Writer();
        w.bytes(MAGIC);
        w.i32(VERSION);
        w.i64(term);
        w.i64(index);
        w.bytes(configDigest(config));
        w.i64(state.applied());
        w.i64(state.lastSlot());
        w.bool(state.market() != null);
        if (state.market() != null) {
            w.blob(state.market().toBytes());
        }
        w.i32(state.evs().size());
        for (SlotMachineState.EvState e : state.evs()) {
            w.string(e.id());
            w.blob(e.publicKey());
            w.f64(e.capacity());
            w.i64(e.nonce());
            w.bool(e.plugged());
            w.f64(e.energy());
            w.f64(e.beta());
            w.f64(e.uIdle());
        }
        w.i32(state.events().size());
        state.events().forEach(e -> w.bytes(e.toBytes()));
        w.i32(state.finals().size());
        state.finals().forEach(f -> w.blob(f.toBytes()));
        writeOpen(w, state.open());
        w.i32(state.blocks().size());
        for (Chain.Block b : state.blocks()) {
            w.bytes(b.header().toBytes());
            writeFrames(w, b.frames());
        }
        writeFrames(w, state.pending());
        CRC32C crc = new CRC32C();
        crc.update(w.buffer.array(), 0, w.buffer.position());
        w.i32((int) crc.getValue());
        return Arrays.copyOf(w.buffer.array(), w.buffer.position());
    }

    private static void writeOpen(Writer w, SlotMachineState.OpenState o) {
        w.bool(o != null);
        if (o == null) {
            return;
        }
        w.i64(o.slot());
        w.i64(o.timeMicros());
        w.blob(MarketRecords.record(o.slot(), o.market()).toBytes()); // the ledger's layout, field by name
        Fleet f = o.fleet();
        w.i32(f.size());
        for (int i = 0; i < f.size(); i++) {
            w.string(f.id(i));
            w.f64(f.capacity(i));
            w.f64(f.energy(i));
            w.f64(f.beta(i));
            w.f64(f.a(i));
            w.f64(f.uIdle(i));
        }
        w.i32(o.shares().size());
        for (SlotMachineState.ShareState s : o.shares()) {
            w.i32(s.k0());
            w.i32(s.k1());
            w.i32(s.owner());
            w.bool(s.result() != null);
            if (s.result() != null) {
                w.blob(s.result().toBytes());
            }
        }
        w.i32(o.ballots().size());
        for (SlotMachineState.Ballot b : o.ballots()) {
            w.i32(b.scp());
            w.blob(b.solution().toBytes());
        }
        w.i32(o.faulty().size());
        o.faulty().forEach(w::i32);
        w.i32(o.deadlines());
    }

    private static void writeFrames(Writer w, List<Frame> frames) {
        w.i32(frames.size());
        for (Frame f : frames) {
            w.i32(f.type());
            w.blob(f.payload());
        }
    }

    /**
     * Reads a snapshot written by {@link #encode} for this cluster.
     *
     * @param what names the snapshot in errors (its file)
     * @throws CorruptSnapshotException naming {@code what}, the field and the offset of what is wrong
     */
    public static Decoded decode(byte[] bytes, ClusterConfig config, String what) throws CorruptSnapshotException {
        if (bytes.length < HEADER_LENGTH + 4 || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new CorruptSnapshotException("snapshot " + what + ": not a replica snapshot (bad magic or shorter"
                    + " than its header): length=" + bytes.length);
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        int stored = ByteBuffer.wrap(bytes, bytes.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (stored != (int) crc.getValue()) {
            throw new CorruptSnapshotException("snapshot " + what + ": CRC32C mismatch: stored="
                    + Integer.toHexString(stored) + " computed=" + Integer.toHexString((int) crc.getValue()));
        }
        Reader r = new Reader(bytes, bytes.length - 4);
        try {
            r.skip(MAGIC.length);
            int version = r.i32("version");
            if (version != VERSION) {
                throw new CorruptSnapshotException("snapshot " + what + ": unsupported version: value=" + version
                        + " (this replica reads " + VERSION + ")");
            }
            long term = r.i64("term");
            long index = r.i64("index");
            byte[] digest = r.bytes(Sha256.LENGTH, "config digest");
            if (!Arrays.equals(digest, configDigest(config))) {
                throw new CorruptSnapshotException("snapshot " + what + ": taken by a cluster of another"
                        + " configuration: config digest=" + HexFormat.of().formatHex(digest));
            }
            SlotMachineState state = readState(r);
            if (r.at != r.end) {
                throw new IllegalArgumentException("trailing bytes after the pending frames: offset=" + r.at);
            }
            Chain.verify(state.blocks()); // a checksum over blocks that do not hold is refused too
            return new Decoded(term, index, state);
        } catch (RuntimeException e) {
            throw new CorruptSnapshotException("snapshot " + what + ": " + e.getMessage(), e);
        }
    }

    private static SlotMachineState readState(Reader r) {
        long applied = r.i64("applied");
        long lastSlot = r.i64("lastSlot");
        SlotMarket market = r.bool("market present") ? (SlotMarket) r.record(RecordType.SLOT_MARKET, "market") : null;
        int evCount = r.count("EV count");
        List<SlotMachineState.EvState> evs = new ArrayList<>(evCount);
        String previousId = null;
        for (int i = 0; i < evCount; i++) {
            String id = r.string("EV id");
            if (previousId != null && previousId.compareTo(id) >= 0) {
                throw new IllegalArgumentException("EVs not in increasing id order: ev=" + id);
            }
            previousId = id;
            evs.add(new SlotMachineState.EvState(id, r.blob("EV public key"), r.f64("EV capacity"), r.i64("EV nonce"),
                    r.bool("EV plugged"), r.f64("EV energy"), r.f64("EV beta"), r.f64("EV u_idle")));
        }
        int eventCount = r.count("event count");
        List<Event> events = new ArrayList<>(eventCount);
        for (int i = 0; i < eventCount; i++) {
            events.add(Event.decode(r.bytes(Event.LENGTH, "event")));
        }
        int finalCount = r.count("final count");
        List<SlotSolution> finals = new ArrayList<>(finalCount);
        for (int i = 0; i < finalCount; i++) {
            finals.add((SlotSolution) r.record(RecordType.SLOT_SOLUTION, "final solution"));
        }
        SlotMachineState.OpenState open = readOpen(r);
        int blockCount = r.count("block count");
        List<Chain.Block> blocks = new ArrayList<>(blockCount);
        for (int h = 0; h < blockCount; h++) {
            BlockHeader header = BlockHeader.decode(new UnsafeBuffer(r.bytes(BlockDescriptor.HEADER_LENGTH,
                    "block header")), 0);
            blocks.add(new Chain.Block(header, readFrames(r)));
        }
        return new SlotMachineState(applied, lastSlot, market, evs, events, finals, open, blocks, readFrames(r));
    }

    private static SlotMachineState.OpenState readOpen(Reader r) {
        if (!r.bool("open slot present")) {
            return null;
        }
        long slot = r.i64("open slot");
        long timeMicros = r.i64("open slot time");
        Market market = MarketRecords.market((SlotMarket) r.record(RecordType.SLOT_MARKET, "open slot market"));
        int size = r.count("fleet size");
        Fleet.Builder fleet = Fleet.builder();
        for (int i = 0; i < size; i++) {
            fleet.add(r.string("fleet EV id"), r.f64("fleet capacity"), r.f64("fleet energy"), r.f64("fleet beta"),
                    r.f64("fleet a"), r.f64("fleet u_idle"));
        }
        int shareCount = r.count("share count");
        List<SlotMachineState.ShareState> shares = new ArrayList<>(shareCount);
        for (int i = 0; i < shareCount; i++) {
            int k0 = r.i32("share k0");
            int k1 = r.i32("share k1");
            int owner = r.i32("share owner");
            PartialResult result = r.bool("share result present")
                    ? (PartialResult) r.record(RecordType.PARTIAL_RESULT, "share result") : null;
            shares.add(new SlotMachineState.ShareState(k0, k1, owner, result));
        }
        int ballotCount = r.count("ballot count");
        List<SlotMachineState.Ballot> ballots = new ArrayList<>(ballotCount);
        for (int i = 0; i < ballotCount; i++) {
            ballots.add(new SlotMachineState.Ballot(r.i32("ballot SCP"),
                    (SlotSolution) r.record(RecordType.SLOT_SOLUTION, "ballot solution")));
        }
        int faultyCount = r.count("faulty count");
        List<Integer> faulty = new ArrayList<>(faultyCount);
        for (int i = 0; i < faultyCount; i++) {
            faulty.add(r.i32("faulty SCP"));
        }
        return new SlotMachineState.OpenState(slot, timeMicros, market, fleet.build(), shares, ballots, faulty,
                r.i32("deadlines"));
    }

    private static List<Frame> readFrames(Reader r) {
        int count = r.count("frame count");
        List<Frame> frames = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int type = r.i32("frame type");
            frames.add(new Frame(type, r.blob("frame payload")));
        }
        return frames;
    }

    /**
     * SHA-256 of what apply reads from the configuration: each member's id, capacity and public key, the
     * quorum and the battery coefficient (not addresses: a member may move and keep its state).
     */
    static byte[] configDigest(ClusterConfig config) {
        Writer w = new Writer();
        w.i32(config.members().size());
        for (Member m : config.members()) {
            w.i32(m.id());
            w.f64(m.capacity());
            w.bytes(Ed25519.rawPublicKey(m.key()));
        }
        w.i32(config.quorum());
        w.f64(config.batteryA());
        MessageDigest d = Sha256.newDigest();
        d.update(w.buffer.array(), 0, w.buffer.position());
        return d.digest();
    }

    /** A growing little-endian buffer. */
    private static final class Writer {
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

        private void room(int n) {
            if (buffer.remaining() < n) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + n))
                        .order(ByteOrder.LITTLE_ENDIAN);
                bigger.put(buffer.array(), 0, buffer.position());
                buffer = bigger;
            }
        }

        void i32(int v) {
            room(4);
            buffer.putInt(v);
        }

        void i64(long v) {
            room(8);
            buffer.putLong(v);
        }

        void f64(double v) {
            i64(Double.doubleToRawLongBits(v));
        }

        void bool(boolean v) {
            room(1);
            buffer.put((byte) (v ? 1 : 0));
        }

        void bytes(byte[] b) {
            room(b.length);
            buffer.put(b);
        }

        void blob(byte[] b) {
            i32(b.length);
            bytes(b);
        }

        void string(String s) {
            blob(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Reads fields up to {@code end}, naming the field and offset of anything short or out of range. */
    private static final class Reader {
        final ByteBuffer buffer;
        final int end;
        int at;

        Reader(byte[] bytes, int end) {
            this.buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            this.end = end;
        }

        private int take(int n, String field) {
            if (n < 0 || end - at < n) {
                throw new IllegalArgumentException("truncated reading " + field + ": offset=" + at + " needs=" + n
                        + " left=" + (end - at));
            }
            int start = at;
            at += n;
            return start;
        }

        void skip(int n) {
            take(n, "header");
        }

        int i32(String field) {
            return buffer.getInt(take(4, field));
        }

        long i64(String field) {
            return buffer.getLong(take(8, field));
        }

        double f64(String field) {
            return Double.longBitsToDouble(i64(field));
        }

        boolean bool(String field) {
            byte b = buffer.get(take(1, field));
            if (b != 0 && b != 1) {
                throw new IllegalArgumentException(field + " must be 0 or 1: offset=" + (at - 1) + " value=" + b);
            }
            return b == 1;
        }

        /** A count of items that follow, each at least one byte. */
        int count(String field) {
            int n = i32(field);
            if (n < 0 || n > end - at) {
                throw new IllegalArgumentException(field + " out of range: offset=" + (at - 4) + " value=" + n);
            }
            return n;
        }

        byte[] bytes(int n, String field) {
            byte[] b = new byte[n];
            buffer.get(take(n, field), b);
            return b;
        }

        byte[] blob(String field) {
            return bytes(count(field + " length"), field);
        }

        String string(String field) {
            return new String(blob(field), StandardCharsets.UTF_8);
        }

        LedgerRecord record(RecordType type, String field) {
            byte[] b = blob(field);
            return LedgerRecord.decode(type.id(), new UnsafeBuffer(b), 0, b.length);
        }
    }
}
