package org.v2g.ledger;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The published durable state: per producer the highest durable producer sequence, the number of durable
 * records and blocks, and (ring-buffer ledger) the ring position covered. Written by one thread at a time,
 * read by any.
 */
final class Durability {
    /** What becomes durable when a written block is forced. */
    record Receipt(int blocks, long records, long ringPosition, int[] producers, long[] highs, boolean flush) {
    }

    /**
     * One published state, replaced whole: a reader that sees a producer's record durable sees the count and
     * the blocks that hold it, and one that sees the count sees every producer's mark in it, in either
     * order of reads (separate fields, published one after the other, give only one of the two).
     */
    private record State(long records, long blocks, long ringPosition, long[] producerDurable) {
    }

    private final AtomicReference<State> state;

    Durability(int maxProducers, long records, long blocks) {
        long[] marks = new long[maxProducers];
        java.util.Arrays.fill(marks, -1);
        state = new AtomicReference<>(new State(records, blocks, 0, marks));
    }

    /** Publishes a receipt; receipts must come in order, from one thread at a time. */
    void publish(Receipt r) {
        State before = state.getPlain();
        long[] marks = before.producerDurable().clone();
        for (int i = 0; i < r.producers().length; i++) {
            marks[r.producers()[i]] = r.highs()[i];
        }
        state.setRelease(new State(r.records(), r.blocks(), Math.max(before.ringPosition(), r.ringPosition()), marks));
    }

    boolean isDurable(int producer, long sequence) {
        return state.getAcquire().producerDurable()[producer] >= sequence;
    }

    long records() {
        return state.getAcquire().records();
    }

    int blocks() {
        return (int) state.getAcquire().blocks();
    }

    long ringPosition() {
        return state.getAcquire().ringPosition();
    }
}
