package org.v2g.ledger;

import org.v2g.kernel.InvalidInputException;
import org.v2g.ledger.internal.EvDepartureDescriptor;
import org.v2g.ledger.internal.EvRegistrationDescriptor;
import org.v2g.ledger.internal.EvSessionDescriptor;
import org.v2g.ledger.internal.EvSubmissionDescriptor;
import org.v2g.ledger.internal.PartialResultDescriptor;
import org.v2g.ledger.internal.ScpVoteDescriptor;
import org.v2g.ledger.internal.SettlementDescriptor;
import org.v2g.ledger.internal.SlotCloseDescriptor;
import org.v2g.ledger.internal.SlotMarketDescriptor;
import org.v2g.ledger.internal.SlotSolutionDescriptor;

/**
 * The record types the ledger knows, with their type id (the ring buffer's {@code msgTypeId} and the
 * frame's type field) and their fixed payload length.
 *
 * <p>Ids 1 to 11 are taken by these types, and a payload of one of them must have exactly its
 * length. Any other id from {@link #MIN_APPLICATION_TYPE_ID} up is an application record: opaque bytes
 * of any length up to the ledger's maximum, sealed and proved like the others.
 */
public enum RecordType {
    /** {@link EvRegistration}. */
    EV_REGISTRATION(1, EvRegistrationDescriptor.LENGTH),
    /** {@link EvSubmission}. */
    EV_SUBMISSION(2, EvSubmissionDescriptor.LENGTH),
    /** {@link SlotMarket}. */
    SLOT_MARKET(3, SlotMarketDescriptor.LENGTH),
    /** {@link PartialResult}. */
    PARTIAL_RESULT(4, PartialResultDescriptor.LENGTH),
    /** {@link SlotSolution}. */
    SLOT_SOLUTION(5, SlotSolutionDescriptor.LENGTH),
    /** {@link ScpVote}. */
    SCP_VOTE(6, ScpVoteDescriptor.LENGTH),
    /** {@link Settlement}. */
    SETTLEMENT(7, SettlementDescriptor.LENGTH),
    /** {@link SlotClose}. */
    SLOT_CLOSE(8, SlotCloseDescriptor.LENGTH),
    /** {@link EvPlugIn}. */
    EV_PLUG_IN(9, EvSessionDescriptor.PLUG_IN_LENGTH),
    /** {@link EvUnplug}. */
    EV_UNPLUG(10, EvSessionDescriptor.UNPLUG_LENGTH),
    /** {@link EvDeparture}. */
    EV_DEPARTURE(11, EvDepartureDescriptor.LENGTH);

    /** The smallest type id an application record may use. */
    public static final int MIN_APPLICATION_TYPE_ID = 1000;

    private static final RecordType[] BY_ID = new RecordType[12];

    static {
        for (RecordType t : values()) {
            BY_ID[t.id] = t;
        }
    }

    private final int id;
    private final int length;

    RecordType(int id, int length) {
        this.id = id;
        this.length = length;
    }

    /** {@return the type id} */
    public int id() {
        return id;
    }

    /** {@return the fixed payload length in bytes} */
    public int length() {
        return length;
    }

    /**
     * The known type with an id.
     *
     * @param id the id as written in a frame
     * @return the type, or {@code null} if the id is not one of 1..11
     */
    public static RecordType of(int id) {
        return id > 0 && id < BY_ID.length ? BY_ID[id] : null;
    }

    /**
     * Checks that a payload of {@code length} bytes may be stored under {@code typeId}.
     *
     * @param typeId    the type's id: a known type, or an application type
     * @param length    the payload's length in bytes
     * @param maxLength the largest payload of an application type, bytes
     * @throws InvalidInputException naming the type and length otherwise
     */
    public static void checkPayload(int typeId, int length, int maxLength) {
        RecordType known = of(typeId);
        if (known != null) {
            if (length != known.length) {
                throw new InvalidInputException("length", "type=" + known, length, "must be " + known.length
                    + " bytes (the " + known + " payload)");
            }
        } else if (typeId < MIN_APPLICATION_TYPE_ID) {
            throw new InvalidInputException("type", "record", typeId, "must be 1..11 (ledger records) or >= "
                + MIN_APPLICATION_TYPE_ID + " (application records)");
        } else if (length < 0 || length > maxLength) {
            throw new InvalidInputException("length", "type=" + typeId, length, "must be 0.." + maxLength
                + " (max_payload_length)");
        }
    }
}
