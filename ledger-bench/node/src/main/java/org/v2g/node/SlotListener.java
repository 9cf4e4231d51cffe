package org.v2g.node;

import java.util.List;
import org.v2g.kernel.SlotResult;

/** Told of each slot once it is solved and settled; a ledger records it from here. */
@FunctionalInterface
public interface SlotListener {
    /** Does nothing. */
    SlotListener NONE = (slot, present, result, settlements) -> { };

    /**
     * @param slot        the slot
     * @param present     positions in the day's fleet of the EVs that took part
     * @param result      the slot's answer, with dispatch
     * @param settlements one per EV that took part, in the order of {@code present}
     */
    void onSettled(DaySlot slot, int[] present, SlotResult result, List<Settlement> settlements);

    /** This listener, then {@code next}. */
    default SlotListener andThen(SlotListener next) {
        return (slot, present, result, settlements) -> {
            onSettled(slot, present, result, settlements);
            next.onSettled(slot, present, result, settlements);
        };
    }
}
