package org.v2g.node.internal;

import org.v2g.kernel.Market;
import org.v2g.ledger.SlotMarket;

/**
 * The kernel's {@link Market} and the ledger's {@link SlotMarket} record, field by field by name, in one
 * place (the ledger knows bytes, not the kernel's types).
 *
 * <p>Thread-safety: stateless.
 */
public final class MarketRecords {
    private MarketRecords() {
    }

    /** The record of {@code market} for {@code slot}. */
    public static SlotMarket record(long slot, Market market) {
        return new SlotMarket(slot, market.pRt(), market.wService(), market.wGrid(), market.pDelay(),
                market.eLimit(), market.delta(), market.pdMin(), market.pdMax(), market.epsilon(), market.e0(),
                market.socFloor(), market.socMin());
    }

    /** The market a record holds. */
    public static Market market(SlotMarket m) {
        return new Market(m.pRt(), m.wService(), m.wGrid(), m.pDelay(), m.eLimit(), m.delta(), m.pdMin(),
                m.pdMax(), m.epsilon(), m.e0(), m.socFloor(), m.socMin());
    }
}
