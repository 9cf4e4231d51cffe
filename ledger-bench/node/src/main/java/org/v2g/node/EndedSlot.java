package org.v2g.node;

import java.util.List;
import org.v2g.ledger.Settlement;
import org.v2g.ledger.SlotClose;
import org.v2g.ledger.SlotMarket;
import org.v2g.ledger.SlotSolution;

/**
 * A slot as the ledger holds it once it ended: its market, how it closed, the solution it closed with
 * (the winner when final, the proposal without a quorum) and its settlements (empty without a quorum).
 * The live node reports it and a restarted node reads it back; both give the same value.
 *
 * @param market      the slot's oracle data
 * @param close       how the slot ended ({@link SlotClose#endsSlot()} is true)
 * @param solution    the solution named by {@code close}
 * @param settlements one per EV that took part, in fleet order; empty without a quorum
 */
public record EndedSlot(SlotMarket market, SlotClose close, SlotSolution solution, List<Settlement> settlements) {
    /** Copies {@code settlements}. */
    public EndedSlot {
        settlements = List.copyOf(settlements);
    }

    /** {@return the slot number} */
    public long slot() {
        return close.slot();
    }

    /** {@return whether a quorum signed the solution and the slot was settled} */
    public boolean isFinal() {
        return close.outcome() == SlotClose.Outcome.FINAL;
    }
}
