package org.v2g.ledger;

import org.agrona.DirectBuffer;

/** Receives the records of a ledger in sequence order. */
@FunctionalInterface
public interface RecordVisitor {
    /**
     * One record. The buffer is valid only during the call.
     *
     * @param sequence the record's sequence number (0, 1, 2, ... without gaps)
     * @param type     the type id
     * @param buffer   holds the payload
     * @param offset   where the payload starts
     * @param length   payload length
     */
    void onRecord(long sequence, int type, DirectBuffer buffer, int offset, int length);
}
