package org.v2g.replica;

import java.nio.ByteOrder;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.HexFormat;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.v2g.ledger.Ed25519;
import org.v2g.ledger.internal.EvIds;
import org.v2g.ledger.PartialResult;
import org.v2g.ledger.RecordType;
import org.v2g.ledger.internal.Sha256;

/**
 * The replica's own records: application records of the ledger (type ids from
 * {@link RecordType#MIN_APPLICATION_TYPE_ID}), fixed little-endian layouts, sealed and proved like the
 * ledger's own types. The ledger's types keep their layouts: EV registrations, submissions and unplugs
 * ({@link org.v2g.ledger.EvUnplug}, which the leader's driver writes), the slot's market, solutions, votes
 * and settlements travel as they are. Each record's offsets are
 * constants of its package-private {@code *Descriptor} class, whose javadoc draws the layout; the
 * records here only read and write at those offsets.
 *
 * <table>
 *   <caption>Replica record types</caption>
 *   <tr><th>id</th><th>record</th><th>layout</th><th>who writes it</th></tr>
 *   <tr><td>1001</td><td>{@link SlotOpen}</td><td>{@code SlotOpenDescriptor}, 16 B: slot i64, time us i64</td><td>the Raft leader's day driver</td></tr>
 *   <tr><td>1002</td><td>{@link SignedPartial}</td><td>{@code SignedPartialDescriptor}, 96 B: PartialResult (32 B), Ed25519 signature (64 B)</td><td>an SCP</td></tr>
 *   <tr><td>1003</td><td>{@link Deadline}</td><td>{@code DeadlineDescriptor}, 8 B: slot i64</td><td>the leader's driver, when a slot's deadline passes</td></tr>
 *   <tr><td>1004</td><td>{@link Event}</td><td>{@code EventDescriptor}, 28 B: slot i64, scp i32, kind i32, k0 i32, k1 i32, other i32</td><td>apply (derived)</td></tr>
 *   <tr><td>1005</td><td>{@link Finality}</td><td>{@code FinalityDescriptor}, 48 B: slot i64, votes i32, quorum i32, solution hash (32 B)</td><td>apply (derived)</td></tr>
 * </table>
 */
public final class ReplicaRecords {
    /** Type id of {@link SlotOpen}. */
    public static final int SLOT_OPEN = 1001;
    /** Type id of {@link SignedPartial}. */
    public static final int SIGNED_PARTIAL = 1002;
    /** Type id of {@link Deadline}. */
    public static final int DEADLINE = 1003;
    /** Type id of {@link Event}. */
    public static final int EVENT = 1004;
    /** Type id of {@link Finality}. */
    public static final int FINALITY = 1005;

    private ReplicaRecords() {
    }

    /** A replica record: its type id and its bytes. */
    public sealed interface AppRecord permits SlotOpen, SignedPartial, Deadline, Event, Finality {
        /** {@return the record's type id (1001..1005)} */
        int type();

        /** {@return the record's bytes, as its descriptor lays them out} */
        byte[] toBytes();
    }

    private static UnsafeBuffer exact(byte[] bytes, int length, String what) {
        if (bytes.length != length) {
            throw new IllegalArgumentException(what + " must be " + length + " bytes: length=" + bytes.length);
        }
        return new UnsafeBuffer(bytes);
    }

    /**
     * Opens a slot: the market and the EV records before it in the log are its inputs.
     *
     * @param slot       the slot, greater than every slot opened before
     * @param timeMicros the slot's declared start time, microseconds since the epoch: the time stamped on
     *                   its block (no replica reads its own clock)
     */
    public record SlotOpen(long slot, long timeMicros) implements AppRecord {
        public static final int LENGTH = SlotOpenDescriptor.LENGTH;

        /**
         * Checks the slot.
         *
         * @throws IllegalArgumentException if {@code slot < 0}
         */
        public SlotOpen {
            if (slot < 0) {
                throw new IllegalArgumentException("slot must be >= 0: value=" + slot);
            }
        }

        @Override
        public int type() {
            return SLOT_OPEN;
        }

        @Override
        public byte[] toBytes() {
            byte[] bytes = new byte[LENGTH];
            encode(new UnsafeBuffer(bytes), 0);
            return bytes;
        }

        /** Writes the layout ({@link SlotOpenDescriptor}) at {@code offset}. */
        void encode(MutableDirectBuffer buffer, int offset) {
            buffer.putLong(offset + SlotOpenDescriptor.SLOT_OFFSET, slot, ByteOrder.LITTLE_ENDIAN);
            buffer.putLong(offset + SlotOpenDescriptor.TIME_MICROS_OFFSET, timeMicros, ByteOrder.LITTLE_ENDIAN);
        }

        /**
         * Reads a record from its bytes ({@link #toBytes()}).
         *
         * @param bytes exactly {@link #LENGTH} bytes
         * @return the record
         * @throws IllegalArgumentException if the length is wrong or a field is invalid
         */
        public static SlotOpen decode(byte[] bytes) {
            return decode(exact(bytes, LENGTH, "slot open"), 0);
        }

        /** Reads the layout at {@code offset}. */
        static SlotOpen decode(DirectBuffer buffer, int offset) {
            return new SlotOpen(buffer.getLong(offset + SlotOpenDescriptor.SLOT_OFFSET, ByteOrder.LITTLE_ENDIAN),
                    buffer.getLong(offset + SlotOpenDescriptor.TIME_MICROS_OFFSET, ByteOrder.LITTLE_ENDIAN));
        }
    }

    /**
     * An SCP's result over its share of the grid, signed by that SCP ({@code partial.workerId()} is its
     * SCP id); the signature covers the partial result's 32 bytes.
     *
     * @param partial   the SCP's best point of its share
     * @param signature the SCP's 64-byte Ed25519 signature of {@code partial}'s bytes
     */
    public record SignedPartial(PartialResult partial, byte[] signature) implements AppRecord {
        public static final int LENGTH = SignedPartialDescriptor.LENGTH;

        /**
         * Checks and copies the signature.
         *
         * @throws IllegalArgumentException if it is not 64 bytes
         */
        public SignedPartial {
            if (signature.length != Ed25519.SIGNATURE_LENGTH) {
                throw new IllegalArgumentException("partial signature must be 64 bytes: scp=" + partial.workerId()
                        + " length=" + signature.length);
            }
            signature = signature.clone();
        }

        /**
         * {@code partial} signed with {@code key}.
         *
         * @param partial the SCP's partial result
         * @param key     the SCP's private key
         * @return the signed record
         */
        public static SignedPartial signed(PartialResult partial, PrivateKey key) {
            return new SignedPartial(partial, Ed25519.sign(key, partial.toBytes()));
        }

        /**
         * Whether {@code key} signed this partial result.
         *
         * @param key the SCP's public key
         * @return true when the signature verifies
         */
        public boolean verify(PublicKey key) {
            return Ed25519.verify(key, partial.toBytes(), signature);
        }

        /** {@return a copy of the signature} */
        @Override
        public byte[] signature() {
            return signature.clone();
        }

        @Override
        public int type() {
            return SIGNED_PARTIAL;
        }

        @Override
        public byte[] toBytes() {
            byte[] bytes = new byte[LENGTH];
            encode(new UnsafeBuffer(bytes), 0);
            return bytes;
        }

        /** Writes the layout ({@link SignedPartialDescriptor}) at {@code offset}. */
        void encode(MutableDirectBuffer buffer, int offset) {
            partial.encode(buffer, offset + SignedPartialDescriptor.PARTIAL_OFFSET);
            buffer.putBytes(offset + SignedPartialDescriptor.SIGNATURE_OFFSET, signature);
        }

        /**
         * Reads a record from its bytes ({@link #toBytes()}).
         *
         * @param bytes exactly {@link #LENGTH} bytes
         * @return the record
         * @throws IllegalArgumentException if the length is wrong or a field is invalid
         */
        public static SignedPartial decode(byte[] bytes) {
            return decode(exact(bytes, LENGTH, "signed partial"), 0);
        }

        /** Reads the layout at {@code offset}. */
        static SignedPartial decode(DirectBuffer buffer, int offset) {
            byte[] signature = new byte[Ed25519.SIGNATURE_LENGTH];
            buffer.getBytes(offset + SignedPartialDescriptor.SIGNATURE_OFFSET, signature);
            return new SignedPartial(PartialResult.decode(buffer, offset + SignedPartialDescriptor.PARTIAL_OFFSET),
                    signature);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SignedPartial p && partial.equals(p.partial) && Arrays.equals(signature, p.signature);
        }

        @Override
        public int hashCode() {
            return partial.hashCode() * 31 + Arrays.hashCode(signature);
        }

        @Override
        public String toString() {
            return "SignedPartial[" + partial + "]";
        }
    }

    /**
     * The slot's deadline has passed: shares of silent SCPs move to SCPs that answered.
     *
     * @param slot the slot
     */
    public record Deadline(long slot) implements AppRecord {
        public static final int LENGTH = DeadlineDescriptor.LENGTH;

        @Override
        public int type() {
            return DEADLINE;
        }

        @Override
        public byte[] toBytes() {
            byte[] bytes = new byte[LENGTH];
            encode(new UnsafeBuffer(bytes), 0);
            return bytes;
        }

        /** Writes the layout ({@link DeadlineDescriptor}) at {@code offset}. */
        void encode(MutableDirectBuffer buffer, int offset) {
            buffer.putLong(offset + DeadlineDescriptor.SLOT_OFFSET, slot, ByteOrder.LITTLE_ENDIAN);
        }

        /**
         * Reads a record from its bytes ({@link #toBytes()}).
         *
         * @param bytes exactly {@link #LENGTH} bytes
         * @return the record
         * @throws IllegalArgumentException if the length is wrong or a field is invalid
         */
        public static Deadline decode(byte[] bytes) {
            return decode(exact(bytes, LENGTH, "deadline"), 0);
        }

        /** Reads the layout at {@code offset}. */
        static Deadline decode(DirectBuffer buffer, int offset) {
            return new Deadline(buffer.getLong(offset + DeadlineDescriptor.SLOT_OFFSET, ByteOrder.LITTLE_ENDIAN));
        }
    }

    /** What an {@link Event} records. */
    public enum EventKind {
        /** A partial result whose revenue is not the kernel's value at its index: rejected, share moved. */
        WRONG_PARTIAL,
        /** A partial result not the best of its share (found once the slot is final). */
        PARTIAL_OUTVOTED,
        /** An SCP voted for a solution the quorum did not. */
        VOTE_OUTVOTED,
        /** The grid work's combined answer lost to the quorum's solution. */
        PROPOSAL_OUTVOTED,
        /** An SCP stayed silent past the deadline: its share moved to {@code other}. */
        SILENT_REASSIGNED,
        /** A record with a bad signature, a non-member, a second vote or a stale slot: not applied. */
        REJECTED,
        /** Every SCP voted and no solution reached the quorum: the slot closes without settlement. */
        NO_QUORUM,
        /** A slot with no EV plugged in: nothing to solve or settle. */
        EMPTY_SLOT;

        static EventKind of(int ordinal) {
            EventKind[] all = values();
            if (ordinal < 0 || ordinal >= all.length) {
                throw new IllegalArgumentException("event kind must be 0.." + (all.length - 1) + ": value=" + ordinal);
            }
            return all[ordinal];
        }
    }

    /**
     * Something apply found and recorded: a wrong or silent SCP, an out-voted proposal.
     *
     * @param slot  the slot
     * @param kind  what was found
     * @param scp   the SCP concerned, or -1
     * @param k0    the grid range concerned, or -1
     * @param k1    its end, or -1
     * @param other the SCP a share moved to, or -1
     */
    public record Event(long slot, int scp, EventKind kind, int k0, int k1, int other) implements AppRecord {
        public static final int LENGTH = EventDescriptor.LENGTH;

        @Override
        public int type() {
            return EVENT;
        }

        @Override
        public byte[] toBytes() {
            byte[] bytes = new byte[LENGTH];
            encode(new UnsafeBuffer(bytes), 0);
            return bytes;
        }

        /** Writes the layout ({@link EventDescriptor}) at {@code offset}. */
        void encode(MutableDirectBuffer buffer, int offset) {
            buffer.putLong(offset + EventDescriptor.SLOT_OFFSET, slot, ByteOrder.LITTLE_ENDIAN);
            buffer.putInt(offset + EventDescriptor.SCP_OFFSET, scp, ByteOrder.LITTLE_ENDIAN);
            buffer.putInt(offset + EventDescriptor.KIND_OFFSET, kind.ordinal(), ByteOrder.LITTLE_ENDIAN);
            buffer.putInt(offset + EventDescriptor.K0_OFFSET, k0, ByteOrder.LITTLE_ENDIAN);
            buffer.putInt(offset + EventDescriptor.K1_OFFSET, k1, ByteOrder.LITTLE_ENDIAN);
            buffer.putInt(offset + EventDescriptor.OTHER_OFFSET, other, ByteOrder.LITTLE_ENDIAN);
        }

        /**
         * Reads a record from its bytes ({@link #toBytes()}).
         *
         * @param bytes exactly {@link #LENGTH} bytes
         * @return the record
         * @throws IllegalArgumentException if the length is wrong or a field is invalid
         */
        public static Event decode(byte[] bytes) {
            return decode(exact(bytes, LENGTH, "event"), 0);
        }

        /** Reads the layout at {@code offset}. */
        static Event decode(DirectBuffer buffer, int offset) {
            return new Event(buffer.getLong(offset + EventDescriptor.SLOT_OFFSET, ByteOrder.LITTLE_ENDIAN),
                    buffer.getInt(offset + EventDescriptor.SCP_OFFSET, ByteOrder.LITTLE_ENDIAN),
                    EventKind.of(buffer.getInt(offset + EventDescriptor.KIND_OFFSET, ByteOrder.LITTLE_ENDIAN)),
                    buffer.getInt(offset + EventDescriptor.K0_OFFSET, ByteOrder.LITTLE_ENDIAN),
                    buffer.getInt(offset + EventDescriptor.K1_OFFSET, ByteOrder.LITTLE_ENDIAN),
                    buffer.getInt(offset + EventDescriptor.OTHER_OFFSET, ByteOrder.LITTLE_ENDIAN));
        }
    }

    /**
     * The slot's solution is final: {@code votes} SCP-signed votes (at least {@code quorum}) for this hash.
     *
     * @param slot         the slot
     * @param votes        matching signed votes in the log
     * @param quorum       the quorum they reached
     * @param solutionHash the 32-byte hash of the final {@link org.v2g.ledger.SlotSolution}
     */
    public record Finality(long slot, int votes, int quorum, byte[] solutionHash) implements AppRecord {
        public static final int LENGTH = FinalityDescriptor.LENGTH;

        /**
         * Checks and copies the hash.
         *
         * @throws IllegalArgumentException if it is not 32 bytes
         */
        public Finality {
            if (solutionHash.length != Sha256.LENGTH) {
                throw new IllegalArgumentException("finality hash must be 32 bytes: slot=" + slot);
            }
            solutionHash = solutionHash.clone();
        }

        /** {@return a copy of the solution hash} */
        @Override
        public byte[] solutionHash() {
            return solutionHash.clone();
        }

        @Override
        public int type() {
            return FINALITY;
        }

        @Override
        public byte[] toBytes() {
            byte[] bytes = new byte[LENGTH];
            encode(new UnsafeBuffer(bytes), 0);
            return bytes;
        }

        /** Writes the layout ({@link FinalityDescriptor}) at {@code offset}. */
        void encode(MutableDirectBuffer buffer, int offset) {
            buffer.putLong(offset + FinalityDescriptor.SLOT_OFFSET, slot, ByteOrder.LITTLE_ENDIAN);
            buffer.putInt(offset + FinalityDescriptor.VOTES_OFFSET, votes, ByteOrder.LITTLE_ENDIAN);
            buffer.putInt(offset + FinalityDescriptor.QUORUM_OFFSET, quorum, ByteOrder.LITTLE_ENDIAN);
            buffer.putBytes(offset + FinalityDescriptor.SOLUTION_HASH_OFFSET, solutionHash);
        }

        /**
         * Reads a record from its bytes ({@link #toBytes()}).
         *
         * @param bytes exactly {@link #LENGTH} bytes
         * @return the record
         * @throws IllegalArgumentException if the length is wrong or a field is invalid
         */
        public static Finality decode(byte[] bytes) {
            return decode(exact(bytes, LENGTH, "finality"), 0);
        }

        /** Reads the layout at {@code offset}. */
        static Finality decode(DirectBuffer buffer, int offset) {
            byte[] hash = new byte[Sha256.LENGTH];
            buffer.getBytes(offset + FinalityDescriptor.SOLUTION_HASH_OFFSET, hash);
            return new Finality(buffer.getLong(offset + FinalityDescriptor.SLOT_OFFSET, ByteOrder.LITTLE_ENDIAN),
                    buffer.getInt(offset + FinalityDescriptor.VOTES_OFFSET, ByteOrder.LITTLE_ENDIAN),
                    buffer.getInt(offset + FinalityDescriptor.QUORUM_OFFSET, ByteOrder.LITTLE_ENDIAN), hash);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Finality f && slot == f.slot && votes == f.votes && quorum == f.quorum
                    && Arrays.equals(solutionHash, f.solutionHash);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(slot) * 31 + Arrays.hashCode(solutionHash);
        }

        @Override
        public String toString() {
            return "Finality[slot=" + slot + ", votes=" + votes + "/" + quorum + ", hash="
                    + HexFormat.of().formatHex(solutionHash) + "]";
        }
    }
}
