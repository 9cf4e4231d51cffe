package org.v2g.ledger;

import static org.v2g.ledger.internal.SlotCloseDescriptor.EVS_OFFSET;
import static org.v2g.ledger.internal.SlotCloseDescriptor.OUTCOME_OFFSET;
import static org.v2g.ledger.internal.SlotCloseDescriptor.SLOT_OFFSET;
import static org.v2g.ledger.internal.SlotCloseDescriptor.SOLUTION_HASH_OFFSET;

import java.nio.ByteOrder;
import java.util.Arrays;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.v2g.kernel.internal.Checks;
import org.v2g.ledger.internal.Sha256;

/**
 * Ends one attempt at a slot. An attempt is the run of records from a {@link SlotMarket} of the slot to
 * its {@code SlotClose}: the partial results, solutions, votes and settlements between them belong to it.
 * <ul>
 *   <li>{@link Outcome#FINAL}: a quorum signed the solution whose hash this record carries; the attempt's
 *       settlements, one per EV that took part, are the slot's. A slot is final at most once.</li>
 *   <li>{@link Outcome#NO_QUORUM}: the slot took place (its time has passed) but nothing was settled; the
 *       hash is the proposal's.</li>
 *   <li>{@link Outcome#ABORTED}: the attempt is void (a solver, an SCP or the ledger failed, or the node
 *       stopped in the middle of it); its records count for nothing and the slot may be run again.</li>
 * </ul>
 * {@link LedgerVerifier} checks this structure; {@link SettlementProof#find} proves only settlements of
 * final attempts.
 *
 * @param slot         the slot, &gt;= 0
 * @param outcome      how the attempt ended
 * @param evs          EVs that took part (settlements of a final slot), &gt;= 0; 0 if aborted
 * @param solutionHash SHA-256 of the slot's {@link SlotSolution}, 32 bytes; zero if aborted
 */
public record SlotClose(long slot, Outcome outcome, int evs, byte[] solutionHash) implements LedgerRecord {
    /** How an attempt at a slot ended. */
    public enum Outcome {
        /** Settled: a quorum of SCPs signed the solution. */
        FINAL(1),
        /** Not settled: no solution had a quorum; the slot is over. */
        NO_QUORUM(2),
        /** Void: the slot may be run again. */
        ABORTED(3);

        private final int id;

        Outcome(int id) {
            this.id = id;
        }

        /** {@return the id written in the record} */
        public int id() {
            return id;
        }

        /**
         * The outcome with this id.
         *
         * @param id 1 (final), 2 (no quorum) or 3 (aborted)
         * @return the outcome
         * @throws IllegalArgumentException naming the value otherwise
         */
        public static Outcome of(int id) {
            for (Outcome o : values()) {
                if (o.id == id) {
                    return o;
                }
            }
            throw new IllegalArgumentException("outcome must be 1 (final), 2 (no quorum) or 3 (aborted): value=" + id);
        }
    }

    private static final byte[] NO_HASH = new byte[Sha256.LENGTH];

    /** Checks every field. */
    public SlotClose {
        String owner = "slot=" + slot;
        Checks.nonNegative("slot", owner, slot);
        if (outcome == null) {
            throw new IllegalArgumentException("outcome must be given: " + owner + " value=null");
        }
        Checks.nonNegative("evs", owner, evs);
        solutionHash = Checks.length("solution_hash", owner, solutionHash, Sha256.LENGTH);
        if (outcome == Outcome.ABORTED && (evs != 0 || !Arrays.equals(solutionHash, NO_HASH))) {
            throw new IllegalArgumentException("an aborted attempt names no EVs and no solution: " + owner
                + " evs=" + evs);
        }
    }

    /**
     * Closes a final attempt of {@code solution}, settled for {@code evs} EVs.
     *
     * @param solution the solution a quorum signed
     * @param evs      EVs settled
     * @return the record
     */
    public static SlotClose settled(SlotSolution solution, int evs) {
        return new SlotClose(solution.slot(), Outcome.FINAL, evs, solution.hash());
    }

    /**
     * Closes an attempt in which no solution found a quorum; {@code proposal} was the node's.
     *
     * @param proposal the node's proposal
     * @param evs      EVs that took part (none was settled)
     * @return the record
     */
    public static SlotClose noQuorum(SlotSolution proposal, int evs) {
        return new SlotClose(proposal.slot(), Outcome.NO_QUORUM, evs, proposal.hash());
    }

    /**
     * Voids the open attempt at {@code slot}.
     *
     * @param slot the slot
     * @return the record; the slot may be run again
     */
    public static SlotClose aborted(long slot) {
        return new SlotClose(slot, Outcome.ABORTED, 0, NO_HASH);
    }

    /** {@return a copy of the 32-byte hash of the solution the slot closed with} */
    @Override
    public byte[] solutionHash() {
        return solutionHash.clone();
    }

    /** {@return whether the slot is over (final or without a quorum): it is never run again} */
    public boolean endsSlot() {
        return outcome != Outcome.ABORTED;
    }

    @Override
    public RecordType type() {
        return RecordType.SLOT_CLOSE;
    }

    @Override
    public void encode(MutableDirectBuffer buffer, int offset) {
        buffer.putLong(offset + SLOT_OFFSET, slot, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(offset + OUTCOME_OFFSET, outcome.id(), ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(offset + EVS_OFFSET, evs, ByteOrder.LITTLE_ENDIAN);
        buffer.putBytes(offset + SOLUTION_HASH_OFFSET, solutionHash);
    }

    /**
     * Reads the layout at {@code offset} (the record's payload, as {@link #encode} wrote it).
     *
     * @param buffer holds the payload
     * @param offset where the payload starts
     * @return the record
     */
    public static SlotClose decode(DirectBuffer buffer, int offset) {
        byte[] hash = new byte[Sha256.LENGTH];
        buffer.getBytes(offset + SOLUTION_HASH_OFFSET, hash);
        return new SlotClose(buffer.getLong(offset + SLOT_OFFSET, ByteOrder.LITTLE_ENDIAN),
            Outcome.of(buffer.getInt(offset + OUTCOME_OFFSET, ByteOrder.LITTLE_ENDIAN)),
            buffer.getInt(offset + EVS_OFFSET, ByteOrder.LITTLE_ENDIAN), hash);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SlotClose c && c.slot == slot && c.outcome == outcome && c.evs == evs
            && Arrays.equals(c.solutionHash, solutionHash);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(slot) * 31 + Arrays.hashCode(solutionHash);
    }

    @Override
    public String toString() {
        return "SlotClose[slot=" + slot + ", outcome=" + outcome + ", evs=" + evs + "]";
    }
}
