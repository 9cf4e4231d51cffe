package org.v2g.ledger;

import java.util.function.Function;

/** Every {@link SlotLedger} implementation, for tests that run against each. */
enum LedgerKind {
    RING_BUFFER(RingBufferSlotLedger::open),
    SYNCHRONIZED(SynchronizedSlotLedger::open);

    private final Function<LedgerConfig, SlotLedger> opener;

    LedgerKind(Function<LedgerConfig, SlotLedger> opener) {
        this.opener = opener;
    }

    SlotLedger open(LedgerConfig config) {
        return opener.apply(config);
    }
}
