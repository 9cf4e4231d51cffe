package org.v2g.ledger;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The published durable state: per producer the highest durable producer sequence, the number of durable
 * records and blocks, and (ring-buffer ledger) the ring position covered. Written by one thread at a time,
 * read by any.
 */
final class Durability {
    /** What becomes durable when a written block is forced. */
    record Receipt(int blocks, long records, long ringPosition, int[] producers, long[] highs, boolean flush) {
    }

    private final AtomicLongArray producerDurable;
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong blocks = new AtomicLong();
    private final AtomicLong ringPosition = new AtomicLong();

    Durability(int maxProducers, long records, long blocks) {
        producerDurable = new AtomicLongArray(maxProducers);
        for (int i = 0; i < maxProducers; i++) {
            producerDurable.set(i, -1);
        }
        this.records.set(records);
        this.blocks.set(blocks);
    }

    /** Publishes a receipt; receipts must come in order. */
    void publish(Receipt r) {
        for (int i = 0; i < r.producers().length; i++) {
            producerDurable.setRelease(r.producers()[i], r.highs()[i]);
        }
        records.setRelease(r.records());
        blocks.setRelease(r.blocks());
        ringPosition.setRelease(Math.max(ringPosition.get(), r.ringPosition()));
    }

    boolean isDurable(int producer, long sequence) {
        return producerDurable.getAcquire(producer) >= sequence;
    }

    long records() {
        return records.getAcquire();
    }

    int blocks() {
        return (int) blocks.getAcquire();
    }

    long ringPosition() {
        return ringPosition.getAcquire();
    }
}
