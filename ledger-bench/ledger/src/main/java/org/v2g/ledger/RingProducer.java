package org.v2g.ledger;

import org.v2g.ledger.internal.FileHeaderDescriptor;
import org.v2g.ledger.internal.FrameDescriptor;
import org.v2g.ledger.internal.Sha256;

import static org.v2g.ledger.RingMessageDescriptor.LEAF_OFFSET;
import static org.v2g.ledger.RingMessageDescriptor.PRODUCER_ID_OFFSET;
import static org.v2g.ledger.RingMessageDescriptor.PRODUCER_SEQUENCE_OFFSET;

import java.nio.ByteOrder;
import java.security.DigestException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.v2g.kernel.InvalidInputException;

/**
 * The append hot path of {@link RingBufferSlotLedger}: claim room in the ring, write the ring header
 * ({@link RingMessageDescriptor}), let the caller write the payload in place, hash the record's Merkle
 * leaf (block format version 1 only; in version 2 the sealer hashes groups of records) and commit. When
 * the ring is full the producer does not spin: it hashes one Merkle subtree of the block being sealed
 * ({@link RingSealer#helpOnce}) or, if none is left and the drainer is starved, takes the drainer's step
 * itself ({@link RingDrainer#tryDrain}).
 *
 * <p>State it owns: its id, its next sequence number, the open claim, its full-ring count, its digest
 * and leaf scratch. Nothing on the hot path is shared with other producers but the ring itself.
 *
 * <p>Thread-safety: not thread-safe; one producer per thread ({@link LedgerProducer}).
 */
final class RingProducer implements LedgerProducer {
    private final int id;
    private final int maxPayloadLength;
    /** Version 1: the producer hashes its record's leaf into the message; version 2: no leaf. */
    private final boolean hashesLeaf;
    private final int payloadOffset;
    private final ManyToOneRingBuffer ring;
    private final UnsafeBuffer ringBuffer;
    private final RingLifecycle lifecycle;
    private final RingDrainer drainer;
    private final RingSealer sealer;
    private final Durability durability;
    private final IdleStrategy idle;
    private final MessageDigest digest = Sha256.newDigest();
    /** {@code 0x00 || len | type || payload}: the leaf's input, copied out of the ring in one piece. */
    private final byte[] leafInput;
    private final UnsafeBuffer leafInputBuffer;
    private final byte[] leaf = new byte[Sha256.LENGTH];
    /** Times the ring was full: written by this producer only, read by {@link RingBufferSlotLedger#ringFullCount()}. */
    private final AtomicLong full = new AtomicLong();
    private long next;
    private int claimIndex = -1;
    private int claimType;
    private int claimLength;

    RingProducer(int id, LedgerConfig config, ManyToOneRingBuffer ring, RingLifecycle lifecycle,
                 RingDrainer drainer, RingSealer sealer, Durability durability, int version) {
        this.id = id;
        this.hashesLeaf = version == FileHeaderDescriptor.VERSION_1;
        this.payloadOffset = RingMessageDescriptor.payloadOffset(version);
        this.maxPayloadLength = config.maxPayloadLength();
        this.ring = ring;
        this.ringBuffer = (UnsafeBuffer) ring.buffer();
        this.lifecycle = lifecycle;
        this.drainer = drainer;
        this.sealer = sealer;
        this.durability = durability;
        this.idle = config.fullRingIdle().get();
        this.leafInput = new byte[1 + FrameDescriptor.PAYLOAD_OFFSET + maxPayloadLength];
        this.leafInputBuffer = new UnsafeBuffer(leafInput);
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public int tryClaim(int type, int length) {
        RecordType.checkPayload(type, length, maxPayloadLength);
        if (claimIndex != -1) {
            throw new IllegalStateException("producer " + id + " already has an open claim at " + claimIndex);
        }
        lifecycle.checkUsable();
        int index = ring.tryClaim(type, payloadOffset + length);
        if (index == RingBuffer.INSUFFICIENT_CAPACITY) {
            full.lazySet(full.get() + 1); // one writer: no locked instruction on the hot path
            // the pipeline behind the ring is busy: rather than spin, take some of its work
            if (!sealer.helpOnce()) {
                drainer.tryDrain();
            }
            return RING_FULL;
        }
        ringBuffer.putInt(index + PRODUCER_ID_OFFSET, id, ByteOrder.LITTLE_ENDIAN);
        ringBuffer.putInt(index + PRODUCER_ID_OFFSET + Integer.BYTES, 0, ByteOrder.LITTLE_ENDIAN);
        ringBuffer.putLong(index + PRODUCER_SEQUENCE_OFFSET, next, ByteOrder.LITTLE_ENDIAN);
        claimIndex = index + payloadOffset;
        claimType = type;
        claimLength = length;
        return claimIndex;
    }

    @Override
    public MutableDirectBuffer buffer() {
        return ringBuffer;
    }

    @Override
    public long commit(int index) {
        checkClaim(index);
        int messageIndex = index - payloadOffset;
        if (hashesLeaf) {
            hashLeaf(index, messageIndex);
        }
        ring.commit(messageIndex);
        claimIndex = -1;
        return next++;
    }

    /** Version 1: {@code SHA-256(0x00 || frame)} of the claimed record, into the message's leaf field. */
    private void hashLeaf(int index, int messageIndex) {
        leafInput[0] = Sha256.LEAF_PREFIX;
        leafInputBuffer.putInt(1 + FrameDescriptor.LENGTH_OFFSET, claimLength, ByteOrder.LITTLE_ENDIAN);
        leafInputBuffer.putInt(1 + FrameDescriptor.TYPE_OFFSET, claimType, ByteOrder.LITTLE_ENDIAN);
        ringBuffer.getBytes(index, leafInput, 1 + FrameDescriptor.PAYLOAD_OFFSET, claimLength);
        digest.update(leafInput, 0, 1 + FrameDescriptor.PAYLOAD_OFFSET + claimLength);
        try {
            digest.digest(leaf, 0, leaf.length);
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
        ringBuffer.putBytes(messageIndex + LEAF_OFFSET, leaf);
    }

    @Override
    public void abort(int index) {
        checkClaim(index);
        ring.abort(index - payloadOffset);
        claimIndex = -1;
    }

    private void checkClaim(int index) {
        if (claimIndex == -1 || index != claimIndex) {
            throw new IllegalStateException("no open claim at index " + index + ": producer=" + id);
        }
    }

    @Override
    public long append(LedgerRecord record) {
        while (true) {
            long s = tryAppend(record);
            if (s != RING_FULL) {
                idle.reset();
                return s;
            }
            idle.idle();
        }
    }

    @Override
    public long append(int type, DirectBuffer payload, int offset, int length) {
        while (true) {
            long s = tryAppend(type, payload, offset, length);
            if (s != RING_FULL) {
                idle.reset();
                return s;
            }
            idle.idle();
        }
    }

    @Override
    public long fullCount() {
        return full.get();
    }

    @Override
    public boolean isDurable(long sequence) {
        return durability.isDurable(id, sequence);
    }

    @Override
    public boolean awaitDurable(long sequence, Duration timeout) {
        if (sequence >= next) {
            throw new InvalidInputException("sequence", "producer=" + id, sequence,
                "must be one this producer appended (next is " + next + ")");
        }
        if (isDurable(sequence)) {
            return true;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        drainer.requestFlush();
        IdleStrategy wait = new BackoffIdleStrategy(10, 10, 1_000, 200_000);
        while (!isDurable(sequence)) {
            lifecycle.throwIfFailed();
            if (lifecycle.stopped() && !isDurable(sequence)) {
                throw new IllegalStateException("ledger closed before record " + sequence + " of producer "
                    + id + " was durable (appended while closing)");
            }
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            wait.idle();
        }
        return true;
    }
}
