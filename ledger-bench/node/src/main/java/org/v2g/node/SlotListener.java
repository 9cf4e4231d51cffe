package org.v2g.node;

/** Told of each slot of a trading day once the node has run it (progress bars, extra records). */
@FunctionalInterface
public interface SlotListener {
    /** Does nothing. */
    SlotListener NONE = (slot, report) -> { };

    /**
     * Called once the node has run {@code slot}, final or not, before the next slot starts.
     *
     * @param slot   the day's slot
     * @param report what the node did with it
     */
    void onSettled(DaySlot slot, SlotReport report);
}
