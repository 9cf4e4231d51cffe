package org.v2g.replica;

import java.nio.ByteOrder;

import org.agrona.concurrent.UnsafeBuffer;
import org.v2g.ledger.internal.FrameDescriptor;
import org.v2g.ledger.LedgerRecord;
import org.v2g.ledger.RecordType;

/**
 * One record as it travels in a log entry and sits in a block: a type id and its payload, framed as the
 * ledger frames records ({@link FrameDescriptor}: length, type, payload).
 *
 * @param type    a ledger record type (1..7) or a replica record type (see {@link ReplicaRecords})
 * @param payload the record's encoding
 */
record Frame(int type, byte[] payload) {
    /** Checks the payload against its type's length rule. */
    public Frame {
        RecordType.checkPayload(type, payload.length, LogBatch.MAX_PAYLOAD);
        payload = payload.clone();
    }

    /** A ledger record's frame. */
    public static Frame of(LedgerRecord record) {
        return new Frame(record.type().id(), record.toBytes());
    }

    /** A replica record's frame. */
    public static Frame of(ReplicaRecords.AppRecord record) {
        return new Frame(record.type(), record.toBytes());
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The ledger record this frame holds. @throws IllegalArgumentException for a replica record */
    public LedgerRecord ledgerRecord() {
        return LedgerRecord.decode(type, new UnsafeBuffer(payload), 0, payload.length);
    }

    /** The frame bytes a Merkle leaf hashes: length, type, payload (little-endian). */
    public byte[] frameBytes() {
        byte[] bytes = new byte[FrameDescriptor.PAYLOAD_OFFSET + payload.length];
        UnsafeBuffer b = new UnsafeBuffer(bytes);
        b.putInt(FrameDescriptor.LENGTH_OFFSET, payload.length, ByteOrder.LITTLE_ENDIAN);
        b.putInt(FrameDescriptor.TYPE_OFFSET, type, ByteOrder.LITTLE_ENDIAN);
        b.putBytes(FrameDescriptor.PAYLOAD_OFFSET, payload);
        return bytes;
    }
}
