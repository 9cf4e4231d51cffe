package org.v2g.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.v2g.ledger.LedgerVerifier;
import org.v2g.ledger.VerificationResult;

/**
 * Each benchmark of {@link LedgerAppendBenchmark} does what it claims: every offer counted as made reaches
 * the consumer exactly once with the record's fields intact, and the ledger's records verify.
 */
class LedgerAppendBenchmarkTest {
    static final int OFFERS = 50_000;
    final LedgerAppendBenchmark b = new LedgerAppendBenchmark();

    @Test
    void agronaDeliversEveryOfferMade() {
        LedgerAppendBenchmark.Agrona q = new LedgerAppendBenchmark.Agrona();
        q.setup();
        LedgerAppendBenchmark.OfferCounters c = offers(() -> b.agronaOffer(q, counters));
        q.tearDown();
        delivered(c, q.consumed, q.slotSum);
    }

    @Test
    void disruptorDeliversEveryOfferMade() {
        LedgerAppendBenchmark.Disruptor q = new LedgerAppendBenchmark.Disruptor();
        q.setup();
        LedgerAppendBenchmark.OfferCounters c = offers(() -> b.disruptorOffer(q, counters));
        q.tearDown();
        delivered(c, q.consumed, q.slotSum);
    }

    @Test
    void jctoolsDeliversEveryOfferMade() {
        LedgerAppendBenchmark.JcTools q = new LedgerAppendBenchmark.JcTools();
        q.setup();
        LedgerAppendBenchmark.OfferCounters c = offers(() -> b.jctoolsOffer(q, counters));
        q.tearDown();
        delivered(c, q.consumed, q.slotSum);
    }

    @Test
    void arrayBlockingQueueDeliversEveryOfferMade() {
        LedgerAppendBenchmark.Abq q = new LedgerAppendBenchmark.Abq();
        q.setup();
        LedgerAppendBenchmark.OfferCounters c = offers(() -> b.abqOffer(q, counters));
        q.tearDown();
        delivered(c, q.consumed, q.slotSum);
    }

    @Test
    void ledgerRingHoldsEveryOfferMadeAndVerifies() throws IOException {
        LedgerAppendBenchmark.LedgerRing l = new LedgerAppendBenchmark.LedgerRing();
        l.dir = "";
        l.setup();
        LedgerAppendBenchmark.RingProducer p = new LedgerAppendBenchmark.RingProducer();
        p.setup(l);
        LedgerAppendBenchmark.OfferCounters c = offers(() -> b.ledgerRingOffer(p, counters));
        l.ledger.flush();
        assertEquals(c.offersMade, l.ledger.durableRecordCount());
        VerificationResult r = LedgerVerifier.verify(l.directory, LedgerAppendBenchmark.SEALER.getPublic());
        assertTrue(r.ok(), r.message());
        assertEquals(c.offersMade, r.records());
        l.ledger.forEachRecord((seq, type, buffer, offset, length) -> assertEquals(LedgerAppendBenchmark.RECORD,
            org.v2g.ledger.Settlement.decode(buffer, offset)));
        l.tearDown();
    }

    @Test
    void sealedBatchIsDurableWhenItReturns() throws IOException {
        LedgerAppendBenchmark.LedgerSealed l = new LedgerAppendBenchmark.LedgerSealed();
        l.dir = "";
        l.setup();
        LedgerAppendBenchmark.SealedProducer p = new LedgerAppendBenchmark.SealedProducer();
        p.setup(l);
        assertEquals(LedgerAppendBenchmark.SEALED_BATCH - 1, b.sealedPerBlockSync(p));
        assertEquals(LedgerAppendBenchmark.SEALED_BATCH, l.ledger.durableRecordCount());
        assertEquals(2L * LedgerAppendBenchmark.SEALED_BATCH - 1, b.sealedPerBlockSync(p));
        assertEquals(2L * LedgerAppendBenchmark.SEALED_BATCH, l.ledger.durableRecordCount());
        VerificationResult r = LedgerVerifier.verify(l.directory, LedgerAppendBenchmark.SEALER.getPublic());
        assertTrue(r.ok(), r.message());
        l.tearDown();
    }

    // ---- helpers

    LedgerAppendBenchmark.OfferCounters counters;

    private LedgerAppendBenchmark.OfferCounters offers(Runnable offer) {
        counters = new LedgerAppendBenchmark.OfferCounters();
        counters.clear();
        for (int i = 0; i < OFFERS; i++) {
            offer.run();
        }
        assertEquals(OFFERS, counters.offersMade + counters.offersFailed);
        assertTrue(counters.offersMade > 0);
        return counters;
    }

    private static void delivered(LedgerAppendBenchmark.OfferCounters c, long consumed, long slotSum) {
        assertEquals(c.offersMade, consumed);
        assertEquals(c.offersMade * LedgerAppendBenchmark.RECORD.slot(), slotSum);
    }
}
