package org.v2g.ledger;

import java.time.Duration;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.v2g.ledger.internal.SettlementDescriptor;

/**
 * Appends records to a {@link SlotLedger} for one thread. Each append returns the producer's own
 * sequence number of the record (0, 1, 2, ... per producer), used to wait for durability.
 *
 * <p>Zero-copy usage:
 * <pre>{@code
 * int index = producer.tryClaim(RecordType.SETTLEMENT.id(), SettlementDescriptor.LENGTH);
 * if (index == LedgerProducer.RING_FULL) { ... back off, retry ... }
 * try {
 *     settlement.encode(producer.buffer(), index);   // or write the fields directly
 * } catch (RuntimeException e) {
 *     producer.abort(index);
 *     throw e;
 * }
 * long seq = producer.commit(index);
 * }</pre>
 *
 * <p>Thread-safety: not thread-safe; one producer per thread. At most one claim is open at a time.
 */
public interface LedgerProducer {
    /** Returned by the {@code try} methods when the ring has no room now. */
    int RING_FULL = -1;

    /** {@return this producer's id} */
    int id();

    /**
     * Claims room for a payload of {@code length} bytes of type {@code type}.
     *
     * @param type   the record type's id ({@link RecordType#id()})
     * @param length the payload's length in bytes
     * @return the index in {@link #buffer()} at which to write the payload, or {@link #RING_FULL}
     * @throws IllegalArgumentException if the type or length is not allowed
     * @throws IllegalStateException    if a claim is already open or the ledger is closed or failed
     */
    int tryClaim(int type, int length);

    /** {@return the buffer that {@link #tryClaim} indexes into} */
    MutableDirectBuffer buffer();

    /**
     * Publishes the claimed payload.
     *
     * @param index the index {@link #tryClaim} returned
     * @return the record's producer sequence number
     */
    long commit(int index);

    /**
     * Gives the claimed space back; nothing is appended and no sequence number is used.
     *
     * @param index the index {@link #tryClaim} returned
     */
    void abort(int index);

    /**
     * Appends {@code record} unless the ring is full.
     *
     * @param record the record
     * @return its sequence number, or {@link #RING_FULL}
     */
    default long tryAppend(LedgerRecord record) {
        int index = tryClaim(record.type().id(), record.type().length());
        if (index == RING_FULL) {
            return RING_FULL;
        }
        try {
            record.encode(buffer(), index);
        } catch (RuntimeException e) {
            abort(index);
            throw e;
        }
        return commit(index);
    }

    /**
     * Appends a copy of a payload unless the ring is full.
     *
     * @param type    the record type's id
     * @param payload holds the payload
     * @param offset  where the payload starts
     * @param length  the payload's length in bytes
     * @return its sequence number, or {@link #RING_FULL}
     */
    default long tryAppend(int type, DirectBuffer payload, int offset, int length) {
        int index = tryClaim(type, length);
        if (index == RING_FULL) {
            return RING_FULL;
        }
        buffer().putBytes(index, payload, offset, length);
        return commit(index);
    }

    /**
     * Appends {@code record}, waiting with the configured idle strategy while the ring is full.
     *
     * @param record the record
     * @return its sequence number
     */
    long append(LedgerRecord record);

    /**
     * Appends a copy of a payload, waiting while the ring is full.
     *
     * @param type    the record type's id
     * @param payload holds the payload
     * @param offset  where the payload starts
     * @param length  the payload's length in bytes
     * @return its sequence number
     */
    long append(int type, DirectBuffer payload, int offset, int length);

    /** {@return how many times this producer found the ring full} */
    long fullCount();

    /**
     * Whether a record of this producer is durable.
     *
     * @param sequence the record's producer sequence number
     * @return true once its block is sealed and forced to the file
     */
    boolean isDurable(long sequence);

    /**
     * Waits until record {@code sequence} of this producer is durable, asking the ledger to seal and
     * force early rather than wait for a full block.
     *
     * @param sequence the record's producer sequence number
     * @param timeout  how long to wait at most
     * @return false if the timeout passed first
     * @throws IllegalStateException if the ledger failed (an I/O error) or closed before it was durable
     */
    boolean awaitDurable(long sequence, Duration timeout);
}
