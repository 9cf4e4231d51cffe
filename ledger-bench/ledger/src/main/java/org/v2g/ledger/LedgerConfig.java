package org.v2g.ledger;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.v2g.kernel.InvalidInputException;
import org.v2g.ledger.internal.BlockDescriptor;
import org.v2g.ledger.internal.FrameDescriptor;
import org.v2g.ledger.internal.SlotMarketDescriptor;

/**
 * How a ledger is opened. Start from {@link #of(Path, KeyPair)} and change what you need:
 * <pre>{@code
 * LedgerConfig c = LedgerConfig.of(dir, scpKeys).withMaxRecordsPerBlock(256).withSyncPolicy(SyncPolicy.everyBlocks(4));
 * }</pre>
 * Every step is checked, so shrink the payload before the ring ({@code withMaxPayloadLength(200)
 * .withRingCapacity(2048)}): a message must fit in an eighth of the ring. {@code maxRecordsPerBlock} and
 * {@code maxPayloadLength} bound a block; a new ledger writes that bound in its file, and an existing ledger
 * keeps the bound it was created with: opened with a larger one, its blocks hold at most as many records as
 * fit the file's bound at this {@code maxPayloadLength} ({@link #within}).
 *
 * @param directory          where the block file lives
 * @param sealerKeys         the sealing SCP's Ed25519 key pair; the public half is written in the file
 * @param ringCapacity       ring buffer bytes, a power of two (ring-buffer ledger only)
 * @param maxRecordsPerBlock a block is sealed when it holds this many records
 * @param maxBlockAge        ... or when its first record is this old (ring-buffer ledger only)
 * @param syncPolicy         when the file is forced
 * @param maxProducers       how many producers may be created
 * @param maxPayloadLength   largest payload of an application record
 * @param fullRingIdle       how a blocking append waits while the ring is full
 */
public record LedgerConfig(Path directory, KeyPair sealerKeys, int ringCapacity, int maxRecordsPerBlock,
                           Duration maxBlockAge, SyncPolicy syncPolicy, int maxProducers, int maxPayloadLength,
                           Supplier<IdleStrategy> fullRingIdle) {
    /** Records per block of {@link #of}. */
    public static final int DEFAULT_RECORDS_PER_BLOCK = 8192;

    /** Bytes of ledger header before each payload in the ring (see {@link RingMessageDescriptor}). */
    private static final int RING_OVERHEAD = RingMessageDescriptor.PAYLOAD_OFFSET + 8;

    /** Checks every field. */
    public LedgerConfig {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(sealerKeys, "sealerKeys");
        Objects.requireNonNull(maxBlockAge, "maxBlockAge");
        Objects.requireNonNull(syncPolicy, "syncPolicy");
        Objects.requireNonNull(fullRingIdle, "fullRingIdle");
        String ledger = "ledger=" + directory;
        if (Integer.bitCount(ringCapacity) != 1 || ringCapacity < 1024) {
            throw new InvalidInputException("ring_capacity", ledger, ringCapacity, "must be a power of two >= 1024");
        }
        if (maxRecordsPerBlock < 1) {
            throw new InvalidInputException("max_records_per_block", ledger, maxRecordsPerBlock, "must be >= 1");
        }
        if (maxProducers < 1) {
            throw new InvalidInputException("max_producers", ledger, maxProducers, "must be >= 1");
        }
        int minPayload = SlotMarketDescriptor.LENGTH;
        for (RecordType t : RecordType.values()) {
            minPayload = Math.max(minPayload, t.length());
        }
        if (maxPayloadLength < minPayload) {
            throw new InvalidInputException("max_payload_length", ledger, maxPayloadLength, "must be >= " + minPayload
                + " (the largest ledger record)");
        }
        if (RING_OVERHEAD + maxPayloadLength > ringCapacity / 8) {
            throw new InvalidInputException("max_payload_length", ledger, maxPayloadLength, "needs ring messages of "
                + (RING_OVERHEAD + maxPayloadLength) + " bytes, more than an eighth of ring_capacity=" + ringCapacity
                + " (" + (ringCapacity / 8) + " bytes)");
        }
        long block = BlockDescriptor.blockLength(0)
            + (long) maxRecordsPerBlock * (FrameDescriptor.PAYLOAD_OFFSET + maxPayloadLength);
        if (block > Integer.MAX_VALUE / 2) {
            throw new InvalidInputException("max_records_per_block", ledger, maxRecordsPerBlock, "with max_payload_length="
                + maxPayloadLength + " gives blocks of up to " + block + " bytes, more than 2^30: lower either");
        }
        if (maxBlockAge.isNegative() || maxBlockAge.isZero()) {
            throw new InvalidInputException("max_block_age", ledger, maxBlockAge, "must be > 0");
        }
    }

    /**
     * Defaults: 1 MiB ring, 8192 records or 5 ms per block, sync per block, 64 producers, 4 KiB payloads.
     * (8192 records a block: one Ed25519 signature and, with {@link SyncPolicy#perBlock()}, one force per
     * 8192 records at high rates; under about 1.6 M records/s the 5 ms age closes blocks first.)
     *
     * @param directory  where the block file lives (created if missing)
     * @param sealerKeys the sealing SCP's Ed25519 key pair
     * @return the configuration
     * @throws InvalidInputException naming the field when one is missing
     */
    public static LedgerConfig of(Path directory, KeyPair sealerKeys) {
        return new LedgerConfig(directory, sealerKeys, 1 << 20, DEFAULT_RECORDS_PER_BLOCK, Duration.ofMillis(5), SyncPolicy.perBlock(),
            64, 4096, () -> new BackoffIdleStrategy());
    }

    /** {@return the largest block this configuration writes; stored in the file header} */
    public int maxBlockLength() {
        return BlockDescriptor.blockLength(maxRecordsPerBlock * (FrameDescriptor.PAYLOAD_OFFSET + maxPayloadLength));
    }

    /**
     * This configuration for a ledger whose file bounds a block at {@code fileMaxBlockLength} bytes: the same,
     * with at most as many records per block as fit that bound at {@link #maxPayloadLength()}.
     *
     * @throws InvalidInputException ({@code max_block_length}) if not one record of the largest payload fits
     */
    LedgerConfig within(int fileMaxBlockLength) {
        if (fileMaxBlockLength >= maxBlockLength()) {
            return this;
        }
        int fitting = (fileMaxBlockLength - BlockDescriptor.blockLength(0)) / (FrameDescriptor.PAYLOAD_OFFSET + maxPayloadLength);
        if (fitting < 1) {
            throw new InvalidInputException("max_block_length", "ledger=" + directory, maxBlockLength(), "must allow one"
                + " record of max_payload_length=" + maxPayloadLength + " within the ledger's own block bound of "
                + fileMaxBlockLength + " bytes (set when it was created): lower max_payload_length");
        }
        return withMaxRecordsPerBlock(fitting);
    }

    /** Bytes to allocate for the ring, including Agrona's trailer. */
    int ringBufferLength() {
        return ringCapacity + RingBufferDescriptor.TRAILER_LENGTH;
    }

    /**
     * A copy for another directory.
     *
     * @param v the directory
     * @return the copy; checked as the constructor checks
     */
    public LedgerConfig withDirectory(Path v) {
        return new LedgerConfig(v, sealerKeys, ringCapacity, maxRecordsPerBlock, maxBlockAge, syncPolicy, maxProducers,
            maxPayloadLength, fullRingIdle);
    }

    /**
     * A copy with another ring capacity (bytes, a power of two).
     *
     * @param v ring capacity, bytes, a power of two
     * @return the copy; checked as the constructor checks
     */
    public LedgerConfig withRingCapacity(int v) {
        return new LedgerConfig(directory, sealerKeys, v, maxRecordsPerBlock, maxBlockAge, syncPolicy, maxProducers,
            maxPayloadLength, fullRingIdle);
    }

    /**
     * A copy with another block size in records.
     *
     * @param v records per block, at most
     * @return the copy; checked as the constructor checks
     */
    public LedgerConfig withMaxRecordsPerBlock(int v) {
        return new LedgerConfig(directory, sealerKeys, ringCapacity, v, maxBlockAge, syncPolicy, maxProducers,
            maxPayloadLength, fullRingIdle);
    }

    /**
     * A copy with another maximum age of an open block.
     *
     * @param v how long a block may stay open
     * @return the copy; checked as the constructor checks
     */
    public LedgerConfig withMaxBlockAge(Duration v) {
        return new LedgerConfig(directory, sealerKeys, ringCapacity, maxRecordsPerBlock, v, syncPolicy, maxProducers,
            maxPayloadLength, fullRingIdle);
    }

    /**
     * A copy with another sync policy.
     *
     * @param v when blocks are forced to the file
     * @return the copy; checked as the constructor checks
     */
    public LedgerConfig withSyncPolicy(SyncPolicy v) {
        return new LedgerConfig(directory, sealerKeys, ringCapacity, maxRecordsPerBlock, maxBlockAge, v, maxProducers,
            maxPayloadLength, fullRingIdle);
    }

    /**
     * A copy with another producer limit.
     *
     * @param v producers, at most
     * @return the copy; checked as the constructor checks
     */
    public LedgerConfig withMaxProducers(int v) {
        return new LedgerConfig(directory, sealerKeys, ringCapacity, maxRecordsPerBlock, maxBlockAge, syncPolicy, v,
            maxPayloadLength, fullRingIdle);
    }

    /**
     * A copy with another largest application payload.
     *
     * @param v largest application payload, bytes
     * @return the copy; checked as the constructor checks
     */
    public LedgerConfig withMaxPayloadLength(int v) {
        return new LedgerConfig(directory, sealerKeys, ringCapacity, maxRecordsPerBlock, maxBlockAge, syncPolicy,
            maxProducers, v, fullRingIdle);
    }

    /**
     * A copy with another wait strategy for a full ring.
     *
     * @param v how a producer waits while the ring is full
     * @return the copy; checked as the constructor checks
     */
    public LedgerConfig withFullRingIdle(Supplier<IdleStrategy> v) {
        return new LedgerConfig(directory, sealerKeys, ringCapacity, maxRecordsPerBlock, maxBlockAge, syncPolicy,
            maxProducers, maxPayloadLength, v);
    }
}
