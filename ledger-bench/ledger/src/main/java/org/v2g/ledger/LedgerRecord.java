package org.v2g.ledger;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.v2g.kernel.InvalidInputException;

/**
 * A typed ledger record: a value that writes itself into, and reads itself from, its fixed binary
 * layout (little-endian; see the {@code *Descriptor} classes).
 *
 * <p>Usage:
 * <pre>{@code
 * Settlement s = new Settlement("ev042", 31, -0.8, -3.0, 2.64);
 * producer.append(s);                                // see LedgerProducer
 * LedgerRecord back = LedgerRecord.decode(s.type().id(), buffer, offset, length);
 * }</pre>
 *
 * <p>Thread-safety: implementations are immutable.
 */
public sealed interface LedgerRecord
    permits EvRegistration, EvSubmission, SlotMarket, PartialResult, SlotSolution, ScpVote, Settlement,
        SlotClose, EvPlugIn, EvUnplug, EvDeparture {

    /** {@return the record's type} */
    RecordType type();

    /**
     * Writes exactly {@code type().length()} bytes at {@code offset} (little-endian, the layout of the
     * record's descriptor).
     *
     * @param buffer where to write
     * @param offset where the payload starts
     */
    void encode(MutableDirectBuffer buffer, int offset);

    /** {@return the encoded payload as a fresh array} */
    default byte[] toBytes() {
        byte[] bytes = new byte[type().length()];
        encode(new UnsafeBuffer(bytes), 0);
        return bytes;
    }

    /**
     * Decodes a payload of a known type.
     *
     * @param typeId the record type's id ({@link RecordType#id()})
     * @param buffer holds the payload
     * @param offset where the payload starts
     * @param length the payload's length in bytes
     * @return the record
     * @throws InvalidInputException if the type is not one of the ledger's types, the length is
     *                                  wrong or a field is invalid
     */
    static LedgerRecord decode(int typeId, DirectBuffer buffer, int offset, int length) {
        RecordType type = RecordType.of(typeId);
        if (type == null) {
            throw new InvalidInputException("type", "record", typeId, "must be a ledger record type 1..11");
        }
        RecordType.checkPayload(typeId, length, length);
        return switch (type) {
            case EV_REGISTRATION -> EvRegistration.decode(buffer, offset);
            case EV_SUBMISSION -> EvSubmission.decode(buffer, offset);
            case SLOT_MARKET -> SlotMarket.decode(buffer, offset);
            case PARTIAL_RESULT -> PartialResult.decode(buffer, offset);
            case SLOT_SOLUTION -> SlotSolution.decode(buffer, offset);
            case SCP_VOTE -> ScpVote.decode(buffer, offset);
            case SETTLEMENT -> Settlement.decode(buffer, offset);
            case SLOT_CLOSE -> SlotClose.decode(buffer, offset);
            case EV_PLUG_IN -> EvPlugIn.decode(buffer, offset);
            case EV_UNPLUG -> EvUnplug.decode(buffer, offset);
            case EV_DEPARTURE -> EvDeparture.decode(buffer, offset);
        };
    }
}
