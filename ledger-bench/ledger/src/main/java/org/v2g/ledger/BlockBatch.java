package org.v2g.ledger;

import static org.v2g.ledger.RingMessageDescriptor.LEAF_OFFSET;
import static org.v2g.ledger.RingMessageDescriptor.PRODUCER_ID_OFFSET;
import static org.v2g.ledger.RingMessageDescriptor.PRODUCER_SEQUENCE_OFFSET;

import java.nio.ByteOrder;
import java.util.Arrays;

import org.agrona.MutableDirectBuffer;

/**
 * One block on its way from the drainer to the sealer of {@link RingBufferSlotLedger}: the frames and
 * leaves, each producer's highest sequence in it, the ring position it covers and whether someone waits
 * for it. A batch with no records only carries a flush through the pipeline in order; {@link #stop} ends
 * it. {@link RingBufferSlotLedger#BLOCKS_IN_FLIGHT} of them circulate: the drainer fills one, the sealer
 * seals it and gives it back.
 *
 * <p>Thread-safety: not thread-safe; one owner at a time, handed over through the pipeline's queues.
 */
final class BlockBatch {
    final BlockBuilder builder;
    /** Where the payload starts in a ring message: after the leaf in version 1, without one in version 2. */
    private final int payloadOffset;
    private final long[] high;
    private final int[] touched;
    private int touchedCount;
    long startNanos;
    long ringPosition;
    boolean flush;
    boolean stop;

    BlockBatch(int maxProducers, int version) {
        builder = new BlockBuilder(version);
        payloadOffset = RingMessageDescriptor.payloadOffset(version);
        high = new long[maxProducers];
        touched = new int[maxProducers];
        Arrays.fill(high, -1);
    }

    /** Adds the ring message at {@code index} ({@link RingMessageDescriptor}): its frame, leaf (version 1) and sequence. */
    void add(int type, MutableDirectBuffer buffer, int index, int length) {
        int producer = buffer.getInt(index + PRODUCER_ID_OFFSET, ByteOrder.LITTLE_ENDIAN);
        if (builder.count() == 0) {
            startNanos = System.nanoTime();
        }
        builder.add(type, buffer, index + payloadOffset, length - payloadOffset, buffer, index + LEAF_OFFSET);
        if (high[producer] < 0) {
            touched[touchedCount++] = producer;
        }
        high[producer] = buffer.getLong(index + PRODUCER_SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /** The receipt of this batch once its block is written ({@code blocks}, {@code records} after it). */
    Durability.Receipt receipt(int blocks, long records) {
        int[] ids = Arrays.copyOf(touched, touchedCount);
        long[] highs = new long[touchedCount];
        for (int i = 0; i < touchedCount; i++) {
            highs[i] = high[ids[i]];
        }
        return new Durability.Receipt(blocks, records, ringPosition, ids, highs, flush);
    }

    void reset() {
        builder.reset();
        for (int i = 0; i < touchedCount; i++) {
            high[touched[i]] = -1;
        }
        touchedCount = 0;
        flush = false;
        stop = false;
    }
}
