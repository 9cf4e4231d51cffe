package org.v2g.node;

/** Told of each slot of a trading day once the node has run it (progress bars, extra records). */
@FunctionalInterface
public interface SlotListener {
    /** Does nothing. */
    SlotListener NONE = (slot, report) -> { };

    /**
     * @param slot   the day's slot
     * @param report what the node did with it
     */
    void onSettled(DaySlot slot, SlotReport report);
}
