package org.v2g.node;

import java.io.UncheckedIOException;
import java.io.IOException;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.v2g.ledger.BlockHeader;
import org.v2g.ledger.LedgerProducer;
import org.v2g.ledger.LedgerRecord;
import org.v2g.ledger.RecordVisitor;
import org.v2g.ledger.RecoveryReport;
import org.v2g.ledger.SettlementProof;
import org.v2g.ledger.SlotLedger;

/** A real ledger whose producers fail (as a full disk would) once {@link #failAfter} more appends went through. */
final class FailingLedger implements SlotLedger {
    private final SlotLedger real;
    private final AtomicInteger budget = new AtomicInteger(Integer.MAX_VALUE);

    FailingLedger(SlotLedger real) {
        this.real = real;
    }

    /** From now on, the {@code n}-th append and every later one throw. */
    void failAfter(int n) {
        budget.set(n);
    }

    void heal() {
        budget.set(Integer.MAX_VALUE);
    }

    private void spend() {
        if (budget.getAndDecrement() <= 0) {
            budget.set(0);
            throw new UncheckedIOException("cannot write the ledger", new IOException("No space left on device"));
        }
    }

    @Override
    public LedgerProducer newProducer() {
        LedgerProducer p = real.newProducer();
        return new LedgerProducer() {
            @Override
            public int id() {
                return p.id();
            }

            @Override
            public int tryClaim(int type, int length) {
                return p.tryClaim(type, length);
            }

            @Override
            public MutableDirectBuffer buffer() {
                return p.buffer();
            }

            @Override
            public long commit(int index) {
                try {
                    spend();
                } catch (RuntimeException e) {
                    p.abort(index);
                    throw e;
                }
                return p.commit(index);
            }

            @Override
            public void abort(int index) {
                p.abort(index);
            }

            @Override
            public long append(LedgerRecord record) {
                spend();
                return p.append(record);
            }

            @Override
            public long append(int type, DirectBuffer payload, int offset, int length) {
                spend();
                return p.append(type, payload, offset, length);
            }

            @Override
            public long fullCount() {
                return p.fullCount();
            }

            @Override
            public boolean isDurable(long sequence) {
                return p.isDurable(sequence);
            }

            @Override
            public boolean awaitDurable(long sequence, Duration timeout) {
                return p.awaitDurable(sequence, timeout);
            }
        };
    }

    @Override
    public long durableRecordCount() {
        return real.durableRecordCount();
    }

    @Override
    public void flush() {
        real.flush();
    }

    @Override
    public List<BlockHeader> headers() {
        return real.headers();
    }

    @Override
    public void forEachRecord(RecordVisitor visitor) {
        real.forEachRecord(visitor);
    }

    @Override
    public Optional<SettlementProof> proof(String evId, long slot) {
        return real.proof(evId, slot);
    }

    @Override
    public RecoveryReport recovery() {
        return real.recovery();
    }

    @Override
    public PublicKey sealerKey() {
        return real.sealerKey();
    }

    @Override
    public void close() {
        real.close();
    }
}
