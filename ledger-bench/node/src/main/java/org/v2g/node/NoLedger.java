package org.v2g.node;

import java.time.Duration;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.v2g.ledger.LedgerProducer;

/**
 * The producer of a node run without a ledger ({@code --no-ledger}): records are encoded, numbered
 * and dropped, so every other step (signature checks, nonces, votes) runs exactly as with a ledger.
 */
final class NoLedger implements LedgerProducer {
    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[64 * 1024]);
    private long next;

    @Override
    public int id() {
        return 0;
    }

    @Override
    public int tryClaim(int type, int length) {
        if (length > scratch.capacity()) {
            throw new IllegalArgumentException("record longer than " + scratch.capacity() + ": length=" + length);
        }
        return 0;
    }

    @Override
    public MutableDirectBuffer buffer() {
        return scratch;
    }

    @Override
    public long commit(int index) {
        return next++;
    }

    @Override
    public void abort(int index) {
    }

    @Override
    public long append(org.v2g.ledger.LedgerRecord record) {
        return tryAppend(record);
    }

    @Override
    public long append(int type, org.agrona.DirectBuffer payload, int offset, int length) {
        return tryAppend(type, payload, offset, length);
    }

    @Override
    public long fullCount() {
        return 0;
    }

    @Override
    public boolean isDurable(long sequence) {
        return false;
    }

    @Override
    public boolean awaitDurable(long sequence, Duration timeout) {
        return false;
    }
}
