package org.v2g.ledger;

import static org.v2g.ledger.internal.PartialResultDescriptor.BEST_K_OFFSET;
import static org.v2g.ledger.internal.PartialResultDescriptor.K0_OFFSET;
import static org.v2g.ledger.internal.PartialResultDescriptor.K1_OFFSET;
import static org.v2g.ledger.internal.PartialResultDescriptor.REVENUE_OFFSET;
import static org.v2g.ledger.internal.PartialResultDescriptor.SLOT_OFFSET;
import static org.v2g.ledger.internal.PartialResultDescriptor.WORKER_OFFSET;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.v2g.kernel.InvalidInputException;
import org.v2g.kernel.internal.Checks;

/**
 * A worker's result over its part {@code [k0, k1)} of the price grid.
 *
 * @param slot     the slot, &gt;= 0
 * @param workerId the worker, &gt;= 0
 * @param k0       first grid index, inclusive, &gt;= 0
 * @param k1       end grid index, exclusive, &gt; k0
 * @param bestK    the best index found, in {@code [k0, k1)}
 * @param revenue  R at {@code bestK} (CNY), finite
 */
public record PartialResult(long slot, int workerId, int k0, int k1, int bestK, double revenue)
    implements LedgerRecord {
    /** Checks every field. */
    public PartialResult {
        String owner = "slot=" + slot + " worker=" + workerId;
        Checks.nonNegative("slot", owner, slot);
        Checks.nonNegative("worker_id", owner, workerId);
        Checks.nonNegative("k0", owner, k0);
        if (k1 <= k0) {
            throw new InvalidInputException("k1", owner, k1, "must be > k0=" + k0);
        }
        if (bestK < k0 || bestK >= k1) {
            throw new InvalidInputException("best_k", owner, bestK, "must be in [k0, k1) = [" + k0 + ", " + k1 + ")");
        }
        Checks.finite("revenue", owner, revenue);
    }

    @Override
    public RecordType type() {
        return RecordType.PARTIAL_RESULT;
    }

    @Override
    public void encode(MutableDirectBuffer buffer, int offset) {
        buffer.putLong(offset + SLOT_OFFSET, slot, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(offset + WORKER_OFFSET, workerId, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(offset + K0_OFFSET, k0, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(offset + K1_OFFSET, k1, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(offset + BEST_K_OFFSET, bestK, ByteOrder.LITTLE_ENDIAN);
        buffer.putDouble(offset + REVENUE_OFFSET, revenue, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Reads the layout at {@code offset} (the record's payload, as {@link #encode} wrote it).
     *
     * @param buffer holds the payload
     * @param offset where the payload starts
     * @return the record
     */
    public static PartialResult decode(DirectBuffer buffer, int offset) {
        return new PartialResult(buffer.getLong(offset + SLOT_OFFSET, ByteOrder.LITTLE_ENDIAN),
            buffer.getInt(offset + WORKER_OFFSET, ByteOrder.LITTLE_ENDIAN),
            buffer.getInt(offset + K0_OFFSET, ByteOrder.LITTLE_ENDIAN),
            buffer.getInt(offset + K1_OFFSET, ByteOrder.LITTLE_ENDIAN),
            buffer.getInt(offset + BEST_K_OFFSET, ByteOrder.LITTLE_ENDIAN),
            buffer.getDouble(offset + REVENUE_OFFSET, ByteOrder.LITTLE_ENDIAN));
    }
}
